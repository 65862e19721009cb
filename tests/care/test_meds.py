"""Medication: prescriptions, doses and today's status, through the command line and the
core, against a temporary data folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from recovery_cli.care import prescriptions as rx
from recovery_cli.care.doses import (
    DOSES_FILE,
    TAKE_HOME,
    DoseRecord,
    Missed,
    TakeHomeGiven,
    Taken,
    load_doses,
)
from recovery_cli.care.meds import meds_today, status_of
from recovery_cli.exits import DATA_ERROR, USER_ERROR
from recovery_cli.store import clock
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.files import Store
from tests.care.test_meds_safety import DOSE_WITH_UNIT
from tests.conftest import Run

TODAY = date(2026, 12, 2)
Freeze = Callable[..., None]


def ok(run: Run, *args: str, input: str | None = None) -> str:
    result = run(*args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(run: Run, *args: str, code: int = USER_ERROR) -> str:
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr


def files_of(home: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in home.glob("*") if path.is_file()}


def today_json(run: Run) -> list[dict[str, object]]:
    statuses: list[dict[str, object]] = json.loads(ok(run, "meds", "--json"))
    return statuses


def prescription(schedule: str = "daily", starts: date = date(2026, 11, 1)) -> rx.Prescription:
    return rx.Prescription(name="Methadone", dose="60 mg", starts=starts, schedule=schedule)


def taken(*days: date, how: str = "neither") -> list[DoseRecord]:
    return [Taken("Methadone", day, how=how) for day in days]


def days_back(first: int, last: int) -> list[date]:
    """TODAY minus `first` .. TODAY minus `last` days."""
    return [TODAY - timedelta(days=n) for n in range(first, last + 1)]


@pytest.fixture
def methadone(set_up: Run, frozen_today: Freeze) -> Run:
    """Methadone 60 mg daily at a clinic, since 20 November."""
    frozen_today(TODAY)
    ok(
        set_up,
        *("meds", "add", "Methadone", "--dose", "60 mg", "--form", "liquid"),
        *("--clinic", "Riverside Clinic", "--phone", "555-0100", "--hours", "Mon-Sat 7-11"),
        *("--starts", "2026-11-20"),
    )
    return set_up


# The Done-when scenario


def test_a_week_of_doses_then_three_missed_days_brings_the_call_your_clinic_message(
    set_up: Run, frozen_today: Freeze
) -> None:
    frozen_today(date(2026, 11, 20))
    ok(
        set_up,
        *("meds", "add", "Methadone", "--dose", "60 mg"),
        *("--clinic", "Riverside Clinic", "--phone", "555-0100", "--hours", "Mon-Sat 7-11"),
    )
    outputs = []
    for day in range(20, 27):
        frozen_today(date(2026, 11, day))
        outputs.append(ok(set_up, "meds", "take", "--observed"))
    frozen_today(date(2026, 11, 30))  # 27, 28 and 29 November without a dose
    shown = ok(set_up, "meds")
    [status] = today_json(set_up)
    assert "missed in a row: 3 days" in shown
    assert status["missed_days_in_a_row"] == 3
    assert status["taken_today"] is False
    assert status["last_taken"] == "2026-11-26"
    assert status["next_due"] == "2026-11-30"
    alert = str(status["alert"])
    flat = " ".join(shown.split())
    for text in (alert, flat):
        assert "contact your clinic or prescriber before your next dose" in text
        assert "Riverside Clinic" in text
        assert "555-0100" in text
        assert "Mon-Sat 7-11" in text
        assert "naloxone" in text
    assert status["dose"] == "60 mg"
    doses = {
        m.group(0)
        for out in [*outputs, shown, json.dumps(status)]
        for m in DOSE_WITH_UNIT.finditer(out)
    }
    assert doses == {"60 mg"}


# Today's status: daily


def test_a_day_without_a_tick_is_not_missed_until_it_has_passed() -> None:
    status = status_of(prescription(), taken(*days_back(1, 5)), TODAY)
    assert (status.taken_today, status.missed_days_in_a_row) == (False, 0)
    assert status.next_due == TODAY
    assert status.due_today
    assert status.alert is None


def test_after_todays_tick_the_next_dose_is_tomorrow() -> None:
    status = status_of(prescription(), taken(TODAY), TODAY)
    assert status.taken_today
    assert status.last_taken == TODAY
    assert status.next_due == TODAY + timedelta(days=1)


def test_a_day_marked_missed_counts_at_once_even_today() -> None:
    records: list[DoseRecord] = [*taken(*days_back(1, 3)), Missed("methadone", TODAY, "sick")]
    assert status_of(prescription(), records, TODAY).missed_days_in_a_row == 1


def test_missed_days_run_back_to_the_last_dose_taken() -> None:
    records: list[DoseRecord] = [
        *taken(TODAY - timedelta(days=10)),
        *taken(TODAY - timedelta(days=3)),
        Missed("Methadone", TODAY - timedelta(days=2)),
    ]
    status = status_of(prescription(), records, TODAY)
    assert status.missed_days_in_a_row == 2
    assert status.last_taken == TODAY - timedelta(days=3)


def test_a_day_ticked_and_marked_missed_counts_as_missed() -> None:
    records: list[DoseRecord] = [
        *taken(*days_back(1, 2)),
        Missed("Methadone", TODAY - timedelta(1)),
    ]
    assert status_of(prescription(), records, TODAY).missed_days_in_a_row == 1


def test_missed_days_start_at_the_start_date() -> None:
    status = status_of(prescription(starts=TODAY - timedelta(days=2)), [], TODAY)
    assert status.missed_days_in_a_row == 2
    assert status.last_taken is None


def test_a_medication_starting_later_is_due_on_its_start_date() -> None:
    later = TODAY + timedelta(days=3)
    status = status_of(prescription(starts=later), [], TODAY)
    assert (status.next_due, status.missed_days_in_a_row, status.due_today) == (later, 0, False)


# Today's status: other schedules


def test_weekly_is_overdue_by_days_past_its_due_date() -> None:
    last = TODAY - timedelta(days=9)
    status = status_of(prescription("weekly"), taken(last), TODAY)
    assert status.next_due == last + timedelta(days=7)
    assert status.missed_days_in_a_row == 2


def test_every_n_days_is_not_missed_on_its_due_day() -> None:
    status = status_of(prescription("every 3 days"), taken(TODAY - timedelta(days=3)), TODAY)
    assert (status.next_due, status.missed_days_in_a_row) == (TODAY, 0)


def test_a_weekly_dose_marked_missed_on_its_due_day_is_missed() -> None:
    records: list[DoseRecord] = [*taken(TODAY - timedelta(days=7)), Missed("Methadone", TODAY)]
    assert status_of(prescription("weekly"), records, TODAY).missed_days_in_a_row == 1


def test_monthly_goes_by_calendar_month() -> None:
    status = status_of(prescription("monthly", date(2026, 1, 1)), taken(date(2026, 1, 31)), TODAY)
    assert status.next_due == date(2026, 2, 28)


def test_monthly_never_taken_is_due_on_its_start_date() -> None:
    status = status_of(prescription("monthly", TODAY - timedelta(days=4)), [], TODAY)
    assert (status.next_due, status.missed_days_in_a_row) == (TODAY - timedelta(days=4), 4)


def test_as_needed_is_never_missed_and_never_due() -> None:
    status = status_of(prescription("as-needed"), [], TODAY)
    assert (status.next_due, status.missed_days_in_a_row, status.alert) == (None, 0, None)


# Days in the person's time zone


def at_instant(monkeypatch: pytest.MonkeyPatch, instant: datetime) -> None:
    """Set the moment (not the wall clock): each zone sees its own local time."""

    def fixed_now(timezone: str | None = None) -> datetime:
        return instant.astimezone(clock.zone(timezone) or UTC)

    monkeypatch.setattr(clock, "now", fixed_now)


def test_late_evening_in_new_york_is_still_that_day_though_utc_is_past_midnight(
    methadone: Run, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_instant(monkeypatch, datetime(2026, 12, 3, 3, 30, tzinfo=UTC))  # 22:30 on 2 December
    ok(methadone, "meds", "take")
    assert [r.day for r in load_doses(store)] == [TODAY]
    [status] = today_json(methadone)
    assert status["taken_today"] is True
    assert status["next_due"] == "2026-12-03"


def test_just_after_midnight_in_new_york_yesterday_is_missed_only_now(
    methadone: Run, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in rx_days(date(2026, 11, 20), date(2026, 12, 1)):
        ok(methadone, "meds", "take", "--date", day.isoformat())
    at_instant(monkeypatch, datetime(2026, 12, 3, 4, 59, tzinfo=UTC))  # 23:59 on 2 December
    assert today_json(methadone)[0]["missed_days_in_a_row"] == 0
    at_instant(monkeypatch, datetime(2026, 12, 3, 5, 1, tzinfo=UTC))  # 00:01 on 3 December
    [status] = today_json(methadone)
    assert (status["missed_days_in_a_row"], status["next_due"]) == (1, "2026-12-03")


def rx_days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_missed_days_across_the_end_of_daylight_saving(set_up: Run, frozen_today: Freeze) -> None:
    # New York falls back on 1 November 2026: that day has 25 hours.
    frozen_today(date(2026, 10, 25))
    ok(set_up, "meds", "add", "Suboxone", "--dose", "16 mg/4 mg film", "--phone", "555-0111")
    for day in rx_days(date(2026, 10, 25), date(2026, 10, 30)):
        frozen_today(day)
        ok(set_up, "meds", "take")
    frozen_today(date(2026, 11, 1), time(23, 30))
    assert today_json(set_up)[0]["missed_days_in_a_row"] == 1  # 31 October
    frozen_today(date(2026, 11, 2), time(0, 30))
    [status] = today_json(set_up)
    assert status["missed_days_in_a_row"] == 2
    frozen_today(date(2026, 11, 3), time(1, 0))
    [status] = today_json(set_up)
    assert status["missed_days_in_a_row"] == 3
    assert "555-0111" in str(status["alert"])


def test_a_monthly_injection_across_the_start_of_daylight_saving_is_due_by_the_calendar(
    store: Store,
) -> None:
    injection = rx.Prescription(
        name="Sublocade", dose="300 mg", starts=date(2026, 2, 8), schedule="monthly"
    )
    records = [Taken("Sublocade", date(2026, 2, 8))]
    assert status_of(injection, records, date(2026, 3, 8)).missed_days_in_a_row == 0
    assert status_of(injection, records, date(2026, 3, 9)).missed_days_in_a_row == 1


# Take-home doses


def test_take_home_doses_left_are_given_minus_ticked(methadone: Run) -> None:
    ok(methadone, "meds", "takehome", "Methadone", "--doses", "6")
    ok(methadone, "meds", "take", "--take-home", "--date", "yesterday")
    ok(methadone, "meds", "take", "--observed")
    ok(methadone, "meds", "take", "--take-home", "--yes")
    assert today_json(methadone)[0]["takehome_left"] == 4
    ok(methadone, "meds", "takehome", "Methadone", "--doses", "2")
    assert today_json(methadone)[0]["takehome_left"] == 6


def test_take_home_doses_left_never_go_below_zero_and_are_none_before_any_given() -> None:
    records: list[DoseRecord] = [*taken(TODAY, how=TAKE_HOME)]
    assert status_of(prescription(), records, TODAY).takehome_left is None
    records += [TakeHomeGiven("Methadone", TODAY, 1), *taken(*days_back(1, 3), how=TAKE_HOME)]
    assert status_of(prescription(), records, TODAY).takehome_left == 0


@pytest.mark.parametrize("doses", ["0", "61", "-2"])
def test_take_home_doses_are_1_to_60(methadone: Run, home: Path, doses: str) -> None:
    before = files_of(home)
    assert "doses" in fails(methadone, "meds", "takehome", "Methadone", "--doses", doses)
    assert files_of(home) == before


# Taking a dose twice


def test_a_second_tick_without_a_terminal_is_refused_unless_yes(
    methadone: Run, store: Store
) -> None:
    ok(methadone, "meds", "take")
    error = fails(methadone, "meds", "take")
    assert "already ticked" in error
    assert "nothing was recorded" in error
    assert len(load_doses(store)) == 1
    ok(methadone, "meds", "take", "--yes")
    assert len(load_doses(store)) == 2


def test_a_second_tick_on_a_terminal_asks_and_no_is_the_default(
    methadone: Run, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import recovery_cli.commands.care.meds as command

    monkeypatch.setattr(command, "is_interactive", lambda: True)
    ok(methadone, "meds", "take")
    shown = ok(methadone, "meds", "take", input="\n")
    assert "Record another one? [y/N]" in shown
    assert "Nothing was recorded." in shown
    assert len(load_doses(store)) == 1
    ok(methadone, "meds", "take", input="y\n")
    assert len(load_doses(store)) == 2


def test_a_weekly_dose_taken_this_week_counts_as_already_taken(
    set_up: Run, frozen_today: Freeze
) -> None:
    frozen_today(TODAY)
    ok(
        set_up,
        "meds",
        "add",
        "Brixadi",
        "--dose",
        "24 mg",
        "--schedule",
        "weekly",
        "--starts",
        "5d",
    )
    ok(set_up, "meds", "take", "--date", "3d")
    assert "already ticked" in fails(set_up, "meds", "take")


def test_without_a_name_the_only_active_medication_is_meant(methadone: Run) -> None:
    ok(methadone, "meds", "add", "Naloxone", "--dose", "4 mg spray", "--schedule", "as-needed")
    error = fails(methadone, "meds", "take")
    assert "please name the medication" in error
    assert "Methadone, Naloxone" in error
    ok(methadone, "meds", "stop", "Naloxone")
    ok(methadone, "meds", "take")


# Prescriptions: adding, changing, stopping


def test_a_change_of_dose_keeps_the_earlier_ones(methadone: Run, store: Store) -> None:
    ok(methadone, *("meds", "change", "methadone", "--dose", "65 mg", "--date", "2026-11-28"))
    ok(methadone, *("meds", "change", "Methadone", "--dose", "70 mg", "--by", "Dr Lee"))
    history = json.loads(ok(methadone, "meds", "history", "Methadone", "--json"))
    assert [(h["date"], h["dose"], h["by"]) for h in history] == [
        ("2026-11-20", "60 mg", ""),
        ("2026-11-28", "65 mg", ""),
        ("2026-12-02", "70 mg", "Dr Lee"),
    ]
    assert today_json(methadone)[0]["dose"] == "70 mg"
    shown = ok(methadone, "meds", "history", "Methadone")
    assert "2026-11-28  65 mg" in shown
    assert "by Dr Lee" in shown


def test_a_stopped_medication_leaves_today_but_stays_in_the_list(methadone: Run) -> None:
    ok(methadone, "meds", "stop", "Methadone", "--reason", "moved to Buvidal")
    assert today_json(methadone) == []
    listed = json.loads(ok(methadone, "meds", "list", "--json"))
    assert listed[0]["stopped"] == "2026-12-02"
    assert "stopped 2026-12-02" in ok(methadone, "meds", "list")
    assert "stopped on 2026-12-02" in fails(methadone, "meds", "take", "Methadone")


def test_adding_a_name_twice_is_refused(methadone: Run) -> None:
    assert "already in your medications" in fails(
        methadone, "meds", "add", "METHADONE", "--dose", "5 mg"
    )


def test_every_field_is_kept_in_hand_editable_toml(methadone: Run, home: Path) -> None:
    ok(
        methadone,
        *("meds", "add", "Naltrexone", "--dose", "50 mg", "--form", "tablet", "--time", "8:05"),
        *("--prescriber", "Dr Lee", "--missed-alert", "2", "--schedule", "every 2 days"),
    )
    text = (home / "medications.toml").read_text()
    assert text.startswith("schema_version = 1\n")
    assert 'time = "08:05"' in text
    assert "missed_alert = 2" in text
    assert 'schedule = "every 2 days"' in text
    listed = json.loads(ok(methadone, "meds", "list", "--json"))
    assert listed[1]["prescriber"] == "Dr Lee"


def test_naloxone_is_as_needed_unless_told_otherwise(methadone: Run) -> None:
    ok(methadone, "meds", "add", "Narcan naloxone", "--dose", "4 mg spray")
    ok(methadone, "meds", "add", "Methadose", "--dose", "60 mg", "--schedule", "weekly")
    listed = json.loads(ok(methadone, "meds", "list", "--json"))
    assert [m["schedule"] for m in listed] == ["daily", "as-needed", "weekly"]


def test_an_empty_store_has_no_medication(set_up: Run) -> None:
    assert "No medication yet" in ok(set_up, "meds")
    assert today_json(set_up) == []


def test_the_persons_text_is_shown_as_text(methadone: Run) -> None:
    ok(methadone, "meds", "add", "[red]Mine[/red]", "--dose", "[b]5 mg", "--clinic", "[bold]x")
    shown = ok(methadone, "meds", "list")
    assert "[red]Mine[/red]" in shown
    assert "[b]5 mg" in shown
    assert "[bold]x" in shown
    assert "[red]Mine[/red]" in ok(methadone, "meds", "take", "[red]mine[/red]")


# Bad input: one line, exit 1, nothing written


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("take", "Methadone", "--date", "2026-11-19"), "before that"),
        (("take", "--date", "2026-12-05"), "still to come"),
        (("missed", "--date", "2026-11-01"), "before that"),
        (("takehome", "Methadone", "--doses", "2", "--date", "2026-11-10"), "before that"),
        (("take", "--time", "25:00"), "could not read '25:00'"),
        (("take", "Metadone"), "yours: Methadone"),
        (("missed", "Metadone"), "yours: Methadone"),
        (("history", "Metadone"), "yours: Methadone"),
        (("change", "Metadone", "--dose", "5 mg"), "yours: Methadone"),
        (("change", "Methadone", "--dose", "5 mg", "--date", "2026-11-01"), "before that"),
        (("change", "Methadone", "--dose", "5 mg", "--date", "2026-12-07"), "on the day it starts"),
        (("stop", "Methadone", "--date", "2026-11-01"), "before that"),
        (("take", "--observed", "--take-home"), "not both"),
        (("add", "X", "--dose", "5 mg", "--schedule", "fortnightly"), "schedule must be"),
        (("add", "X", "--dose", "5 mg", "--schedule", "every 0 days"), "schedule must be"),
        (("add", "X", "--dose", "5 mg", "--form", "patch"), "form must be one of"),
        (("add", "X", "--dose", "5 mg", "--time", "25:00"), "could not read '25:00'"),
        (("add", "X", "--dose", "5 mg", "--starts", "1850-01-01"), "between 1900 and 2200"),
        (("add", "X", "--dose", "5 mg", "--missed-alert", "0"), "missed-alert"),
        (("add", "X" * 81, "--dose", "5 mg"), "at most 80"),
        (("add", "X", "--dose", "5 mg", "--clinic", "c" * 201), "at most 200"),
        (("add", "X", "--dose", "5 mg" + " " * 60 + "x"), "at most 60"),
    ],
)
def test_a_mistake_is_one_line_and_writes_nothing(
    methadone: Run, home: Path, args: tuple[str, ...], expected: str
) -> None:
    before = files_of(home)
    assert expected in fails(methadone, "meds", *args)
    assert files_of(home) == before


def test_a_damaged_medications_file_is_never_overwritten(methadone: Run, home: Path) -> None:
    path = home / "medications.toml"
    damaged = path.read_text().replace('form = "liquid"', 'form = "patch"')
    path.write_text(damaged)
    for args in (("add", "X", "--dose", "5 mg"), ("change", "Methadone", "--dose", "5 mg")):
        error = fails(methadone, "meds", *args, code=DATA_ERROR)
        assert "medications.toml, line 6" in error
        assert "form must be one of" in error
    fails(methadone, "meds", "take", code=DATA_ERROR)
    assert path.read_text() == damaged


def test_a_hand_edited_file_is_read_and_its_mistakes_named_by_line(
    methadone: Run, home: Path
) -> None:
    path = home / "medications.toml"
    path.write_text(path.read_text().replace('time = ""', "time = 07:30:00"))
    assert "Methadone 60 mg, daily at 07:30" in ok(methadone, "meds")
    path.write_text(
        path.read_text().replace("time = 07:30:00", "time = 07:30:00\nmissed_alert = 2.5")
    )
    error = fails(methadone, "meds", code=DATA_ERROR)
    assert "medications.toml, line 9" in error
    assert "missed_alert must be a whole number" in error


def test_a_damaged_doses_file_is_never_overwritten(methadone: Run, home: Path) -> None:
    ok(methadone, "meds", "take", "--date", "yesterday")
    path = home / DOSES_FILE.filename
    damaged = path.read_text() + '{"event": "taken", "medication": "Methadone", "date": "soon"}\n'
    path.write_text(damaged)
    for args in (("take",), ("missed",), ("takehome", "Methadone", "--doses", "1"), ()):
        assert "doses.jsonl, line 3" in fails(methadone, "meds", *args, code=DATA_ERROR)
    assert path.read_text() == damaged


def test_stored_records_are_checked_like_typed_ones() -> None:
    with pytest.raises(InvalidValue, match="needs its unit"):
        rx.Prescription(name="Methadone", dose="60", starts=TODAY)
    with pytest.raises(InvalidValue, match="cannot stop before it starts"):
        rx.Prescription(name="M", dose="1 mg", starts=TODAY, stopped=TODAY - timedelta(1))
    with pytest.raises(InvalidValue, match="doses must be 1-60"):
        TakeHomeGiven("Methadone", TODAY, 61)


def test_meds_today_uses_the_persons_today_when_none_is_given(methadone: Run, store: Store) -> None:
    ok(methadone, "meds", "take")
    [status] = meds_today(store)
    assert status.today == TODAY
    assert status.taken_today
