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
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

from recovery_cli.store.errors import InvalidValue

if TYPE_CHECKING:
    from dateutil.rrule import rrule

ONE_OFF_RULE = "FREQ=DAILY;COUNT=1"
_RULE_PART = re.compile(r"^[A-Z]+=[A-Z0-9,+\-:]+$")


def check_rule(rule: str, zone: str, starts: date, at: time) -> str:
    """``rule`` in its normal form (upper case, no RRULE: prefix, UTC UNTIL) when dateutil
    can read it from the first start ``starts`` at ``at`` in ``zone``."""
    text = rule.strip().upper().removeprefix("RRULE:")
    parts = text.split(";")
    if not all(_RULE_PART.match(part) for part in parts):
        raise InvalidValue(f"{text!r} does not look like an RFC 5545 RRULE", "rrule")
    if not any(part.startswith("FREQ=") for part in parts):
        raise InvalidValue(f"the rule {text!r} needs a FREQ, such as FREQ=WEEKLY", "rrule")
    return _normalised(text, zone, starts, at)


def _normalised(rule: str, zone: str, starts: date, at: time) -> str:
    """Check ``rule`` with dateutil and give UNTIL in UTC, as RFC 5545 asks for zoned starts."""
    text = rule.strip().upper().removeprefix("RRULE:")
    parts = [
        _utc_until(part, zone) if part.startswith("UNTIL=") else part for part in text.split(";")
    ]
    normal = ";".join(parts)
    parse_rule(normal, starts, at, zone)
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

    @property
    def first(self) -> datetime:
        """The aware local start the rules are anchored at."""
        return _local_start(self.starts, self.at, self.zone)


def rule_parts(rule: str) -> dict[str, str]:
    """The rule's parts by name ("FREQ=WEEKLY;BYDAY=TU" -> {"FREQ": "WEEKLY", ...})."""
    return {name: value for name, _, value in (p.partition("=") for p in rule.split(";") if p)}


@lru_cache(maxsize=8192)
def rule_problem(rule: str, starts: date, at: time, zone: str) -> str | None:
    """Why ``rule`` can't be a meeting, in plain words, or None when it can."""
    parts = rule_parts(rule)
    if parts.get("FREQ") in SUB_DAILY:
        return "it repeats more often than once a day"
    if not parts.get("INTERVAL", "1").lstrip("0"):
        return "INTERVAL=0 never moves on to a next date"
    if not 1900 <= starts.year <= 2200:
        return "it starts before 1900 or after 2200"
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
