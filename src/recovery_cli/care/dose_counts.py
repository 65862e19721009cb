"""How one medication's doses went over a period of days, for the counsellor summary: the
days a dose was taken (observed at the clinic, take-home), the days missed, and the
take-home doses the clinic gave.

Days are counted, never doses added up into amounts. A day is missed as in care/meds.py:
marked missed (that wins over a tick the same day), or, for a daily medication, a past day
while it was prescribed with no dose ticked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from recovery_cli.care.doses import (
    OBSERVED,
    TAKE_HOME,
    DoseRecord,
    Missed,
    TakeHomeGiven,
    Taken,
    of_medication,
)
from recovery_cli.care.prescriptions import Prescription

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DoseDays:
    """The days of a period, oldest first, by what happened; a count of take-home doses."""

    taken: tuple[date, ...] = ()
    observed: tuple[date, ...] = ()
    take_home: tuple[date, ...] = ()
    missed: tuple[date, ...] = ()
    takehome_given: int = 0


def dose_days(
    prescription: Prescription,
    records: Sequence[DoseRecord],
    first: date,
    last: date,
    today: date,
) -> DoseDays:
    """What happened with `prescription` from `first` to `last` (both included), from its
    dose records. Days without a tick count as missed only once they have passed `today`."""
    own = [r for r in of_medication(records, prescription.name) if first <= r.day <= last]
    marked = {r.day for r in own if isinstance(r, Missed)}
    ticks = [r for r in own if isinstance(r, Taken) and r.day not in marked]
    taken = {r.day for r in ticks}
    missed = marked | set(unticked_days(prescription, taken, first, min(last, today - _DAY)))
    return DoseDays(
        taken=tuple(sorted(taken)),
        observed=tuple(sorted({r.day for r in ticks if r.how == OBSERVED})),
        take_home=tuple(sorted({r.day for r in ticks if r.how == TAKE_HOME})),
        missed=tuple(sorted(missed)),
        takehome_given=sum(r.doses for r in own if isinstance(r, TakeHomeGiven)),
    )


def unticked_days(
    prescription: Prescription, taken: set[date], first: date, last: date
) -> list[date]:
    """For a daily medication, the days from `first` to `last` while it was prescribed
    (from its start, before its stop) without a dose in `taken`; none for the others."""
    if not prescription.cadence.daily:
        return []
    day = max(first, prescription.starts)
    found = []
    while day <= last and prescription.active_on(day):
        if day not in taken:
            found.append(day)
        day += _DAY
    return found
