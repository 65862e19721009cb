"""What the check-ins and cravings say: streak, averages and their direction, days used,
how triggers go with cravings and how much each coping strategy brings a craving down.

Plain functions over `CheckIn` and `Craving` lists, used by the dashboard, the plan (its
strategies ranked by `coping_effectiveness`), the summary and the export.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import fsum
from typing import Literal

from recovery_cli.log.digest import CopingTotals, Run, add_coping, run_up_to, runs_of
from recovery_cli.log.logbook import CheckIn, Craving, coping_totals
from recovery_cli.store.files import Store
from recovery_cli.store.words import counted

Measure = Literal["mood", "craving"]
Direction = Literal["rising", "falling", "steady", "unknown"]

# A change in a 1-10 or 0-10 average smaller than this is day-to-day noise, not a direction.
STEADY_WITHIN = 0.5


@dataclass(frozen=True)
class Averages:
    """Mean mood, craving and hours of sleep over the `days` days ending on `until`
    (None: no values)."""

    days: int
    until: date
    mood: float | None
    craving: float | None
    checkins: int
    sleep: float | None = None


@dataclass(frozen=True)
class Trend:
    """One measure's mean over the last `days` days against the `days` days before them."""

    measure: Measure
    days: int
    current: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def direction(self) -> Direction:
        change = self.change
        if change is None:
            return "unknown"
        if abs(change) < STEADY_WITHIN:
            return "steady"
        return "rising" if change > 0 else "falling"


@dataclass(frozen=True)
class TriggerStat:
    """How often a trigger was met: on `days` check-ins and in `cravings` craving records;
    and the mean craving when it was met (a check-in's craving, a craving's intensity)
    against the mean over every other record."""

    name: str
    days: int
    cravings: int
    craving_with: float | None
    craving_without: float | None

    @property
    def count(self) -> int:
        """Every time it was met: days and cravings together."""
        return self.days + self.cravings

    @property
    def records(self) -> str:
        """`1 day, 5 cravings`: the check-ins and the cravings that met it."""
        parts = [counted(self.days, "day")] if self.days else []
        parts += [counted(self.cravings, "craving")] if self.cravings else []
        return ", ".join(parts)

    @property
    def difference(self) -> float | None:
        """How much higher cravings ran on days with the trigger (negative: lower)."""
        if self.craving_with is None or self.craving_without is None:
            return None
        return self.craving_with - self.craving_without


# A strategy is ranked against others only once it was used in this many cravings.
RANKED_FROM = 3


@dataclass(frozen=True)
class CopingEffect:
    """The mean drop in a craving (before minus after) over `count` events using `name`
    (negative: it went up)."""

    name: str
    mean_drop: float
    count: int

    @property
    def ranked(self) -> bool:
        """Used often enough to be ranked against other strategies."""
        return self.count >= RANKED_FROM


def checkin_on(checkins: Iterable[CheckIn], day: date) -> CheckIn | None:
    """The check-in for `day`, if there is one."""
    return next((c for c in checkins if c.day == day), None)


def streak(checkins: Iterable[CheckIn], today: date) -> int:
    """Days in a row with a check-in, ending today, or yesterday while today is still open."""
    return streak_of_run(last_run((c.day for c in checkins), today), today)


def last_run(checkin_days: Iterable[date], today: date) -> Run | None:
    """The last run of days in a row with a check-in up to `today` (see `digest.run_up_to`);
    `logbook.checkin_run` reads it from the summary of the file instead."""
    return run_up_to(runs_of(checkin_days), today)


def streak_of_run(run: Run | None, today: date) -> int:
    """`streak` from the last run of days in a row with a check-in up to `today`."""
    if run is None or run[1] < today - timedelta(days=1):
        return 0
    return (run[1] - run[0]).days + 1


def window(checkins: Iterable[CheckIn], until: date, days: int) -> list[CheckIn]:
    """The check-ins of the `days` days ending on `until` (both ends included)."""
    start = until - timedelta(days=days - 1)
    return [c for c in checkins if start <= c.day <= until]


def averages(checkins: Sequence[CheckIn], today: date, days: int) -> Averages:
    """Mean mood and craving over the last `days` days, today included."""
    recent = window(checkins, today, days)
    return Averages(
        days=days,
        until=today,
        mood=mean(c.mood for c in recent),
        craving=mean(c.craving for c in recent),
        checkins=len(recent),
        sleep=mean(c.sleep for c in recent),
    )


def trend(checkins: Sequence[CheckIn], today: date, days: int, measure: Measure) -> Trend:
    """The mean of `measure` over the last `days` days against the `days` before them."""
    earlier_end = today - timedelta(days=days)
    return Trend(
        measure=measure,
        days=days,
        current=mean(_values(window(checkins, today, days), measure)),
        previous=mean(_values(window(checkins, earlier_end, days), measure)),
    )


