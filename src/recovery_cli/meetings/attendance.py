"""Going to meetings: counts over 30 and 90 days, "90 in 90" progress, and the next meeting.

:func:`next_meeting_and_attendance` is what the dashboard calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from recovery_cli.meetings.meetings import (
    Attendance,
    MeetingBook,
    load_attendance,
    load_meetings,
)
from recovery_cli.meetings.schedule import Occurrence, upcoming
from recovery_cli.store.files import Store

NINETY = 90
LOOK_AHEAD_DAYS = 31


@dataclass(frozen=True)
class NinetyProgress:
    """How the "90 meetings in 90 days" goal is going: day n of 90, meetings so far."""

    started: date
    day: int
    attended: int

    @property
    def finished(self) -> bool:
        """True once the 90 days are over."""
        return self.day > NINETY

    @property
    def reached(self) -> bool:
        """True when 90 meetings were reached within the 90 days."""
        return self.attended >= NINETY

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready object."""
        return {
            "started": self.started.isoformat(),
            "day": min(self.day, NINETY),
            "attended": self.attended,
            "goal": NINETY,
        }


@dataclass(frozen=True)
class AttendanceSummary:
    """Meetings attended in the last 30 and 90 days, and the 90-in-90 goal if chosen."""

    last_30: int
    last_90: int
    ninety: NinetyProgress | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready object."""
        return {
            "last_30_days": self.last_30,
            "last_90_days": self.last_90,
            "ninety_in_ninety": self.ninety.to_dict() if self.ninety else None,
        }


@dataclass(frozen=True)
class MeetingGlance:
    """What the dashboard shows about meetings: the next one and the attendance counts."""

    next: Occurrence | None
    attendance: AttendanceSummary


def count_between(records: Iterable[Attendance], first: date, last: date) -> int:
    """How many meetings were attended from ``first`` to ``last``, both included."""
    return sum(1 for record in records if first <= record.day <= last)


def attendance_summary(
    records: list[Attendance], today: date, ninety_from: date | None = None
) -> AttendanceSummary:
    """Counts over the 30 and 90 days ending today, and the 90-in-90 progress if chosen."""
    progress = None
    if ninety_from is not None:
        end = ninety_from + timedelta(days=NINETY - 1)
        attended = count_between(records, ninety_from, min(end, today))
        progress = NinetyProgress(ninety_from, (today - ninety_from).days + 1, attended)
    return AttendanceSummary(
        last_30=count_between(records, today - timedelta(days=29), today),
        last_90=count_between(records, today - timedelta(days=NINETY - 1), today),
        ninety=progress,
    )


def meeting_glance(
    book: MeetingBook, records: list[Attendance], now: datetime, zone: str
) -> MeetingGlance:
    """The next sitting (within a month) and the attendance summary, in the zone ``zone``."""
    coming = upcoming(book.meetings, now, LOOK_AHEAD_DAYS, zone)
    today = now.astimezone(ZoneInfo(zone)).date()
    return MeetingGlance(
        next=coming[0] if coming else None,
        attendance=attendance_summary(records, today, book.ninety_from),
    )


def next_meeting_and_attendance(store: Store, now: datetime, zone: str) -> MeetingGlance:
    """For the dashboard: read the schedule and attendance, then :func:`meeting_glance`."""
    return meeting_glance(load_meetings(store), load_attendance(store), now, zone)
