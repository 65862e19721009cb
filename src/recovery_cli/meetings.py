"""Meeting and attendance records: the data, its validation and its TOML/JSON form.

A meeting's recurrence is kept as one RFC 5545 RRULE string ("FREQ=WEEKLY;BYDAY=TU"), so
weekly, fortnightly, monthly n-th weekday, one-off and any hand-written rule share one
representation. A one-off meeting is ``FREQ=DAILY;COUNT=1``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FELLOWSHIPS: tuple[str, ...] = ("NA", "SMART", "AA", "CA", "other")
ONE_OFF_RULE = "FREQ=DAILY;COUNT=1"
MAX_DURATION_MINUTES = 24 * 60
_UID_NAMESPACE = uuid.UUID("6f1c7d0e-3b7a-4a55-9f62-2f0e6c1d8a41")
_RULE_PART = re.compile(r"^[A-Z]+=[A-Z0-9,+\-:]+$")


def normalise_fellowship(text: str) -> str:
    """Return the canonical spelling of a fellowship ("na" -> "NA"), or raise ValueError."""
    wanted = text.strip().casefold()
    for known in FELLOWSHIPS:
        if known.casefold() == wanted:
            return known
    raise ValueError(
        f"Fellowship {text!r} is not one we know. Choose one of: {', '.join(FELLOWSHIPS)}."
    )


def check_timezone(name: str) -> str:
    """Return ``name`` if it is an IANA time zone, or raise ValueError with a plain message."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"Time zone {name!r} is not known. Use a name like Europe/London or America/New_York."
        ) from None
    return name


def stable_uid(key: str) -> str:
    """A UID that stays the same for the same key, for calendars that de-duplicate on it."""
    return f"{uuid.uuid5(_UID_NAMESPACE, key.casefold())}@recovery"


def _checked_rule(meeting: Meeting) -> str:
    from recovery_cli.schedule import normalise_rule

    rule = meeting.rrule.strip().upper().removeprefix("RRULE:")
    parts = rule.split(";")
    if not all(_RULE_PART.match(part) for part in parts):
        raise ValueError(f"The recurrence rule {rule!r} does not look like an RFC 5545 RRULE.")
    if not any(part.startswith("FREQ=") for part in parts):
        raise ValueError(f"The recurrence rule {rule!r} needs a FREQ, such as FREQ=WEEKLY.")
    return normalise_rule(rule, meeting.timezone, meeting.starts, meeting.time)


@dataclass(frozen=True)
class Meeting:
    """One meeting in the person's schedule: when it recurs, where it is and who runs it."""

    name: str
    fellowship: str
    rrule: str
    starts: date
    time: time
    timezone: str
    duration: int = 60
    where: str = ""
    url: str = ""
    notes: str = ""
    source: str = ""
    uid: str = field(default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", " ".join(self.name.split()))
        if not self.name:
            raise ValueError("A meeting needs a name.")
        object.__setattr__(self, "fellowship", normalise_fellowship(self.fellowship))
        check_timezone(self.timezone)
        object.__setattr__(self, "rrule", _checked_rule(self))
        if not 1 <= self.duration <= MAX_DURATION_MINUTES:
            raise ValueError("A meeting's duration is given in minutes, from 1 to 1440.")
        if self.url and not self.url.lower().startswith(("https://", "http://")):
            raise ValueError(f"The link {self.url!r} should start with https:// or http://.")
        if not self.uid:
            object.__setattr__(self, "uid", stable_uid(self.source or self.name))

    @property
    def is_one_off(self) -> bool:
        """True when the meeting happens only once."""
        return self.rrule == ONE_OFF_RULE

    def to_dict(self) -> dict[str, Any]:
        """A TOML-ready mapping: native date and time, no None values, empty text left out."""
        data: dict[str, Any] = {
            "name": self.name,
            "fellowship": self.fellowship,
            "rrule": self.rrule,
            "starts": self.starts,
            "time": self.time.replace(second=0, microsecond=0),
            "duration": self.duration,
            "timezone": self.timezone,
        }
        for key in ("where", "url", "notes", "source"):
            if value := getattr(self, key):
                data[key] = value
        data["uid"] = self.uid
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meeting:
        """Build a meeting from :meth:`to_dict` output (ISO strings are accepted too)."""
        try:
            return cls(
                name=_text(data, "name", required=True),
                fellowship=_text(data, "fellowship") or "other",
                rrule=_text(data, "rrule", required=True),
                starts=_as_date(data.get("starts")),
                time=_as_time(data.get("time")),
                timezone=_text(data, "timezone", required=True),
                duration=_as_int(data.get("duration", 60)),
                where=_text(data, "where"),
                url=_text(data, "url"),
                notes=_text(data, "notes"),
                source=_text(data, "source"),
                uid=_text(data, "uid"),
            )
        except (TypeError, KeyError) as exc:
            raise ValueError(f"A meeting entry could not be read: {exc}") from None

    def renamed(self, name: str) -> Meeting:
        """The same meeting under another name (its UID stays, so calendars keep it)."""
        return replace(self, name=name)


@dataclass(frozen=True)
class Attendance:
    """A record that the person went to a meeting on a given day."""

    meeting: str
    date: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "meeting", " ".join(self.meeting.split()))
        if not self.meeting:
            raise ValueError("An attendance record needs the meeting's name.")

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready mapping with the date as an ISO string."""
        return {"meeting": self.meeting, "date": self.date.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attendance:
        """Build a record from :meth:`to_dict` output."""
        return cls(meeting=_text(data, "meeting", required=True), date=_as_date(data.get("date")))


def _text(data: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{key!r} should be text, not {type(value).__name__}.")
    if required and not value.strip():
        raise ValueError(f"{key!r} is missing.")
    return value


def _as_date(value: object) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date like 2025-01-31.")


def _as_time(value: object) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a time like 19:00.")


def _as_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{value!r} is not a whole number.")
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number.") from None
