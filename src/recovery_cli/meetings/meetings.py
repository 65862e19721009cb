"""Meetings and attendance: the records, their checks, and their files.

A meeting's recurrence is kept as one RFC 5545 RRULE string ("FREQ=WEEKLY;BYDAY=TU"), so
weekly, fortnightly, monthly n-th weekday, one-off and any hand-written rule share one
representation. A one-off meeting is ``FREQ=DAILY;COUNT=1``. A meeting read from an
iCalendar file keeps the file's whole rule set beside it: further RRULEs, added dates (RDATE),
dates left out (EXDATE and cancelled sittings) and moved sittings (RECURRENCE-ID), so the
schedule, attendance and the calendar export all agree with the file. The schedule is kept
in meetings.toml (hand-editable); attendance accumulates in attendance.jsonl.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from contextlib import AbstractContextManager, suppress
from dataclasses import InitVar, dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from recovery_cli.meetings.rules import ONE_OFF_RULE, RuleSet, check_rule
from recovery_cli.store import fields
from recovery_cli.store.clock import check_timezone
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.files import JsonLinesFile, Store, TomlFile

MEETINGS_FILE = TomlFile("meetings.toml")
ATTENDANCE_FILE = JsonLinesFile("attendance.jsonl")
# `house`: a sober-living house's own meeting; it counts for attendance like any other.
FELLOWSHIPS: tuple[str, ...] = ("NA", "SMART", "AA", "CA", "Al-Anon", "house", "other")
MAX_DURATION_MINUTES = 24 * 60
_UID_NAMESPACE = uuid.UUID("6f1c7d0e-3b7a-4a55-9f62-2f0e6c1d8a41")


def stored_duration(data: Mapping[str, Any]) -> int:
    """A stored length in minutes (60 when not given), from 1 minute to a day; meetings,
    their moved sittings and appointments keep theirs alike."""
    duration = data.get("duration", 60)
    fields.in_range("duration", duration, 1, MAX_DURATION_MINUTES, "duration")
    return int(duration)


def normalise_fellowship(text: str) -> str:
    """The canonical spelling of a fellowship ("na" -> "NA", "alanon" -> "Al-Anon")."""
    if text in FELLOWSHIPS:
        return text
    wanted = _plain(text)
    for known in FELLOWSHIPS:
        if _plain(known) == wanted:
            return known
    choices = ", ".join(FELLOWSHIPS)
    raise InvalidValue(f"fellowship must be one of {choices}, got {text!r}", "fellowship")


def _plain(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def stable_uid(key: str) -> str:
    """A UID that stays the same for the same key, for calendars that de-duplicate on it."""
    return f"{uuid.uuid5(_UID_NAMESPACE, key.casefold())}@recovery"


def wall_time(value: object, key: str) -> datetime:
    """A naive local date and time (a TOML datetime or "2026-01-06T19:00"), 1900-2200."""
    if isinstance(value, str):
        with suppress(ValueError):
            value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise InvalidValue(f"{key} must be a date and time such as 2026-01-06T19:00", key)
    fields.check_day(key, value.date(), key)
    return value.replace(second=0, microsecond=0, tzinfo=None)


def _wall_times(data: Mapping[str, Any], key: str) -> tuple[datetime, ...]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise InvalidValue(f"{key} must be a list of dates and times", key)
    return tuple(wall_time(value, key) for value in values)


@dataclass(frozen=True)
class Moved:
    """One sitting held at another time (an iCalendar RECURRENCE-ID): its usual start, its
    new start (naive wall times in the meeting's zone) and its length in minutes."""

    of: datetime
    start: datetime
    duration: int

    def to_dict(self) -> dict[str, Any]:
        """A TOML-ready table."""
        return {
            "of": f"{self.of:%Y-%m-%dT%H:%M}",
            "start": f"{self.start:%Y-%m-%dT%H:%M}",
            "duration": self.duration,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Moved:
        """Build a moved sitting from :meth:`to_dict` output."""
        start = wall_time(data.get("start"), "start")
        return cls(wall_time(data.get("of"), "of"), start, stored_duration(data))


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
    formats: tuple[str, ...] = ()
    url_notes: str = ""
    phone: str = ""
    feed: str = ""
    active: bool = True
    more_rules: tuple[str, ...] = ()
    added: tuple[datetime, ...] = ()
    skipped: tuple[datetime, ...] = ()
    moved: tuple[Moved, ...] = ()
    source_id: str = ""
    # False for a meeting read back from meetings.toml: its rules are not read by dateutil
    # (costly for thousands); one that turns out unreadable is a rule_set.problem().
    whole_check: InitVar[bool] = True

    def __post_init__(self, whole_check: bool) -> None:
        object.__setattr__(self, "name", " ".join(self.name.split()))
        if not self.name:
            raise InvalidValue("a meeting needs a name", "name")
        object.__setattr__(self, "fellowship", normalise_fellowship(self.fellowship))
        object.__setattr__(self, "time", self.time.replace(second=0, microsecond=0, tzinfo=None))
        check_timezone(self.timezone)
        rules = (self.rrule, *self.more_rules)
        checked = [
            check_rule(r, self.timezone, self.starts, self.time, whole=whole_check) for r in rules
        ]
        object.__setattr__(self, "rrule", checked[0])
        object.__setattr__(self, "more_rules", tuple(checked[1:]))
        fields.in_range("duration", self.duration, 1, MAX_DURATION_MINUTES, "duration")
        if self.url and not self.url.lower().startswith(("https://", "http://")):
            raise InvalidValue(f"a link must start with https:// or http://, got {self.url!r}")
        if not self.uid:
            object.__setattr__(self, "uid", stable_uid(self.source or self.name))

    @property
    def is_one_off(self) -> bool:
        """True when the meeting happens only once."""
        return self.rrule == ONE_OFF_RULE and not self.more_rules and not self.added

    @property
    def rule_set(self) -> RuleSet:
        """Every rule and date of the meeting; a moved sitting is left out at its usual
        time (the schedule adds it back at its new one)."""
        return RuleSet(
            (self.rrule, *self.more_rules),
            self.starts,
            self.time,
            self.timezone,
            self.added,
            self.skipped + tuple(moved.of for moved in self.moved),
        )

    def to_dict(self) -> dict[str, Any]:
        """A TOML-ready table: native date and time, no None values, empty text left out."""
        data: dict[str, Any] = {
            "name": self.name,
            "fellowship": self.fellowship,
            "rrule": self.rrule,
            "starts": self.starts,
            "time": self.time,
            "duration": self.duration,
            "timezone": self.timezone,
        }
        for key in ("where", "url", "notes", "source"):
            if value := getattr(self, key):
                data[key] = value
        data["uid"] = self.uid
        if self.formats:
            data["formats"] = list(self.formats)
        for key in ("url_notes", "phone", "feed"):
            if value := getattr(self, key):
                data[key] = value
        if not self.active:
            data["active"] = False
        if self.more_rules:
            data["more_rules"] = list(self.more_rules)
        for key in ("added", "skipped"):
            if values := getattr(self, key):
                data[key] = [f"{value:%Y-%m-%dT%H:%M}" for value in values]
        if self.moved:
            data["moved"] = [moved.to_dict() for moved in self.moved]
        if self.source_id:
            data["source_id"] = self.source_id
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Meeting:
        """Build a meeting from :meth:`to_dict` output (ISO strings are accepted too)."""
        starts = fields.optional_date(data, "starts")
        if starts is None:
            raise InvalidValue("starts (the first date) is missing", "starts")
        return cls(
            name=fields.required_text(data, "name"),
            fellowship=fields.text(data, "fellowship") or "other",
            rrule=fields.required_text(data, "rrule"),
            starts=starts,
            time=fields.clock_time(data.get("time")),
            timezone=fields.required_text(data, "timezone"),
            duration=stored_duration(data),
            **{key: fields.text(data, key) for key in ("where", "url", "notes", "source", "uid")},
            formats=tuple(fields.text_list(data, "formats")),
            **{key: fields.text(data, key) for key in ("url_notes", "phone", "feed")},
            active=data.get("active", True) is not False,
            more_rules=tuple(fields.text_list(data, "more_rules")),
            added=_wall_times(data, "added"),
            skipped=_wall_times(data, "skipped"),
            moved=tuple(Moved.from_dict(table) for table in fields.table_list(data, "moved")),
            source_id=fields.text(data, "source_id"),
            whole_check=False,
        )

    def renamed(self, name: str) -> Meeting:
        """The same meeting under another name (its UID stays, so calendars keep it)."""
        return self if name == self.name else replace(self, name=name)


@dataclass(frozen=True)
class Attendance:
    """A record that the person went to a meeting on a given day."""

    meeting: str
    day: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "meeting", " ".join(self.meeting.split()))
        if not self.meeting:
            raise InvalidValue("an attendance record needs the meeting's name", "meeting")

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready object with the date as an ISO string."""
        return {"meeting": self.meeting, "date": self.day.isoformat()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attendance:
        """Build a record from :meth:`to_dict` output."""
        day = fields.optional_date(data, "date")
        if day is None:
            raise InvalidValue("an attendance record needs a date", "date")
        return cls(meeting=fields.required_text(data, "meeting"), day=day)


@dataclass
class MeetingBook:
    """Everything in meetings.toml: the schedule and the "90 in 90" goal, if chosen."""

    meetings: list[Meeting] = field(default_factory=list)
    ninety_from: date | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MeetingBook:
        """Read the document; a bad value names its table ("meetings[3].time")."""
        meetings = []
        for number, table in enumerate(fields.table_list(data, "meetings")):
            with fields.located(f"meetings[{number}]."):
                meetings.append(Meeting.from_dict(table))
        return cls(meetings, fields.optional_date(data, "ninety_in_ninety_from"))

    def to_dict(self) -> dict[str, Any]:
        """The TOML document (without its schema version, which the store adds)."""
        data: dict[str, Any] = {}
        if self.ninety_from is not None:
            data["ninety_in_ninety_from"] = self.ninety_from
        data["meetings"] = [meeting.to_dict() for meeting in self.meetings]
        return data


def load_meetings(store: Store) -> MeetingBook:
    """The meeting schedule; an empty one before any meeting was added."""
    return store.load(MEETINGS_FILE, MeetingBook.from_dict) or MeetingBook()


def save_meetings(store: Store, book: MeetingBook) -> None:
    """Write meetings.toml; only inside ``store.transaction()``."""
    store.save(MEETINGS_FILE, book.to_dict())


def changing(store: Store) -> AbstractContextManager[MeetingBook]:
    """The schedule to change in place, under the store's lock (`Store.changing`)."""
    return store.changing(load_meetings, save_meetings)


def load_attendance(store: Store) -> list[Attendance]:
    """Every attendance record, in date order."""
    return sorted(store.load_records(ATTENDANCE_FILE, Attendance.from_dict), key=lambda a: a.day)


def save_attendance(store: Store, records: list[Attendance]) -> None:
    """Write attendance.jsonl in date order; only inside ``store.transaction()``."""
    ordered = sorted(records, key=lambda a: a.day)
    store.save_records(ATTENDANCE_FILE, [record.to_dict() for record in ordered])
