"""`recovery appointments`: recurrence across zones, outcomes, refusals and a damaged file."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import Result

from recovery_cli.care.appointments import (
    Appointment,
    AppointmentBook,
    Outcome,
    load_book,
    next_appointment,
    outcomes_between,
    rule_for,
)
from recovery_cli.exits import DATA_ERROR, USER_ERROR
from recovery_cli.store.files import Store

Run = Callable[..., Result]
THURSDAY = date(2026, 3, 5)  # New York is on summer time from 8 March, London from 29 March


@pytest.fixture
def ready(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    """Sam's store (New York), on Thursday 5 March 2026 at 12:00."""
    frozen_today(THURSDAY, time(12, 0))
    return set_up


def add_counselling(run: Run) -> None:
    result = run(
        "appointments", "add", "Counselling", "--at", "2026-03-03 10:00", "--every", "2weeks",
        "--kind", "counselling", "--with", "Dr [Ahmed]", "--timezone", "Europe/London",
        "--url", "https://video.example/room",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "every 2 weeks on Tuesday at 10:00 (Europe/London)" in result.output


def folder(home: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in home.iterdir() if path.is_file()}


def one_line_error(result: Result, code: int = USER_ERROR) -> str:
    assert result.exit_code == code, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr


def test_fortnightly_counselling_shows_twice_in_30_days_in_the_persons_zone(ready: Run) -> None:
    add_counselling(ready)
    result = ready("appointments", "--days", "30", "--json")
    assert result.exit_code == 0, result.output
    # 10:00 in London is 06:00 in New York on 17 March and 05:00 after London's change.
    assert json.loads(result.output) == [
        {
            "title": "Counselling",
            "kind": "counselling",
            "start": start,
            "end": end,
            "with": "Dr [Ahmed]",
            "where": "",
            "url": "https://video.example/room",
        }
        for start, end in (
            ("2026-03-17T06:00:00-04:00", "2026-03-17T07:00:00-04:00"),
            ("2026-03-31T05:00:00-04:00", "2026-03-31T06:00:00-04:00"),
        )
    ]
    table = ready("appointments", "--days", "30")
    assert table.exit_code == 0, table.output
    assert table.output.count("Counselling") == 2
    assert "Tue 17 Mar  06:00" in table.output
    assert "Dr [Ahmed]" in table.output


def test_default_is_14_days_and_nothing_coming_is_said_kindly(ready: Run) -> None:
    assert "No appointments in the next 14 days" in ready("appointments").output
    add_counselling(ready)
    assert len(json.loads(ready("appointments", "--json").output)) == 1


def test_done_missed_and_cancel_are_recorded_and_a_cancelled_one_is_hidden(
    ready: Run, home: Path
) -> None:
    add_counselling(ready)
    done = ready("appointments", "done", "counselling")
    assert done.exit_code == 0, done.output
    assert "Counselling on Tue 03 March 2026" in done.output
    cancel = ready("appointments", "cancel", "Counselling", "--date", "2026-03-17")
    assert cancel.exit_code == 0, cancel.output
    assert "Tue 17 March 2026 is noted as cancelled" in cancel.output
    shown = json.loads(ready("appointments", "--days", "30", "--json").output)
    assert [item["start"] for item in shown] == ["2026-03-31T05:00:00-04:00"]
    missed = ready("appointments", "missed", "Counselling", "--date", "2026-03-03")
    assert missed.exit_code == 0, missed.output
    lines = (home / "appointment_outcomes.jsonl").read_text().splitlines()
    assert json.loads(lines[0]) == {"schema_version": 1}
    records = [json.loads(line) for line in lines[1:]]
    assert [(r["appointment"], r["date"], r["outcome"]) for r in records] == [
        ("Counselling", "2026-03-03", "missed"),
        ("Counselling", "2026-03-17", "cancelled"),
    ]
    listed = json.loads(ready("appointments", "list", "--json").output)
    assert listed[0]["next"] == "2026-03-31T10:00:00+01:00"


def test_a_missed_injection_is_met_with_calling_the_clinic(ready: Run) -> None:
    added = ready(
        "appointments", "add", "Sublocade", "--at", "2026-02-20 09:30", "--kind", "injection",
        "--every", "month", "--where", "Harbour clinic",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "next due" in ready("appointments", "list").output
    listed = json.loads(ready("appointments", "list", "--json").output)
    assert listed[0]["next"] == "2026-03-20T09:30:00-04:00"
    missed = ready("appointments", "missed", "Sublocade")
    assert missed.exit_code == 0, missed.output
    assert "Fri 20 February 2026 is noted as missed" in missed.output
    assert "contact your clinic or prescriber before your next dose" in missed.output


def test_a_date_that_is_not_an_occurrence_names_the_nearest(ready: Run, home: Path) -> None:
    add_counselling(ready)
    before = folder(home)
    error = one_line_error(ready("appointments", "done", "Counselling", "--date", "2026-03-04"))
    assert "not on Wed 04 Mar 2026; the nearest: Tue 03 Mar 2026 and Tue 17 Mar 2026" in error
    assert folder(home) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "X", "--at", "soonish"), "could not read 'soonish'"),
        (("add", "X", "--at", "2026-03-10 25:00"), "could not read"),
        (("add", "X", "--at", "2026-03-10 10:00", "--every", "daily"), "--every must be one of"),
        (("add", "X", "--at", "2026-03-10 10:00", "--timezone", "Mars/Base"), "unknown time zone"),
        (("add", "X", "--at", "2026-03-10 10:00", "--kind", "dentist"), "kind must be one of"),
        (("add", "X", "--at", "2026-03-10 10:00", "--url", "ftp://x"), "https://"),
        (("add", "X", "--at", "2026-03-10 10:00", "--url", "https://a b"), "spaces"),
        (("add", "X", "--at", "2026-03-10 10:00", "--duration", "0"), "duration must be"),
        (("add", "X", "--at", "2201-01-01 10:00"), "between 1900 and 2200"),
        (("add", "X", "--at", "2026-03-10 10:00", "--with", "x" * 201), "at most 200"),
        (("add", "counselling", "--at", "2026-03-10 10:00"), "already an appointment"),
        (("done", "Dentist"), "the ones you have: 'Counselling'"),
        (("done", "Counselling", "--date", "2026-03-17"), "once it has happened"),
        (("cancel", "Counselling", "--date", "2026-03-18"), "the nearest"),
        (("edit", "Counselling", "--every", "yearly"), "--every must be one of"),
        (("remove", "Counselling"), "add --yes"),
        (("--days", "0"), "--days must be 1-3660"),
        (("--days", "3661"), "--days must be 1-3660"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    ready: Run, home: Path, args: tuple[str, ...], message: str
) -> None:
    add_counselling(ready)
    before = folder(home)
    assert message in one_line_error(ready("appointments", *args))
    assert folder(home) == before


