"""The current moment in the person's time zone: the one place that asks the wall clock.

Call it as `clock.now()` / `clock.today()` (not `from clock import now`) so tests can set
the time in one place.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from recovery_cli.store.errors import InvalidValue


def zone(name: str | None) -> ZoneInfo | None:
    """The named IANA zone, or None for the system's local time."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def check_timezone(name: str) -> str:
    """``name`` when it is an IANA time zone; anything else (empty text too) is refused."""
    if zone(name) is None:
        raise InvalidValue(
            f"unknown time zone {name!r}; use an IANA name such as Europe/London", "timezone"
        )
    return name


def now(timezone: str | None = None) -> datetime:
    """Now, aware, in the given zone (the system's when none is given)."""
    tz = zone(timezone)
    return datetime.now(tz) if tz is not None else datetime.now().astimezone()


def today(timezone: str | None = None) -> date:
    return now(timezone).date()


def system_timezone() -> str:
    """The system's IANA zone name, or "UTC" when it cannot be told."""
    import os

    configured = os.environ.get("TZ", "").lstrip(":")
    if configured and zone(configured) is not None:
        return configured
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    name = target.split(marker, 1)[1] if marker in target else ""
    return name if zone(name) is not None else "UTC"
