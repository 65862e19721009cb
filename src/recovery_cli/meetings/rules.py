"""Recurrence rules (RFC 5545 RRULE text): their checks, their normal form, the dateutil
rule they stand for, and rule sets (several rules, added and left-out dates) expanded only
inside a window. Meetings and the schedule both build on this module.

A rule that can't be a meeting (more often than daily, INTERVAL=0, a start outside
1900-2200, more than a few hundred sittings a month) is refused when it is entered or
imported; one already stored is never expanded, so no command can hang on it.

dateutil is imported inside the function that needs it (start-up time).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, cast
from zoneinfo import ZoneInfo

from recovery_cli.store.dates import code_weekday
from recovery_cli.store.errors import InvalidValue

if TYPE_CHECKING:
    from dateutil.rrule import rrule

ONE_OFF_RULE = "FREQ=DAILY;COUNT=1"
_RULE_PART = re.compile(r"^[A-Z]+=[A-Z0-9,+\-:]+$")


def check_rule(rule: str, zone: str, starts: date, at: time, *, whole: bool = True) -> str:
    """``rule`` in its normal form (upper case, no RRULE: prefix, UTC UNTIL as RFC 5545 asks
    for zoned starts), checked by dateutil from the first start ``starts`` at ``at`` in
    ``zone`` when ``whole``. A stored rule is read without dateutil (reading thousands of
    meetings would cost seconds); one dateutil can't read is a :meth:`RuleSet.problem`."""
    normal = _normal_form(rule, zone)
    if whole:
        parse_rule(normal, starts, at, zone)
    return normal


@lru_cache(maxsize=4096)
def _normal_form(rule: str, zone: str) -> str:
    """:func:`check_rule` without dateutil (the same few rules recur over many meetings)."""
    text = rule.strip().upper().removeprefix("RRULE:")
    parts = text.split(";")
    if not all(_RULE_PART.match(part) for part in parts):
        raise InvalidValue(f"{text!r} does not look like an RFC 5545 RRULE", "rrule")
    if not any(part.startswith("FREQ=") for part in parts):
        raise InvalidValue(f"the rule {text!r} needs a FREQ, such as FREQ=WEEKLY", "rrule")
    return ";".join(_utc_until(p, zone) if p.startswith("UNTIL=") else p for p in parts)


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
        raise InvalidValue(
            f"UNTIL must be a date such as 20251231, got {value!r}", "rrule"
        ) from None
    utc = local.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))
    return f"UNTIL={utc:%Y%m%dT%H%M%SZ}"


def _local_start(starts: date, at: time, zone: str) -> datetime:
    return datetime.combine(starts, at.replace(second=0, microsecond=0), tzinfo=ZoneInfo(zone))


@lru_cache(maxsize=65536)
def parse_rule(rule: str, starts: date, at: time, zone: str) -> rrule:
    """The dateutil rule from the first local start; cached, as a meeting's rule is checked
    when it is read and used again for its sittings. (Keyed on the wall time and the zone's
    name: aware datetimes in different zones compare equal when they are the same instant.)"""
    from dateutil.rrule import rrulestr

    try:
        parsed = rrulestr(rule, dtstart=_local_start(starts, at, zone))
    except (ValueError, TypeError) as exc:
        raise InvalidValue(f"the rule {rule!r} could not be read: {exc}", "rrule") from None
    return cast("rrule", parsed)


SUB_DAILY: tuple[str, ...] = ("HOURLY", "MINUTELY", "SECONDLY")
MAX_PER_MONTH = 300
_MONTH = timedelta(days=31)
_STEP_DAYS = {"DAILY": 1, "WEEKLY": 7}


