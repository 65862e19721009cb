"""iCalendar in and out: zones, whole rule sets, refused rules and bounded expansion."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar
from typer.testing import Result

from recovery_cli.meetings import schedule
from recovery_cli.meetings.importers import ImportOptions, detect_format, read_meetings
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.schedule import upcoming
from tests.conftest import FEEDS

Run = Callable[..., Result]
NY = ZoneInfo("America/New_York")
OPTIONS = ImportOptions(zone="America/New_York", today=date(2026, 11, 23))
MONDAY = date(2026, 11, 23)

SYDNEY_ZONE = """BEGIN:VTIMEZONE
TZID:(UTC+10:00) Canberra, Melbourne, Sydney
BEGIN:STANDARD
DTSTART:16010401T030000
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4
TZOFFSETFROM:+1100
TZOFFSETTO:+1000
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16011007T020000
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10
TZOFFSETFROM:+1000
TZOFFSETTO:+1100
END:DAYLIGHT
END:VTIMEZONE
"""


def calendar(*events: str, zones: str = "") -> str:
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n"
        + zones
        + "".join(f"BEGIN:VEVENT\n{event.strip()}\nEND:VEVENT\n" for event in events)
        + "END:VCALENDAR\n"
    )


def only(text: str) -> Meeting:
    result = read_meetings(text, "auto", OPTIONS)
    assert not result.skipped, result.skipped
    (meeting,) = result.meetings
    return meeting


def sittings(meeting: Meeting, days: int = 28) -> list[datetime]:
    now = datetime(2026, 11, 23, tzinfo=NY)
    return [occ.start for occ in upcoming([meeting], now, days, meeting.timezone)]


def test_custom_outlook_zone_keeps_tuesday_seven_in_sydney() -> None:
    meeting = only(
        calendar(
            'UID:syd\nSUMMARY:Early Birds\nDTSTART;TZID="(UTC+10:00) Canberra, Melbourne, '
            'Sydney":20260106T070000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;BYDAY=TU',
            zones=SYDNEY_ZONE,
        )
    )
    assert meeting.timezone in {"Australia/Sydney", "Australia/Canberra", "Australia/Melbourne"}
    assert meeting.time == time(7)
    first = sittings(meeting)[0]
    assert (first.weekday(), first.time()) == (1, time(7))
    in_new_york = first.astimezone(NY)
    assert (in_new_york.weekday(), in_new_york.time()) == (0, time(15))  # Monday 15:00


def test_windows_zone_name_is_not_an_hour_off() -> None:
    meeting = only(
        calendar("UID:gmt\nSUMMARY:Lunch\nDTSTART;TZID=GMT Standard Time:20260707T120000\n"
                 "RRULE:FREQ=WEEKLY")
    )  # fmt: skip
    assert (meeting.timezone, meeting.time) == ("Europe/London", time(12))


def test_google_calendar_wide_zone_is_repaired() -> None:
    text = calendar("UID:g\nSUMMARY:Step Study\nDTSTART:20260106T000000Z\nRRULE:FREQ=WEEKLY")
    text = text.replace("PRODID:-//test//EN\n", "PRODID:-//test//EN\nX-WR-TIMEZONE:Asia/Tokyo\n")
    meeting = only(text)
    assert (meeting.timezone, meeting.starts, meeting.time) == (
        "Asia/Tokyo",
        date(2026, 1, 6),
        time(9),
    )


SERIES = calendar(
    """UID:series
SUMMARY:Home Group
DTSTART;TZID=Europe/London:20261102T190000
DURATION:PT90M
RRULE:FREQ=WEEKLY;BYDAY=MO
RRULE:FREQ=MONTHLY;BYDAY=1TH
RDATE;TZID=Europe/London:20261128T100000
EXDATE;TZID=Europe/London:20261130T190000""",
    """UID:series
SUMMARY:Home Group (moved)
RECURRENCE-ID;TZID=Europe/London:20261207T190000
DTSTART;TZID=Europe/London:20261208T200000
DURATION:PT60M""",
    """UID:series
