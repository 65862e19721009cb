"""Prescriptions, kept in medications.toml: what the prescriber decided, as the person
wrote it down, and every change of dose since.

A dose is text ("60 mg", "16 mg/4 mg film"), kept exactly as typed and never read as a
number. Changing it keeps the earlier dose in the history, with the date, who decided and
why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from recovery_cli.care import medicine
from recovery_cli.store import fields
from recovery_cli.store.dates import DateError, parse_time
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store, TomlFile

# Private: sealed once the store is locked, like the doses (doses.jsonl). `meds take` without
# the key then notes the dose under the name as typed, matched when read (`Medications.of`).
MEDICATIONS_FILE = TomlFile("medications.toml", private=True)
FORMS = ("tablet", "film", "liquid", "injection", "implant", "other")
SCHEDULES = "daily, weekly, every N days (2-365), monthly or as-needed"
MAX_NAME = 80
MAX_DOSE = 60
MAX_TEXT = 200
MAX_MISSED_ALERT = 60
_EVERY = re.compile(r"^every\s+(\d{1,3})\s+days?$")


@dataclass(frozen=True)
class Schedule:
    """How often a dose is due: every `days` days, or monthly, or as needed."""

    text: str
    days: int | None = None
    monthly: bool = False

    @property
    def as_needed(self) -> bool:
        return self.days is None and not self.monthly

    @property
    def daily(self) -> bool:
        return self.days == 1

    def after(self, day: date) -> date | None:
        """When the dose after one taken on `day` is due; None for as-needed."""
        if self.monthly:
            from dateutil.relativedelta import relativedelta

            later: date = day + relativedelta(months=1)
            return later
        return None if self.days is None else day + timedelta(days=self.days)


def parse_schedule(text: str) -> Schedule:
    """Read daily, weekly, every N days, monthly or as-needed."""
    word = " ".join(text.strip().lower().split())
    if word == "daily":
        return Schedule("daily", days=1)
    if word == "weekly":
        return Schedule("weekly", days=7)
    if word == "monthly":
        return Schedule("monthly", monthly=True)
    if word in ("as-needed", "as needed"):
        return Schedule("as-needed")
    every = _EVERY.match(word)
    if every and 2 <= int(every.group(1)) <= 365:
        days = int(every.group(1))
        return Schedule(f"every {days} days", days=days)
    raise InvalidValue(f"schedule must be {SCHEDULES}, got {text!r}", "schedule")


@dataclass(frozen=True)
class DoseChange:
    """A dose the prescriber set, from `day` on."""

    day: date
    dose: str
    by: str = ""
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "dose", checked_dose(self.dose))
        fields.check_day("date", self.day, "date")
        for key in ("by", "reason"):
            fields.bounded(key, getattr(self, key), MAX_TEXT)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DoseChange:
        return cls(
            day=fields.required_date(data, "date"),
            dose=fields.required_text(data, "dose"),
            by=fields.text(data, "by"),
            reason=fields.text(data, "reason"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.day, "dose": self.dose, "by": self.by, "reason": self.reason}


@dataclass
class Prescription:
    """One medication as prescribed. `history` holds every dose set, the first included."""

    name: str
    dose: str
    starts: date
    form: str = ""
    schedule: str = "daily"
    time: time | None = None
    prescriber: str = ""
    clinic: str = ""
    phone: str = ""
    hours: str = ""
    missed_alert: int | None = None
    stopped: date | None = None
    stop_reason: str = ""
    history: list[DoseChange] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = " ".join(self.name.split())
        if not self.name:
            raise InvalidValue("a medication needs a name", "name")
        fields.bounded("name", self.name, MAX_NAME)
        self.dose = checked_dose(self.dose)
        self.form = fields.choice("form", self.form, FORMS, "form")
        self.schedule = parse_schedule(self.schedule).text
        for key in ("prescriber", "clinic", "phone", "hours", "stop_reason"):
            fields.bounded(key, getattr(self, key), MAX_TEXT)
        fields.check_day("starts", self.starts, "starts")
        if self.stopped is not None:
            fields.check_day("stopped", self.stopped, "stopped")
            if self.stopped < self.starts:
                raise InvalidValue("a medication cannot stop before it starts", "stopped")
        if self.missed_alert is not None:
            fields.in_range(
                "missed-alert days", self.missed_alert, 1, MAX_MISSED_ALERT, "missed_alert"
            )

    @property
    def kind(self) -> str:
        """What it is (medicine.METHADONE, ...), from its name."""
        return medicine.kind_of(self.name)

    @property
    def cadence(self) -> Schedule:
        return parse_schedule(self.schedule)

    @property
    def alert_after(self) -> int | None:
        """Missed days in a row that bring the message; None when none is set or known.
        Naltrexone brings its warning on any missed day, whatever is set."""
        if medicine.alerts_on_any_missed_day(self.kind):
            return 1
        return self.missed_alert or medicine.default_missed_alert(self.kind)

    def active_on(self, day: date) -> bool:
        """Still prescribed on `day` (not stopped on or before it)."""
        return self.stopped is None or self.stopped > day

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Prescription:
        history = []
        for number, table in enumerate(fields.table_list(data, "history")):
            with fields.located(f"history[{number}]."):
                history.append(DoseChange.from_dict(table))
        return cls(
            name=fields.required_text(data, "name"),
            dose=fields.text(data, "dose"),
            starts=fields.required_date(data, "starts"),
            time=_stored_time(data),
            missed_alert=fields.integer(data, "missed_alert"),
            stopped=fields.optional_date(data, "stopped"),
            history=history,
            **{
                key: fields.text(data, key)
                for key in ("form", "prescriber", "clinic", "phone", "hours", "stop_reason")
            },
            schedule=fields.text(data, "schedule") or "daily",
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "dose": self.dose,
            "form": self.form,
            "schedule": self.schedule,
            "time": self.time.strftime("%H:%M") if self.time else "",
            "prescriber": self.prescriber,
            "clinic": self.clinic,
            "phone": self.phone,
            "hours": self.hours,
            "starts": self.starts,
        }
        if self.missed_alert is not None:
            data["missed_alert"] = self.missed_alert
        if self.stopped is not None:
            data |= {"stopped": self.stopped, "stop_reason": self.stop_reason}
        data["history"] = [change.to_dict() for change in self.history]
        return data


@dataclass
class Medications:
    prescriptions: list[Prescription] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: list[str] = []
        for number, prescription in enumerate(self.prescriptions):
            if any(fields.same_name(prescription.name, name) for name in seen):
                raise InvalidValue(
                    f"{prescription.name!r} is in medications twice; keep one of them",
                    f"medications[{number}].name",
                )
            seen.append(prescription.name)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Medications:
        prescriptions = []
        for number, table in enumerate(fields.table_list(data, "medications")):
            with fields.located(f"medications[{number}]."):
                prescriptions.append(Prescription.from_dict(table))
        return cls(prescriptions)

    def to_dict(self) -> dict[str, Any]:
        return {"medications": [p.to_dict() for p in self.prescriptions]}

    def active(self, today: date) -> list[Prescription]:
        return [p for p in self.prescriptions if p.active_on(today)]

    def of(self, name: str | None, day: date) -> Prescription | None:
        """The medication a person means: the one called `name` (`fields.find`), or with no
        name the only one active on `day`; None when there is no such one. The one rule for
        a command and for a dose noted while the list was locked (`doses.matched`)."""
        if name is not None:
            return fields.find(self.prescriptions, name)
        active = self.active(day)
        return active[0] if len(active) == 1 else None

    def named(self, name: str) -> Prescription:
        """The prescription called `name` (without regard to case); an error naming the
        ones there are when there is none."""
        found = fields.find(self.prescriptions, name)
        if found is None:
            raise RecoveryError(f"there is no medication called {name!r} ({self._yours()})")
        return found

    def chosen(self, name: str | None, today: date) -> Prescription:
        """The one named, or the only active one when no name is given."""
        if name is not None:
            return self.named(name)
        found = self.of(None, today)
        if found is None:
            raise RecoveryError(f"please name the medication ({self._yours()})")
        return found

    def _yours(self) -> str:
        names = ", ".join(p.name for p in self.prescriptions)
        return f"yours: {names}" if names else "none added yet"


def checked_dose(dose: str) -> str:
    """The dose as typed, trimmed; refused when empty or a number without its unit."""
    problem = medicine.dose_problem(dose)
    if problem is not None:
        raise InvalidValue(problem, "dose")
    return fields.bounded("dose", dose.strip(), MAX_DOSE)


def _stored_time(data: Mapping[str, Any]) -> time | None:
    """ "HH:MM" as this module writes it, or a TOML time typed by hand."""
    value = data.get("time")
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    text = fields.text(data, "time")
    if not text:
        return None
    try:
        return parse_time(text)
    except DateError as exc:
        raise InvalidValue(str(exc), "time") from None


def load_medications(store: Store) -> Medications:
    """The prescriptions; none before the first is added."""
    return store.load(MEDICATIONS_FILE, Medications.from_dict) or Medications()


def save_medications(store: Store, medications: Medications) -> None:
    store.save(MEDICATIONS_FILE, medications.to_dict())


def changing(store: Store) -> AbstractContextManager[Medications]:
    """The prescriptions to change in place, under the store's lock (`Store.changing`)."""
    return store.changing(load_medications, save_medications)


