"""Today's medication: for each prescription still active, whether today's dose is
ticked, the last dose, missed days in a row, when the next is due, take-home doses left,
and the message to contact the clinic when doses were missed.

Days are local dates in the person's time zone. A day without a tick is missed only once
it has passed; a day the person marked missed is missed at once, today included. A dose
noted while the list was locked that matches no medication is shown on its own
(`unmatched_doses`), never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from recovery_cli.care import medicine
from recovery_cli.care.doses import (
    TAKE_HOME,
    DoseRecord,
    Missed,
    TakeHomeGiven,
    Taken,
    load_doses,
    of_medication,
)
from recovery_cli.care.prescriptions import Prescription, load_medications
from recovery_cli.store import clock, fields
from recovery_cli.store.dates import PERIOD_DAYS
from recovery_cli.store.files import Store
from recovery_cli.store.profile import load_profile


@dataclass(frozen=True)
class MedStatus:
    prescription: Prescription
    today: date
    taken_today: bool
    last_taken: date | None
    missed_days_in_a_row: int
    next_due: date | None
    takehome_left: int | None
    alert: str | None

    @property
    def due_today(self) -> bool:
        return not self.taken_today and self.next_due is not None and self.next_due <= self.today

    def to_dict(self) -> dict[str, Any]:
        """The `meds --json` object."""
        p = self.prescription
        return {
            "name": p.name,
            "dose": p.dose,
            "form": p.form,
            "schedule": p.schedule,
            "time": p.time.strftime("%H:%M") if p.time else None,
            "clinic": p.clinic,
            "phone": p.phone,
            "hours": p.hours,
            "taken_today": self.taken_today,
            "last_taken": _iso(self.last_taken),
            "missed_days_in_a_row": self.missed_days_in_a_row,
            "next_due": _iso(self.next_due),
            "takehome_left": self.takehome_left,
            "alert": self.alert,
        }


def local_today(store: Store) -> date:
    """Today in the person's time zone (the system's before one is set)."""
    profile = load_profile(store)
    return clock.today((profile.timezone if profile else "") or clock.system_timezone())


def meds_today(store: Store, today: date | None = None) -> list[MedStatus]:
    """The status of every medication active `today` (the person's today when None)."""
    day = today if today is not None else local_today(store)
    records = load_doses(store, until=day)
    return [status_of(p, records, day) for p in load_medications(store).active(day)]


def unmatched_doses(store: Store, today: date) -> list[DoseRecord]:
    """The dose records of the last PERIOD_DAYS days that name no medication of the
    person's (noted while the list was locked, under a name it does not have, or with no
    name while there was not exactly one), as they were noted; every one stays in the file."""
    prescriptions = load_medications(store).prescriptions
    since = today - timedelta(days=PERIOD_DAYS - 1)
    return [
        r
        for r in load_doses(store, since=since, until=today)
        if fields.find(prescriptions, r.medication) is None
    ]


def status_of(prescription: Prescription, records: Sequence[DoseRecord], today: date) -> MedStatus:
    """One medication's status on `today`, from the dose records up to that day."""
    own = [r for r in of_medication(records, prescription.name) if r.day <= today]
    taken = {r.day for r in own if isinstance(r, Taken)}
    marked = {r.day for r in own if isinstance(r, Missed)}
    last = max(taken, default=None)
    due = next_due(prescription, last, today)
    missed = missed_in_a_row(prescription, taken, marked, due, today)
    threshold = prescription.alert_after
    alert = None
    if threshold is not None and missed >= threshold:
        alert = medicine.missed_alert(
            prescription.kind, missed, prescription.clinic, prescription.phone, prescription.hours
        )
    return MedStatus(
        prescription=prescription,
        today=today,
        taken_today=today in taken,
        last_taken=last,
        missed_days_in_a_row=missed,
        next_due=due,
        takehome_left=takehome_left(own),
        alert=alert,
    )


def next_due(prescription: Prescription, last_taken: date | None, today: date) -> date | None:
    """When the next dose is due: daily, today until it is ticked, then tomorrow; others,
    one interval after the last dose taken; the start date before any; None as needed."""
    schedule = prescription.cadence
    if schedule.as_needed:
        return None
    if today < prescription.starts:
        return prescription.starts
    if schedule.daily:
        return today + timedelta(days=1) if last_taken == today else today
    return prescription.starts if last_taken is None else schedule.after(last_taken)


def missed_in_a_row(
    prescription: Prescription,
    taken: set[date],
    marked: set[date],
    due: date | None,
    today: date,
) -> int:
    """Daily: the past days back from yesterday, to the last day with a dose taken (and
    not marked missed) or the start date, plus today when marked missed. Others: the days
    overdue past the due date (at least 1 when the due dose is marked missed)."""
    schedule = prescription.cadence
    if schedule.as_needed or due is None or today < prescription.starts:
        return 0
    if schedule.daily:
        yesterday = today - timedelta(days=1)
        fine = [day for day in taken - marked if day <= yesterday]
        last_fine = max(fine, default=prescription.starts - timedelta(days=1))
        return max((yesterday - last_fine).days, 0) + (1 if today in marked else 0)
    overdue = max((today - due).days, 0)
    marked_since_due = any(due <= day <= today for day in marked)
    return max(overdue, 1) if marked_since_due else overdue


def takehome_left(records: Sequence[DoseRecord]) -> int | None:
    """Take-home doses given minus those ticked as taken, never below 0; None when the
    clinic never gave any. A count of doses, never an amount."""
    given = [r.doses for r in records if isinstance(r, TakeHomeGiven)]
    if not given:
        return None
    used = sum(1 for r in records if isinstance(r, Taken) and r.how == TAKE_HOME)
    return max(sum(given) - used, 0)


def already_taken(prescription: Prescription, records: Sequence[DoseRecord], day: date) -> bool:
    """Whether the dose scheduled for `day` is already ticked: the same day for a daily
    medication, within the interval since the last dose for the others; never for
    as-needed."""
    schedule = prescription.cadence
    if schedule.as_needed:
        return False
    taken = [r.day for r in of_medication(records, prescription.name) if isinstance(r, Taken)]
    if schedule.daily:
        return day in taken
    before = [when for when in taken if when <= day]
    if not before:
        return False
    until = schedule.after(max(before))
    return until is not None and day < until


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
