"""Meeting Guide, BMLT and iCalendar feeds in: the real shared feeds and broken records."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_cli.meetings.importers import ImportOptions, detect_format, read_meetings
from recovery_cli.meetings.importers.records import (
    RecordError,
    clock_time,
    minutes_between,
)
from recovery_cli.meetings.meetings import Meeting, Moved
from recovery_cli.meetings.rules import ONE_OFF_RULE
from recovery_cli.store.errors import InvalidValue
from tests.conftest import FEEDS

MEETING_GUIDE = FEEDS / "meeting-guide-ontario-2018.json"
BMLT = FEEDS / "bmlt-finger-lakes-ny-search.json"
OPTIONS = ImportOptions(zone="America/Toronto", today=date(2026, 11, 23))  # a Monday


def by_source(meetings: list[Meeting], source: str) -> Meeting:
    return next(m for m in meetings if m.source == source)


def test_formats_are_told_apart() -> None:
    assert detect_format(MEETING_GUIDE.read_text()) == "meeting-guide"
    assert detect_format(BMLT.read_text()) == "bmlt"
    assert detect_format('[{"meeting_name": "x"}]') == "bmlt"
    assert detect_format("\ufeffBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") == "ics"
    with pytest.raises(InvalidValue, match="neither JSON nor iCalendar"):
        detect_format("name,day\n")
    with pytest.raises(InvalidValue, match="could not be told"):
        detect_format("[]")


def test_meeting_guide_feed_imports_all_45() -> None:
    result = read_meetings(MEETING_GUIDE.read_text(), "auto", OPTIONS)
    assert len(result.meetings) == 45
    assert result.skipped == []
    assert len({m.source for m in result.meetings}) == 45
    assert {m.fellowship for m in result.meetings} == {"AA"}


def test_meeting_guide_spot_checks() -> None:
    meetings = read_meetings(MEETING_GUIDE.read_text(), "meeting-guide", OPTIONS).meetings
    tweed = by_source(meetings, "meeting-guide:8")  # day 2 = Tuesday
    assert tweed.name == "Tweed Group"
    assert (tweed.rrule, tweed.time, tweed.starts) == (
        "FREQ=WEEKLY;BYDAY=TU",
        time(19, 30),
        date(2026, 11, 24),
    )
    assert tweed.where == "St Andrews Church, 55 Victoria St N, Tweed, CA"
    assert (tweed.notes, tweed.formats) == ("", ("Closed",))
    assert tweed.url == ""  # an in-person meeting: no online link
    lennox = by_source(meetings, "meeting-guide:22")  # day 0 = Sunday, null postal code
    assert (lennox.name, lennox.rrule, lennox.time) == (
        "Lennox Group",
        "FREQ=WEEKLY;BYDAY=SU",
        time(20),
    )
    assert lennox.where == "Trinity United Church, 25 Bridge St E., Napanee, CA"
    jug = by_source(meetings, "meeting-guide:49")  # day 5 = Friday
    assert jug.rrule == "FREQ=WEEKLY;BYDAY=FR"
    assert "not held on the last Friday" in jug.notes
    assert all(m.timezone == "America/Toronto" for m in meetings)


def test_bmlt_feed_imports_all_53() -> None:
    result = read_meetings(BMLT.read_text(), "auto", OPTIONS)
    assert len(result.meetings) == 53
    assert result.skipped == []
    assert {m.fellowship for m in result.meetings} == {"NA"}
    assert {m.rrule for m in result.meetings} == {"FREQ=WEEKLY;BYDAY=MO"}  # weekday_tinyint 2


def test_bmlt_spot_checks() -> None:
    meetings = read_meetings(BMLT.read_text(), "bmlt", OPTIONS).meetings
    step_up = by_source(meetings, "bmlt:2566")
    assert step_up.name == "Step up and Be Free"
    assert (step_up.time, step_up.duration, step_up.starts) == (time(19), 60, date(2026, 11, 23))
    assert step_up.where == "Clifton springs Hospital, 128 Main street, Clifton Springs, NY"
    assert step_up.notes == "Admin Conference Room"
    assert step_up.formats == ("Open", "Rotating Format", "Topic")  # from the answer's list
    assert step_up.url == ""
    courage = [m for m in meetings if m.name == "Courage to Change"]
    assert len(courage) == 3  # same name, three groups: kept apart by their ids
    assert len({m.source for m in courage}) == 3


def test_meeting_guide_online_list_days_and_loose_values() -> None:
    feed = [
        {
            "name": "Online Big Book",
            "slug": "online-bb",
            "day": [1, "3"],
            "time": "07:00",
            "end_time": "08:30",
            "timezone": "America/Los_Angeles",
            "types": ["ONL", "B"],
            "conference_url": "https://zoom.us/j/123",
            "conference_phone": "+1 555 0100",
        },
        {
            "name": "Sunday by name",
            "slug": 9,
            "day": "Sunday",
            "time": "23:30",
            "end_time": "00:30",
        },
    ]
    result = read_meetings(json.dumps(feed), "meeting-guide", OPTIONS)
    online, sunday = result.meetings
    assert online.rrule == "FREQ=WEEKLY;BYDAY=MO,WE"
    assert (online.time, online.duration, online.timezone) == (
        time(7),
        90,
        "America/Los_Angeles",
    )
    assert online.url == "https://zoom.us/j/123"
    assert (online.notes, online.phone) == ("", "+1 555 0100")
    assert online.formats == ("Online", "Big Book")
    assert (sunday.rrule, sunday.duration) == ("FREQ=WEEKLY;BYDAY=SU", 60)


def test_malformed_meeting_guide_records_are_skipped_and_reported() -> None:
    feed = [
        {"name": "Good", "slug": 1, "day": 2, "time": "19:00"},
        {"name": "No time", "slug": 2, "day": 2},
        {"name": "Bad day", "slug": 3, "day": 9, "time": "19:00"},
        "not an object",
        {"slug": 5, "day": 1, "time": "19:00"},
        {"name": "By appointment", "slug": 6, "time": "19:00"},
        {"name": "Bad time", "slug": 7, "day": 1, "time": "25:00"},
        {
            "name": "Closed down",
            "slug": 8,
            "day": 1,
            "time": "19:00",
            "attendance_option": "inactive",
        },
    ]
    result = read_meetings(json.dumps(feed), "meeting-guide", OPTIONS)
    assert [m.name for m in result.meetings] == ["Good"]
    assert [item.describe() for item in result.skipped] == [
        "record 2 (No time): no start time",
        "record 3 (Bad day): day 9 should be 0 (Sunday) to 6 (Saturday)",
        "record 4: not a meeting object",
        "record 5 (5): no name",
        "record 6 (By appointment): no day of the week (it may be by appointment)",
        "record 7 (Bad time): start time '25:00' is not a time like 19:00 or 7:00 PM",
        "record 8 (Closed down): the feed marks it inactive",
    ]


def test_bmlt_plain_list_virtual_and_hybrid() -> None:
    formats = [
        {"key_string": "VM", "world_id": "VM", "name_string": "Virtual Meeting"},
        {"key_string": "HY", "world_id": "HY", "name_string": "Hybrid"},
    ]
    base = {"weekday_tinyint": "1", "start_time": "10:00:00", "duration_time": "01:30:00"}
    records = [
        base | {"id_bigint": "1", "meeting_name": "Virtual", "formats": "VM",
                "virtual_meeting_link": "https://meet.example/na", "location_text": "x"},
        base | {"id_bigint": "2", "meeting_name": "Hybrid", "formats": "HY",
                "location_text": "Hall", "location_municipality": "Ithaca"},
        base | {"id_bigint": "3", "meeting_name": "Venue 2", "venue_type": "2",
                "phone_meeting_number": "555-0101"},
        base | {"id_bigint": "4", "meeting_name": "Bad day", "weekday_tinyint": "8"},
        base | {"meeting_name": "No id"},
    ]  # fmt: skip
    result = read_meetings(json.dumps({"meetings": records, "formats": formats}), "bmlt", OPTIONS)
    virtual, hybrid, venue = result.meetings
    assert (virtual.where, virtual.url, virtual.duration) == (
        "Online",
        "https://meet.example/na",
        90,
    )
    assert virtual.rrule == "FREQ=WEEKLY;BYDAY=SU"  # weekday_tinyint 1 = Sunday
    assert hybrid.where == "Hall, Ithaca (also online)"
    assert venue.where == "Online"
    assert venue.phone == "555-0101"
    assert [s.describe() for s in result.skipped] == [
        "record 4 (Bad day): weekday '8' should be 1 (Sunday) to 7 (Saturday)",
        "record 5 (No id): no id_bigint, so it could not be told apart from others",
    ]
    plain = read_meetings(json.dumps(records[:1]), "bmlt", OPTIONS)
    assert plain.meetings[0].formats == ("Virtual",)  # without a list, the common NA name


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:weekly-1@example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Thursday SMART\r
DTSTART;TZID=Europe/London:20260108T183000\r
DTEND;TZID=Europe/London:20260108T200000\r
RRULE:FREQ=WEEKLY;BYDAY=TH\r
EXDATE;TZID=Europe/London:20260122T183000\r
LOCATION:Community Centre\r
URL:https://smart.example/thu\r
CATEGORIES:SMART\r
DESCRIPTION:Bring a notebook\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:once@example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Convention\r
DTSTART:20260301T150000Z\r
DURATION:PT3H\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:floating@example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Floating\r
DTSTART:20260302T120000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:allday@example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:All day\r
DTSTART;VALUE=DATE:20260303\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly-1@example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Thursday SMART (moved)\r
RECURRENCE-ID;TZID=Europe/London:20260115T183000\r
DTSTART;TZID=Europe/London:20260115T190000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_events_with_and_without_rrule() -> None:
    result = read_meetings(ICS, "auto", OPTIONS)
    smart, once, floating = result.meetings
    assert (smart.name, smart.fellowship, smart.rrule) == (
        "Thursday SMART",
        "SMART",
        "FREQ=WEEKLY;BYDAY=TH",
    )
    assert (smart.starts, smart.time, smart.timezone, smart.duration) == (
        date(2026, 1, 8),
        time(18, 30),
        "Europe/London",
        90,
    )
    assert (smart.where, smart.url, smart.notes) == (
        "Community Centre",
        "https://smart.example/thu",
        "Bring a notebook",
    )
    assert (smart.source, smart.uid) == ("ics:weekly-1@example", "weekly-1@example")
    assert smart.source_id == "weekly-1@example"
    assert smart.skipped == (datetime(2026, 1, 22, 18, 30),)
    assert smart.moved == (Moved(datetime(2026, 1, 15, 18, 30), datetime(2026, 1, 15, 19), 60),)
    assert (once.rrule, once.timezone, once.time, once.duration) == (
        ONE_OFF_RULE,
        "UTC",
        time(15),
        180,
    )
    assert (floating.timezone, floating.fellowship) == ("America/Toronto", "other")
    assert [s.describe() for s in result.skipped] == [
        "record 4 (All day): an all-day event has no start time",
    ]


def test_fellowship_option_overrides_the_feed() -> None:
    chosen = ImportOptions(OPTIONS.zone, OPTIONS.today, "CA")
    meetings = read_meetings(MEETING_GUIDE.read_text(), "auto", chosen).meetings
    assert {m.fellowship for m in meetings} == {"CA"}


def test_unreadable_files_are_refused_plainly() -> None:
    with pytest.raises(InvalidValue, match=r"^line 1, column 3: not JSON$"):
        read_meetings("[{", "meeting-guide", OPTIONS)
    with pytest.raises(InvalidValue, match="JSON list"):
        read_meetings("{}", "meeting-guide", OPTIONS)
    with pytest.raises(InvalidValue, match="--format must be one of"):
        read_meetings("[]", "csv", OPTIONS)


@given(st.integers(0, 23), st.integers(0, 59), st.booleans())
def test_clock_times_in_both_feed_forms(hour: int, minute: int, seconds: bool) -> None:
    text = f"{hour:02d}:{minute:02d}" + (":00" if seconds else "")
    assert clock_time(text, "start time") == time(hour, minute)


@given(st.text(max_size=8))
def test_clock_time_reads_a_time_or_says_why_not(text: str) -> None:
    try:
        result: time | None = clock_time(text, "start time")
        message = ""
    except RecordError as exc:
        result, message = None, str(exc)
    assert isinstance(result, time) or "start time" in message


@given(st.times(), st.times())
def test_durations_are_positive_and_under_a_day(start: time, end: time) -> None:
    assert 1 <= minutes_between(start, end) <= 24 * 60


FEED_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10),
    st.text(max_size=10),
    st.sampled_from(["19:00", "07:30:00", "2", "Sunday", "https://x.example", "America/Toronto"]),
    st.lists(st.integers(-1, 8), max_size=3),
)


@given(
    st.lists(
        st.one_of(
            st.dictionaries(
                st.sampled_from(["name", "slug", "day", "time", "end_time", "timezone", "types",
                                 "conference_url", "location", "address", "notes"]),
                FEED_VALUES,
            ),
            FEED_VALUES,
        ),
        max_size=6,
    )
)  # fmt: skip
def test_meeting_guide_reader_accounts_for_every_record(records: list[object]) -> None:
    result = read_meetings(json.dumps(records), "meeting-guide", OPTIONS)
    assert len(result.meetings) + len(result.skipped) == len(records)
    assert all(item.reason for item in result.skipped)


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["id_bigint", "meeting_name", "weekday_tinyint", "start_time",
                             "duration_time", "formats", "venue_type", "time_zone",
                             "virtual_meeting_link"]),
            FEED_VALUES,
        ),
        max_size=6,
    )
)  # fmt: skip
def test_bmlt_reader_accounts_for_every_record(records: list[object]) -> None:
    result = read_meetings(json.dumps(records), "bmlt", OPTIONS)
    assert len(result.meetings) + len(result.skipped) == len(records)
