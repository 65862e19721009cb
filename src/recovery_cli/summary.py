"""The counsellor summary of a period: one `Summary` that the terminal view and every
export format present, so that all of them say the same thing.

Built without notes (`include_notes=False`) it holds no free-text note at all, so no
presenter can let one through. The averages, trigger figures and coping effects come from
`insights`; the things to watch from `watch`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean
from typing import Literal

from recovery_cli import insights
from recovery_cli.cleantime import CleanTime, clean_time
from recovery_cli.errors import RecoveryError
from recovery_cli.logbook import CheckIn, Craving
from recovery_cli.profile import Profile
from recovery_cli.store import Store
from recovery_cli.watch import MEETING_GAP_DAYS, WEEK, Watch, things_to_watch

DEFAULT_DAYS = 30
TOP = 5
# Longer periods are charted week by week: a point a day stops being readable.
DAILY_UP_TO_DAYS = 62
# The things-to-watch rules look back two weeks from the end of the period.
WATCH_DAYS = 14


@dataclass(frozen=True)
class Period:
    """From `since` to `until`, both days included."""

    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.since <= day <= self.until


def period_of(since: date | None, until: date | None, today: date) -> Period:
    """The period asked for: by default the 30 days ending today, or ending on `until`."""
    end = until or today
    start = since or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise RecoveryError(
            f"the period would start ({start.isoformat()}) after it ends ({end.isoformat()}); "
            "give a --since on or before --until"
        )
    return Period(start, end)


@dataclass(frozen=True)
class Day:
    """One day of the period: its check-in's values, or all None/empty without one."""

    day: date
    checked_in: bool
    mood: int | None = None
    craving: int | None = None
    sleep: float | None = None
    used: bool | None = None
    triggers: tuple[str, ...] = ()
    coping: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Week:
    """Seven days of the period (the first may be shorter): mean mood and craving, any use."""

    first: date
    last: date
    mood: float | None
    craving: float | None
    used: bool


@dataclass(frozen=True)
class CravingFigures:
    """The craving events of the period: how many, how strong, how far they came down."""

    count: int
    mean_intensity: float | None
    mean_drop: float | None


@dataclass(frozen=True)
class Note:
    day: date
    source: Literal["check-in", "craving"]
    text: str


@dataclass(frozen=True)
class Summary:
    name: str
    period: Period
    generated: date
    clean_date: date | None
    clean_time: CleanTime | None
    days: tuple[Day, ...]
    mood_average: float | None
    craving_average: float | None
    mood_trend: insights.Trend | None
    craving_trend: insights.Trend | None
    days_used: int
    cravings: CravingFigures
    triggers: tuple[insights.TriggerStat, ...]
    coping: tuple[insights.CopingEffect, ...]
    meetings_attended: int | None
    watch: tuple[Watch, ...]
    notes: tuple[Note, ...]
    notes_included: bool

    @property
    def checkins_made(self) -> int:
        return sum(1 for day in self.days if day.checked_in)

    @property
    def mood_series(self) -> list[int | None]:
        return [day.mood for day in self.days]

    @property
    def craving_series(self) -> list[int | None]:
        return [day.craving for day in self.days]

    @property
    def by_week(self) -> bool:
        """True when the period is long enough to be charted week by week."""
        return self.period.days > DAILY_UP_TO_DAYS

    @property
    def weeks(self) -> list[Week]:
        """The period in weeks ending on its last day; the first week may be shorter."""
        weeks = []
        end = len(self.days)
        while end > 0:
            days = self.days[max(0, end - WEEK) : end]
            weeks.append(
                Week(
                    first=days[0].day,
                    last=days[-1].day,
                    mood=insights.mean(d.mood for d in days),
                    craving=insights.mean(d.craving for d in days),
                    used=any(d.used for d in days),
                )
            )
            end -= WEEK
        return weeks[::-1]


