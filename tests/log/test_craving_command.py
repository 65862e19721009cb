"""`recovery craving`: by flags, by the guided urge-surf, and read back."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from recovery_cli.commands import session as common
from recovery_cli.log.logbook import CRAVINGS_FILE, Craving, add_craving, load_cravings
from recovery_cli.plan.plan import CopingStrategy, Plan, load_plan, save_plan
from recovery_cli.store.files import Store
from tests.conftest import Run


@pytest.fixture
def logged(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    frozen_today(date(2026, 3, 20))
    return set_up


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "is_interactive", lambda: True)


def test_flags_record_one_craving(logged: Run, store: Store) -> None:
    result = logged(
        "craving", "--intensity", "8", "--trigger", "payday", "--coped", "walk",
        "--coped", "called Jo", "--after", "3", "--minutes", "20", "--note", "in town",
        "--at", "09:15",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "came down from 8 to 3" in result.stdout
    (craving,) = load_cravings(store)
    assert craving.at.isoformat() == "2026-03-20T09:15:00-04:00"
    assert (craving.intensity, craving.after, craving.minutes) == (8, 3, 20)
    assert (craving.trigger, craving.coped, craving.note) == (
        "payday",
        ["walk", "called Jo"],
        "in town",
    )
    assert craving.used is False
    listed = json.loads(logged("craving", "list", "--json").stdout)
    assert listed == [craving.to_dict()]
    assert "payday" in logged("craving", "list").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--intensity", "11"], "error: intensity must be a number from 0 to 10, got '11'"),
        (["--intensity", "-1"], "error: intensity must be a number from 0 to 10, got '-1'"),
        (
            ["--intensity", "5", "--after", "11"],
            "error: after must be a number from 0 to 10, got '11'",
        ),
        (
            ["--intensity", "5", "--minutes", "-5"],
            "error: minutes must be a number from 0 to 1440, got '-5'",
        ),
        (
            ["--intensity", "5", "--minutes", "2000"],
            "error: minutes must be a number from 0 to 1440, got '2000'",
        ),
        (["--intensity", "5", "--at", "23:59"], "error: a craving cannot be recorded for a time"),
        (["--intensity", "5", "--at", "soon"], "error: could not read 'soon'"),
        (["--intensity", "5", "--reset-clean-date"], "error: --reset-clean-date goes with"),
        (["--after", "3"], "error: --intensity is needed"),
    ],
)
def test_mistakes_explain_and_write_nothing(
    logged: Run, store: Store, args: list[str], message: str
) -> None:
    result = logged("craving", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert not store.exists(CRAVINGS_FILE)


def test_a_craving_with_use_meets_the_lapse_response(logged: Run) -> None:
    result = logged("craving", "--intensity", "9", "--used")
    assert result.exit_code == 0, result.output
    assert "tolerance is lower" in result.stdout
    assert "call 911" in result.stdout


def plan_with_strategies(store: Store) -> None:
    with store.transaction():
        save_plan(
            store,
            Plan(
                reasons=["my daughter"],
                coping=[CopingStrategy("walk", steps="out of the door"), CopingStrategy("tea")],
            ),
        )


def test_the_urge_surf_records_before_and_after(logged: Run, store: Store, terminal: None) -> None:
    plan_with_strategies(store)
    answers = ["8", "a [red]row[/red]", "", "4", "1, music"]  # "" is Enter ending the timer
    result = logged("craving", "--minutes", "5", input="\n".join(answers) + "\ny\nn\n")
    assert result.exit_code == 0, result.output
    assert "my daughter" in result.stdout
    assert "walk: out of the door" in result.stdout
    assert "came down from 8 to 4" in result.stdout
    (craving,) = load_cravings(store)
    assert (craving.intensity, craving.after) == (8, 4)
    assert craving.trigger == "a [red]row[/red]"
    assert craving.coped == ["walk", "music"]
    assert craving.minutes is not None
    assert 0 <= craving.minutes <= 5
    assert [t.name for t in load_plan(store).triggers] == ["a [red]row[/red]"]
    assert [c.name for c in load_plan(store).coping] == ["walk", "tea"]


def test_the_urge_surf_lists_the_most_helpful_strategy_first(
    logged: Run, store: Store, terminal: None
) -> None:
    plan_with_strategies(store)
    with store.transaction():
        add_craving(store, Craving(datetime(2026, 3, 1, 9).astimezone(), 8, coped=["tea"], after=1))
    result = logged("craving", input="8\n\n\n4\n\n")
    assert result.stdout.index("  - tea") < result.stdout.index("  - walk")


def test_stopping_the_urge_surf_keeps_what_was_entered(
    logged: Run, store: Store, terminal: None
) -> None:
    plan_with_strategies(store)
    result = logged("craving", input="7\n")  # input ends: the same as Ctrl-C at a prompt
    assert result.exit_code == 0, result.output
    assert "saving what you entered" in result.stdout
    (craving,) = load_cravings(store)
    assert (craving.intensity, craving.after) == (7, None)


def test_stopping_before_the_first_answer_saves_nothing(
    logged: Run, store: Store, terminal: None
) -> None:
    result = logged("craving", input="")
    assert "nothing was saved" in result.stdout
    assert load_cravings(store) == []


def test_cravings_stay_in_time_order(store: Store, home: Path) -> None:
    times = [datetime.fromisoformat(f"2026-03-{d}T10:00:00+00:00") for d in (12, 10, 11)]
    with store.transaction():
        for at in times:
            add_craving(store, Craving(at, 5))
    assert [c.at.day for c in load_cravings(store)] == [10, 11, 12]
