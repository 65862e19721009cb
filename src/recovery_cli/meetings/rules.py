"""Recurrence rules (RFC 5545 RRULE text): their checks, their normal form and the
dateutil rule they stand for. Meetings and the schedule both build on this module.

dateutil is imported inside the function that needs it (start-up time).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from recovery_cli.store.errors import InvalidValue

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset

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


@lru_cache(maxsize=1024)
def parse_rule(rule: str, starts: date, at: time, zone: str) -> rrule | rruleset:
    """The dateutil rule from the first local start; cached, as a meeting's rule is checked
    when it is read and used again for its sittings. (Keyed on the wall time and the zone's
    name: aware datetimes in different zones compare equal when they are the same instant.)"""
    from dateutil.rrule import rrulestr

    try:
        return rrulestr(rule, dtstart=_local_start(starts, at, zone))
    except (ValueError, TypeError) as exc:
        raise InvalidValue(f"the rule {rule!r} could not be read: {exc}", "rrule") from None
