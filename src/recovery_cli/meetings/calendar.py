"""Meetings out as an RFC 5545 calendar, so a phone or desktop calendar can remind the person.

One VEVENT per meeting with a stable UID, DTSTART with its TZID and the VTIMEZONE it needs,
DURATION, RRULE (none for a one-off), LOCATION, URL, CATEGORIES (the fellowship), a
DESCRIPTION and, when asked, a VALARM reminder. icalendar is imported inside the function.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from recovery_cli.meetings.description import description_for
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.schedule import first_start
from recovery_cli.store.errors import InvalidValue

if TYPE_CHECKING:
    from icalendar import Alarm, Event

PRODID = "-//recovery//meetings//EN"


def meetings_to_ical(
    meetings: Iterable[Meeting], *, stamp: datetime, remind_minutes: int | None = None
) -> str:
    """The calendar text (CRLF line endings) for ``meetings``; ``stamp`` is the DTSTAMP."""
    from icalendar import Calendar

    if remind_minutes is not None and not 0 <= remind_minutes <= 7 * 24 * 60:
        raise InvalidValue(f"--remind is minutes before the meeting, 0-10080, got {remind_minutes}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Meetings")
    earliest: date | None = None
    for meeting in meetings:
        event = _event(meeting, stamp.astimezone(ZoneInfo("UTC")), remind_minutes)
        if event is None:
            continue
        calendar.add_component(event)
        start = meeting.starts
        earliest = start if earliest is None else min(earliest, start)
    if earliest is not None:
        calendar.add_missing_timezones(first_date=earliest - timedelta(days=366))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _event(meeting: Meeting, stamp: datetime, remind_minutes: int | None) -> Event | None:
    from icalendar import Event, vRecur

    start = first_start(meeting)
    if start is None:
        return None
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp)
    event.add("summary", meeting.name)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=meeting.duration))
    if not meeting.is_one_off:
        event.add("rrule", vRecur.from_ical(meeting.rrule))
    if meeting.where:
        event.add("location", meeting.where)
    if meeting.url:
        event.add("url", meeting.url)
    event.add("categories", [meeting.fellowship])
    event.add("description", description_for(meeting.notes, meeting.fellowship))
    if remind_minutes is not None:
        event.add_component(_alarm(meeting, remind_minutes))
    return event


def _alarm(meeting: Meeting, minutes: int) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{meeting.name} starts in {minutes} minutes")
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm
