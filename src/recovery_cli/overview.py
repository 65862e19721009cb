"""What the dashboard shows, worked out from the person's data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from recovery_cli.cleantime import (
    CleanTime,
    Milestone,
    clean_time,
    last_milestone,
    next_milestone,
)
from recovery_cli.profile import Profile


@dataclass(frozen=True)
class Overview:
    today: date
    name: str = ""
    clean_date: date | None = None
    clean_time: CleanTime | None = None
    next_milestone: Milestone | None = None
    last_milestone: Milestone | None = None

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
        }


def build_overview(profile: Profile | None, today: date) -> Overview:
    if profile is None:
        return Overview(today=today)
    if profile.clean_date is None:
        return Overview(today=today, name=profile.name)
    return Overview(
        today=today,
        name=profile.name,
        clean_date=profile.clean_date,
        clean_time=clean_time(profile.clean_date, today),
        next_milestone=next_milestone(profile.clean_date, today),
        last_milestone=last_milestone(profile.clean_date, today),
    )


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
