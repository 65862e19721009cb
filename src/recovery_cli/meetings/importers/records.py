"""What every meeting importer shares: its options, its result and small field readers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import TypeVar

from recovery_cli.meetings.meetings import Meeting
from recovery_cli.store.clock import zone

R = TypeVar("R")


@dataclass(frozen=True)
class ImportOptions:
    """How to read a feed: the zone for times that carry none, today's date, a fellowship."""

    zone: str
    today: date
    fellowship: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A record that could not be read: where it is in the file (from 1), its name, why."""

    position: int
    label: str
    reason: str

    def describe(self) -> str:
        """One plain line for the person, e.g. 'record 3 (Tuesday Group): no start time'."""
        name = f" ({self.label})" if self.label else ""
        return f"record {self.position}{name}: {self.reason}"


@dataclass
class ImportResult:
    """The meetings read from a file and the records that were skipped."""

    meetings: list[Meeting] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class RecordError(ValueError):
    """A single record cannot be read; the import goes on without it."""


def read_records(
    records: Iterable[R], meeting: Callable[[R], Meeting], label: Callable[[R], str]
) -> ImportResult:
    """Every record through its format's ``meeting`` reader; a record that cannot be read
    (a ValueError) is skipped and reported by its position and ``label``."""
    result = ImportResult()
    for position, record in enumerate(records, start=1):
        try:
            result.meetings.append(meeting(record))
        except ValueError as exc:
            result.skipped.append(Skipped(position, label(record), str(exc)))
    return result


def clock_time(value: object, what: str) -> time:
    """A time from "19:00", "19:00:00", "7:30" or "1900"; raises RecordError otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"no {what}")
    text = value.strip()
    if text.isdigit() and len(text) == 4:
        text = f"{text[:2]}:{text[2:]}"
    hours, _, rest = text.partition(":")
    try:
        return time(int(hours), int(rest[:2]) if rest else 0)
    except ValueError:
        raise RecordError(f"{what} {value!r} is not a time like 19:00") from None


def minutes_between(start: time, end: time) -> int:
    """Minutes from ``start`` to ``end``, past midnight when ``end`` is earlier; 60 if equal."""
    span = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return span % (24 * 60) or 60


def zone_or(name: object, fallback: str) -> str:
    """``name`` when it is a known IANA zone, otherwise ``fallback``."""
    text = name.strip() if isinstance(name, str) else ""
    return text if zone(text) is not None else fallback


def web_link(value: object) -> str:
    """``value`` when it is an http(s) link, otherwise empty text."""
    if isinstance(value, str) and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()
    return ""


def join_text(parts: list[object], sep: str = ", ") -> str:
    """Non-empty text parts joined by ``sep`` (None, numbers and blanks are handled)."""
    cleaned = [str(part).strip() for part in parts if part is not None and str(part).strip()]
    return sep.join(cleaned)


def label_of(record: object, *keys: str) -> str:
    """A short name for a record in the skipped report, from the first key that has one."""
    if isinstance(record, dict):
        for key in keys:
            value = record.get(key)
            if isinstance(value, str | int) and str(value).strip():
                return str(value).strip()[:60]
    return ""