def build_summary(
    profile: Profile,
    period: Period,
    generated: date,
    checkins: Sequence[CheckIn],
    cravings: Sequence[Craving],
    *,
    include_notes: bool = True,
    checkin_days: Sequence[date] | None = None,
    meeting_days: Sequence[date] = (),
    attended_days: Sequence[date] | None = None,
) -> Summary:
    """The summary of `period` from plain data.

    `checkins` must hold the period and the 14 days before its end (for the things to
    watch); `checkin_days` every day with a check-in (default: those of `checkins`);
    `attended_days` the days the person went to a meeting, None when they keep no meetings.
    """
    inside = [c for c in checkins if c.day in period]
    craved = [c for c in cravings if c.at.date() in period]
    half = period.days // 2
    means = insights.averages(inside, period.until, period.days)
    return Summary(
        name=profile.name,
        period=period,
        generated=generated,
        clean_date=profile.clean_date,
        clean_time=clean_time(profile.clean_date, generated) if profile.clean_date else None,
        days=_days(inside, period, include_notes),
        mood_average=means.mood,
        craving_average=means.craving,
        mood_trend=insights.trend(inside, period.until, half, "mood") if half else None,
        craving_trend=insights.trend(inside, period.until, half, "craving") if half else None,
        days_used=insights.days_used(inside, craved, period.since, period.until),
        cravings=_craving_figures(craved),
        triggers=_most_met(insights.trigger_stats(inside)),
        coping=tuple(e for e in insights.coping_effectiveness(craved) if e.mean_drop > 0)[:TOP],
        meetings_attended=(
            None if attended_days is None else sum(1 for day in attended_days if day in period)
        ),
        watch=tuple(
            things_to_watch(
                [c for c in checkins if c.day <= period.until],
                period.until,
                period.since,
                checkin_days=checkin_days,
                cravings=craved,
                meeting_days=meeting_days,
                attended_days=attended_days or (),
            )
        ),
        notes=_notes(inside, craved) if include_notes else (),
        notes_included=include_notes,
    )


def load_summary(
    store: Store, profile: Profile, period: Period, now: datetime, zone: str, include_notes: bool
) -> Summary:
    """Read what the period needs from the store and build its summary, made `now`."""
    from recovery_cli import logbook
    from recovery_cli.attendance import sitting_days
    from recovery_cli.meetings import load_attendance, load_meetings

    first = min(period.since, period.until - timedelta(days=WATCH_DAYS - 1))
    checkins = [c for c in logbook.load_checkins(store, since=first) if c.day <= period.until]
    book, attended = load_meetings(store), load_attendance(store)
    tracked = bool(book.meetings or attended)
    watch_start = period.until - timedelta(days=MEETING_GAP_DAYS - 1)
    return build_summary(
        profile,
        period,
        now.date(),
        checkins,
        logbook.load_cravings(store, since=period.since),
        include_notes=include_notes,
        checkin_days=logbook.checkin_days(store),
        meeting_days=sitting_days(book.meetings, watch_start, period.until, zone, now),
        attended_days=[a.day for a in attended] if tracked else None,
    )


def _days(checkins: Sequence[CheckIn], period: Period, include_notes: bool) -> tuple[Day, ...]:
    by_day = {c.day: c for c in checkins}
    days = []
    for offset in range(period.days):
        day = period.since + timedelta(days=offset)
        checkin = by_day.get(day)
        if checkin is None:
            days.append(Day(day, checked_in=False))
            continue
        days.append(
            Day(
                day,
                checked_in=True,
                mood=checkin.mood,
                craving=checkin.craving,
                sleep=checkin.sleep,
                used=checkin.used,
                triggers=tuple(checkin.triggers),
                coping=tuple(checkin.coped),
                note=checkin.note if include_notes else "",
            )
        )
    return tuple(days)


def _most_met(stats: Sequence[insights.TriggerStat]) -> tuple[insights.TriggerStat, ...]:
    """The TOP triggers met on the most days."""
    return tuple(sorted(stats, key=lambda s: (-s.count, s.name.casefold()))[:TOP])


def _craving_figures(cravings: Sequence[Craving]) -> CravingFigures:
    drops = [c.drop for c in cravings if c.drop is not None]
    return CravingFigures(
        count=len(cravings),
        mean_intensity=fmean(c.intensity for c in cravings) if cravings else None,
        mean_drop=fmean(drops) if drops else None,
    )


def _notes(checkins: Sequence[CheckIn], cravings: Sequence[Craving]) -> tuple[Note, ...]:
    notes = [Note(c.day, "check-in", c.note.strip()) for c in checkins if c.note.strip()]
    notes += [Note(c.at.date(), "craving", c.note.strip()) for c in cravings if c.note.strip()]
    return tuple(sorted(notes, key=lambda n: n.day))
