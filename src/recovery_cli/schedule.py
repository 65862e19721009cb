"""When meetings happen: recurrence rules built from friendly flags, and upcoming occurrences.

Occurrences are computed with dateutil's rrule on wall-clock time in the meeting's own time
zone (zoneinfo), so a 19:00 meeting stays at 19:00 local across daylight-saving changes. They
are returned as aware datetimes and can be shown in the person's zone. dateutil is imported
inside the functions that need it, so commands that never look at meetings do not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from recovery_cli.meetings import ONE_OFF_RULE, Meeting

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset

DAY_CODES: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
EVERY_CHOICES: tuple[str, ...] = ("week", "2weeks", "month")


@dataclass(frozen=True)
class Occurrence:
    """One sitting of a meeting: its aware start and end."""

    meeting: Meeting
    start: datetime
    end: datetime

    def in_zone(self, zone: str) -> Occurrence:
        """The same sitting with start and end expressed in another time zone."""
        tz = ZoneInfo(zone)
        return Occurrence(self.meeting, self.start.astimezone(tz), self.end.astimezone(tz))


def parse_day(text: str) -> int:
    """Monday = 0 ... Sunday = 6, from "tue", "Tuesday", "tu" and the like."""
    wanted = text.strip().casefold().rstrip(".")
    if len(wanted) >= 2:
        for index, name in enumerate(_DAY_NAMES):
            if name.startswith(wanted):
                return index
    raise ValueError(f"{text!r} is not a day of the week. Try mon, tue, wed, thu, fri, sat or sun.")


def parse_days(texts: Iterable[str]) -> list[int]:
    """Several day names (each may hold commas: "mon,thu") as sorted, unique weekday numbers."""
    days = {parse_day(part) for text in texts for part in text.split(",") if part.strip()}
    if not days:
        raise ValueError("Say which day the meeting is on, for example --day tue.")
    return sorted(days)


def first_on_or_after(start: date, weekdays: Sequence[int]) -> date:
    """The first date on or after ``start`` falling on one of ``weekdays``."""
    return min(start + timedelta(days=(day - start.weekday()) % 7) for day in weekdays)


def nth_weekday_code(day: date) -> str:
    """The BYDAY code for "the same n-th weekday of the month" as ``day`` (5th becomes last)."""
    nth = (day.day - 1) // 7 + 1
    return f"{-1 if nth == 5 else nth}{DAY_CODES[day.weekday()]}"


def build_rule(weekdays: Sequence[int], every: str, starts: date) -> tuple[str, date]:
    """An RRULE and its first date from friendly flags: days and week | 2weeks | month."""
    if every not in EVERY_CHOICES:
        raise ValueError(f"--every takes one of: {', '.join(EVERY_CHOICES)}.")
    first = first_on_or_after(starts, weekdays)
    if every == "month":
        if len(weekdays) != 1:
            raise ValueError("A monthly meeting is on one day of the week; give a single --day.")
        return f"FREQ=MONTHLY;BYDAY={nth_weekday_code(first)}", first
    byday = ",".join(DAY_CODES[day] for day in weekdays)
    interval = ";INTERVAL=2" if every == "2weeks" else ""
    return f"FREQ=WEEKLY{interval};BYDAY={byday}", first


def one_off_rule() -> str:
    """The rule for a meeting that happens once, on its start date."""
    return ONE_OFF_RULE


def normalise_rule(rule: str, zone: str, starts: date, at: time) -> str:
    """Check ``rule`` with dateutil and give UNTIL in UTC, as RFC 5545 asks for zoned starts."""
    text = rule.strip().upper().removeprefix("RRULE:")
    parts = [
        _utc_until(part, zone) if part.startswith("UNTIL=") else part for part in text.split(";")
    ]
    normal = ";".join(parts)
    _parse(normal, _local_start(starts, at, zone))
    return normal


def _utc_until(part: str, zone: str) -> str:
    value = part.removeprefix("UNTIL=")
    if value.endswith("Z"):
        return part
    try:
        if "T" in value:
            local = datetime.strptime(value, "%Y%m%dT%H%M%S")
        else:
            local = datetime.combine(datetime.strptime(value, "%Y%m%d").date(), time(23, 59, 59))
    except ValueError:
        raise ValueError(f"UNTIL={value} is not a date like 20251231.") from None
    utc = local.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))
    return f"UNTIL={utc:%Y%m%dT%H%M%SZ}"


def _local_start(starts: date, at: time, zone: str) -> datetime:
    return datetime.combine(starts, at.replace(second=0, microsecond=0), tzinfo=ZoneInfo(zone))


def _parse(rule: str, dtstart: datetime) -> rrule | rruleset:
    from dateutil.rrule import rrulestr

    try:
        return rrulestr(rule, dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"The recurrence rule {rule!r} could not be read: {exc}.") from None


def meeting_rule(meeting: Meeting) -> rrule | rruleset:
    """The dateutil rule for a meeting, anchored at its first start in its own zone."""
    return _parse(meeting.rrule, _local_start(meeting.starts, meeting.time, meeting.timezone))


def occurrences(meeting: Meeting, after: datetime, before: datetime) -> list[Occurrence]:
    """Sittings of ``meeting`` that are under way or start between ``after`` and ``before``.

    Both bounds must be aware. A sitting that began before ``after`` but has not ended yet
    is included, so "the meeting on now" is not lost.
    """
    length = timedelta(minutes=meeting.duration)
    starts = meeting_rule(meeting).between(after - length, before, inc=True)
    found = [Occurrence(meeting, _real_time(start), _real_time(start) + length) for start in starts]
    return [occ for occ in found if occ.end > after and occ.start <= before]


def _real_time(start: datetime) -> datetime:
    """Move a wall time that does not exist (skipped by a DST jump) to the real instant."""
    return start.astimezone(ZoneInfo("UTC")).astimezone(start.tzinfo)


def upcoming(meetings: Iterable[Meeting], now: datetime, days: int, zone: str) -> list[Occurrence]:
    """All sittings from ``now`` for ``days`` days, sorted, shown in the time zone ``zone``."""
    if days < 0:
        raise ValueError("The number of days ahead cannot be negative.")
    before = now + timedelta(days=days)
    found = [occ.in_zone(zone) for m in meetings for occ in occurrences(m, now, before)]
    return sorted(found, key=lambda occ: (occ.start, occ.meeting.name.casefold()))


def next_occurrence(meeting: Meeting, now: datetime) -> Occurrence | None:
    """The next sitting of ``meeting`` that has not ended, or None if it is all in the past."""
    length = timedelta(minutes=meeting.duration)
    start = meeting_rule(meeting).after(now - length, inc=False)
    if start is None:
        return None
    return Occurrence(meeting, _real_time(start), _real_time(start) + length)


def first_start(meeting: Meeting) -> datetime | None:
    """The first real sitting of the meeting (its start date may not match its rule)."""
    first = next(iter(meeting_rule(meeting)), None)
    return None if first is None else _real_time(first)
