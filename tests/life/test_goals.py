"""Goals and their steps: progress and ordering, the commands, ideas added by one command,
and bad input refused in one line with nothing written."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from recovery_cli.life import goals, ideas
from recovery_cli.life.goals import Goal, Step
from tests.conftest import Run

DAY = date(2026, 12, 2)


def goal(title: str, by: date | None = None, steps: int = 0, done: int = 0) -> Goal:
    made = [Step(f"step {n}", DAY if n <= done else None) for n in range(1, steps + 1)]
    return Goal(title, DAY, by=by, steps=made)


def test_progress_is_the_share_of_steps_done_and_whole_when_reached() -> None:
    assert goal("a").progress == 0.0
    assert goal("a", steps=4, done=1).progress == 0.25
    reached = goal("a", steps=4, done=1)
    reached.done = DAY
    assert reached.progress == 1.0
    assert reached.next_step is None


def test_the_next_step_is_the_first_not_done() -> None:
    found = goal("a", steps=3)
    found.steps[0].done = DAY
    found.steps[2].done = DAY
    assert found.next_step is found.steps[1]


def test_goals_are_ordered_nearest_target_first_and_reached_ones_last() -> None:
    later = goal("later", by=date(2027, 3, 1), steps=1)
    sooner = goal("sooner", by=date(2027, 1, 1), steps=1)
    undated = goal("undated", steps=1)
    reached = goal("reached", by=date(2026, 12, 1))
    reached.done = DAY
    shown = goals.ordered([undated, reached, later, sooner])
    assert [g.title for g in shown] == ["sooner", "later", "undated", "reached"]
    nearest = goals.nearest_next_step([undated, later, sooner])
    assert nearest is not None
    assert nearest[0] is sooner


def test_steps_done_in_a_period_are_listed_oldest_first() -> None:
    first = Goal("CV", DAY, steps=[Step("old file", date(2026, 11, 3)), Step("ask Jo", DAY)])
    second = Goal("Budget", DAY, steps=[Step("a week", date(2026, 11, 20)), Step("later")])
    found = goals.steps_done_between([first, second], date(2026, 11, 10), DAY)
    assert [(s.goal, s.step) for s in found] == [("Budget", "a week"), ("CV", "ask Jo")]


def test_goals_with_steps_through_the_commands(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(DAY)
    added = [("Update my CV", "work", "2027-01-15"), ("Walk", "health", "2026-12-20")]
    for title, area, by in added:
        assert set_up("goals", "add", title, "--area", area, "--by", by).exit_code == 0
    for text in ("Find the old file", "Add the course", "Ask Jo to read it"):
        assert set_up("goals", "step", "add", "update my cv", text).exit_code == 0
    done = set_up("goals", "step", "done", "Update my CV", "1")
    assert done.exit_code == 0
    assert "Next: Add the course" in done.output
    listed = set_up("goals")
    assert listed.exit_code == 0, listed.output
    assert listed.output.index("Walk") < listed.output.index("Update my CV")
    assert "███░░░░░░░ 1 of 3 steps" in listed.output
    assert listed.output.index("Next: 2. Add the course") < listed.output.index("1. Find")
    data = json.loads(set_up("goals", "--json").output)
    cv = data[1]
    assert (cv["title"], cv["progress"], cv["next_step"]) == ("Update my CV", 0.33, 2)
    assert cv["steps"][0]["done"] == "2026-12-02"
    assert set_up("goals", "done", "2").exit_code == 0
    assert json.loads(set_up("goals", "list", "--json").output)[1]["done"] == "2026-12-02"


def test_edit_and_remove(set_up: Run) -> None:
    assert set_up("goals", "add", "Budget", "--by", "2027-01-01").exit_code == 0
    changed = set_up("goals", "edit", "budget", "--title", "A budget", "--area", "money")
    assert changed.exit_code == 0, changed.output
    data = json.loads(set_up("goals", "--json").output)
    assert (data[0]["title"], data[0]["area"], data[0]["by"]) == ("A budget", "money", "2027-01-01")
    assert set_up("goals", "edit", "1", "--by", "none").exit_code == 0
    assert json.loads(set_up("goals", "--json").output)[0]["by"] is None
    assert set_up("goals", "remove", "A budget").exit_code == 0
    assert json.loads(set_up("goals", "--json").output) == []


def test_an_idea_becomes_a_goal_with_one_command(set_up: Run) -> None:
    shown = set_up("goals", "ideas", "money")
    assert shown.exit_code == 0
    assert ideas.IDEAS["money"][0] in shown.output
    added = set_up("goals", "ideas", "money", "--add", "1")
    assert added.exit_code == 0, added.output
    data = json.loads(set_up("goals", "--json").output)
    assert [(g["title"], g["area"]) for g in data] == [(ideas.IDEAS["money"][0], "money")]


def test_every_area_has_ideas() -> None:
    assert set(ideas.IDEAS) == set(goals.AREAS)
    assert all(ideas.ideas_for(area) for area in goals.AREAS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("goals", "step", "done", "Budget", "3"), "'Budget' has no step 3; it has only step 1"),
        (("goals", "step", "add", "Savings", "x"), "no goal called 'Savings'; your goals are"),
        (("goals", "done", "Savings"), "no goal called 'Savings'; your goals are 'Budget'"),
        (("goals", "add", "x" * 10_000), "title must be at most 200 characters, got 10000"),
        (("goals", "add", "budget"), "there is already a goal called 'budget'"),
        (("goals", "add", "Rent", "--area", "fun"), "area must be one of work, education"),
        (("goals", "add", "Rent", "--by", "someday"), "could not read 'someday' as a date"),
        (("goals", "ideas", "money", "--add", "99"), "there is no idea 99 for money"),
        (("goals", "ideas", "--add", "1"), "please name the idea's area"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    set_up: Run, home: Path, args: tuple[str, ...], message: str
) -> None:
    assert set_up("goals", "add", "Budget").exit_code == 0
    assert set_up("goals", "step", "add", "Budget", "Write down a week").exit_code == 0
    before = (home / "goals.toml").read_bytes()
    result = set_up(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (home / "goals.toml").read_bytes() == before
