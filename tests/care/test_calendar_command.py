"""`recovery calendar export`: meetings and appointments in one .ics, parsed back."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from typer.testing import Result

Run = Callable[..., Result]
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def scheduled(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    """A weekly meeting, a fortnightly counselling appointment with one occurrence
    cancelled, and a one-off prescriber appointment."""
    frozen_today(date(2026, 3, 5), time(12, 0))
    commands = [
        ("meetings", "add", "Tuesday Night NA", "--fellowship", "NA", "--day", "tue",
         "--time", "19:00"),
        ("appointments", "add", "Counselling", "--at", "2026-03-03 10:00", "--every", "2weeks",
         "--kind", "counselling", "--timezone", "Europe/London", "--with", "Dr Ahmed"),
        ("appointments", "cancel", "Counselling", "--date", "2026-03-31"),
        ("appointments", "add", "Prescriber review", "--at", "2026-03-12 15:00", "--kind",
         "prescriber", "--where", "Harbour clinic"),
    ]  # fmt: skip
    for args in commands:
        result = set_up(*args)
        assert result.exit_code == 0, result.output
    return set_up


def events_of(text: str) -> dict[str, object]:
    return {str(event["SUMMARY"]): event for event in Calendar.from_ical(text).walk("VEVENT")}


def test_meetings_and_appointments_together(scheduled: Run, tmp_path: Path) -> None:
    target = tmp_path / "recovery.ics"
    result = scheduled("calendar", "export", "--output", str(target), "--remind", "15")
    assert result.exit_code == 0, result.output
    assert "1 meeting and 2 appointments" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    calendar = Calendar.from_ical(target.read_text())
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Tuesday Night NA", "Counselling", "Prescriber review"}

    counselling = events["Counselling"]
    assert counselling["DTSTART"].params["TZID"] == "Europe/London"
    assert counselling["DTSTART"].dt == datetime(2026, 3, 3, 10, tzinfo=LONDON)
    assert counselling["RRULE"].to_ical() == b"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert counselling["EXDATE"].params["TZID"] == "Europe/London"
    assert [d.dt for d in counselling["EXDATE"].dts] == [datetime(2026, 3, 31, 10, tzinfo=LONDON)]
    assert str(counselling["CATEGORIES"].cats[0]) == "counselling"
    assert str(counselling["DESCRIPTION"]) == "counselling appointment with Dr Ahmed"

    review = events["Prescriber review"]
    assert "RRULE" not in review
    assert review["DTSTART"].params["TZID"] == "America/New_York"
    assert str(review["LOCATION"]) == "Harbour clinic"
    assert events["Tuesday Night NA"]["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"

    alarms = calendar.walk("VALARM")
    assert len(alarms) == 3
    assert {alarm["TRIGGER"].dt for alarm in alarms} == {timedelta(minutes=-15)}
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"America/New_York", "Europe/London"}


def test_uids_are_stable_and_no_reminder_unless_asked(scheduled: Run) -> None:
    first = scheduled("calendar", "export")
    assert first.exit_code == 0, first.output
    assert "VALARM" not in first.output
    again = scheduled("appointments", "edit", "Counselling", "--title", "Talking")
    assert again.exit_code == 0, again.output
    second = events_of(scheduled("calendar", "export").output)
    assert {str(e["UID"]) for e in events_of(first.output).values()} == {
        str(e["UID"]) for e in second.values()
    }


def test_meetings_export_still_holds_meetings_alone(scheduled: Run) -> None:
    result = scheduled("meetings", "export")
    assert result.exit_code == 0, result.output
    assert list(events_of(result.output)) == ["Tuesday Night NA"]
    assert "X-WR-CALNAME:Meetings" in result.output


def test_a_bad_reminder_is_one_line_and_writes_nothing(scheduled: Run, tmp_path: Path) -> None:
    target = tmp_path / "recovery.ics"
    result = scheduled("calendar", "export", "--output", str(target), "--remind", "-5")
    assert result.exit_code == 1
    assert "--remind" in result.stderr
    assert not target.exists()


def test_checkin_reminder_is_a_daily_event_with_an_alarm(scheduled: Run) -> None:
    result = scheduled("calendar", "export", "--checkin-reminder", "20:30")
    assert result.exit_code == 0, result.output
    reminder = Calendar.from_ical(result.output)
    event = next(e for e in reminder.walk("VEVENT") if e["SUMMARY"] == "Check in with recovery")
    assert event.decoded("DTSTART").time() == time(20, 30)
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)


def test_checkin_reminder_at_an_impossible_time_is_refused(scheduled: Run) -> None:
    result = scheduled("calendar", "export", "--checkin-reminder", "25:00")
    assert result.exit_code == 1
    assert "HH:MM" in result.stderr
    assert "BEGIN:VCALENDAR" not in result.stdout
