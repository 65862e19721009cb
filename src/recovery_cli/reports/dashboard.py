"""What the dashboard shows, worked out from the person's data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from recovery_cli.log.cleanhistory import CleanPeriod
from recovery_cli.log.cleantime import (
    CleanTime,
    Milestone,
    clean_time,
    last_milestone,
    next_milestone,
)
from recovery_cli.log.insights import daily_series, streak_of_days
from recovery_cli.log.logbook import CheckIn
from recovery_cli.meetings.attendance import MeetingGlance
from recovery_cli.plan.plan import Contact
from recovery_cli.reports.watch import Watch
from recovery_cli.store.profile import Profile

SPARKLINE_DAYS = 14


@dataclass(frozen=True)
class Overview:
    today: date
    name: str = ""
    clean_date: date | None = None
    clean_time: CleanTime | None = None
    next_milestone: Milestone | None = None
    last_milestone: Milestone | None = None
    checked_in_today: bool = False
    streak_days: int = 0
    moods: tuple[int | None, ...] = ()
    cravings: tuple[int | None, ...] = ()
    clean_periods: tuple[CleanPeriod, ...] = ()
    meetings: MeetingGlance | None = None
    watch: tuple[Watch, ...] = ()
    call: Contact | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `status --json` object."""
        time = self.clean_time
        return {
            "name": self.name,
            "clean_date": _iso(self.clean_date),
            "clean_days": time.total_days if time else None,
            "clean_time": (
                {"years": time.years, "months": time.months, "days": time.days} if time else None
            ),
            "next_milestone": _milestone_dict(self.next_milestone, self.today),
            "last_milestone": _milestone_dict(self.last_milestone, self.today),
            "checked_in_today": self.checked_in_today,
            "streak_days": self.streak_days,
            "clean_history": [
                {
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "days": p.days,
                    "note": p.note,
                }
                for p in self.clean_periods
            ],
            "next_meeting": _next_meeting_dict(self.meetings),
            "meetings_attended": self.meetings.attendance.to_dict() if self.meetings else None,
            "watch": [item.to_dict() for item in self.watch],
        }


def build_overview(
    profile: Profile | None,
    today: date,
    checkin_days: Sequence[date] = (),
    recent: Sequence[CheckIn] = (),
    clean_periods: Sequence[CleanPeriod] = (),
    meetings: MeetingGlance | None = None,
    watch: Sequence[Watch] = (),
    call: Contact | None = None,
) -> Overview:
    """The dashboard; `recent` needs the check-ins of the last SPARKLINE_DAYS days only.
    `call` is the person the nudge beside the things to watch names."""
    if profile is None:
        return Overview(today=today)
    overview = Overview(today=today, name=profile.name)
    if profile.clean_date is not None:
        overview = replace(
            overview,
            clean_date=profile.clean_date,
            clean_time=clean_time(profile.clean_date, today),
            next_milestone=next_milestone(profile.clean_date, today),
            last_milestone=last_milestone(profile.clean_date, today),
        )
    return replace(
        overview,
        checked_in_today=today in checkin_days,
        streak_days=streak_of_days(checkin_days, today),
        moods=tuple(daily_series(recent, today, SPARKLINE_DAYS, "mood")),
        cravings=tuple(daily_series(recent, today, SPARKLINE_DAYS, "craving")),
        clean_periods=tuple(clean_periods),
        meetings=meetings,
        watch=tuple(watch),
        call=call if watch else None,
    )


def sparkline_start(today: date) -> date:
    """The first day the dashboard's sparklines show."""
    return today - timedelta(days=SPARKLINE_DAYS - 1)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _milestone_dict(milestone: Milestone | None, today: date) -> dict[str, Any] | None:
    if milestone is None:
        return None
    return {
        "name": milestone.name,
        "date": milestone.date.isoformat(),
        "days_to_go": max((milestone.date - today).days, 0),
    }


def _next_meeting_dict(glance: MeetingGlance | None) -> dict[str, Any] | None:
    if glance is None or glance.next is None:
        return None
    meeting = glance.next.meeting
    return {
        "name": meeting.name,
        "fellowship": meeting.fellowship,
        "start": glance.next.start.isoformat(),
        "where": meeting.where,
        "url": meeting.url,
    }