SUMMARY:Home Group
RECURRENCE-ID;TZID=Europe/London:20261214T190000
DTSTART;TZID=Europe/London:20261214T190000
STATUS:CANCELLED""",
    "UID:gone\nSUMMARY:Closed Group\nDTSTART:20261124T190000Z\nSTATUS:CANCELLED",
)


def test_whole_rule_set_is_kept_and_followed() -> None:
    result = read_meetings(SERIES, "ics", OPTIONS)
    assert [s.describe() for s in result.skipped] == [
        "record 2 (Closed Group): the calendar marks it cancelled"
    ]
    (meeting,) = result.meetings
    assert meeting.source_id == "series"
    assert meeting.more_rules == ("FREQ=MONTHLY;BYDAY=1TH",)
    london = ZoneInfo("Europe/London")
    got = [(s.astimezone(london).replace(tzinfo=None)) for s in sittings(meeting)]
    assert got == [
        datetime(2026, 11, 23, 19),
        datetime(2026, 11, 28, 10),  # RDATE
        # 30 Nov left out (EXDATE)
        datetime(2026, 12, 3, 19),  # the second rule: first Thursday
        datetime(2026, 12, 8, 20),  # the 7 Dec sitting moved to Tuesday 20:00
        # 14 Dec cancelled
    ]
    independent = recurring_ical_events.of(Calendar.from_ical(SERIES)).between(
        datetime(2026, 11, 23), datetime(2026, 12, 21)
    )
    kept = [e for e in independent if e.get("STATUS") != "CANCELLED"]
    starts = sorted(e.DTSTART.replace(tzinfo=None) for e in kept)
    assert starts == got


def test_rule_set_survives_storage_and_calendar_export(ready: Run, tmp_path: Path) -> None:
    feed = tmp_path / "series.ics"
    feed.write_text(SERIES)
    assert ready("meetings", "import", str(feed)).exit_code == 0
    before = json.loads(ready("meetings", "--days", "28", "--json").output)
    exported = ready("meetings", "export").output
    parsed = Calendar.from_ical(exported)
    main, moved = parsed.walk("VEVENT")
    assert [r.to_ical().decode() for r in main.get("RRULE")] == [
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=1TH",
    ]
    assert main.get("RDATE").dts[0].dt == datetime(
        2026, 11, 28, 10, tzinfo=ZoneInfo("Europe/London")
    )
    exdates = [d.dt.replace(tzinfo=None) for d in main.get("EXDATE").dts]
    assert exdates == [datetime(2026, 11, 30, 19), datetime(2026, 12, 14, 19)]
    assert moved.get("RECURRENCE-ID").dt.replace(tzinfo=None) == datetime(2026, 12, 7, 19)
    assert moved.DTSTART.replace(tzinfo=None) == datetime(2026, 12, 8, 20)
    # the exported calendar, read back by another library, gives the same sittings
    again = recurring_ical_events.of(parsed).between(
        datetime(2026, 11, 23, 12, tzinfo=NY), datetime(2026, 12, 21, 12, tzinfo=NY)
    )
    assert sorted(e.DTSTART.astimezone(NY).isoformat() for e in again if "STATUS" not in e) == [
        item["start"] for item in before
    ]
    # and importing the export again changes nothing
    feed.write_text(exported)
    ready("meetings", "import", str(feed))
    assert json.loads(ready("meetings", "--days", "28", "--json").output) == before


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL=0"),
        ("FREQ=MINUTELY", "more often than once a day"),
        ("FREQ=SECONDLY", "more often than once a day"),
        ("FREQ=HOURLY;INTERVAL=5", "more often than once a day"),
        ("FREQ=DAILY;BYHOUR=1,2,3,4,5,6,7,8,9,10,11,12;BYMINUTE=0,30", "more than 300"),
    ],
)
def test_rules_that_cannot_be_meetings_are_refused(ready: Run, rule: str, why: str) -> None:
    event = f"UID:x\nSUMMARY:Bad\nDTSTART:20261124T190000Z\nRRULE:{rule}"
    result = read_meetings(calendar(event), "ics", OPTIONS)
    assert result.meetings == []
    assert why in result.skipped[0].reason
    added = ready("meetings", "add", "Bad", "--time", "19:00", "--rrule", rule)
    assert added.exit_code == 1
    assert why in added.stderr
    assert len(added.stderr.strip().splitlines()) == 1
    assert "Bad" not in ready("meetings", "list").output


def test_start_outside_1900_2200_is_refused() -> None:
    result = read_meetings(
        calendar("UID:y\nSUMMARY:Old\nDTSTART:00010101T190000Z\nRRULE:FREQ=WEEKLY"), "ics", OPTIONS
    )
    assert "before 1900" in result.skipped[0].reason


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=SECONDLY;INTERVAL=0", "more often than once a day"),
        ("FREQ=MONTHLY;BYDAY=XX", "the rule could not be read"),  # read lazily, not on load
    ],
)
def test_stored_rule_that_cannot_be_a_meeting_is_never_expanded(
    ready: Run, home: Path, rule: str, why: str
) -> None:
    ready("meetings", "add", "Good", "--day", "tue", "--time", "19:00")
    path = home / "meetings.toml"
    text = path.read_text()
    bad = text.replace('name = "Good"', 'name = "Stuck"').replace("FREQ=WEEKLY;BYDAY=TU", rule)
    path.write_text(text + bad[bad.index("[[meetings]]") :])
    shown = ready("meetings", "--days", "3660")
    assert shown.exit_code == 0
    assert "Stuck is not shown" in shown.output
    assert why in " ".join(shown.output.split())
    assert "Good" in shown.output
    assert ready("meetings", "export").exit_code == 0
    assert ready().exit_code == 0  # the dashboard


def test_bare_vevent_is_detected() -> None:
    bare = "BEGIN:VEVENT\nUID:b\nSUMMARY:Bare\nDTSTART:20261124T190000Z\nEND:VEVENT\n"
    assert detect_format(bare) == "ics"
    assert read_meetings(bare, "auto", OPTIONS).meetings[0].name == "Bare"


def test_detached_change_without_its_series_has_its_own_identity() -> None:
    meeting = only(
        calendar("UID:d\nSUMMARY:Once\nRECURRENCE-ID:20261124T190000Z\nDTSTART:20261125T190000Z")
    )
    assert meeting.source_id == "d#2026-11-24T19:00:00+00:00"
    assert meeting.is_one_off


def test_event_without_uid_does_not_take_a_typed_meetings_identity() -> None:
    typed = Meeting("Tuesday", "NA", "FREQ=WEEKLY", date(2026, 11, 24), time(19), "UTC")
    imported = only(calendar("SUMMARY:Tuesday\nDTSTART:20261124T190000Z\nRRULE:FREQ=WEEKLY"))
    assert imported.source_id.startswith("no-uid-")
    assert imported.uid != typed.uid


def test_days_are_bounded_and_from_a_date(ready: Run) -> None:
    ready("meetings", "add", "Tuesday", "--day", "tue", "--time", "19:00")
    for days in ("0", "3661"):
        result = ready("meetings", "--days", days)
        assert result.exit_code == 1
        assert "1-3660" in result.stderr
    later = json.loads(ready("meetings", "--from", "2026-12-07", "--days", "7", "--json").output)
    assert [(item["name"], item["start"], item["end"]) for item in later] == [
        ("Tuesday", "2026-12-08T19:00:00-05:00", "2026-12-08T20:00:00-05:00")
    ]


@pytest.fixture
def ready(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    """Sam's store, on Monday 23 November 2026 at 12:00 in New York."""
    frozen_today(MONDAY, time(12, 0))
    return set_up


