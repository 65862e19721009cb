"""Feeds read right at any size: times, zones, identity, details, reports and real feeds.

Each test named for a defect of issue 12 failed on the code before it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from typer.testing import Result

from recovery_cli.meetings.importers import ImportOptions, read_meetings
from recovery_cli.meetings.importers.records import clock_time, skipped_summary
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.merge import merge_imported
from tests.conftest import FEEDS

Run = Callable[..., Result]
MONDAY = date(2026, 11, 23)
OPTIONS = ImportOptions(zone="America/New_York", today=MONDAY)
SPELLINGS: tuple[Callable[[time], str], ...] = (
    lambda t: f"{t:%H:%M}",
    lambda t: f"{t:%H:%M:%S}",
    lambda t: f"{t:%H%M}",
    lambda t: f"{t.hour % 12 or 12}:{t:%M} {t:%p}",
    lambda t: f"{t.hour % 12 or 12}:{t:%M}{t:%p}".lower(),
    lambda t: f"{t:%I:%M %p}",
    lambda t: f"{t.hour % 12 or 12}:{t:%M} {'a.m.' if t.hour < 12 else 'p.m.'}",
)


@pytest.fixture
def ready(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    """Sam's store (New York), on Monday 23 November 2026 at noon."""
    frozen_today(MONDAY, time(12, 0))
    return set_up


def guide(*records: dict[str, Any]) -> str:
    return json.dumps(list(records))


def read(text: str, fmt: str = "auto", options: ImportOptions = OPTIONS) -> list[Meeting]:
    return read_meetings(text, fmt, options).meetings


def write(tmp_path: Path, name: str, records: list[dict[str, Any]]) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(records))
    return str(path)


