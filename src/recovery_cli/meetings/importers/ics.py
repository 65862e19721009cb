"""Read an iCalendar (RFC 5545) file into meetings, one per series of events.

A series is the events sharing a UID: the main event (DTSTART, its RRULEs, RDATE, EXDATE)
and its changed sittings (RECURRENCE-ID), moved or cancelled. The file's own time handling
is used: icalendar resolves VTIMEZONEs and Windows zone names, and x-wr-timezone repairs a
Google calendar's calendar-wide zone. A meeting's weekday and time are taken in the event's
own zone, never converted separately; a custom (Outlook-style) zone becomes the IANA zone
that keeps the same clock all year. Each meeting's identity is its ``source_id``: the UID,
with the RECURRENCE-ID for a changed sitting whose series is not in the file.

icalendar and x-wr-timezone are imported inside the functions, so they load only on import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo, available_timezones

from recovery_cli.meetings.description import details_from_description
from recovery_cli.meetings.importers.records import (
    ImportOptions,
    ImportResult,
    RecordError,
    read_records,
    web_link,
)
from recovery_cli.meetings.meetings import (
    FELLOWSHIPS,
    MAX_DURATION_MINUTES,
    Meeting,
    Moved,
    normalise_fellowship,
)
from recovery_cli.meetings.rules import ONE_OFF_RULE, refuse_unusable
from recovery_cli.store.clock import zone as known_zone
from recovery_cli.store.errors import InvalidValue

if TYPE_CHECKING:
    from icalendar import Event

DEFAULT_FELLOWSHIP = "other"
_SAMPLE_DAYS = range(0, 2 * 366, 5)  # offsets compared over two years to match a zone


@dataclass
class _Series:
    """The events of one meeting: the main one and its changed sittings."""

    main: Event
    source_id: str
    changes: list[Event] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.main.get("SUMMARY", "")).strip()[:60]


def wrapped(text: str) -> str:
    """``text`` inside a VCALENDAR when it holds bare VEVENTs."""
    if text.lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCALENDAR"):
        return text
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text.strip()}\r\nEND:VCALENDAR\r\n"


def read(text: str, options: ImportOptions) -> ImportResult:
    """Meetings from an .ics file; series that cannot be read are skipped and reported."""
    from icalendar import Calendar
    from x_wr_timezone import to_standard

    try:
        calendar = to_standard(Calendar.from_ical(wrapped(text)))
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidValue(f"this iCalendar file could not be read: {exc}") from None
    events = [cast("Event", event) for event in calendar.walk("VEVENT")]
    return read_records(
        series_of(events), lambda series: _meeting(series, options), lambda s: s.label
    )


def series_of(events: list[Event]) -> list[_Series]:
    """The events grouped by UID; a changed sitting without its series stands alone."""
    mains: dict[str, _Series] = {}
    found: list[_Series] = []
    changes: list[Event] = []
    for event in events:
        uid = str(event.get("UID", "")).strip()
        if event.get("RECURRENCE-ID") is not None and uid:
            changes.append(event)
            continue
        series = _Series(event, _identity(event, uid, mains))
        mains.setdefault(uid, series)
        found.append(series)
    for event in changes:
        uid = str(event.get("UID", "")).strip()
        if uid in mains:
            mains[uid].changes.append(event)
        else:
            found.append(_Series(event, f"{uid}#{_stamp(event.get('RECURRENCE-ID').dt)}"))
    return found


def _identity(event: Event, uid: str, seen: dict[str, _Series]) -> str:
    """The UID; for a second series under one UID, or none, something from its content."""
    if uid and uid not in seen:
        return uid
    content = "|".join(str(event.get(key, "")) for key in ("SUMMARY", "DTSTART", "RRULE"))
    digest = hashlib.sha256(content.encode()).hexdigest()[:16]
    return f"{uid}#{digest}" if uid else f"no-uid-{digest}"


def _stamp(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _meeting(series: _Series, options: ImportOptions) -> Meeting:
    event = series.main
    name = str(event.get("SUMMARY", "")).strip()
    if not name:
        raise RecordError("no SUMMARY (the event's title)")
    if _cancelled(event):
        raise RecordError("the calendar marks it cancelled")
    start, zone = _start(event, options.zone)
    tz = ZoneInfo(zone)
    rules = [_rule_text(rule) for rule in _as_list(event.get("RRULE"))]
    fellowship = options.fellowship or _fellowship(event)
    details = details_from_description(str(event.get("DESCRIPTION", "")), fellowship)
    meeting = Meeting(
        name=name,
        fellowship=fellowship,
        rrule=rules[0] if rules else ONE_OFF_RULE,
        starts=start.date(),
        time=start.time(),
        timezone=zone,
        duration=_duration(event),
        where=str(event.get("LOCATION", "")).strip(),
        url=web_link(str(event.get("URL", ""))),
        notes=details.notes,
        source=f"ics:{series.source_id}",
        uid=series.source_id if "#" in series.source_id else str(event.get("UID", "")).strip(),
        url_notes=details.url_notes,
        phone=details.phone,
        more_rules=tuple(rules[1:]),
        added=_dates(event, "RDATE", start, tz),
        skipped=_dates(event, "EXDATE", start, tz)
        + tuple(
            _wall(c.get("RECURRENCE-ID").dt, start, tz) for c in series.changes if _cancelled(c)
        ),
        moved=tuple(_moved(c, start, tz) for c in series.changes if not _cancelled(c)),
        source_id=series.source_id,
    )
    refuse_unusable(meeting.rule_set)
    return _with_start_kept(meeting, start)


def _with_start_kept(meeting: Meeting, start: datetime) -> Meeting:
    """The meeting with DTSTART among its dates: RFC 5545 counts it even when the rule
    does not give it."""
    tz = ZoneInfo(meeting.timezone)
    first = start.replace(tzinfo=tz)
    if meeting.is_one_off or first in meeting.rule_set.between(first, first):
        return meeting
    if start in meeting.skipped or any(moved.of == start for moved in meeting.moved):
        return meeting
    from dataclasses import replace

    return replace(meeting, added=(*meeting.added, start))


def _cancelled(event: Event) -> bool:
    return str(event.get("STATUS", "")).strip().upper() == "CANCELLED"


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _rule_text(rule: object) -> str:
    text: str = cast("bytes", rule.to_ical()).decode()  # type: ignore[attr-defined]
    return text


def _start(event: Event, fallback_zone: str) -> tuple[datetime, str]:
    """The event's start as a wall-clock datetime and the IANA zone it belongs to."""
    value = event.DTSTART
    if value is None:
        raise RecordError("no DTSTART (start time)")
    if not isinstance(value, datetime):
        raise RecordError("an all-day event has no start time")
    wall = value.replace(tzinfo=None, second=0, microsecond=0)
    if value.tzinfo is None:
        return wall, fallback_zone
    tzid = str(event["DTSTART"].params.get("TZID", ""))
    zone = iana_zone(value.tzinfo, tzid, wall.year, fallback_zone)
    if zone is None:
        raise RecordError(f"its time zone {tzid or value.tzname()!r} matches no known zone")
    return wall, zone


