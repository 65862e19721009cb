"""Attendance counts, "90 in 90" progress, and what the dashboard is given."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from recovery_cli.meetings.attendance import (
    attendance_summary,
    meeting_glance,
    next_meeting_and_attendance,
)
from recovery_cli.meetings.meetings import (
    Attendance,
    Meeting,
    MeetingBook,
    save_attendance,
    save_meetings,
)
from recovery_cli.store.files import Store

TODAY = date(2026, 11, 23)


def went(*days_ago: int) -> list[Attendance]:
    return [Attendance("Tuesday Night NA", TODAY - timedelta(days=n)) for n in days_ago]


def test_counts_over_30_and_90_days_include_both_ends() -> None:
    summary = attendance_summary(went(0, 29, 30, 89, 90), TODAY)
    assert (summary.last_30, summary.last_90, summary.ninety) == (2, 4, None)
    assert summary.to_dict() == {"last_30_days": 2, "last_90_days": 4, "ninety_in_ninety": None}


def test_ninety_in_ninety_counts_from_its_first_day() -> None:
    summary = attendance_summary(went(0, 1, 1, 9, 10), TODAY, TODAY - timedelta(days=9))
    assert summary.ninety is not None
    assert (summary.ninety.day, summary.ninety.attended) == (10, 4)
    assert not summary.ninety.finished
    assert summary.ninety.to_dict() == {
        "started": "2026-11-14",
        "day": 10,
        "attended": 4,
        "goal": 90,
    }


def test_ninety_in_ninety_stops_counting_after_day_90() -> None:
    start = TODAY - timedelta(days=100)
    records = [Attendance("M", start + timedelta(days=n)) for n in range(101)]
    goal = attendance_summary(records, TODAY, start).ninety
    assert goal is not None
    assert (goal.attended, goal.finished, goal.reached) == (90, True, True)


def test_glance_gives_the_next_meeting_in_the_persons_zone(store: Store) -> None:
    meeting = Meeting(
        "Tuesday Night NA", "NA", "FREQ=WEEKLY;BYDAY=TU", TODAY, time(19), "America/New_York"
    )
    now = datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("America/New_York"))
    glance = meeting_glance(MeetingBook([meeting]), went(7), now, "Europe/London")
    assert glance.next is not None
    assert glance.next.start.isoformat() == "2026-11-25T00:00:00+00:00"
    assert glance.attendance.last_30 == 1
    with store.transaction():
        save_meetings(store, MeetingBook([meeting], TODAY))
        save_attendance(store, went(7, 1))
    from_store = next_meeting_and_attendance(store, now, "America/New_York")
    assert from_store.next is not None
    assert from_store.next.start.isoformat() == "2026-11-24T19:00:00-05:00"
    assert from_store.attendance.last_30 == 2
    assert from_store.attendance.ninety is not None


def test_glance_with_nothing_kept(store: Store) -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("UTC"))
    glance = next_meeting_and_attendance(store, now, "UTC")
    assert glance.next is None
    assert (glance.attendance.last_30, glance.attendance.last_90) == (0, 0)
