"""When meetings happen: recurrence rules built from friendly flags, and upcoming occurrences.

Occurrences are computed with dateutil's rrule on wall-clock time in the meeting's own time
zone (zoneinfo), so a 19:00 meeting stays at 19:00 local across daylight-saving changes. Only
the window asked for is expanded (:meth:`RuleSet.between`), and a rule that can't be a
meeting has no sittings. They are returned as aware datetimes and can be shown in the
person's zone. dateutil is imported inside the functions that need it, so commands that never
look at meetings do not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.rules import ONE_OFF_RULE, RuleSet, parse_rule
from recovery_cli.store.dates import WEEKDAYS, code_weekday, weekday_number
from recovery_cli.store.errors import InvalidValue

if TYPE_CHECKING:
    from dateutil.rrule import rrule

EVERY_CHOICES: tuple[str, ...] = ("week", "2weeks", "month")
MAX_DAYS_AHEAD = 3660


class Recurring(Protocol):
    """What the schedule reads of a meeting (or an appointment): its rule, its first local
    start, its zone and its length."""

    @property
    def rrule(self) -> str: ...
    @property
    def starts(self) -> date: ...
    @property
    def time(self) -> time: ...
    @property
    def timezone(self) -> str: ...
    @property
    def duration(self) -> int: ...
    @property
    def is_one_off(self) -> bool: ...


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
    number = weekday_number(text.strip().rstrip("."))
    if number is None:
        raise InvalidValue(f"day must be a day of the week such as mon or tue, got {text!r}")
    return number


def parse_days(texts: Iterable[str]) -> list[int]:
    """Several day names (each may hold commas: "mon,thu") as sorted, unique weekday numbers."""
    days = {parse_day(part) for text in texts for part in text.split(",") if part.strip()}
    if not days:
        raise InvalidValue("say which day the meeting is on, for example --day tue")
    return sorted(days)


def first_on_or_after(start: date, weekdays: Sequence[int]) -> date:
    """The first date on or after ``start`` falling on one of ``weekdays``."""
    return min(start + timedelta(days=(day - start.weekday()) % 7) for day in weekdays)


def nth_weekday_code(day: date) -> str:
    """The BYDAY code for "the same n-th weekday of the month" as ``day`` (5th becomes last)."""
    nth = (day.day - 1) // 7 + 1
    return f"{-1 if nth == 5 else nth}{WEEKDAYS[day.weekday()].code}"


def build_rule(weekdays: Sequence[int], every: str, starts: date) -> tuple[str, date]:
    """An RRULE and its first date from friendly flags: days and week | 2weeks | month."""
    if every not in EVERY_CHOICES:
        raise InvalidValue(f"--every must be one of {', '.join(EVERY_CHOICES)}, got {every!r}")
    first = first_on_or_after(starts, weekdays)
    if every == "month":
        if len(weekdays) != 1:
            raise InvalidValue("a monthly meeting is on one day of the week; give a single --day")
        return f"FREQ=MONTHLY;BYDAY={nth_weekday_code(first)}", first
    byday = ",".join(WEEKDAYS[day].code for day in weekdays)
    interval = ";INTERVAL=2" if every == "2weeks" else ""
    return f"FREQ=WEEKLY{interval};BYDAY={byday}", first


def rule_weekdays(meeting: Meeting) -> list[int]:
    """The weekdays in the rule's BYDAY (ordinals ignored), or the start date's weekday."""
    byday = next((p[6:] for p in meeting.rrule.split(";") if p.startswith("BYDAY=")), "")
    found = (code_weekday(code[-2:]) for code in byday.split(","))
    return sorted({day for day in found if day is not None}) or [meeting.starts.weekday()]


def one_off_rule() -> str:
    """The rule for a meeting that happens once, on its start date."""
    return ONE_OFF_RULE


def meeting_rule(meeting: Recurring) -> rrule:
    """The dateutil rule for a meeting, anchored at its first start in its own zone."""
    return parse_rule(meeting.rrule, meeting.starts, meeting.time, meeting.timezone)


def occurrences(meeting: Meeting, after: datetime, before: datetime) -> list[Occurrence]:
    """Sittings of ``meeting`` that are under way or start between ``after`` and ``before``.

    Both bounds must be aware. A sitting that began before ``after`` but has not ended yet
    is included, so "the meeting on now" is not lost.
    """
    return [Occurrence(meeting, start, end) for start, end in sittings(meeting, after, before)]


def rule_set(item: Recurring) -> RuleSet:
    """The whole rule set of a meeting, or the single rule of anything else that recurs."""
    if isinstance(item, Meeting):
        return item.rule_set
    return RuleSet((item.rrule,), item.starts, item.time, item.timezone)


def sittings(item: Recurring, after: datetime, before: datetime) -> list[tuple[datetime, datetime]]:
    """The aware (start, end) of each sitting of ``item``, chosen as :func:`occurrences` does
    (a meeting's moved sittings at their new times)."""
    length = timedelta(minutes=item.duration)
    rules = rule_set(item)
    found = [(start, length) for start in rules.between(after - length, before)]
    if isinstance(item, Meeting) and item.moved and rules.problem() is None:
        tz = ZoneInfo(item.timezone)
        found += [(m.start.replace(tzinfo=tz), timedelta(minutes=m.duration)) for m in item.moved]
    chosen = [(_real_time(start), _real_time(start) + span) for start, span in found]
    return sorted((start, end) for start, end in chosen if end > after and start <= before)


def _real_time(start: datetime) -> datetime:
    """Move a wall time that does not exist (skipped by a DST jump) to the real instant."""
    return start.astimezone(ZoneInfo("UTC")).astimezone(start.tzinfo)


def upcoming(meetings: Iterable[Meeting], now: datetime, days: int, zone: str) -> list[Occurrence]:
    """All sittings from ``now`` for ``days`` days, sorted, shown in the time zone ``zone``;
    meetings no longer in their feed are left out."""
    if not 0 <= days <= MAX_DAYS_AHEAD:
        raise InvalidValue(f"the number of days ahead is 0 to {MAX_DAYS_AHEAD}, got {days}")
    before = now + timedelta(days=days)
    active = [m for m in meetings if m.active]
    found = [occ.in_zone(zone) for m in active for occ in occurrences(m, now, before)]
    return sorted(found, key=lambda occ: (occ.start, occ.meeting.name.casefold()))


def next_occurrence(meeting: Meeting, now: datetime) -> Occurrence | None:
    """The next sitting of ``meeting`` that has not ended (looking up to ten years ahead),
    or None."""
    for days in (31, MAX_DAYS_AHEAD):
        found = occurrences(meeting, now, now + timedelta(days=days))
        if found:
            return found[0]
    return None


def first_start(meeting: Recurring) -> datetime | None:
    """The first real sitting of the meeting's first rule (its start date may not match its
    rule), within ten years of its start; None for a rule that can't be a meeting."""
    only = RuleSet((meeting.rrule,), meeting.starts, meeting.time, meeting.timezone)
    if only.problem() is not None:  # near 9999 the window itself would overflow
        return None
    start = only.first
    first = next(iter(only.between(start, start + timedelta(days=MAX_DAYS_AHEAD))), None)
    return None if first is None else _real_time(first)


_ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}
_WEEKDAY_NAMES = {day.code: day.name for day in WEEKDAYS}  # by BYDAY code, from the one table


def describe_rule(meeting: Recurring) -> str:
    """The recurrence in plain words: "every Tuesday", "the first Tuesday of each month"."""
    if meeting.is_one_off:
        return f"once, on {meeting.starts:%a %d %b %Y}"
    parts = dict(part.split("=", 1) for part in meeting.rrule.split(";"))
    days = [code for code in parts.get("BYDAY", "").split(",") if code]
    simple = set(parts) <= {"FREQ", "INTERVAL", "BYDAY", "WKST"}
    if simple and parts["FREQ"] == "WEEKLY" and days and all(d in _WEEKDAY_NAMES for d in days):
        names = " and ".join(_WEEKDAY_NAMES[d] for d in days)
        interval = parts.get("INTERVAL", "1")
        return f"every {names}" if interval == "1" else f"every {interval} weeks on {names}"
    if simple and parts["FREQ"] == "MONTHLY" and len(days) == 1 and "INTERVAL" not in parts:
        nth, code = days[0][:-2], days[0][-2:]
        if nth in _ORDINALS and code in _WEEKDAY_NAMES:
            return f"the {_ORDINALS[nth]} {_WEEKDAY_NAMES[code]} of each month"
    return meeting.rrule
