"""Home: the house the person lives in (often a sober-living house for a while), who to call
there, the curfew, the house rules, and the day of a planned move.

Kept in the hand-editable `home.toml`. The curfew is a wall-clock time in the person's zone;
the time left until it is counted on the real clock (in UTC), so it stays right across
midnight and on the nights the clocks change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from recovery_cli.store import fields
from recovery_cli.store.files import Store, TomlFile

HOME_FILE = TomlFile("home.toml")
KINDS = ("sober-living", "family", "own", "other")
# The dashboard shows the curfew when it is this close: in the evening, for most curfews.
CURFEW_NOTICE = timedelta(hours=6)
# The dashboard mentions a planned move from this many days ahead.
MOVE_NOTICE_DAYS = 60
TEXT_LIMIT = 200
RULES_LIMIT = 2000


@dataclass
class Home:
    name: str = ""
    kind: str = ""
    contact: str = ""
    phone: str = ""
    curfew: time | None = None
    rules: str = ""
    until: date | None = None

    def __post_init__(self) -> None:
        if self.kind:
            self.kind = fields.choice("kind", self.kind, KINDS)
        for key in ("name", "contact", "phone"):
            fields.bounded(key, getattr(self, key), TEXT_LIMIT)
        fields.bounded("rules", self.rules, RULES_LIMIT)
        if self.until is not None:
            fields.check_day("until", self.until)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Home:
        curfew = data.get("curfew")
        return cls(
            name=fields.text(data, "name"),
            kind=fields.text(data, "kind"),
            contact=fields.text(data, "contact"),
            phone=fields.text(data, "phone"),
            curfew=None if curfew in (None, "") else fields.clock_time(curfew, "curfew"),
            rules=fields.text(data, "rules"),
            until=fields.optional_date(data, "until"),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "contact": self.contact,
            "phone": self.phone,
            "rules": self.rules,
        }
        if self.curfew is not None:
            data["curfew"] = self.curfew.strftime("%H:%M")
        if self.until is not None:
            data["until"] = self.until
        return data


@dataclass(frozen=True)
class Curfew:
    """The next curfew: its local time and how long until it."""

    at: datetime
    left: timedelta


def next_curfew(curfew: time, now: datetime) -> Curfew:
    """The first curfew at or after `now` (aware, in the person's zone)."""
    at = datetime.combine(now.date(), curfew, now.tzinfo)
    if _real(at) < _real(now):
        at = datetime.combine(now.date() + timedelta(days=1), curfew, now.tzinfo)
    return Curfew(at, _real(at) - _real(now))


def curfew_soon(home: Home | None, now: datetime) -> Curfew | None:
    """The curfew when it is close enough to mention on the dashboard."""
    if home is None or home.curfew is None:
        return None
    upcoming = next_curfew(home.curfew, now)
    return upcoming if upcoming.left <= CURFEW_NOTICE else None


@dataclass(frozen=True)
class Move:
    """A planned move still ahead: out of which home (its name, maybe ""), on which day, and
    in how many days (0 on the day)."""

    name: str
    on: date
    days: int


def planned_move(home: Home | None, today: date) -> Move | None:
    """The planned move, when one is planned and still ahead."""
    if home is None or home.until is None or home.until < today:
        return None
    return Move(home.name, home.until, (home.until - today).days)


def move_soon(home: Home | None, today: date) -> Move | None:
    """The planned move when it is close enough to mention on the dashboard."""
    move = planned_move(home, today)
    return move if move is not None and move.days <= MOVE_NOTICE_DAYS else None


def days_until_move(home: Home, today: date) -> int | None:
    """Days until a planned move, when one is planned and still ahead (0 on the day)."""
    move = planned_move(home, today)
    return None if move is None else move.days


def load_home(store: Store) -> Home | None:
    """The home, or None before `recovery home set`."""
    return store.load(HOME_FILE, Home.from_dict)


def save_home(store: Store, home: Home) -> None:
    store.save(HOME_FILE, home.to_dict())


def _real(moment: datetime) -> datetime:
    """The same moment in UTC: aware datetimes sharing a zone subtract by wall clock, which
    is an hour off across a daylight-saving change."""
    return moment.astimezone(UTC)