def daily_series(
    checkins: Iterable[CheckIn], today: date, days: int, measure: Measure
) -> list[int | None]:
    """One value a day for the `days` days ending today, oldest first (None: no check-in)."""
    start = today - timedelta(days=days - 1)
    by_day = {c.day: c for c in checkins if start <= c.day <= today}
    series: list[int | None] = []
    for offset in range(days):
        checkin = by_day.get(start + timedelta(days=offset))
        series.append(None if checkin is None else getattr(checkin, measure))
    return series


def days_used(
    checkins: Iterable[CheckIn],
    cravings: Iterable[Craving] = (),
    since: date | None = None,
    until: date | None = None,
) -> int:
    """Distinct days on which a check-in or a craving recorded use, within since..until."""
    return len(use_days(checkins, cravings, since, until))


def use_days(
    checkins: Iterable[CheckIn],
    cravings: Iterable[Craving] = (),
    since: date | None = None,
    until: date | None = None,
) -> list[date]:
    """The days `days_used` counts, in order."""
    days = {c.day for c in checkins if c.used} | {c.at.date() for c in cravings if c.used}
    return sorted(
        day for day in days if (since is None or day >= since) and (until is None or day <= until)
    )


def trigger_stats(
    checkins: Sequence[CheckIn], cravings: Sequence[Craving] = ()
) -> list[TriggerStat]:
    """Every trigger met, in check-ins or cravings, those that come with the highest
    cravings first.

    Names are matched without regard to case; the first spelling met is the one shown. A
    craving's trigger may name several, separated by commas (the urge-surf joins them so).
    """
    records = [(c.craving, _keys(c.triggers), True) for c in checkins]
    records += [(c.intensity, _keys(craving_triggers(c)), False) for c in cravings]
    names: dict[str, str] = {}
    for name in (*(t for c in checkins for t in c.triggers), *_all_craving_triggers(cravings)):
        if name.strip():  # a blank name (a hand-edited file) is no trigger, as in _keys
            names.setdefault(_key(name), name.strip())
    stats = []
    for key, name in names.items():
        met = [r for r in records if key in r[1]]
        stats.append(
            TriggerStat(
                name=name,
                days=sum(1 for r in met if r[2]),
                cravings=sum(1 for r in met if not r[2]),
                craving_with=mean(r[0] for r in met),
                craving_without=mean(r[0] for r in records if key not in r[1]),
            )
        )
    return sorted(stats, key=lambda s: (-(s.difference or 0.0), -s.count, s.name.casefold()))


def craving_triggers(craving: Craving) -> list[str]:
    """The trigger names a craving gives (none, one, or several separated by commas)."""
    return [name.strip() for name in craving.trigger.split(",") if name.strip()]


def _all_craving_triggers(cravings: Iterable[Craving]) -> list[str]:
    return [name for c in cravings for name in craving_triggers(c)]


def _keys(names: Iterable[str]) -> set[str]:
    return {_key(name) for name in names if name.strip()}


def coping_effectiveness(cravings: Iterable[Craving]) -> list[CopingEffect]:
    """Each coping strategy's mean drop over the cravings that used it: those used in
    `RANKED_FROM` cravings or more first, best first (ties go to the one used more often);
    then those used fewer times, most used first, for they are too few to rank.

    Only cravings with an intensity afterwards count. Names are matched without regard to
    case; the first spelling met is the one shown.
    """
    totals: CopingTotals = {}
    for craving in cravings:
        add_coping(totals, craving.coped, craving.drop)
    return ranked_coping(totals)


def stored_coping_effectiveness(store: Store) -> list[CopingEffect]:
    """`coping_effectiveness` of every craving recorded, from the summary kept beside them
    (the same figures, without reading every craving)."""
    return ranked_coping(coping_totals(store))


def ranked_coping(totals: CopingTotals) -> list[CopingEffect]:
    """The strategies' effects from their totals (see `digest.add_coping`): those used in
    `RANKED_FROM` cravings or more first, best first (ties go to the one used more often);
    then those used fewer times, most used first, for they are too few to rank."""
    effects = [CopingEffect(name, drop / count, count) for name, drop, count in totals.values()]
    return sorted(
        effects,
        key=lambda e: (
            not e.ranked,
            -e.mean_drop if e.ranked else 0.0,
            -e.count,
            e.name.casefold(),
        ),
    )


def _values(checkins: Iterable[CheckIn], measure: Measure) -> list[int | None]:
    return [getattr(c, measure) for c in checkins]


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values given (None ones left out); None when there are none."""
    present = [v for v in values if v is not None]
    # statistics.fmean is this same sum; importing statistics costs every command more.
    return fsum(present) / len(present) if present else None


def _key(name: str) -> str:
    # The same rule as fields.same_name, as a dictionary key.
    return name.strip().casefold()
