"""iCalendar out: RRULE, TZID, VTIMEZONE, reminders; export then import gives the same schedule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from recovery_cli.meetings.calendar import meetings_to_ical
from recovery_cli.meetings.importers import ImportOptions, read_meetings
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.rules import ONE_OFF_RULE
from recovery_cli.meetings.schedule import upcoming
from recovery_cli.store.errors import InvalidValue

STAMP = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SCHEDULE = [
    Meeting(
        "Tuesday Night NA",
        "NA",
        "FREQ=WEEKLY;BYDAY=TU",
        date(2026, 11, 23),  # a Monday: the first sitting is the Tuesday after
        time(19),
        "America/New_York",
        where="St Mark's Hall",
        notes="Side door; bring a friend",
    ),
    Meeting(
        "SMART online",
        "SMART",
        "FREQ=MONTHLY;BYDAY=1TH",
        date(2026, 12, 3),
        time(18, 30),
        "Europe/London",
        duration=90,
        url="https://smart.example/room",
    ),
    Meeting("Convention", "AA", ONE_OFF_RULE, date(2027, 2, 6), time(10), "America/Chicago"),
]


def exported(remind: int | None = None) -> Calendar:
    return Calendar.from_ical(meetings_to_ical(SCHEDULE, stamp=STAMP, remind_minutes=remind))


def test_export_parses_back_with_rrule_tzid_and_vtimezone() -> None:
    calendar = exported()
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [m.name for m in SCHEDULE]
    tuesday = events[0]
    assert tuesday["DTSTART"].params["TZID"] == "America/New_York"
    assert tuesday["DTSTART"].dt == datetime(2026, 11, 24, 19, tzinfo=ZoneInfo("America/New_York"))
    assert tuesday["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert tuesday["DURATION"].dt == timedelta(hours=1)
    assert str(tuesday["LOCATION"]) == "St Mark's Hall"
    assert str(tuesday["DESCRIPTION"]) == "Side door; bring a friend"
    assert str(tuesday["UID"]) == SCHEDULE[0].uid
    assert "RRULE" not in events[2]
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"America/New_York", "Europe/London", "America/Chicago"}
    assert str(events[1]["URL"]) == "https://smart.example/room"
    assert "VALARM" not in meetings_to_ical(SCHEDULE, stamp=STAMP)


def test_export_is_stable_for_the_same_schedule() -> None:
    assert meetings_to_ical(SCHEDULE, stamp=STAMP) == meetings_to_ical(SCHEDULE, stamp=STAMP)


def test_reminder_is_a_valarm() -> None:
    alarms = exported(remind=30).walk("VALARM")
    assert len(alarms) == 3
    assert alarms[0]["TRIGGER"].dt == timedelta(minutes=-30)
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    with pytest.raises(InvalidValue, match="--remind"):
        meetings_to_ical(SCHEDULE, stamp=STAMP, remind_minutes=-5)


def test_export_then_import_gives_the_same_schedule() -> None:
    text = meetings_to_ical(SCHEDULE, stamp=STAMP)
    result = read_meetings(text, "auto", ImportOptions("UTC", date(2026, 11, 23)))
    assert result.skipped == []
    back = result.meetings
    for before, after in zip(SCHEDULE, back, strict=True):
        assert (after.name, after.fellowship, after.rrule, after.time, after.timezone) == (
            before.name,
            before.fellowship,
            before.rrule,
            before.time,
            before.timezone,
        )
        assert (after.duration, after.where, after.url, after.notes, after.uid) == (
            before.duration,
            before.where,
            before.url,
            before.notes,
            before.uid,
        )
    now = datetime(2026, 11, 20, tzinfo=UTC)
    original = [(o.meeting.name, o.start) for o in upcoming(SCHEDULE, now, 120, "UTC")]
    again = [(o.meeting.name, o.start) for o in upcoming(back, now, 120, "UTC")]
    assert original == again
    assert len(original) == 17 + 4 + 1
