"""When a support contact can be reached, written the way a person would say it.

The form, case-blind, in the person's own time zone:

    any time | anytime | always | 24/7             always
    9-17 | 9:30-17:00 | 9am-5pm | 9am to 5pm       those hours every day
    Mon-Fri 9-17 | weekdays 9-17 | Sat,Sun 10-14    those hours on those days
    weekends | Mon, Wed                            all day on those days
    Mon-Fri 9-17; Sat 10-12                         several rules, separated by ";"

A range whose end is before its start runs overnight (`Fri 22-6` covers Friday 22:00 to
Saturday 06:00). Days are `Mon`..`Sun` (any unambiguous start of the name), ranges of them,
`weekdays`, `weekends` or `daily`. Hours that cannot be read are kept as written; the
contact is simply listed after those known to be reachable now.

Hand-written: no library reads this everyday form, and it is small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from recovery_cli.store.dates import weekday_number
from recovery_cli.store.errors import InvalidValue

FORMS = '"any time", "9-17", "Mon-Fri 9:00-17:30", "weekends 10am-4pm", "Mon-Fri 9-17; Sat 10-12"'
ALWAYS = frozenset({"any time", "anytime", "always", "24/7", "24 hours", "24h"})
ALL_DAYS = frozenset(range(7))
_NAMED_DAYS = {
    "daily": ALL_DAYS,
    "every day": ALL_DAYS,
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
}
_TIME = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?"
_RANGE = re.compile(rf"^{_TIME}\s*(?:-|\u2013|to)\s*{_TIME}$")
_FIRST_DIGIT = re.compile(r"\d")
_DAY_RANGE = re.compile(r"\s*(?:-|\u2013|\bto\b)\s*")
MINUTES_IN_DAY = 24 * 60


@dataclass(frozen=True)
class Rule:
    """Reachable on `days` (Monday = 0) from `start` to `end`, in minutes after midnight;
    an `end` before `start` runs past midnight into the next day."""

    days: frozenset[int]
    start: int = 0
    end: int = MINUTES_IN_DAY

    def covers(self, moment: datetime) -> bool:
        minute = moment.hour * 60 + moment.minute
        today = moment.weekday()
        if self.start <= self.end:
            return today in self.days and self.start <= minute < self.end
        yesterday = (today - 1) % 7
        return (today in self.days and minute >= self.start) or (
            yesterday in self.days and minute < self.end
        )


@dataclass(frozen=True)
class Hours:
    rules: tuple[Rule, ...]

    def covers(self, moment: datetime) -> bool:
        return any(rule.covers(moment) for rule in self.rules)


def parse(text: str) -> Hours:
    """Read hours in the form above; `InvalidValue` naming the forms when they can't be read."""
    normal = " ".join(text.strip().lower().split())
    if normal in ALWAYS:
        return Hours((Rule(ALL_DAYS),))
    parts = [part.strip() for part in normal.split(";") if part.strip()]
    if not parts:
        raise InvalidValue(f"hours are empty; use a form such as {FORMS}")
    return Hours(tuple(_rule(part, text) for part in parts))


def covers(text: str, moment: datetime) -> bool | None:
    """Whether hours written as `text` include `moment`; None when none are given or they
    cannot be read."""
    if not text.strip():
        return None
    try:
        return parse(text).covers(moment)
    except InvalidValue:
        return None


def _rule(part: str, original: str) -> Rule:
    digit = _FIRST_DIGIT.search(part)
    day_text = part[: digit.start()] if digit else part
    time_text = part[digit.start() :] if digit else ""
    days = _days(day_text.strip(" ,"), original) if day_text.strip(" ,") else ALL_DAYS
    if not time_text:
        return Rule(days)
    match = _RANGE.match(time_text.strip())
    if match is None:
        raise _unreadable(original)
    start = _minutes(match.group(1), match.group(2), match.group(3), original)
    end = _minutes(match.group(4), match.group(5), match.group(6), original)
    if start == end:
        raise InvalidValue(f"the hours {original!r} start and end at the same time")
    return Rule(days, start, end)


def _days(text: str, original: str) -> frozenset[int]:
    if text in _NAMED_DAYS:
        return _NAMED_DAYS[text]
    days: set[int] = set()
    for item in (i.strip() for i in text.split(",")):
        if item in _NAMED_DAYS:
            days |= _NAMED_DAYS[item]
            continue
        ends = _DAY_RANGE.split(item, maxsplit=1)
        start, stop = weekday_number(ends[0]), weekday_number(ends[-1])
        if start is None or stop is None:
            raise _unreadable(original)
        days.update((start + offset) % 7 for offset in range((stop - start) % 7 + 1))
    return frozenset(days)


def _minutes(hour: str, minute: str | None, half: str | None, original: str) -> int:
    hours, minutes = int(hour), int(minute or 0)
    if half is not None:
        if not 1 <= hours <= 12:
            raise _unreadable(original)
        hours = hours % 12 + (12 if half == "pm" else 0)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise _unreadable(original)
    return hours * 60 + minutes


def _unreadable(original: str) -> InvalidValue:
    return InvalidValue(f"cannot read the hours {original!r}; use a form such as {FORMS}")
