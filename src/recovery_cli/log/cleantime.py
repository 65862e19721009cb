"""Clean time, calendar-exact, and the milestones of the NA key-tag custom."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import takewhile

from dateutil.relativedelta import relativedelta

from recovery_cli.store.words import counted

_FIRST_MILESTONES: tuple[tuple[str, relativedelta], ...] = (
    ("30 days", relativedelta(days=30)),
    ("60 days", relativedelta(days=60)),
    ("90 days", relativedelta(days=90)),
    ("6 months", relativedelta(months=6)),
    ("9 months", relativedelta(months=9)),
    ("1 year", relativedelta(years=1)),
    ("18 months", relativedelta(months=18)),
)


@dataclass(frozen=True)
class CleanTime:
    """Time since the clean date: calendar years, months and days, and the total in days."""

    years: int
    months: int
    days: int
    total_days: int


@dataclass(frozen=True)
class Milestone:
    name: str
    date: date


def clean_time(clean_date: date, today: date) -> CleanTime:
    """Calendar-exact clean time; a clean date in the future counts as none yet."""
    if clean_date > today:
        return CleanTime(0, 0, 0, 0)
    span = relativedelta(today, clean_date)
    return CleanTime(span.years, span.months, span.days, (today - clean_date).days)


def describe(time: CleanTime) -> str:
    """`1 year, 3 months, 8 days`; `0 days` on the clean date itself."""
    parts = [
        counted(count, unit)
        for count, unit in ((time.years, "year"), (time.months, "month"), (time.days, "day"))
        if count
    ]
    return ", ".join(parts) or "0 days"


def milestones(clean_date: date) -> Iterator[Milestone]:
    """Every milestone in order, without end (yearly after 18 months)."""
    for name, offset in _FIRST_MILESTONES:
        yield Milestone(name, clean_date + offset)
    years = 2
    while True:
        yield Milestone(f"{years} years", clean_date + relativedelta(years=years))
        years += 1


def last_milestone(clean_date: date, today: date) -> Milestone | None:
    """The most recent milestone reached (a milestone falling today counts as reached)."""
    reached = list(takewhile(lambda m: m.date <= today, milestones(clean_date)))
    return reached[-1] if reached else None


def next_milestone(clean_date: date, today: date) -> Milestone:
    """The first milestone still ahead."""
    return next(m for m in milestones(clean_date) if m.date > today)