@given(st.integers(0, 24 * 60 - 1), st.sampled_from(SPELLINGS))
def test_every_minute_in_every_spelling_reads_back(
    minute: int, spell: Callable[[time], str]
) -> None:
    at = time(minute // 60, minute % 60)
    assert clock_time(spell(at), "start time") == at


def test_every_minute_of_the_day_in_all_spellings() -> None:
    for minute in range(24 * 60):
        at = time(minute // 60, minute % 60)
        assert {clock_time(spell(at), "time") for spell in SPELLINGS} == {at}


def test_twelve_hour_times_in_a_feed_are_not_twelve_hours_early() -> None:
    meetings = read(guide(
        {"name": "Evening", "slug": "a", "day": 2, "time": "8:00 PM", "end_time": "9:30 PM"},
        {"name": "Midnight", "slug": "b", "day": 5, "time": "12:00 AM"},
        {"name": "Noon", "slug": "c", "day": 0, "time": "12:00 PM", "duration": 90},
        {"name": "Late", "slug": "d", "day": "3", "time": "7:30pm", "duration": "45"},
    ))  # fmt: skip
    assert [(m.time, m.duration) for m in meetings] == [
        (time(20), 90),
        (time(0), 60),
        (time(12), 90),
        (time(19, 30), 45),
    ]


def test_meeting_guide_day_seven_is_sunday() -> None:
    (sunday,) = read(guide({"name": "S", "slug": "s", "day": 7, "time": "10:00"}))
    assert sunday.rrule == "FREQ=WEEKLY;BYDAY=SU"


def test_bmlt_duration_in_minutes_or_hours_and_unpublished_skipped() -> None:
    base = {"weekday_tinyint": "2", "start_time": "19:00:00", "meeting_name": "M"}
    result = read_meetings(json.dumps([
        {**base, "id_bigint": "1", "duration_time": "90"},
        {**base, "id_bigint": "2", "duration_time": "01:30:00"},
        {**base, "id_bigint": "3", "published": "0"},
        {**base, "id_bigint": "4", "formats": "TC", "venue_type": "1"},
    ]), "bmlt", OPTIONS)  # fmt: skip
    assert [m.duration for m in result.meetings] == [90, 90]
    assert (
        skipped_summary(result.skipped) == "2 records skipped: 1 unpublished, 1 temporarily closed"
    )


def test_details_kept_password_phone_formats_and_inactive_skipped() -> None:
    result = read_meetings(guide(
        {"name": "Online", "slug": "o", "day": 1, "time": "07:00", "types": ["O", "SP", "ST"],
         "conference_url": "https://zoom.us/j/1", "conference_url_notes": "Password: serenity",
         "conference_phone": "+1 555 0100"},
        {"name": "Gone", "slug": "g", "day": 1, "time": "07:00", "attendance_option": "inactive"},
        {"name": "Shut", "slug": "t", "day": 1, "time": "07:00", "types": "TC, O"},
    ), "auto", OPTIONS)  # fmt: skip
    (online,) = result.meetings
    assert (online.url_notes, online.phone) == ("Password: serenity", "+1 555 0100")
    assert online.formats == ("Open", "Speaker", "Step Study")
    assert skipped_summary(result.skipped) == "2 records skipped: 2 inactive or temporarily closed"


def test_an_al_anon_feed_is_not_labelled_aa() -> None:
    text = (FEEDS / "meeting-guide-al-anon-ma.json").read_text()
    chosen = ImportOptions("America/New_York", MONDAY, "Al-Anon")
    assert {m.fellowship for m in read(text, "auto", chosen)} == {"Al-Anon"}
    own = guide({"name": "F", "slug": "f", "day": 1, "time": "10:00", "fellowship": "al-anon"})
    assert read(own)[0].fellowship == "Al-Anon"


def test_repeated_slugs_are_kept_apart_and_reimport_changes_nothing() -> None:
    text = guide(
        {"name": "Step", "slug": "step", "day": 2, "time": "19:00", "location": "Hall A"},
        {"name": "Step", "slug": "step", "day": 4, "time": "19:00", "location": "Hall B"},
    )
    first = merge_imported([], read(text), feed="f.json")
    assert sorted(m.where for m in first.meetings) == ["Hall A", "Hall B"]
    again = merge_imported(first.meetings, read(text), feed="f.json")
    assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 2)


def test_a_typed_in_meeting_with_the_same_name_is_never_changed(ready: Run, tmp_path: Path) -> None:
    ready("meetings", "add", "Step", "--day", "tue", "--time", "19:00", "--where", "Mine")
    feed = write(tmp_path, "f.json", [{"name": "Step", "slug": "s", "day": 3, "time": "08:00"}])
    assert ready("meetings", "import", feed).exit_code == 0
    listed = json.loads(ready("meetings", "list", "--json").output)
    mine = next(m for m in listed if m["name"] == "Step")
    assert (mine["where"], mine["time"], mine.get("source")) == ("Mine", "19:00", None)
    assert len(listed) == 2


def test_changed_feed_reports_moved_day_new_time_and_removed(ready: Run, tmp_path: Path) -> None:
    records = [
        {"name": "Moves", "slug": "m", "day": 2, "time": "19:00"},
        {"name": "Later", "slug": "l", "day": 3, "time": "19:00"},
        {"name": "Leaves", "slug": "x", "day": 4, "time": "19:00"},
    ]
    feed = write(tmp_path, "area.json", records)
    ready("meetings", "import", feed)
    same = json.loads(ready("meetings", "import", feed, "--json").output)
    assert same == {"added": 0, "updated": 0, "unchanged": 3, "removed": 0, "skipped": 0,
                    "zone": "America/New_York"}  # fmt: skip
    write(tmp_path, "area.json", [{**records[0], "day": 3}, {**records[1], "time": "7:30 PM"}])
    dry = ready("meetings", "import", feed, "--dry-run")
    assert "~ Moves (every Wednesday at 19:00): days changed" in dry.output
    assert "~ Later (every Wednesday at 19:30): time changed" in dry.output
    assert "- Leaves (every Thursday at 19:00): no longer in the feed" in dry.output
    assert "Nothing was saved." in dry.output
    kept = ready("meetings", "import", feed)
    assert "Added 0, updated 2, unchanged 0, skipped 0." in kept.output
    assert "1 meeting no longer in the feed (kept; --prune removes them)." in kept.output
    listed = {m["name"]: m for m in json.loads(ready("meetings", "list", "--json").output)}
    assert listed["Leaves"]["active"] is False
    assert listed["Moves"]["active"] is True
    upcoming = {m["name"] for m in json.loads(ready("meetings", "--days", "14", "--json").output)}
    assert upcoming == {"Moves", "Later"}
    assert "SUMMARY:Leaves" not in ready("meetings", "export").output
    assert "SUMMARY:Leaves" not in ready("calendar", "export").output
    pruned = json.loads(ready("meetings", "import", feed, "--prune", "--json").output)
    assert (pruned["updated"], pruned["removed"]) == (0, 1)
    assert "Leaves" not in {
        m["name"] for m in json.loads(ready("meetings", "list", "--json").output)
    }


def test_zone_own_then_option_then_yours_and_the_report_says_which(
    ready: Run, tmp_path: Path
) -> None:
    feed = write(tmp_path, "au.json", [
        {"name": "Sydney", "slug": "s", "day": 2, "time": "07:00"},
        {"name": "Perth", "slug": "p", "day": 2, "time": "07:00", "timezone": "Australia/Perth"},
    ])  # fmt: skip
    result = ready("meetings", "import", feed, "--timezone", "Australia/Sydney")
    assert "read in Australia/Sydney (the zone you gave)" in result.output
    zones = {
        m["name"]: m["timezone"] for m in json.loads(ready("meetings", "list", "--json").output)
    }
    assert zones == {"Sydney": "Australia/Sydney", "Perth": "Australia/Perth"}
    other = write(tmp_path, "b.json", [{"name": "Here", "slug": "h", "day": 2, "time": "07:00"}])
    assert (
        json.loads(ready("meetings", "import", other, "--json").output)["zone"]
        == "America/New_York"
    )
    bad = ready("meetings", "import", feed, "--timezone", "Mars/Base")
    assert bad.exit_code == 1
    assert "unknown time zone" in bad.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'[{"name": "x",\n  \x00\x00' + b"A" * 24_000 + b"]", "line 2, column 3: not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"[\n1,\n2,\n3,}", "line 4, column 3: not JSON"),
    ],
)
def test_a_bad_file_is_one_short_line(
    ready: Run, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = ready("meetings", "import", str(path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert len(result.stderr) < 200


def test_thousands_of_junk_records_are_a_few_lines(ready: Run, tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps([{"slug": "1", "day": 1, "time": "x"}, *list(range(50000))]))
    result = ready("meetings", "import", str(path))
    assert result.exit_code == 0
    assert "50,001 records" not in result.output
    assert "50001 records skipped: 50000 that are not meetings, 1 without a name" in result.output
    assert len(result.output.splitlines()) < 6


def test_a_huge_file_is_refused_before_it_is_read(ready: Run, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        os.truncate(handle.fileno(), 51 * 1024 * 1024)
    result = ready("meetings", "import", str(path))
    assert result.exit_code == 1
    assert "larger than 50 MB" in result.stderr


def _agreement(meetings: list[Meeting], expected: dict[str, tuple[object, ...]]) -> float:
    got = {m.source: (m.rrule[-2:], m.time, m.timezone, m.duration) for m in meetings}
    return sum(got.get(key) == value for key, value in expected.items()) / len(expected)


def test_real_meeting_guide_feeds_agree_with_an_independent_reading() -> None:
    codes = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
    for name in ("meeting-guide-al-anon-ma.json", "meeting-guide-tsml-ui-timezones.json",
                 "meeting-guide-ontario-2018.json"):  # fmt: skip
        records = json.loads((FEEDS / name).read_text())
        expected = {
            f"meeting-guide:{r['slug']}": (
                codes[int(r["day"])],
                datetime.strptime(
                    r.get("time_formatted") or r["time"],
                    "%I:%M %p" if "time_formatted" in r else "%H:%M",
                ).time(),
                r.get("timezone") or "America/New_York",
                60,
            )
            for r in records
            if r.get("attendance_option") != "inactive"
        }
        result = read_meetings((FEEDS / name).read_text(), "auto", OPTIONS)
        assert _agreement(result.meetings, expected) >= 0.99, name
        assert len(result.meetings) == len(expected)  # the inactive one is skipped, not shown


def test_real_bmlt_feed_agrees_with_an_independent_reading() -> None:
    codes = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
    answer = json.loads((FEEDS / "bmlt-finger-lakes-ny-search.json").read_text())
    expected = {
        f"bmlt:{r['id_bigint']}": (
            codes[int(r["weekday_tinyint"]) - 1],
            datetime.strptime(r["start_time"], "%H:%M:%S").time(),
            "Australia/Sydney",
            60,
        )
        for r in answer["meetings"]
    }
    options = ImportOptions("Australia/Sydney", MONDAY)  # the feed's zone, as --timezone gives
    meetings = read_meetings(json.dumps(answer), "auto", options).meetings
    assert _agreement(meetings, expected) >= 0.99


def test_password_and_phone_are_shown_exported_and_read_back(ready: Run, tmp_path: Path) -> None:
    record = {"name": "Online", "slug": "o", "day": 2, "time": "19:00",
              "conference_url": "https://zoom.us/j/1", "conference_url_notes": "Password: serenity",
              "conference_phone": "+1 555 0100"}  # fmt: skip
    feed = write(tmp_path, "f.json", [record])
    assert ready("meetings", "import", feed).exit_code == 0
    for view in (("list",), ("--days", "7")):
        shown = " ".join(ready("meetings", *view).output.split())
        assert "https://zoom.us/j/1 (Password: serenity) · phone +1 555 0100" in shown
    exported = ready("meetings", "export").output
    (event,) = Calendar.from_ical(exported).walk("VEVENT")
    assert str(event["DESCRIPTION"]).splitlines() == [
        "AA meeting",
        "Link notes: Password: serenity",
        "Phone: +1 555 0100",
    ]
    (back,) = read(exported, "ics")
    assert (back.notes, back.url_notes, back.phone) == ("", "Password: serenity", "+1 555 0100")


def test_the_terminal_shows_the_first_sittings_of_thousands(ready: Run, tmp_path: Path) -> None:
    records = [{"name": f"M{n}", "slug": str(n), "day": n % 7, "time": "19:00"} for n in range(300)]
    assert ready("meetings", "import", write(tmp_path, "f.json", records)).exit_code == 0
    shown = ready("meetings", "--days", "14").output
    assert "and 400 more sittings; use --json or a shorter --days" in shown
    assert len(json.loads(ready("meetings", "--days", "14", "--json").output)) == 600
