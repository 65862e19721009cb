"""Importing into the schedule: re-import adds nothing, updates keep names, names stay unique."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from recovery_cli.meetings.importers import ImportOptions, read_meetings
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.merge import changed_details, merge_imported, unique_name, when_label
from recovery_cli.store.fields import find
from tests.conftest import FEEDS

MEETING_GUIDE = FEEDS / "meeting-guide-ontario-2018.json"
OPTIONS = ImportOptions(zone="America/Toronto", today=date(2026, 11, 23))


def feed() -> list[Meeting]:
    return read_meetings(MEETING_GUIDE.read_text(), "auto", OPTIONS).meetings


def test_first_import_adds_all_with_unique_names() -> None:
    merged = merge_imported([], feed())
    assert len(merged.added) == 45
    names = [m.name.casefold() for m in merged.meetings]
    assert len(set(names)) == 45
    jugs = sorted(m.name for m in merged.meetings if m.name.startswith("Plug in the Jug"))
    assert jugs == [
        "Plug in the Jug Meeting",
        "Plug in the Jug Meeting (Fri 12:00)",
        "Plug in the Jug Meeting (Thu 12:00)",
        "Plug in the Jug Meeting (Tue 12:00)",
        "Plug in the Jug Meeting (Wed 12:00)",
    ]


def test_reimport_adds_nothing() -> None:
    first = merge_imported([], feed())
    again = merge_imported(first.meetings, feed())
    assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 45)
    assert again.meetings == first.meetings


def test_reimport_a_week_later_keeps_the_start_dates() -> None:
    first = merge_imported([], feed())
    later = ImportOptions(OPTIONS.zone, date(2026, 12, 1))
    again = merge_imported(
        first.meetings, read_meetings(MEETING_GUIDE.read_text(), "auto", later).meetings
    )
    assert again.added == []
    assert again.updated == []
    assert again.meetings == first.meetings


def test_a_changed_meeting_is_updated_keeping_the_persons_name_and_uid() -> None:
    first = merge_imported([], feed())
    tweed = find(first.meetings, "Tweed Group")
    assert tweed is not None
    mine = replace(tweed, name="Tweed (my home group)")
    kept = [mine if m is tweed else m for m in first.meetings]
    changed = [replace(m, time=time(20)) if m.source == tweed.source else m for m in feed()]
    again = merge_imported(kept, changed)
    assert [c.new.name for c in again.updated] == ["Tweed (my home group)"]
    assert again.updated[0].what == ["time"]
    updated = again.updated[0].new
    assert (updated.time, updated.uid) == (time(20), tweed.uid)
    assert len(again.meetings) == 45


def test_unique_name_adds_day_and_time_then_a_number() -> None:
    meeting = Meeting("Group", "AA", "FREQ=WEEKLY;BYDAY=MO,TH", date(2026, 1, 5), time(12), "UTC")
    assert when_label(meeting) == "Mon/Thu 12:00"
    assert unique_name(meeting, set()) == "Group"
    assert unique_name(meeting, {"group"}) == "Group (Mon/Thu 12:00)"
    assert unique_name(meeting, {"group", "group (mon/thu 12:00)"}) == "Group (Mon/Thu 12:00) 2"


def test_a_changed_rule_set_is_a_change_not_unchanged() -> None:
    weekly = Meeting("Hope", "NA", "FREQ=WEEKLY;BYDAY=TU", date(2026, 1, 6), time(19), "UTC")
    cancelled = replace(weekly, skipped=(datetime(2026, 1, 13, 19),))
    moved_rule = replace(weekly, more_rules=("FREQ=WEEKLY;BYDAY=TH",))
    assert changed_details(weekly, cancelled) == ["cancelled dates"]
    assert changed_details(weekly, moved_rule) == ["days"]
    assert changed_details(weekly, weekly) == []
