"""`recovery log`: recording by flags and by questions, updating a day, reading back."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from recovery_cli.commands import session as common
from recovery_cli.log.logbook import CHECKINS_FILE, CheckIn, load_checkins
from recovery_cli.plan.plan import CopingStrategy, Plan, Trigger, load_plan, save_plan
from recovery_cli.store.files import Store
from tests.conftest import Run

TODAY = date(2026, 3, 20)


@pytest.fixture
def logged(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    frozen_today(TODAY)
    return set_up


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "is_interactive", lambda: True)


def listed(run: Run, *args: str) -> list[dict[str, object]]:
    result = run("log", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    parsed: list[dict[str, object]] = json.loads(result.stdout)
    return parsed


def test_done_when_example_round_trips(logged: Run) -> None:
    result = logged(
        "log", "--mood", "6", "--craving", "3", "--sleep", "7", "--trigger", "stress",
        "--coped", "called sponsor",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert listed(logged) == [
        {
            "date": "2026-03-20",
            "mood": 6,
            "craving": 3,
            "sleep": 7.0,
            "triggers": ["stress"],
            "coped": ["called sponsor"],
            "used": False,
            "note": "",
        }
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mood", "11"], "error: mood must be a number from 1 to 10, got '11'"),
        (["--mood", "0"], "error: mood must be a number from 1 to 10, got '0'"),
        (["--craving", "11"], "error: craving must be a number from 0 to 10, got '11'"),
        (["--craving", "-1"], "error: craving must be a number from 0 to 10, got '-1'"),
        (["--sleep", "25"], "error: sleep must be a number from 0 to 24, got '25'"),
        (["--sleep", "-1"], "error: sleep must be a number from 0 to 24, got '-1'"),
        (["--sleep", "7.3"], "error: sleep is counted in half hours, got 7.3"),
        (["--mood", "5", "--date", "tomorrowish"], "error: could not read"),
        (["--mood", "5", "--date", "2026-03-21"], "error: a check-in cannot be for a day"),
        (["--mood", "5", "--reset-clean-date"], "error: --reset-clean-date goes with --used"),
        ([], "error: nothing to record"),
    ],
)
def test_mistakes_explain_and_write_nothing(
    logged: Run, store: Store, args: list[str], message: str
) -> None:
    result = logged("log", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output
    assert not store.exists(CHECKINS_FILE)


@pytest.mark.parametrize(
    "args",
    [["--colour", "blue"], ["--mood"]],
)
def test_usage_mistakes_exit_2_and_write_nothing(
    logged: Run, store: Store, args: list[str]
) -> None:
    result = logged("log", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert not store.exists(CHECKINS_FILE)


def test_a_value_left_out_is_none_and_used_defaults_to_no(logged: Run) -> None:
    assert logged("log", "--note", "quiet day").exit_code == 0
    (entry,) = listed(logged)
    assert entry["mood"] is None
    assert entry["craving"] is None
    assert entry["sleep"] is None
    assert entry["used"] is False


def test_updating_a_day_keeps_other_values_and_shows_what_changed(logged: Run) -> None:
    logged("log", "--mood", "6", "--craving", "3", "--trigger", "stress")
    result = logged("log", "--mood", "8", "--trigger", "Stress", "--trigger", "payday")
    assert result.exit_code == 0, result.output
    assert "Updated your check-in for Friday 20 March 2026" in result.stdout
    assert "mood: 6 -> 8" in result.stdout
    assert "triggers: stress -> stress, payday" in result.stdout
    assert "craving" not in result.stdout
    (entry,) = listed(logged)
    assert (entry["mood"], entry["craving"], entry["triggers"]) == (8, 3, ["stress", "payday"])


def test_logging_the_same_again_changes_nothing(logged: Run) -> None:
    logged("log", "--mood", "6")
    result = logged("log", "--mood", "6")
    assert "nothing changed" in result.stdout


def test_days_are_kept_in_order_and_filtered(logged: Run) -> None:
    for day in ("2026-03-18", "2026-03-10", "2026-03-19"):
        assert logged("log", "--date", day, "--mood", "5").exit_code == 0
    assert [e["date"] for e in listed(logged)] == ["2026-03-10", "2026-03-18", "2026-03-19"]
    dates = [e["date"] for e in listed(logged, "--since", "2026-03-15", "--until", "2026-03-18")]
    assert dates == ["2026-03-18"]


def test_list_shows_a_table_with_sparklines(logged: Run) -> None:
    logged("log", "--date", "yesterday", "--mood", "1", "--craving", "10")
    logged("log", "--mood", "10", "--craving", "0", "--note", "a good day")
    result = logged("log", "list", "--since", "3d")
    assert result.exit_code == 0, result.output
    assert "mood     ··▁█" in result.stdout
    assert "craving  ··█▁" in result.stdout
    assert "a good day" in result.stdout


def test_show_and_delete(logged: Run, store: Store) -> None:
    logged("log", "--mood", "4", "--note", "long\nnote")
    shown = logged("log", "show", "today")
    assert "Friday 20 March 2026" in shown.stdout
    assert "mood: 4" in shown.stdout
    refused = logged("log", "delete", "today")
    assert refused.exit_code == 1
    assert "--yes" in refused.stderr
    assert logged("log", "delete", "today", "--yes").exit_code == 0
    assert load_checkins(store) == []
    assert logged("log", "show", "today").stderr.startswith("error: there is no check-in")


def test_delete_asks_first_on_a_terminal(logged: Run, store: Store, terminal: None) -> None:
    logged("log", "--mood", "4")
    kept = logged("log", "delete", "today", input="n\n")
    assert "Nothing was deleted" in kept.stdout
    assert len(load_checkins(store)) == 1
    logged("log", "delete", "today", input="y\n")
    assert load_checkins(store) == []


MARKUP = "[bold]loud[/bold] [/red] \x1b[31mred\x1b[0m"


def test_markup_and_escapes_are_stored_as_typed_and_shown_as_text(logged: Run) -> None:
    result = logged("log", "--mood", "5", "--trigger", MARKUP, "--note", MARKUP)
    assert result.exit_code == 0, result.output
    (entry,) = listed(logged)
    assert entry["note"] == MARKUP
    assert entry["triggers"] == [MARKUP]
    for output in (logged("log", "show", "today").stdout, logged("log", "list").stdout):
        assert "[bold]loud[/bold]" in output
        assert "[/red]" in output
        assert "\x1b" not in output


def test_interactive_checkin_offers_the_plan_and_adds_new_names(
    logged: Run, store: Store, terminal: None
) -> None:
    with store.transaction():
        save_plan(
            store,
            Plan(triggers=[Trigger("stress"), Trigger("payday")], coping=[CopingStrategy("walk")]),
        )
    answers = ["7", "2", "6.5", "2, lonely", "1", "n", "rough [b]start[/b]", "y"]
    result = logged("log", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "1. stress" in result.stdout
    assert "Saved your check-in" in result.stdout
    (checkin,) = load_checkins(store)
    assert checkin == CheckIn(
        TODAY, 7, 2, 6.5, ["payday", "lonely"], ["walk"], False, "rough [b]start[/b]"
    )
    assert [t.name for t in load_plan(store).triggers] == ["stress", "payday", "lonely"]


def test_interactive_defaults_are_yesterdays_values_or_mid_scale(
    logged: Run, store: Store, terminal: None
) -> None:
    first = logged("log", "--date", "2026-03-10", input="\n" * 8)
    assert first.exit_code == 0, first.output
    assert load_checkins(store)[0] == CheckIn(date(2026, 3, 10), 5, 5, 7.0)
    logged("log", "--date", "yesterday", "--mood", "8", "--craving", "1", "--sleep", "6")
    logged("log", input="\n" * 8)
    assert load_checkins(store)[-1] == CheckIn(TODAY, 8, 1, 6.0)


def test_interactive_checkin_asks_again_after_a_mistake(
    logged: Run, store: Store, terminal: None
) -> None:
    result = logged("log", input="12\n6\n\n\n9\n\n\nn\n\n")
    assert "mood must be a number from 1 to 10, got '12'" in result.stderr
    assert "there is no number 9 in the list" in result.stderr
    assert load_checkins(store)[0].mood == 6


def test_recording_use_shows_the_lapse_response_and_keeps_the_clean_date(
    logged: Run, store: Store
) -> None:
    with store.transaction():
        save_plan(store, Plan(lapse_steps=["Call Jo first"]))
    result = logged("log", "--used", "--note", "after the party")
    assert result.exit_code == 0, result.output
    assert "Call Jo first" in result.stdout
    assert "tolerance is lower" in result.stdout
    assert "Don't use alone" in result.stdout
    assert "naloxone" in result.stdout
    assert "call 911" in result.stdout
    assert "--reset-clean-date" in result.stdout
    status = json.loads(logged("status", "--json").stdout)
    assert status["clean_date"] == "2025-08-14"


def test_a_terminal_asks_before_resetting_the_clean_date(logged: Run, terminal: None) -> None:
    logged("log", "--used", input="\n")  # the default is no
    assert json.loads(logged("status", "--json").stdout)["clean_date"] == "2025-08-14"
    logged("log", "--used", "--date", "yesterday", input="y\nat a wedding\n")
    status = json.loads(logged("status", "--json").stdout)
    assert status["clean_date"] == "2026-03-19"
    assert status["clean_history"] == [
        {"start": "2025-08-14", "end": "2026-03-19", "days": 217, "note": "at a wedding"}
    ]


def test_reset_clean_date_flag_keeps_the_history(logged: Run) -> None:
    result = logged("log", "--used", "--reset-clean-date")
    assert result.exit_code == 0, result.output
    assert "clean time now counts from 20 March 2026" in result.stdout
    status = json.loads(logged("status", "--json").stdout)
    assert status["clean_date"] == "2026-03-20"
    assert status["clean_history"][0]["days"] == 218
    shown = logged("status").stdout
    assert "Earlier clean periods" in shown
    assert "14 Aug 2025 to 20 Mar 2026 (218 days)" in shown


def test_reset_to_a_day_before_the_clean_date_writes_nothing(logged: Run, store: Store) -> None:
    result = logged("log", "--used", "--reset-clean-date", "--date", "2025-08-01")
    assert result.exit_code == 1
    assert "your clean date is 2025-08-14" in result.stderr
    assert not store.exists(CHECKINS_FILE)


def test_a_backdate_is_a_correction_not_a_lapse(logged: Run, home: Path) -> None:
    logged("init", "--clean-date", "2025-08-01", "--yes")
    status = json.loads(logged("status", "--json").stdout)
    assert status["clean_history"] == []
    assert "before = 2025-08-14" in (home / "cleanhistory.toml").read_text()


def test_status_shows_todays_checkin_and_the_streak(logged: Run) -> None:
    before = json.loads(logged("status", "--json").stdout)
    assert (before["checked_in_today"], before["streak_days"]) == (False, 0)
    logged("log", "--date", "yesterday", "--mood", "5", "--craving", "5")
    waiting = json.loads(logged("status", "--json").stdout)
    assert (waiting["checked_in_today"], waiting["streak_days"]) == (False, 1)
    logged("log", "--mood", "9", "--craving", "1")
    done = json.loads(logged("status", "--json").stdout)
    assert (done["checked_in_today"], done["streak_days"]) == (True, 2)
    shown = logged("status").stdout
    assert "Today's check-in is done. Check-in streak: 2 days." in shown
    assert "Mood, last 14 days:     ············▄▇" in shown
    assert "Craving, last 14 days:  ············▅▂" in shown


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("log", "--mood", "x"), "mood must be a number from 1 to 10, got 'x'"),
        (("log", "--sleep", "lots"), "sleep must be a number from 0 to 24, got 'lots'"),
        (("log", "--mood", "6.5"), "mood must be a whole number from 1 to 10, got '6.5'"),
        (("craving", "--intensity", "lots"), "intensity must be a number from 0 to 10, got 'lots'"),
    ],
)
def test_a_bad_number_is_explained_in_words(set_up: Run, args: tuple[str, ...], said: str) -> None:
    result = set_up(*args)
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {said}"
