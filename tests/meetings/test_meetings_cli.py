"""`recovery meetings` and its subcommands, run through the CLI against a temporary store."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

import pytest
import tomli_w
from icalendar import Calendar
from typer.testing import Result

from recovery_cli.exits import DATA_ERROR
from tests.conftest import FEEDS

Run = Callable[..., Result]

MONDAY = date(2026, 11, 23)


@pytest.fixture
def ready(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    """Sam's store, on Monday 23 November 2026 at 12:00 in New York."""
    frozen_today(MONDAY, time(12, 0))
    return set_up


def add_tuesday(run: Run) -> None:
    result = run(
        "meetings", "add", "Tuesday Night NA", "--fellowship", "NA",
        "--day", "tue", "--time", "19:00", "--where", "St Mark's Hall",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "every Tuesday at 19:00" in result.output


def test_done_when_tuesday_meeting_shows_next_tuesday_at_19_local(ready: Run) -> None:
    add_tuesday(ready)
    result = ready("meetings", "--days", "7", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown == [
        {
            "name": "Tuesday Night NA",
            "fellowship": "NA",
            "start": "2026-11-24T19:00:00-05:00",
            "end": "2026-11-24T20:00:00-05:00",
            "where": "St Mark's Hall",
            "url": "",
        }
    ]
    start = datetime.fromisoformat(shown[0]["start"])
    assert (start.strftime("%A"), start.hour) == ("Tuesday", 19)


def test_upcoming_table_with_cues(ready: Run) -> None:
    add_tuesday(ready)
    added = ready("meetings", "add", "Lunch AA", "--day", "mon", "--time", "14:30", "--url",
                  "https://zoom.example/aa", "--fellowship", "aa")  # fmt: skip
    assert added.exit_code == 0, added.output
    result = ready("meetings")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Day", "Time", "Meeting", "Where"]
    assert "Today" in lines[1]
    assert "Lunch AA" in lines[1]
    assert "https://zoom.example/aa" in lines[1]
    assert "in 2 h" in lines[1]
    assert "Tomorrow" in lines[2]
    assert "St Mark's Hall" in lines[2]


def test_no_meetings_is_said_kindly(ready: Run) -> None:
    result = ready("meetings", "--days", "3")
    assert result.exit_code == 0
    assert "No meetings in the next 3 days" in result.output
    assert json.loads(ready("meetings", "--json").output) == []


def test_add_every_two_weeks_monthly_one_off_and_rrule(ready: Run, home: Path) -> None:
    commands = [
        ("Fortnight", "--day", "wed", "--every", "2weeks", "--time", "18:00"),
        ("First Tuesday", "--day", "tue", "--every", "month", "--time", "19:30",
         "--starts", "2026-12-01"),
        ("Convention", "--date", "2027-02-06", "--time", "10:00", "--duration", "240"),
        ("Last Friday", "--rrule", "FREQ=MONTHLY;BYDAY=-1FR", "--time", "20:00",
         "--timezone", "Europe/London", "--fellowship", "SMART"),
    ]  # fmt: skip
    for args in commands:
        result = ready("meetings", "add", *args)
        assert result.exit_code == 0, result.output
    kept = tomllib.loads((home / "meetings.toml").read_text())
    assert kept["schema_version"] == 1
    rules = {m["name"]: (m["rrule"], m["starts"]) for m in kept["meetings"]}
    assert rules == {
        "Fortnight": ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", date(2026, 11, 25)),
        "First Tuesday": ("FREQ=MONTHLY;BYDAY=1TU", date(2026, 12, 1)),
        "Convention": ("FREQ=DAILY;COUNT=1", date(2027, 2, 6)),
        "Last Friday": ("FREQ=MONTHLY;BYDAY=-1FR", MONDAY),
    }
    listed = json.loads(ready("meetings", "list", "--json").output)
    assert [m["recurrence"] for m in listed] == [
        "every 2 weeks on Wednesday",
        "the first Tuesday of each month",
        "once, on Sat 06 Feb 2027",
        "the last Friday of each month",
    ]
    assert listed[3]["timezone"] == "Europe/London"
    assert listed[2]["duration"] == 240
    upcoming = json.loads(ready("meetings", "--days", "30", "--json").output)
    last_friday = [o["start"] for o in upcoming if o["name"] == "Last Friday"]
    assert last_friday == ["2026-11-27T15:00:00-05:00"]  # 20:00 in London


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("X", "--day", "tue"), "say when the meeting starts"),
        (("X", "--time", "19:00"), "say which day"),
        (("X", "--day", "tue", "--time", "7pm"), "could not read '7pm' as a time"),
        (("X", "--day", "someday", "--time", "19:00"), "day of the week"),
        (("X", "--day", "tue", "--date", "2026-12-01", "--time", "19:00"), "only one of"),
        (("X", "--day", "tue", "--time", "19:00", "--fellowship", "XA"), "fellowship must be"),
        (("X", "--day", "tue", "--time", "19:00", "--timezone", "Nowhere"), "unknown time zone"),
        (("X", "--rrule", "sometimes", "--time", "19:00"), "RRULE"),
        (("X", "--day", "tue", "--time", "19:00", "--every", "day"), "--every must be one of"),
        (("X", "--date", "2026-12-01", "--time", "19:00", "--every", "month"), "--every goes"),
        (("X", "--day", "tue", "--time", "19:00", "--starts", "9999-12-31"), "1900 and 2200"),
        (("X", "--day", "tue", "--time", "19:00", "--starts", "0001-01-01"), "1900 and 2200"),
        (("X", "--date", "9999-12-31", "--time", "19:00"), "1900 and 2200"),
        (("X", "--day", "tue", "--time", "19:00", "--url", "https://x.org/\r\nA"), "control"),
        (("X", "--day", "tue", "--time", "19:00", "--url", "https://x.org/ a"), "spaces"),
        (("X", "--day", "tue", "--time", "19:00", "--url", "javascript:x"), "https://"),
    ],
)
def test_add_mistakes_are_one_plain_line(ready: Run, args: tuple[str, ...], message: str) -> None:
    result = ready("meetings", "add", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_add_refuses_a_second_meeting_with_the_same_name(ready: Run) -> None:
    add_tuesday(ready)
    again = ready("meetings", "add", "tuesday night na", "--day", "wed", "--time", "19:00")
    assert again.exit_code == 1
    assert "already a meeting called" in again.stderr


def test_list_escapes_the_persons_text(ready: Run) -> None:
    result = ready("meetings", "add", "[red]Group[/red]", "--day", "fri", "--time", "19:00")
    assert result.exit_code == 0, result.output
    listed = ready("meetings", "list")
    assert "[red]Group[/red]" in listed.output
    assert "every Friday" in listed.output


def test_list_when_empty(ready: Run) -> None:
    assert "No meetings yet" in ready("meetings", "list").output


def test_edit_changes_only_what_is_given(ready: Run) -> None:
    add_tuesday(ready)
    result = ready("meetings", "edit", "tuesday night na", "--time", "19:30", "--name", "Tue NA")
    assert result.exit_code == 0, result.output
    (meeting,) = json.loads(ready("meetings", "list", "--json").output)
    assert (meeting["name"], meeting["time"], meeting["where"]) == (
        "Tue NA",
        "19:30",
        "St Mark's Hall",
    )
    moved = ready("meetings", "edit", "Tue NA", "--day", "mon,thu")
    assert moved.exit_code == 0, moved.output
    fortnightly = ready("meetings", "edit", "Tue NA", "--every", "2weeks")
    assert fortnightly.exit_code == 0, fortnightly.output
    (meeting,) = json.loads(ready("meetings", "list", "--json").output)
    assert meeting["rrule"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"
    assert meeting["recurrence"] == "every 2 weeks on Monday and Thursday"
    assert ready("meetings", "edit", "nope", "--time", "10:00").exit_code == 1


def test_remove_keeps_attendance(ready: Run, home: Path) -> None:
    add_tuesday(ready)
    assert ready("meetings", "attend", "Tuesday Night NA", "--date", "2026-11-17").exit_code == 0
    result = ready("meetings", "remove", "TUESDAY NIGHT NA")
    assert result.exit_code == 0, result.output
    assert "attendance record is kept" in result.output
    assert json.loads(ready("meetings", "list", "--json").output) == []
    assert "2026-11-17" in (home / "attendance.jsonl").read_text()
    missing = ready("meetings", "remove", "Tuesday Night NA")
    assert missing.exit_code == 1
    assert "no meeting called" in missing.stderr


def test_attend_counts_and_ninety_in_ninety(ready: Run, home: Path) -> None:
    add_tuesday(ready)
    first = ready("meetings", "attend", "Tuesday Night NA", "--date", "2026-11-17")
    assert first.exit_code == 0, first.output
    assert "1 meeting in the last 30 days, 1 in the last 90." in first.output
    assert "90 in 90" not in first.output
    again = ready("meetings", "attend", "Tuesday Night NA", "--date", "2026-11-17")
    assert "already noted" in again.output
    goal = ready("meetings", "goal", "on", "--from", "2026-11-14")
    assert goal.exit_code == 0, goal.output
    assert "every meeting counts" in goal.output
    today = ready("meetings", "attend", "Tuesday Night NA")
    assert "90 in 90: 2 of 90, day 10 of 90." in today.output
    lines = (home / "attendance.jsonl").read_text().splitlines()
    assert json.loads(lines[0]) == {"schema_version": 1}
    assert [json.loads(line)["date"] for line in lines[1:]] == ["2026-11-17", "2026-11-23"]
    off = ready("meetings", "goal", "off")
    assert "goal is off" in off.output
    future = ready("meetings", "attend", "Tuesday Night NA", "--date", "2026-12-01")
    assert future.exit_code == 1
    assert "once you have been" in future.stderr


def test_export_to_stdout_and_to_a_file(ready: Run, tmp_path: Path) -> None:
    add_tuesday(ready)
    result = ready("meetings", "export", "--remind", "15")
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.output)
    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert len(calendar.walk("VALARM")) == 1
    target = tmp_path / "meetings.ics"
    written = ready("meetings", "export", "--output", str(target))
    assert written.exit_code == 0, written.output
    assert "Wrote 1 meetings" in written.output
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_import_both_real_feeds_in_full_and_again_adds_nothing(ready: Run) -> None:
    guide = ready("meetings", "import", str(FEEDS / "meeting-guide-ontario-2018.json"))
    assert guide.exit_code == 0, guide.output
    assert "Added 45, updated 0, unchanged 0, skipped 0." in guide.output
    bmlt = ready("meetings", "import", str(FEEDS / "bmlt-finger-lakes-ny-search.json"))
    assert "Added 53, updated 0, unchanged 0, skipped 0." in bmlt.output
    listed = json.loads(ready("meetings", "list", "--json").output)
    assert len(listed) == 98
    again = ready("meetings", "import", str(FEEDS / "bmlt-finger-lakes-ny-search.json"))
    assert "Added 0, updated 0, unchanged 53, skipped 0." in again.output
    assert len(json.loads(ready("meetings", "list", "--json").output)) == 98
    tweed = next(m for m in listed if m["name"] == "Tweed Group")
    assert (tweed["fellowship"], tweed["recurrence"], tweed["time"]) == (
        "AA",
        "every Tuesday",
        "19:30",
    )


def test_import_dry_run_saves_nothing(ready: Run) -> None:
    result = ready("meetings", "import", str(FEEDS / "bmlt-finger-lakes-ny-search.json"),
                   "--dry-run", "--fellowship", "na")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Would add 53" in result.output
    assert "Nothing was saved." in result.output
    assert "+ Step up and Be Free (every Monday at 19:00)" in result.output
    assert json.loads(ready("meetings", "list", "--json").output) == []


def test_import_reports_skipped_records_and_keeps_the_rest(ready: Run, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([
        {"name": "Good", "slug": 1, "day": 2, "time": "19:00"},
        {"name": "No time", "slug": 2, "day": 2},
    ]))  # fmt: skip
    result = ready("meetings", "import", str(feed))
    assert result.exit_code == 0, result.output
    assert "1 record skipped: 1 without a start time; see --verbose" in result.output
    assert "record 2 (No time)" not in result.output
    assert "Added 1, updated 0, unchanged 0, skipped 1." in result.output
    verbose = ready("meetings", "import", str(feed), "--verbose", "--dry-run")
    assert "skipped record 2 (No time): no start time" in verbose.output


def test_import_mistakes(ready: Run, tmp_path: Path) -> None:
    missing = ready("meetings", "import", str(tmp_path / "nope.json"))
    assert missing.exit_code == 1
    assert "there is no file" in missing.stderr
    odd = tmp_path / "odd.txt"
    odd.write_text("hello")
    unreadable = ready("meetings", "import", str(odd))
    assert "neither JSON nor iCalendar" in unreadable.stderr


def test_export_then_import_round_trip_through_the_cli(ready: Run, tmp_path: Path) -> None:
    add_tuesday(ready)
    ready("meetings", "add", "Monthly", "--day", "thu", "--every", "month", "--time", "18:00",
          "--timezone", "Europe/London")  # fmt: skip
    before = ready("meetings", "--days", "60", "--json").output
    target = tmp_path / "out.ics"
    assert ready("meetings", "export", "-o", str(target)).exit_code == 0
    for name in ("Tuesday Night NA", "Monthly"):
        assert ready("meetings", "remove", name).exit_code == 0
    imported = ready("meetings", "import", str(target))
    assert "Added 2, updated 0, unchanged 0, skipped 0." in imported.output
    assert ready("meetings", "--days", "60", "--json").output == before
    again = ready("meetings", "import", str(target))
    assert "Added 0, updated 0, unchanged 2" in again.output


def test_a_broken_meetings_file_is_named_and_left_alone(ready: Run, home: Path) -> None:
    add_tuesday(ready)
    path = home / "meetings.toml"
    broken = path.read_text().replace("time = 19:00:00", 'time = "late"')
    path.write_text(broken)
    result = ready("meetings")
    assert result.exit_code == DATA_ERROR
    assert "meetings.toml, line" in result.stderr
    assert "time must be a time" in result.stderr
    assert path.read_text() == broken


def test_help_lists_every_meetings_command(run: Run) -> None:
    result = run("meetings", "--help")
    assert result.exit_code == 0
    for command in ("add", "list", "remove", "edit", "attend", "goal", "export", "import"):
        assert f"  {command} " in result.output
    assert "--days N" in result.output
    assert "--time HH:MM" in run("meetings", "add", "--help").output


def test_start_up_does_not_load_the_heavy_meeting_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, recovery_cli.cli; "
        "print(sorted(m for m in ('icalendar', 'dateutil.rrule') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"


def test_days_far_ahead_is_one_line(ready: Run) -> None:
    result = ready("meetings", "--days", "100000000")
    assert result.exit_code == 1
    assert result.stderr == "error: --days must be 1-3660, got 100000000\n"


def test_edit_refuses_a_link_with_a_line_break(ready: Run, home: Path) -> None:
    add_tuesday(ready)
    before = (home / "meetings.toml").read_bytes()
    result = ready("meetings", "edit", "Tuesday Night NA", "--url", "https://x.org/\nA")
    assert result.exit_code == 1
    assert "a link cannot hold spaces or control characters" in result.stderr
    assert (home / "meetings.toml").read_bytes() == before


def _store_by_hand(home: Path, **changes: object) -> None:
    """Change the one stored meeting as an older version (or a hand edit) could have left it."""
    path = home / "meetings.toml"
    document = tomllib.loads(path.read_text())
    document["meetings"][0].update(changes)
    path.write_text(tomli_w.dumps(document))


@pytest.mark.parametrize(
    "stored",
    [
        {"starts": date(9999, 12, 31), "rrule": "FREQ=DAILY;COUNT=1"},
        {"starts": date(1, 1, 1)},
    ],
)
def test_stored_meeting_outside_1900_2200_is_skipped_with_a_warning(
    ready: Run, home: Path, stored: dict[str, object]
) -> None:
    add_tuesday(ready)
    _store_by_hand(home, **stored)
    exported = ready("meetings", "export")
    assert exported.exit_code == 0, exported.stderr
    assert Calendar.from_ical(exported.stdout).walk("VEVENT") == []
    assert "Tuesday Night NA is not shown: it starts before 1900 or after 2200" in exported.stderr
    assert "not shown" in ready("meetings").output
    assert ready().exit_code == 0  # the dashboard


def test_stored_link_with_a_line_break_is_exported_without_it(ready: Run, home: Path) -> None:
    add_tuesday(ready)
    _store_by_hand(home, url="https://x.org/\r\nA\x1b]8;;")
    exported = ready("meetings", "export")
    assert exported.exit_code == 0, exported.stderr
    (event,) = Calendar.from_ical(exported.stdout).walk("VEVENT")
    assert str(event["URL"]) == "https://x.org/A]8;;"
    assert "\x1b" not in exported.output