@dataclass(frozen=True)
class RuleSet:
    """Everything that says when something recurs: its rules (each anchored at ``starts``
    ``at`` in ``zone``), dates added and dates left out (naive wall times in ``zone``)."""

    rules: tuple[str, ...]
    starts: date
    at: time
    zone: str
    added: tuple[datetime, ...] = ()
    skipped: tuple[datetime, ...] = ()

    def problem(self) -> str | None:
        """Why this rule set can't be a meeting, or None when it can."""
        found = (rule_problem(rule, self.starts, self.at, self.zone) for rule in self.rules)
        return next((problem for problem in found if problem), None)

    def between(self, after: datetime, before: datetime) -> list[datetime]:
        """The aware wall-clock starts from ``after`` to ``before`` (both included), found
        without expanding anything past ``before``; none for a rule set that can't be a
        meeting."""
        if self.problem() is not None:
            return []
        plain = [_plain(rule) for rule in self.rules]
        if all(plain):
            return self._plain_between(cast("list[_Plain]", plain), after, before)
        return self.by_dateutil(after, before)

    def by_dateutil(self, after: datetime, before: datetime) -> list[datetime]:
        """:meth:`between` as dateutil finds it, for any rule set that can be a meeting."""
        from dateutil.rrule import rruleset

        found = rruleset()
        for rule in self.rules:
            found.rrule(_within(rule, self.first, after, before))
        tz = ZoneInfo(self.zone)
        for day in self.added:
            found.rdate(day.replace(tzinfo=tz))
        for day in self.skipped:
            found.exdate(day.replace(tzinfo=tz))
        return list(found.between(after, before, inc=True))

    def _plain_between(
        self, rules: list[_Plain], after: datetime, before: datetime
    ) -> list[datetime]:
        """:meth:`between` for plain weekly and monthly rules, without dateutil (the same
        dates: property-tested against :meth:`by_dateutil`)."""
        tz = ZoneInfo(self.zone)
        low, high = after.astimezone(tz).date(), before.astimezone(tz).date()
        found = {day.replace(tzinfo=tz) for day in self.added}
        for rule in rules:
            found.update(rule.dates(self.starts, self.at, tz, low, high))
        left_out = set(self.skipped)
        return sorted(
            start
            for start in found
            if after <= start <= before and start.replace(tzinfo=None) not in left_out
        )

    @property
    def first(self) -> datetime:
        """The aware local start the rules are anchored at."""
        return _local_start(self.starts, self.at, self.zone)


def rule_parts(rule: str) -> dict[str, str]:
    """The rule's parts by name ("FREQ=WEEKLY;BYDAY=TU" -> {"FREQ": "WEEKLY", ...})."""
    return {name: value for name, _, value in (p.partition("=") for p in rule.split(";") if p)}


@lru_cache(maxsize=65536)
def rule_problem(rule: str, starts: date, at: time, zone: str) -> str | None:
    """Why ``rule`` can't be a meeting, in plain words, or None when it can."""
    parts = rule_parts(rule)
    if parts.get("FREQ") in SUB_DAILY:
        return "it repeats more often than once a day"
    if not parts.get("INTERVAL", "1").lstrip("0"):
        return "INTERVAL=0 never moves on to a next date"
    if not 1900 <= starts.year <= 2200:
        return "it starts before 1900 or after 2200"
    if _plain(rule) is not None:
        return None  # at most 7 a week, and read whole without dateutil
    try:
        parse_rule(rule, starts, at, zone)
    except InvalidValue:
        return "the rule could not be read"
    per_day = 1
    for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        per_day *= len(parts.get(key, "0").split(","))
    if per_day * 31 <= MAX_PER_MONTH:  # at most `per_day` sittings on any one day
        return None
    first = _local_start(starts, at, zone)
    month = (
        []
        if per_day > MAX_PER_MONTH
        else _within(rule, first, first, first + _MONTH).between(first, first + _MONTH, inc=True)
    )
    if per_day > MAX_PER_MONTH or len(month) > MAX_PER_MONTH:
        return f"it happens more than {MAX_PER_MONTH} times a month"
    return None


def refuse_unusable(rules: RuleSet) -> None:
    """Raise InvalidValue (one line) when ``rules`` can't be a meeting."""
    problem = rules.problem()
    if problem is not None:
        raise InvalidValue(f"this rule can't be a meeting: {problem}", "rrule")


def _within(rule: str, first: datetime, after: datetime, before: datetime) -> rrule:
    """The rule ``rule`` from its first start ``first``, ended at ``before`` and, when daily
    or weekly without COUNT, started again just before ``after``: the same dates in the
    window, and the search for them always ends and never walks through the years before."""
    parts = rule_parts(rule)
    until = _until(parts.get("UNTIL"))
    changes: dict[str, datetime] = {}
    if until is None or until > before:
        changes["until"] = before
    days = _STEP_DAYS.get(parts.get("FREQ", ""))
    parsed = parse_rule(rule, first.date(), first.time(), str(first.tzinfo))
    if days and "COUNT" not in parts and "BYSETPOS" not in parts and first < after:
        step = timedelta(days=days * int(parts.get("INTERVAL", "1")))
        skip = max((after - first) // step - 1, 0)
        changes["dtstart"] = first + skip * step
    if not changes:
        return parsed
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # COUNT with UNTIL: both apply
        return parsed.replace(**changes)  # type: ignore[arg-type]


def _until(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))


