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
    """The computer's IANA zone name (TZ, else the system's settings as tzlocal reads them
    on every platform), or "UTC" when it cannot be told."""
    import os

    from tzlocal import get_localzone_name

    configured = os.environ.get("TZ", "").lstrip(":")
    if zone(configured) is not None:  # read each time: tzlocal keeps its first answer
        return configured
    try:
        name = get_localzone_name()
    except (LookupError, ValueError, OSError):  # no zone set, or one tzlocal cannot name
        name = None
    return name if name and zone(name) is not None else "UTC"


# The zone proposed for a region at set-up; a region not here proposes the computer's own.
REGION_ZONES = {
    "US": "America/New_York",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
}
US_ZONE_PREFIXES = ("US/", "America/Indiana/", "America/Kentucky/", "America/North_Dakota/")
US_ZONES = frozenset(
    {
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
        "America/Los_Angeles", "America/Anchorage", "America/Adak", "America/Juneau",
        "America/Sitka", "America/Nome", "America/Yakutat", "America/Metlakatla",
        "America/Detroit", "America/Boise", "America/Menominee", "Pacific/Honolulu",
    }
)  # fmt: skip


def proposed_timezone(region: str, computer: str) -> str:
    """The zone to offer for `region`: the computer's own (`computer`) when it lies there
    (any zone of a US region), else the region's main zone, else the computer's."""
    if region == "US" and (computer in US_ZONES or computer.startswith(US_ZONE_PREFIXES)):
        return computer
    return REGION_ZONES.get(region, computer)


def timezone_named(text: str) -> str:
    """An IANA zone from what the person typed: the zone's name, or a city ("London",
    "new york") that names exactly one zone."""
    name = text.strip()
    if zone(name) is not None:
        return name
    from zoneinfo import available_timezones

    wanted = "_".join(name.split()).casefold()
    found = sorted(
        candidate
        for candidate in available_timezones()
        if "/" in candidate
        and not candidate.startswith(("posix/", "right/", "Etc/"))
        and candidate.rsplit("/", 1)[1].casefold() == wanted
    )
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidValue(f"{name!r} could be {' or '.join(found)}; type the one you mean")
    return check_timezone(name)
