"""Meetings out as an RFC 5545 calendar, so a phone or desktop calendar can remind the person.

One VEVENT per meeting with a stable UID, DTSTART with its TZID and the VTIMEZONE it needs,
DURATION, its RRULEs (none for a one-off), RDATE and EXDATE, LOCATION, URL, CATEGORIES (the
fellowship), a DESCRIPTION and, when asked, a VALARM reminder (the daily check-in reminder
always has one); then one VEVENT with a RECURRENCE-ID for each sitting held at another time.
Control characters are removed from every text value (icalendar escapes the rest).
icalendar is imported inside the function.
Events are built from :class:`CalendarEntry`, so appointments can share the calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from recovery_cli.meetings.description import Details, description_for
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.schedule import Recurring, first_start
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.sanitise import ical_text

if TYPE_CHECKING:
    from icalendar import Alarm, Event

PRODID = "-//recovery//meetings//EN"


@dataclass(frozen=True)
class CalendarEntry:
    """What one VEVENT says: a meeting's or an appointment's schedule and words, the
    sittings that will not happen (EXDATE, aware starts), further rules, added sittings
    (RDATE) and moved ones (their usual start, new start and length in minutes)."""

    uid: str
    summary: str
    when: Recurring
    category: str
    description: str
    where: str = ""
    url: str = ""
    skipped: tuple[datetime, ...] = ()
    more_rules: tuple[str, ...] = ()
    added: tuple[datetime, ...] = ()
    moved: tuple[tuple[datetime, datetime, int], ...] = ()
    alarm_minutes: int | None = None


@dataclass(frozen=True)
class Daily:
    """A short daily slot at a wall-clock time in a zone (a :class:`Recurring`)."""

    starts: date
    time: time
    timezone: str
    duration: int = 5
    rrule: str = "FREQ=DAILY"
    is_one_off: bool = False


def checkin_reminder(at: time, starts: date, zone: str) -> CalendarEntry:
    """A daily "Check in with recovery" event with an alarm at its start, so the phone's
    calendar reminds the person (the app itself never runs in the background)."""
    return CalendarEntry(
        uid="checkin-reminder@recovery",
        summary="Check in with recovery",
        when=Daily(starts, at, zone),
        category="recovery",
        description="A few seconds: recovery log",
        alarm_minutes=0,
    )


def meeting_entry(meeting: Meeting) -> CalendarEntry:
    """The calendar entry for a meeting."""
    tz = ZoneInfo(meeting.timezone)
    return CalendarEntry(
        uid=meeting.uid,
        summary=meeting.name,
        when=meeting,
        category=meeting.fellowship,
        description=description_for(
            meeting.fellowship, Details(meeting.notes, meeting.url_notes, meeting.phone)
        ),
        where=meeting.where,
        url=meeting.url,
        skipped=tuple(day.replace(tzinfo=tz) for day in meeting.skipped),
        more_rules=meeting.more_rules,
        added=tuple(day.replace(tzinfo=tz) for day in meeting.added),
        moved=tuple(
            (m.of.replace(tzinfo=tz), m.start.replace(tzinfo=tz), m.duration) for m in meeting.moved
        ),
    )


def meetings_to_ical(
    meetings: Iterable[Meeting], *, stamp: datetime, remind_minutes: int | None = None
) -> str:
    """The calendar text (CRLF line endings) for the ``meetings`` still in their feed;
    ``stamp`` is the DTSTAMP."""
    return entries_to_ical(
        (meeting_entry(m) for m in meetings if m.active), stamp=stamp, remind_minutes=remind_minutes
    )


def entries_to_ical(
    entries: Iterable[CalendarEntry],
    *,
    stamp: datetime,
    remind_minutes: int | None = None,
    name: str = "Meetings",
) -> str:
    """The calendar text (CRLF line endings) named ``name``; ``stamp`` is the DTSTAMP."""
    from icalendar import Calendar

    if remind_minutes is not None and not 0 <= remind_minutes <= 7 * 24 * 60:
        raise InvalidValue(f"--remind is minutes before the meeting, 0-10080, got {remind_minutes}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    earliest: date | None = None
    for entry in entries:
        event = _event(entry, stamp.astimezone(ZoneInfo("UTC")), remind_minutes)
        if event is None:
            continue
        calendar.add_component(event)
        for of, new_start, minutes in entry.moved:
            calendar.add_component(_moved_event(event, of, new_start, minutes))
        start = entry.when.starts
        earliest = start if earliest is None else min(earliest, start)
    if earliest is not None:
        calendar.add_missing_timezones(first_date=earliest - timedelta(days=366))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _event(entry: CalendarEntry, stamp: datetime, remind_minutes: int | None) -> Event | None:
    from icalendar import Event, vRecur

    start = first_start(entry.when)
    if start is None:
        return None
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("summary", ical_text(entry.summary))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=entry.when.duration))
    if not entry.when.is_one_off:
        for rule in (entry.when.rrule, *entry.more_rules):
            event.add("rrule", vRecur.from_ical(rule))
    if entry.added:
        event.add("rdate", list(entry.added))
    if entry.skipped:
        event.add("exdate", list(entry.skipped))
    if entry.where:
        event.add("location", ical_text(entry.where))
    if entry.url:
        event.add("url", ical_text(entry.url, lines=False))
    event.add("categories", [ical_text(entry.category)])
    event.add("description", ical_text(entry.description))
    minutes = remind_minutes if entry.alarm_minutes is None else entry.alarm_minutes
    if minutes is not None:
        event.add_component(_alarm(entry, minutes))
    return event


def _moved_event(series: Event, of: datetime, start: datetime, minutes: int) -> Event:
    """One sitting of ``series`` held at another time: its RECURRENCE-ID is its usual start."""
    from icalendar import Event

    event = Event()
    for key in ("uid", "dtstamp", "summary", "location", "url", "categories", "description"):
        if key in series:
            event[key] = series[key]
    event.add("recurrence-id", of)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=minutes))
    return event


def _alarm(entry: CalendarEntry, minutes: int) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    soon = f" starts in {minutes} minutes" if minutes else ""
    alarm.add("description", ical_text(entry.summary + soon))
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm
