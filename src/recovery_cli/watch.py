"""Things to watch: gentle signs, worked out from the log, that the person may want support.

Each rule is a small function over plain inputs that returns a `Watch` (a kind, a plain
and kind message, and the dates behind it) or None. `things_to_watch` runs them all; the
dashboard, `recovery summary` and the exports show the result. The rules:

- no check-in for 3 or more days (today counts while it has none);
- the 7-day craving average up by 2 or more over the 7 days before;
- a 7-day mood average of 4 or less;
- sleep under 6 hours a night on average over 7 days;
- no meeting attended in 14 days while meetings were on the schedule in those days;
- any use recorded in the period looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from recovery_cli import insights
from recovery_cli.logbook import CheckIn, Craving

WatchKind = Literal[
    "no_checkin", "cravings_rising", "low_mood", "short_sleep", "meetings_dropped", "use"
]

CHECKIN_GAP_DAYS = 3
WEEK = 7
CRAVING_RISE = 2.0
LOW_MOOD = 4.0
SHORT_SLEEP_HOURS = 6.0
MEETING_GAP_DAYS = 14
# Means of whole numbers carry float noise (2.0 can come out as 1.9999999999999996).
_NOISE = 1e-9


@dataclass(frozen=True)
class Watch:
    """One thing to watch, with the days that show it (oldest first)."""

    kind: WatchKind
    message: str
    dates: tuple[date, ...]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready object."""
        return {
            "kind": self.kind,
            "message": self.message,
            "dates": [day.isoformat() for day in self.dates],
        }


def no_recent_checkin(checkin_days: Iterable[date], today: date) -> Watch | None:
    """Three or more days, today included, since the last check-in (none ever: no sign)."""
    earlier = [day for day in checkin_days if day <= today]
    if not earlier:
        return None
    last = max(earlier)
    gap = (today - last).days
    if gap < CHECKIN_GAP_DAYS:
        return None
    return Watch(
        "no_checkin",
        f"It has been {gap} days since the last check-in ({_day(last)}).",
        tuple(last + timedelta(days=n) for n in range(1, gap + 1)),
    )


def cravings_rising(checkins: Sequence[CheckIn], today: date) -> Watch | None:
    """The last 7 days' craving average 2 or more above the 7 days before."""
    trend = insights.trend(checkins, today, WEEK, "craving")
    change = trend.change
    if change is None or trend.current is None or trend.previous is None:
        return None
    if change < CRAVING_RISE - _NOISE:
        return None
    return Watch(
        "cravings_rising",
        f"Cravings have been stronger: {trend.current:.1f} on average over the last 7 days, "
        f"up from {trend.previous:.1f} the 7 days before.",
        _days_with(insights.window(checkins, today, 2 * WEEK), "craving"),
    )


def low_mood(checkins: Sequence[CheckIn], today: date) -> Watch | None:
    """A mood average of 4 or less over the last 7 days."""
    mood = insights.averages(checkins, today, WEEK).mood
    if mood is None or mood > LOW_MOOD + _NOISE:
        return None
    return Watch(
        "low_mood",
        f"Mood has been low: {mood:.1f} out of 10 on average over the last 7 days.",
        _days_with(insights.window(checkins, today, WEEK), "mood"),
    )


def short_sleep(checkins: Sequence[CheckIn], today: date) -> Watch | None:
    """Under 6 hours of sleep a night on average over the last 7 days."""
    recent = [c for c in insights.window(checkins, today, WEEK) if c.sleep is not None]
    hours = insights.mean(c.sleep for c in recent)
    if hours is None or hours >= SHORT_SLEEP_HOURS - _NOISE:
        return None
    return Watch(
        "short_sleep",
        f"Sleep has been short: {hours:.1f} hours a night on average over the last 7 days.",
        tuple(c.day for c in recent),
    )


def meetings_dropped(
    meeting_days: Iterable[date], attended_days: Iterable[date], today: date
) -> Watch | None:
    """No meeting attended in the 14 days ending today, while meetings took place in them.

    `meeting_days` are the days a meeting on the person's schedule took place;
    `attended_days` the days they went to one.
    """
    start = today - timedelta(days=MEETING_GAP_DAYS - 1)
    scheduled = sorted({day for day in meeting_days if start <= day <= today})
    if not scheduled or any(start <= day <= today for day in attended_days):
        return None
    count = len(scheduled)
    return Watch(
        "meetings_dropped",
        f"No meeting in the last {MEETING_GAP_DAYS} days, while your schedule had meetings "
        f"on {count} {'day' if count == 1 else 'days'}.",
        tuple(scheduled),
    )


def use_recorded(used_days: Iterable[date]) -> Watch | None:
    """Any use recorded; `used_days` are the days in the period looked at."""
    days = tuple(sorted(set(used_days)))
    if not days:
        return None
    listed = ", ".join(_day(day) for day in days)
    count = len(days)
    return Watch(
        "use",
        f"Use was recorded on {count} {'day' if count == 1 else 'days'} ({listed}). "
        "A lapse is something to learn from, and your lapse plan and your people can help.",
        days,
    )


def things_to_watch(
    checkins: Sequence[CheckIn],
    today: date,
    since: date,
    *,
    checkin_days: Iterable[date] | None = None,
    cravings: Iterable[Craving] = (),
    meeting_days: Iterable[date] = (),
    attended_days: Iterable[date] = (),
) -> list[Watch]:
    """Every rule, as of `today`; use is looked for from `since` to `today`.

    `checkins` must hold at least the 14 days ending today; `checkin_days` (every day with
    a check-in) is taken from `checkins` when not given.
    """
    days = [c.day for c in checkins] if checkin_days is None else checkin_days
    found = (
        no_recent_checkin(days, today),
        cravings_rising(checkins, today),
        low_mood(checkins, today),
        short_sleep(checkins, today),
        meetings_dropped(meeting_days, attended_days, today),
        use_recorded(insights.use_days(checkins, cravings, since, today)),
    )
    return [watch for watch in found if watch is not None]


def _days_with(checkins: Iterable[CheckIn], measure: insights.Measure) -> tuple[date, ...]:
    return tuple(c.day for c in checkins if getattr(c, measure) is not None)


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"