def test_window_expansion_matches_the_whole_rule() -> None:
    old = Meeting("Old", "NA", "FREQ=WEEKLY;BYDAY=TU,TH", date(1990, 1, 2), time(19), "UTC")
    now = datetime(2026, 11, 23, tzinfo=ZoneInfo("UTC"))
    got = [occ.start for occ in upcoming([old], now, 30, "UTC")]
    from dateutil.rrule import rrulestr

    whole = rrulestr(old.rrule, dtstart=datetime(1990, 1, 2, 19, tzinfo=ZoneInfo("UTC")))
    assert got == whole.between(now, now + timedelta(days=30), inc=True)


REAL_ICS = (  # real exports, written by others (tests/fixtures/meetings/SOURCES.md)
    "ics-google-biweekly-exdate.ics",
    "ics-google-recurrence-id.ics",
    "ics-outlook-windows-zones.ics",
)
UTC = ZoneInfo("UTC")
SPAN = (datetime(2017, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
Sitting = tuple[datetime, int, time, timedelta | None, int]


def _sitting(start: datetime, end: datetime) -> Sitting:
    """What a person needs to be there: the instant, the weekday and clock where it is held,
    the zone's offset then, and the length in minutes."""
    span = int((end - start) / timedelta(minutes=1))
    return (start.astimezone(UTC), start.weekday(), start.time(), start.utcoffset(), span)


def _independent(text: str) -> Counter[Sitting]:
    """The file's sittings as recurring-ical-events expands it (after x-wr-timezone's repair
    of a Google calendar), leaving out a series the file itself breaks, as recovery does."""
    calendar = x_wr_timezone.to_standard(Calendar.from_ical(text))
    events = recurring_ical_events.of(calendar, skip_bad_series=True).between(*SPAN)
    return Counter(_sitting(e.DTSTART, e.DTEND) for e in events if e.get("STATUS") != "CANCELLED")


@pytest.mark.parametrize("name", REAL_ICS)
def test_real_calendar_files_agree_with_an_independent_expansion(name: str) -> None:
    text = (FEEDS / name).read_text()
    meetings = read_meetings(text, "auto", OPTIONS).meetings
    mine = Counter(_sitting(*pair) for m in meetings for pair in schedule.sittings(m, *SPAN))
    theirs = _independent(text)
    assert sum(theirs.values()) >= 3
    agreed = sum((mine & theirs).values())
    assert agreed / max(sum(mine.values()), sum(theirs.values())) >= 0.99


def test_real_calendar_zones_are_the_files_own() -> None:
    zones = {
        m.name: m.timezone
        for name in REAL_ICS
        for m in read_meetings((FEEDS / name).read_text(), "auto", OPTIONS).meetings
    }
    assert zones["Not the actual summary either"] == "America/Los_Angeles"  # Pacific Standard Time
    assert zones["test"] == "Europe/Berlin"  # W. Europe Standard Time
    assert zones["Example of comma-separated exdates"] == "US/Central"
    assert zones["Example of exdate with bad times"] == "Europe/Kiev"  # X-WR-TIMEZONE, repaired
    assert zones["TEST RECURR 3"] == "America/Denver"


@pytest.mark.parametrize("name", REAL_ICS)
def test_real_calendar_reimport_and_export_change_nothing(
    ready: Run, tmp_path: Path, name: str
) -> None:
    feed = tmp_path / name
    feed.write_text((FEEDS / name).read_text())
    first = json.loads(ready("meetings", "import", str(feed), "--json").output)
    assert first["added"] >= 1
    again = json.loads(ready("meetings", "import", str(feed), "--json").output)
    assert (again["added"], again["updated"], again["removed"]) == (0, 0, 0)
    windows = (("--from", "2017-02-01", "--days", "1800"), ("--from", "2026-02-01", "--days", "30"))
    before = [json.loads(ready("meetings", *w, "--json").output) for w in windows]
    feed.write_text(ready("meetings", "export").output)
    back = json.loads(ready("meetings", "import", str(feed), "--json").output)
    assert (back["added"], back["removed"], back["skipped"]) == (0, 0, 0)
    assert [json.loads(ready("meetings", *w, "--json").output) for w in windows] == before
    assert any(before)