def iana_zone(zone: tzinfo, tzid: str, year: int, fallback: str) -> str | None:
    """The IANA name of ``zone``: its own, the one its Windows name stands for, or the zone
    (the person's first) whose clock agrees with it all through ``year`` and the next."""
    key = getattr(zone, "key", None)
    if isinstance(key, str) and known_zone(key) is not None:
        return key
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    offsets = _offsets(zone, year)
    named = [WINDOWS_TO_OLSON.get(tzid.strip(), ""), tzid.strip()]
    words = {word.strip("(),").casefold() for word in tzid.replace("/", " ").split()}
    nearby = [name for name in _all_zones() if name.rsplit("/", 1)[-1].casefold() in words]
    for name in [*named, *nearby, fallback, "UTC", *_all_zones()]:
        if known_zone(name) is not None and _offsets(ZoneInfo(name), year) == offsets:
            return name
    return None


@lru_cache(maxsize=1)
def _all_zones() -> list[str]:
    return sorted(name for name in available_timezones() if "/" in name or name == "UTC")


def _offsets(zone: tzinfo, year: int) -> list[timedelta | None]:
    first = datetime(year, 1, 1, 12)
    return [(first + timedelta(days=d)).replace(tzinfo=zone).utcoffset() for d in _SAMPLE_DAYS]


def _wall(value: object, start: datetime, tz: ZoneInfo) -> datetime:
    """A date or time from the file as a naive wall time in the meeting's zone."""
    if isinstance(value, tuple):  # an RDATE period: (start, end or duration)
        value = value[0]
    if isinstance(value, datetime):
        aware = value.tzinfo is not None
        moved = value.astimezone(tz) if aware else value
        return moved.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, start.time())
    raise RecordError(f"{value!r} is not a date")


def _dates(event: Event, key: str, start: datetime, tz: ZoneInfo) -> tuple[datetime, ...]:
    """Every date of the event's RDATE or EXDATE lines, as wall times in the meeting's zone."""
    return tuple(
        _wall(item.dt, start, tz)
        for line in _as_list(event.get(key))
        for item in getattr(line, "dts", [])
    )


def _moved(change: Event, start: datetime, tz: ZoneInfo) -> Moved:
    new_start = change.DTSTART
    if not isinstance(new_start, datetime):
        raise RecordError("a changed sitting has no start time")
    original = _wall(change.get("RECURRENCE-ID").dt, start, tz)
    return Moved(original, _wall(new_start, start, tz), _duration(change))


def _duration(event: Event) -> int:
    start, end, length = event.DTSTART, event.DTEND, event.DURATION
    if length is None and isinstance(start, datetime) and isinstance(end, datetime):
        length = end - start if (end.tzinfo is None) == (start.tzinfo is None) else None
    if length is None or length <= timedelta(0):
        return 60
    return min(int(length.total_seconds() // 60), MAX_DURATION_MINUTES) or 60


def _fellowship(event: Event) -> str:
    categories = event.get("CATEGORIES")
    items = categories if isinstance(categories, list) else [categories] if categories else []
    for item in items:
        for category in getattr(item, "cats", []):
            if str(category).strip().casefold() in {f.casefold() for f in FELLOWSHIPS}:
                return normalise_fellowship(str(category))
    return DEFAULT_FELLOWSHIP