def add(medications: Medications, prescription: Prescription) -> None:
    """Add a new medication, its first dose as the start of its history."""
    if fields.find(medications.prescriptions, prescription.name) is not None:
        raise RecoveryError(
            f"{prescription.name!r} is already in your medications; a new dose from your "
            "prescriber is recorded with `recovery meds change`"
        )
    if not prescription.history:
        first = DoseChange(prescription.starts, prescription.dose, prescription.prescriber)
        prescription.history.append(first)
    medications.prescriptions.append(prescription)


def change_dose(
    prescription: Prescription, day: date, today: date, dose: str, by: str = "", reason: str = ""
) -> DoseChange:
    """Record the dose the prescriber set from `day` on, keeping the earlier ones. A
    change is recorded once it has started, so the dose shown is always the current one."""
    if day > today:
        raise RecoveryError(
            f"{day.isoformat()} is still to come; please record the new dose on the day it starts"
        )
    if day < prescription.starts:
        raise RecoveryError(
            f"{prescription.name} started on {prescription.starts.isoformat()}; "
            f"a change cannot come before that"
        )
    change = DoseChange(day, dose, by.strip(), reason.strip())
    prescription.history.append(change)
    prescription.history.sort(key=lambda c: c.day)
    prescription.dose = prescription.history[-1].dose
    return change


def stop(prescription: Prescription, day: date, reason: str = "") -> None:
    if prescription.stopped is not None:
        raise RecoveryError(
            f"{prescription.name} was already stopped on {prescription.stopped.isoformat()}"
        )
    if day < prescription.starts:
        raise RecoveryError(
            f"{prescription.name} started on {prescription.starts.isoformat()}; "
            "it cannot stop before that"
        )
    fields.check_day("the date", day)
    prescription.stop_reason = fields.bounded("reason", reason.strip(), MAX_TEXT)
    prescription.stopped = day


def dose_history(prescription: Prescription) -> Sequence[DoseChange]:
    """Every dose set, oldest first."""
    return sorted(prescription.history, key=lambda c: c.day)
