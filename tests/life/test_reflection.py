"""The evening reflection: kept one a day, asked on a terminal, offered by the dashboard in
the evening, and kept out of every summary and export unless included."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, time
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from recovery_cli.commands.life import reflect
from tests.conftest import Run

DAY = date(2026, 12, 2)
PRIVATE = ("Called my sister", "Say sorry to Jo", "morning tea")


@pytest.fixture
def reflected(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    frozen_today(DAY, time(21, 0))
    result = set_up(
        "reflect",
        "--went-well",
        PRIVATE[0],
        "--put-right",
        PRIVATE[1],
        "--grateful",
        PRIVATE[2],
        "--grateful",
        "my dog",
    )
    assert result.exit_code == 0, result.output
    return set_up


def test_a_second_reflection_of_the_day_updates_it(reflected: Run, home: Path) -> None:
    assert reflected("reflect", "--went-well", "A walk by the river").exit_code == 0
    data = json.loads(reflected("reflect", "list", "--json").output)
    assert len(data) == 1
    assert data[0]["went_well"] == "A walk by the river"
    assert (data[0]["put_right"], data[0]["grateful"]) == (PRIVATE[1], [PRIVATE[2], "my dog"])
    assert len((home / "reflections.jsonl").read_text().splitlines()) == 3  # header, two lines


def test_list_since(reflected: Run) -> None:
    earlier = reflected("reflect", "--date", "2026-11-20", "--went-well", "a meeting")
    assert earlier.exit_code == 0
    shown = reflected("reflect", "list", "--since", "2026-11-25")
    assert shown.exit_code == 0
    assert PRIVATE[0] in shown.output
    assert "a meeting" not in shown.output
    every = json.loads(reflected("reflect", "list", "--json").output)
    assert [r["date"] for r in every] == ["2026-11-20", "2026-12-02"]


def test_on_a_terminal_it_asks_and_every_question_may_be_left_blank(
    set_up: Run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reflect, "is_interactive", lambda: True)
    asked = set_up("reflect", input="Went to group\n\nsun\nsoup\n\n")
    assert asked.exit_code == 0, asked.output
    assert "What went well today?" in asked.output
    data = json.loads(set_up("reflect", "list", "--json").output)
    assert (data[0]["went_well"], data[0]["put_right"]) == ("Went to group", "")
    assert data[0]["grateful"] == ["sun", "soup"]
    blank = set_up("reflect", input="\n\n\n")
    assert blank.exit_code == 0
    assert "Nothing kept" in blank.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reflect",), "nothing to keep; give --went-well, --put-right or --grateful"),
        (("reflect", "--date", "tomorrow", "--went-well", "x"), "could not read 'tomorrow'"),
        (("reflect", "--date", "2026-12-09", "--went-well", "x"), "a day that has been"),
        (("reflect", "--went-well", "x" * 5000), "went well must be at most 1000 characters"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    reflected: Run, home: Path, args: tuple[str, ...], message: str
) -> None:
    before = (home / "reflections.jsonl").read_bytes()
    result = reflected(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (home / "reflections.jsonl").read_bytes() == before


@pytest.mark.parametrize("format_name", ["markdown", "html", "json", "csv"])
def test_reflections_stay_out_of_every_export_unless_included(
    reflected: Run, format_name: str
) -> None:
    private = reflected("export", "--format", format_name)
    assert private.exit_code == 0, private.output
    assert not any(text in private.stdout for text in PRIVATE)
    assert "reflection" not in private.stdout.lower()
    assert "went_well" not in private.stdout
    included = reflected("export", "--format", format_name, "--include", "reflections")
    assert included.exit_code == 0, included.output
    assert all(text in included.stdout for text in PRIVATE)


def test_the_summary_shows_reflections_only_when_included(reflected: Run) -> None:
    assert PRIVATE[0] not in reflected("summary").output
    shown = reflected("summary", "--include", "reflections")
    assert "Evening reflections" in shown.output
    assert PRIVATE[1] in shown.output
    unknown = reflected("summary", "--include", "diary")
    assert unknown.exit_code == 2


def test_included_reflections_and_steps_done_fit_the_schema_and_the_csv(
    reflected: Run,
) -> None:
    assert reflected("goals", "add", "Budget").exit_code == 0
    assert reflected("goals", "step", "add", "Budget", "A week of spending").exit_code == 0
    assert reflected("goals", "step", "done", "Budget", "1").exit_code == 0
    data = json.loads(reflected("export", "--format", "json", "--include", "reflections").stdout)
    schema = json.loads(
        files("recovery_cli").joinpath("schemas/export.schema.json").read_text("utf-8")
    )
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["steps_done"] == [
        {"date": "2026-12-02", "goal": "Budget", "step": "A week of spending"}
    ]
    assert data["reflections"][0]["grateful"] == [PRIVATE[2], "my dog"]
    rows = list(csv.DictReader(io.StringIO(reflected("export", "--format", "csv").stdout)))
    assert rows[-1]["steps_done"] == "Budget: A week of spending"
    assert "went_well" not in rows[-1]
    markdown = reflected("export", "--format", "markdown").stdout
    assert "## Steps toward goals" in markdown
    assert "A week of spending" in markdown


def test_the_dashboard_offers_the_reflection_in_the_evening_if_not_done(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(DAY, time(17, 30))
    assert "recovery reflect" not in set_up().output
    frozen_today(DAY, time(19, 0))
    evening = set_up()
    assert "This evening, a few quiet minutes with recovery reflect" in evening.output
    assert json.loads(set_up("status", "--json").output)["offer_reflection"] is True
    assert set_up("reflect", "--grateful", "a quiet evening").exit_code == 0
    assert "recovery reflect" not in set_up().output
    assert set_up("reflect", "--date", "yesterday", "--went-well", "late entry").exit_code == 0
    assert "recovery reflect" not in set_up().output


def test_the_dashboard_shows_the_next_step_of_the_nearest_goal(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(DAY)
    assert set_up("goals", "add", "Budget", "--by", "2027-02-01").exit_code == 0
    assert set_up("goals", "add", "Update my CV", "--by", "2026-12-20").exit_code == 0
    assert set_up("goals", "step", "add", "Budget", "A week of spending").exit_code == 0
    assert set_up("goals", "step", "add", "Update my CV", "Find the old file").exit_code == 0
    shown = set_up()
    assert "Next step toward Update my CV: Find the old file" in shown.output
    assert json.loads(set_up("status", "--json").output)["next_step"] == {
        "goal": "Update my CV",
        "step": "Find the old file",
        "by": "2026-12-20",
    }
    assert set_up("goals", "step", "done", "Update my CV", "1").exit_code == 0
    assert "Next step toward Budget: A week of spending" in set_up().output