class _Plain(Protocol):
    """A rule simple enough to list its dates without dateutil."""

    def dates(self, starts: date, at: time, tz: ZoneInfo, low: date, high: date) -> list[datetime]:
        """The aware starts on the local days ``low`` to ``high`` (both included)."""
        ...


@dataclass(frozen=True)
class _Weekly:
    """FREQ=WEEKLY with no more than INTERVAL, BYDAY of weekdays, WKST and UNTIL: each
    weekday in every INTERVAL-th week (weeks begin on WKST), counted from the week of the
    first start, from the first start on, up to UNTIL."""

    interval: int
    weekdays: tuple[int, ...]  # Monday = 0; empty: the first start's weekday
    week_start: int
    until: datetime | None

    def dates(self, starts: date, at: time, tz: ZoneInfo, low: date, high: date) -> list[datetime]:
        """The aware starts on the local days ``low`` to ``high`` (both included)."""
        first_week = starts - timedelta(days=(starts.weekday() - self.week_start) % 7)
        step = 7 * self.interval
        found = []
        for weekday in self.weekdays or (starts.weekday(),):
            day = first_week + timedelta(days=(weekday - self.week_start) % 7)
            if day < low:
                day += timedelta(days=-(-(low - day).days // step) * step)
            while day <= high:
                start = datetime.combine(day, at, tzinfo=tz)
                if self.until is not None and start > self.until:
                    break
                if day >= starts:
                    found.append(start)
                day += timedelta(days=step)
        return found


@dataclass(frozen=True)
class _Monthly:
    """FREQ=MONTHLY with no more than INTERVAL, BYDAY of n-th weekdays (1TU, -1SU), WKST
    and UNTIL: those days of every INTERVAL-th month from the first start's, from the first
    start on, up to UNTIL."""

    interval: int
    days: tuple[tuple[int, int], ...]  # (n, weekday): n 1..5 from the start, -1..-5 the end
    until: datetime | None

    def dates(self, starts: date, at: time, tz: ZoneInfo, low: date, high: date) -> list[datetime]:
        """The aware starts on the local days ``low`` to ``high`` (both included)."""
        first = starts.year * 12 + starts.month - 1
        month = max(first, low.year * 12 + low.month - 1)
        month += -(month - first) % self.interval
        found = []
        while month <= high.year * 12 + high.month - 1:
            year, number = divmod(month, 12)
            for nth, weekday in self.days:
                day = _nth_weekday(year, number + 1, nth, weekday)
                if day is None or not (low <= day <= high and day >= starts):
                    continue
                start = datetime.combine(day, at, tzinfo=tz)
                if self.until is None or start <= self.until:
                    found.append(start)
            month += self.interval
        return found


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> date | None:
    """The ``nth`` ``weekday`` of the month (-1: the last), or None when there is none."""
    from calendar import monthrange

    first = date(year, month, 1)
    last = date(year, month, monthrange(year, month)[1])
    if nth > 0:
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    else:
        day = last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))
    return day if first <= day <= last else None


_PLAIN_PARTS = frozenset({"FREQ", "INTERVAL", "BYDAY", "WKST", "UNTIL"})
_NTH = re.compile(r"^([+-]?)([1-5])([A-Z]{2})$")


@lru_cache(maxsize=4096)
def _plain(rule: str) -> _Plain | None:
    """``rule`` as a plain weekly or monthly rule, or None when it is anything else (or is
    not readable)."""
    parts = rule_parts(rule)
    interval = parts.get("INTERVAL", "1")
    if not set(parts) <= _PLAIN_PARTS or not interval.isdigit() or int(interval) < 1:
        return None
    week_start = code_weekday(parts.get("WKST", "MO"))
    if week_start is None:
        return None
    try:
        until = _until(parts.get("UNTIL"))
    except ValueError:
        return None
    codes = [code for code in parts.get("BYDAY", "").split(",") if code]
    if parts.get("FREQ") == "WEEKLY":
        weekdays = [code_weekday(code) for code in codes]
        if None in weekdays:
            return None
        plain = tuple(sorted({day for day in weekdays if day is not None}))
        return _Weekly(int(interval), plain, week_start, until)
    if parts.get("FREQ") != "MONTHLY" or not codes:
        return None
    found = [_NTH.match(code) for code in codes]
    nths = [(m, code_weekday(m[3])) for m in found if m]
    if len(nths) != len(codes) or any(day is None for _, day in nths):
        return None  # a weekday without its n-th: every one in the month, left to dateutil
    nth_days = {(int(m[1] + m[2]), day) for m, day in nths if day is not None}
    return _Monthly(int(interval), tuple(sorted(nth_days)), until)