def test_an_unknown_title_with_no_appointments_says_so(ready: Run) -> None:
    assert "you have none yet" in one_line_error(ready("appointments", "done", "Counselling"))


@pytest.mark.parametrize("args", [("done", "Counselling"), ("add", "Y", "--at", "today 10:00")])
def test_a_damaged_file_is_left_unchanged(ready: Run, home: Path, args: tuple[str, ...]) -> None:
    add_counselling(ready)
    path = home / "appointments.toml"
    damaged = path.read_text().replace("time = 10:00:00", 'time = "ten"')
    path.write_text(damaged)
    before = folder(home)
    error = one_line_error(ready("appointments", *args), DATA_ERROR)
    assert f"cannot read {path}, line" in error
    assert "time must be a time" in error
    assert folder(home) == before


def test_edit_renames_keeps_outcomes_and_changes_how_often(ready: Run, home: Path) -> None:
    add_counselling(ready)
    assert ready("appointments", "done", "Counselling").exit_code == 0
    edited = ready("appointments", "edit", "Counselling", "--title", "Talking", "--every", "week")
    assert edited.exit_code == 0, edited.output
    assert "Updated Talking (counselling): every Tuesday at 10:00" in edited.output
    again = ready("appointments", "missed", "Talking", "--date", "2026-03-03")
    assert again.exit_code == 0, again.output
    outcomes = load_book(Store(home)).outcomes
    assert [(o.title, o.day, o.outcome) for o in outcomes] == [
        ("Talking", date(2026, 3, 3), "missed")
    ]
    removed = ready("appointments", "remove", "talking", "--yes")
    assert removed.exit_code == 0, removed.output
    assert load_book(Store(home)).appointments == []
    assert len(load_book(Store(home)).outcomes) == 1


def test_outcomes_between_and_next_appointment_for_the_dashboard() -> None:
    appointment = Appointment(
        "Clinic", "clinic", rule_for("4weeks", date(2026, 3, 2)), date(2026, 3, 2), time(9),
        "America/New_York",
    )  # fmt: skip
    assert appointment.every == "4weeks"
    outcomes = [
        Outcome(appointment.uid, "Clinic", date(2026, 3, 2), "done"),
        Outcome(appointment.uid, "Clinic", date(2026, 3, 30), "missed"),
        Outcome(appointment.uid, "Clinic", date(2026, 4, 27), "cancelled"),
    ]
    counts = outcomes_between(outcomes, date(2026, 3, 1), date(2026, 4, 30))
    assert [len(counts.kept), len(counts.missed), len(counts.cancelled)] == [1, 1, 1]
    book = AppointmentBook([appointment], outcomes)
    now = datetime(2026, 4, 1, 12, tzinfo=ZoneInfo("UTC"))
    upcoming = next_appointment(book, now, "Europe/London")
    assert upcoming is not None
    assert upcoming.start == datetime(2026, 5, 25, 14, tzinfo=ZoneInfo("Europe/London"))
