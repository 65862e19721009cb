"""Clean-time history: the earlier clean periods, each ended by a lapse, and the corrections
of the clean date (a backdate is not a lapse, and is kept apart), in cleanhistory.toml."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from recovery_cli.store import fields
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.files import Store, TomlFile
from recovery_cli.store.profile import Profile, save_profile

HISTORY_FILE = TomlFile("cleanhistory.toml")


@dataclass
class CleanPeriod:
    """A clean period from `start` that a lapse on `end` brought to a close."""

    start: date
    end: date
    note: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValue(
                f"a clean period cannot end ({self.end}) before it starts ({self.start})", "end"
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CleanPeriod:
        return cls(
            start=_date(data, "start"), end=_date(data, "end"), note=fields.text(data, "note")
        )

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "note": self.note}


@dataclass
class Correction:
    """The clean date set right on `on`, from `before` (None: there was none) to `after`."""

    on: date
    before: date | None
    after: date
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Correction:
        return cls(
            on=_date(data, "on"),
            before=fields.optional_date(data, "before"),
            after=_date(data, "after"),
            note=fields.text(data, "note"),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"on": self.on}
        if self.before is not None:
            data["before"] = self.before
        return data | {"after": self.after, "note": self.note}


@dataclass
class CleanHistory:
    periods: list[CleanPeriod] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CleanHistory:
        periods, corrections = [], []
        for number, table in enumerate(fields.table_list(data, "periods")):
            with fields.located(f"periods[{number}]."):
                periods.append(CleanPeriod.from_dict(dict(table)))
        for number, table in enumerate(fields.table_list(data, "corrections")):
            with fields.located(f"corrections[{number}]."):
                corrections.append(Correction.from_dict(dict(table)))
        return cls(periods=periods, corrections=corrections)

    def to_dict(self) -> dict[str, Any]:
        return {
            "periods": [p.to_dict() for p in self.periods],
            "corrections": [c.to_dict() for c in self.corrections],
        }


def load_history(store: Store) -> CleanHistory:
    return store.load(HISTORY_FILE, CleanHistory.from_dict) or CleanHistory()


def save_history(store: Store, history: CleanHistory) -> None:
    store.save(HISTORY_FILE, history.to_dict())


def check_restart(profile: Profile, day: date) -> None:
    """Refuse to start the clean date again from a day before the current clean date."""
    if profile.clean_date is not None and day < profile.clean_date:
        raise InvalidValue(
            f"your clean date is {profile.clean_date.isoformat()}, after {day.isoformat()}; "
            "it was left as it is"
        )


def restart_clean_date(store: Store, profile: Profile, day: date, note: str = "") -> Profile:
    """After a lapse on `day`: keep the clean period that ended in the history and count
    clean time from `day` again (already so: nothing changes). Inside a transaction; returns
    the updated profile."""
    check_restart(profile, day)
    if profile.clean_date == day:
        return profile
    if profile.clean_date is not None:
        history = load_history(store)
        history.periods.append(CleanPeriod(profile.clean_date, day, note.strip()))
        save_history(store, history)
    updated = replace(profile, clean_date=day)
    save_profile(store, updated)
    return updated


def record_correction(
    store: Store, before: date | None, after: date | None, today: date, note: str = ""
) -> None:
    """Keep a change of clean date that is a correction, not a lapse; inside a transaction.
    Setting the first clean date, or leaving it as it was, is no correction."""
    if before is None or after is None or before == after:
        return
    history = load_history(store)
    history.corrections.append(Correction(today, before, after, note.strip()))
    save_history(store, history)


def _date(data: dict[str, Any], key: str) -> date:
    value = fields.optional_date(data, key)
    if value is None:
        raise InvalidValue(f"{key} must be a date such as 2026-11-20", key)
    return value
