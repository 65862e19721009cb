"""The one parser for dates and times a person types.

Accepted dates: ISO (`2026-11-20`), `today`, `yesterday`, `3d` / `2w` (days / weeks ago),
a weekday name (its most recent occurrence, today included), and whatever dateutil's parser
reads (`20 Nov 2026`). Times are `HH:MM` (24-hour). A period (`--since`/`--until`) is
read here too, with one default length for every command that takes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.fields import check_day

DATE_FORMS = "2026-11-20, today, yesterday, 3d, 2w, a weekday such as mon, or 20 Nov 2026"
PERIOD_DAYS = 30
_AGO = re.compile(r"^(\d{1,5})\s*([dw])$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class DateError(RecoveryError):
    """A date or time the parser could not read."""


@dataclass(frozen=True)
class Weekday:
    """A day of the week: its name ("Monday") and its RFC 5545 BYDAY code ("MO")."""

    name: str
    code: str

    @property
    def short(self) -> str:
        """The three-letter name, "Mon"."""
        return self.name[:3]


# The one weekday table, Monday first (index = date.weekday()).
WEEKDAYS: tuple[Weekday, ...] = tuple(
    Weekday(name, name[:2].upper())
    for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
)


def weekday_number(text: str) -> int | None:
    """Monday = 0 for `mon`, `Monday`, `tues`, ...; None for anything else."""
    word = text.strip().lower()
    if len(word) < 2:
        return None
    for number, day in enumerate(WEEKDAYS):
        if day.name.lower().startswith(word):
            return number
    return None


def code_weekday(code: str) -> int | None:
    """Monday = 0 for the BYDAY code `MO`, ...; None for anything else."""
    return next((number for number, day in enumerate(WEEKDAYS) if day.code == code), None)


def parse_date(text: str, today: date) -> date:
    """Read a date in any of the accepted forms, relative to `today`; it must lie in
    1900-2200 (`fields.check_day`), as every date the app keeps does."""
    return check_day("the date", _read_date(text, today))


def _read_date(text: str, today: date) -> date:
    word = text.strip().lower()
    if not word:
        raise DateError(f"a date is needed; use {DATE_FORMS}")
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    ago = _AGO.match(word)
    if ago:
        count = int(ago.group(1))
        return today - timedelta(days=count if ago.group(2) == "d" else 7 * count)
    weekday = weekday_number(word)
    if weekday is not None:
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    try:
        return date.fromisoformat(word)
    except ValueError:
        pass
    return _parse_free_date(text.strip(), today)


def _parse_free_date(text: str, today: date) -> date:
    from dateutil import parser

    try:
        # Parts left out ("20 Nov" has no year) are taken from today.
        return parser.parse(text, default=datetime.combine(today, time(0))).date()
    except (ValueError, OverflowError):
        raise DateError(f"could not read {text!r} as a date; use {DATE_FORMS}") from None


def parse_time(text: str) -> time:
    """Read a 24-hour `HH:MM` time."""
    match = _TIME.match(text.strip())
    if match is None:
        raise DateError(f"could not read {text!r} as a time; use HH:MM, such as 19:30")
    return time(int(match.group(1)), int(match.group(2)))


def parse_datetime(text: str, now: datetime) -> datetime:
    """Read `now`, `HH:MM` (today), or a date and a time (`yesterday 21:30`, ISO 8601).

    The result carries `now`'s time zone when the text names none.
    """
    word = text.strip()
    if word.lower() == "now":
        return now
    if _TIME.match(word):
        return datetime.combine(now.date(), parse_time(word), now.tzinfo)
    head, _, tail = word.rpartition(" ")
    if head and _TIME.match(tail):
        return datetime.combine(parse_date(head, now.date()), parse_time(tail), now.tzinfo)
    try:
        parsed = datetime.fromisoformat(word)
    except ValueError:
        raise DateError(
            f"could not read {text!r} as a date and time; use now, 21:30, "
            "yesterday 21:30 or 2026-11-20T21:30"
        ) from None
    check_day("the date", parsed.date())
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=now.tzinfo)


@dataclass(frozen=True)
class Period:
    """From `since` to `until`, both days included."""

    since: date
    until: date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise RecoveryError(
                f"the period starts ({self.since}) after it ends ({self.until}); "
                "give --since a date on or before --until"
            )

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def dates(self) -> list[date]:
        return [self.since + timedelta(days=n) for n in range(self.days)]

    def __contains__(self, day: date) -> bool:
        return self.since <= day <= self.until


def parse_period(
    since: str | None, until: str | None, today: date, days: int = PERIOD_DAYS
) -> Period:
    """The period from `--since` and `--until`; by default the `days` days ending today."""
    end = parse_date(until, today) if until else today
    start = parse_date(since, today) if since else end - timedelta(days=days - 1)
    return Period(start, end)
