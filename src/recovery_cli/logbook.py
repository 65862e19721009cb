"""The daily check-ins and the craving events, kept as JSON Lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from recovery_cli import fields
from recovery_cli.errors import InvalidValue
from recovery_cli.store import JsonLinesFile, Store

CHECKINS_FILE = JsonLinesFile("checkins.jsonl")
CRAVINGS_FILE = JsonLinesFile("cravings.jsonl")


@dataclass
class CheckIn:
    """One day's check-in; a value left out is None."""

    day: date
    mood: int | None = None
    craving: int | None = None
    sleep: float | None = None
    triggers: list[str] = field(default_factory=list)
    coped: list[str] = field(default_factory=list)
    used: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        if self.mood is not None:
            fields.in_range("mood", self.mood, 1, 10, "mood")
        if self.craving is not None:
            fields.in_range("craving", self.craving, 0, 10, "craving")
        if self.sleep is not None:
            fields.in_range("sleep", self.sleep, 0, 24, "sleep", whole=False)
            if self.sleep * 2 != int(self.sleep * 2):
                raise InvalidValue(f"sleep is counted in half hours, got {self.sleep:g}", "sleep")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckIn:
        day = fields.optional_date(data, "date")
        if day is None:
            raise InvalidValue("a check-in needs a date", "date")
        return cls(
            day=day,
            mood=fields.number(data, "mood"),
            craving=fields.number(data, "craving"),
            sleep=fields.number(data, "sleep"),
            triggers=fields.text_list(data, "triggers"),
            coped=fields.text_list(data, "coped"),
            used=bool(data.get("used", False)),
            note=fields.text(data, "note"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "mood": self.mood,
            "craving": self.craving,
            "sleep": self.sleep,
            "triggers": self.triggers,
            "coped": self.coped,
            "used": self.used,
            "note": self.note,
        }


@dataclass
class Craving:
    """One craving as it happened: how strong before and after, what helped."""

    at: datetime
    intensity: int
    trigger: str = ""
    coped: list[str] = field(default_factory=list)
    after: int | None = None
    minutes: int | None = None
    used: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        fields.in_range("intensity", self.intensity, 0, 10, "intensity")
        if self.after is not None:
            fields.in_range("after", self.after, 0, 10, "after")
        if self.minutes is not None:
            fields.in_range("minutes", self.minutes, 0, 24 * 60, "minutes")

    @property
    def drop(self) -> int | None:
        """How much the craving came down (before minus after), once `after` is known."""
        return None if self.after is None else self.intensity - self.after

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Craving:
        try:
            at = datetime.fromisoformat(fields.required_text(data, "at"))
        except ValueError:
            raise InvalidValue(f"at must be an ISO date and time, got {data['at']!r}") from None
        return cls(
            at=at,
            intensity=fields.number(data, "intensity"),
            trigger=fields.text(data, "trigger"),
            coped=fields.text_list(data, "coped"),
            after=fields.number(data, "after"),
            minutes=fields.number(data, "minutes"),
            used=bool(data.get("used", False)),
            note=fields.text(data, "note"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "intensity": self.intensity,
            "trigger": self.trigger,
            "coped": self.coped,
            "after": self.after,
            "minutes": self.minutes,
            "used": self.used,
            "note": self.note,
        }


def load_checkins(store: Store) -> list[CheckIn]:
    """Every check-in, in date order."""
    return sorted(store.load_records(CHECKINS_FILE, CheckIn.from_dict), key=lambda c: c.day)


def save_checkins(store: Store, checkins: list[CheckIn]) -> None:
    ordered = sorted(checkins, key=lambda c: c.day)
    store.save_records(CHECKINS_FILE, [c.to_dict() for c in ordered])


def load_cravings(store: Store) -> list[Craving]:
    """Every craving event, in time order."""
    return sorted(store.load_records(CRAVINGS_FILE, Craving.from_dict), key=lambda c: c.at)


def save_cravings(store: Store, cravings: list[Craving]) -> None:
    ordered = sorted(cravings, key=lambda c: c.at)
    store.save_records(CRAVINGS_FILE, [c.to_dict() for c in ordered])
