"""Read an iCalendar (RFC 5545) file into meetings: each VEVENT, with or without an RRULE.

icalendar is imported inside :func:`read`, so it is loaded only when a file is imported.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast

from recovery_cli.meetings.description import notes_from_description
from recovery_cli.meetings.importers.records import (
    ImportOptions,
    ImportResult,
    RecordError,
    read_records,
    web_link,
)
from recovery_cli.meetings.meetings import (
    FELLOWSHIPS,
    Meeting,
    normalise_fellowship,
)
from recovery_cli.meetings.rules import ONE_OFF_RULE
from recovery_cli.store.errors import InvalidValue

if TYPE_CHECKING:
    from icalendar import Event

DEFAULT_FELLOWSHIP = "other"


def read(text: str, options: ImportOptions) -> ImportResult:
    """Meetings from an .ics file; events that cannot be read are skipped and reported."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise InvalidValue(f"this iCalendar file could not be read: {exc}") from None
    return read_records(
        (cast("Event", event) for event in calendar.walk("VEVENT")),
        lambda event: _meeting(event, options),
        lambda event: str(event.get("SUMMARY", "")).strip()[:60],
    )


def _meeting(event: Event, options: ImportOptions) -> Meeting:
    name = str(event.get("SUMMARY", "")).strip()
    if not name:
        raise RecordError("no SUMMARY (the event's title)")
    if event.get("RECURRENCE-ID") is not None:
        raise RecordError("a change to one sitting of a repeating event; the series is kept")
    start, zone = _start(event, options.zone)
    fellowship = options.fellowship or _fellowship(event)
    uid = str(event.get("UID", "")).strip()
    return Meeting(
        name=name,
        fellowship=fellowship,
        rrule=_rule(event),
        starts=start.date(),
        time=start.time(),
        timezone=zone,
        duration=_duration(event),
        where=str(event.get("LOCATION", "")).strip(),
        url=web_link(str(event.get("URL", ""))),
        notes=_notes(event, fellowship),
        source=f"ics:{uid}" if uid else "",
        uid=uid,
    )


def _start(event: Event, fallback_zone: str) -> tuple[datetime, str]:
    """The event's start as a wall-clock datetime and the IANA zone it belongs to."""
    value = event.DTSTART
    if value is None:
        raise RecordError("no DTSTART (start time)")
    if not isinstance(value, datetime):
        raise RecordError("an all-day event has no start time")
    if value.tzinfo is None:
        return value, fallback_zone
    key = getattr(value.tzinfo, "key", None)
    if isinstance(key, str):
        return value.replace(tzinfo=None), key
    if value.utcoffset() == timedelta(0):
        return value.replace(tzinfo=None), "UTC"
    from zoneinfo import ZoneInfo

    return value.astimezone(ZoneInfo(fallback_zone)).replace(tzinfo=None), fallback_zone


def _rule(event: Event) -> str:
    rule = event.get("RRULE")
    if rule is None:
        return ONE_OFF_RULE
    if isinstance(rule, list):
        rule = rule[0]
    text: str = rule.to_ical().decode()
    return text


def _duration(event: Event) -> int:
    start, end, length = event.DTSTART, event.DTEND, event.DURATION
    if length is None and isinstance(start, datetime) and isinstance(end, datetime):
        length = end - start if (end.tzinfo is None) == (start.tzinfo is None) else None
    if length is None or length <= timedelta(0):
        return 60
    return min(int(length.total_seconds() // 60), 24 * 60) or 60


def _fellowship(event: Event) -> str:
    categories = event.get("CATEGORIES")
    items = categories if isinstance(categories, list) else [categories] if categories else []
    for item in items:
        for category in getattr(item, "cats", []):
            if str(category).strip().casefold() in {f.casefold() for f in FELLOWSHIPS}:
                return normalise_fellowship(str(category))
    return DEFAULT_FELLOWSHIP


def _notes(event: Event, fellowship: str) -> str:
    notes = notes_from_description(str(event.get("DESCRIPTION", "")), fellowship)
    if event.get("EXDATE") is None and event.get("RDATE") is None:
        return notes
    extra = "The original calendar adds or leaves out some dates; check with the group."
    return f"{notes}\n{extra}" if notes else extra
