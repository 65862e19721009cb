"""What every meeting importer shares: its options, its result and small field readers."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import TypeVar

from recovery_cli.meetings.meetings import MAX_DURATION_MINUTES, Meeting
from recovery_cli.store import fields
from recovery_cli.store.clock import zone
from recovery_cli.store.errors import InvalidValue

R = TypeVar("R")

MAX_FEED_BYTES = 50 * 1024 * 1024
_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*(?:(?P<ap>[ap])\.?\s*m?\.?)?$",
    re.IGNORECASE,
)
_CLOCK_WORDS = {"noon": time(12), "midday": time(12), "midnight": time(0)}


@dataclass(frozen=True)
class ImportOptions:
    """How to read a feed: the zone for times that carry none, today's date, a fellowship
    (None: the feed's own or its format's usual one), and the feed's name (its file)."""

    zone: str
    today: date
    fellowship: str | None = None
    feed: str = ""


@dataclass(frozen=True)
class Skipped:
    """A record that could not be read: where it is in the file (from 1), its name, why."""

    position: int
    label: str
    reason: str
    kind: str = "that could not be read"

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
    """A single record cannot be read (or is not held); the import goes on without it.
    ``kind`` groups records in the summary: "without a day", "inactive", ..."""

    def __init__(self, message: str, kind: str = "that could not be read") -> None:
        super().__init__(message)
        self.kind = kind


def skipped_summary(skipped: Iterable[Skipped]) -> str:
    """One line: "12 records skipped: 10 without a day, 2 with an unreadable time"."""
    kinds = Counter(item.kind for item in skipped)
    total = sum(kinds.values())
    if not total:
        return ""
    parts = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    noun = "record" if total == 1 else "records"
    return f"{total} {noun} skipped: {parts}"


def load_json(text: str) -> object:
    """The parsed JSON; a bad file is one line saying where, never echoing its content."""
    if len(text) > MAX_FEED_BYTES:
        raise InvalidValue("this file is larger than 50 MB, far more than any meeting list")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidValue(f"line {exc.lineno}, column {exc.colno}: not JSON") from None
    except RecursionError:
        raise InvalidValue("this JSON is nested too deeply to be a meeting list") from None


def read_records(
    records: Iterable[R], meeting: Callable[[R], Meeting], label: Callable[[R], str]
) -> ImportResult:
    """Every record through its format's ``meeting`` reader; a record that cannot be read
    (a ValueError) is skipped and reported by its position and ``label``."""
    result = ImportResult()
    for position, record in enumerate(records, start=1):
        try:
            result.meetings.append(meeting(record))
        except RecordError as exc:
            result.skipped.append(Skipped(position, label(record), str(exc), exc.kind))
        except ValueError as exc:
            result.skipped.append(Skipped(position, label(record), str(exc)))
    result.meetings = unique_sources(result.meetings)
    return result


def unique_sources(meetings: list[Meeting]) -> list[Meeting]:
    """Meetings whose source ids repeat in a feed (real feeds reuse slugs) told apart by
    their days and time, then by their order, so that none collapses into another."""
    counts = Counter(m.source for m in meetings if m.source)
    if all(count == 1 for count in counts.values()):
        return meetings
    seen: Counter[str] = Counter()
    unique = []
    for meeting in meetings:
        if counts[meeting.source] > 1:
            source = f"{meeting.source}|{_byday(meeting)}|{meeting.time:%H:%M}"
            seen[source] += 1
            if seen[source] > 1:
                source = f"{source}#{seen[source]}"
            unique.append(replace(meeting, source=source, uid=""))
        else:
            unique.append(meeting)
    return unique


def _byday(meeting: Meeting) -> str:
    return next((p[6:] for p in meeting.rrule.split(";") if p.startswith("BYDAY=")), "")


def clock_time(value: object, what: str) -> time:
    """A time from "19:00", "19:00:00", "1900", "7:30 PM", "7:30pm", "12:00 AM" (midnight),
    "12:00 PM" (noon) or "noon"; raises RecordError otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"no {what}", f"without a {what}")
    text = value.strip()
    if text.casefold() in _CLOCK_WORDS:
        return _CLOCK_WORDS[text.casefold()]
    found = _CLOCK.match(text)
    hour = int(found["h"]) if found else -1
    if found and found["ap"]:
        hour = hour % 12 + (12 if found["ap"].lower() == "p" else 0) if 1 <= hour <= 12 else -1
    try:
        if not found or int(found["s"] or 0) > 59:
            raise ValueError
        return time(hour, int(found["m"] or 0))
    except ValueError:
        raise RecordError(
            f"{what} {one_line_of(repr(value))} is not a time like 19:00 or 7:00 PM",
            "with an unreadable time",
        ) from None


def duration_minutes(value: object) -> int | None:
    """Minutes from 90, "90", "1:30" or "01:30:00"; None when absent, unreadable or not
    between a minute and a day."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    text = str(value).strip()
    if text.isdigit():
        minutes = int(text)
    elif found := re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text):
        minutes = int(found[1]) * 60 + int(found[2])
    else:
        return None
    return minutes if 0 < minutes <= MAX_DURATION_MINUTES else None


def one_line_of(value: object, limit: int = 40) -> str:
    """A short, single-line form of a value for a message (a feed's text is never echoed
    at length)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def minutes_between(start: time, end: time) -> int:
    """Minutes from ``start`` to ``end``, past midnight when ``end`` is earlier; 60 if equal."""
    span = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return span % (24 * 60) or 60


def zone_or(name: object, fallback: str) -> str:
    """``name`` when it is a known IANA zone, otherwise ``fallback``."""
    text = name.strip() if isinstance(name, str) else ""
    return text if zone(text) is not None else fallback


def web_link(value: object) -> str:
    """``value`` when it is an http(s) link without spaces or controls, otherwise empty text."""
    if not isinstance(value, str):
        return ""
    try:
        return fields.check_url(value)
    except InvalidValue:
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
