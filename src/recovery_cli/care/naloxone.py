"""Naloxone kits, kept in naloxone.toml: where each kit is, what kind, when it expires,
and whether it was used.

An expiry written as a label prints it, `2027-03`, means the last day of that month; a
full date is kept as given. A kit is current until it is used or its expiry day has
passed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from recovery_cli.care import medicine
from recovery_cli.store import fields
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store, TomlFile

NALOXONE_FILE = TomlFile("naloxone.toml")
KINDS = tuple(medicine.NALOXONE_KINDS)
EXPIRING_WITHIN_DAYS = 60
MAX_WHERE = 100
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_expiry(text: str) -> date:
    """`YYYY-MM` as the last day of that month, as pharmacy labels mean it; `YYYY-MM-DD`
    as given."""
    value = text.strip()
    month = _MONTH.match(value)
    try:
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            day = date(year, number, calendar.monthrange(year, number)[1])
        else:
            day = date.fromisoformat(value)
    except ValueError:
        raise InvalidValue(
            f"expires must be a date such as 2027-03 or 2027-03-31, got {text!r}", "expires"
        ) from None
    fields.check_day("expires", day, "expires")
    return day


@dataclass
class Kit:
    """One naloxone kit."""

    expires: date
    added: date
    where: str = ""
    kind: str = "nasal"
    used: date | None = None

    def __post_init__(self) -> None:
        self.where = fields.bounded("where", " ".join(self.where.split()), MAX_WHERE)
        self.kind = fields.choice("kind", self.kind, KINDS, "kind") or "nasal"
        fields.check_day("expires", self.expires, "expires")
        fields.check_day("added", self.added, "added")
        if self.used is not None:
            fields.check_day("used", self.used, "used")

    def current_on(self, today: date) -> bool:
        """Not used, and not past its expiry day."""
        return self.used is None and self.expires >= today

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Kit:
        return cls(
            expires=_expiry(data),
            added=fields.required_date(data, "added"),
            where=fields.text(data, "where"),
            kind=fields.text(data, "kind"),
            used=fields.optional_date(data, "used"),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "expires": self.expires,
            "where": self.where,
            "kind": self.kind,
            "added": self.added,
        }
        if self.used is not None:
            data["used"] = self.used
        return data


@dataclass
class Kits:
    kits: list[Kit] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Kits:
        kits = []
        for number, table in enumerate(fields.table_list(data, "kits")):
            with fields.located(f"kits[{number}]."):
                kits.append(Kit.from_dict(table))
        return cls(kits)

    def to_dict(self) -> dict[str, Any]:
        return {"kits": [kit.to_dict() for kit in self.kits]}

    def chosen(self, number: int | None, today: date) -> Kit:
        """The kit with that number in `naloxone list` (from 1), or the only current one
        when no number is given."""
        if not self.kits:
            raise RecoveryError("no kit is noted yet; add one with recovery naloxone add")
        if number is None:
            now = current(self.kits, today)
            if len(now) != 1:
                raise RecoveryError(
                    f"please give the kit's number from recovery naloxone list ({self._numbers()})"
                )
            return now[0]
        if not 1 <= number <= len(self.kits):
            raise RecoveryError(f"there is no kit {number} ({self._numbers()})")
        return self.kits[number - 1]

    def _numbers(self) -> str:
        count = len(self.kits)
        return f"kits 1 to {count}" if count > 1 else "there is only kit 1"


def _expiry(data: Mapping[str, Any]) -> date:
    """A TOML date, or text as a label prints it (`2027-03`) or a full date."""
    value = data.get("expires")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_expiry(value)
    raise InvalidValue("expires must be a date such as 2027-03 or 2027-03-31", "expires")


def current(kits: Sequence[Kit], today: date) -> list[Kit]:
    """The kits ready to use: not used, not expired."""
    return [kit for kit in kits if kit.current_on(today)]


def expiring(
    kits: Sequence[Kit], today: date, within_days: int = EXPIRING_WITHIN_DAYS
) -> list[Kit]:
    """The unused kits that expire within `within_days`, or already have."""
    last = today + timedelta(days=within_days)
    return [kit for kit in kits if kit.used is None and kit.expires <= last]


def needs_kit(profile_substances: Sequence[str], kits: Sequence[Kit], today: date) -> bool:
    """True when the person listed an opioid among their substances and has no current
    kit recorded."""
    return medicine.mentions_opioid(profile_substances) and not current(kits, today)


def mark_used(kit: Kit, day: date) -> None:
    if kit.used is not None:
        raise RecoveryError(f"that kit was already noted as used on {kit.used.isoformat()}")
    kit.used = day


def load_kits(store: Store) -> Kits:
    """The kits; none before the first is added."""
    return store.load(NALOXONE_FILE, Kits.from_dict) or Kits()


def changing(store: Store) -> AbstractContextManager[Kits]:
    """The kits to change in place, under the store's lock (`Store.changing`)."""
    return store.changing(load_kits, save_kits)


def save_kits(store: Store, kits: Kits) -> None:
    store.save(NALOXONE_FILE, kits.to_dict())
