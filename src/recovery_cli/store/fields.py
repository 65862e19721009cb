"""Reading and checking the values of records, whether typed by the person or stored.

Every check raises `InvalidValue` with a plain message ("mood must be 1-10, got 11"); the
store adds the file and line when the value came from a file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, time
from typing import Any, Protocol, TypeVar

from recovery_cli.store.errors import InvalidValue


@contextmanager
def located(where: str) -> Iterator[None]:
    """Prefix the key of any `InvalidValue` raised inside with `where` ("triggers[2].")."""
    try:
        yield
    except InvalidValue as exc:
        if exc.key is not None:
            exc.key = where + exc.key
        raise


def text(data: Mapping[str, Any], key: str) -> str:
    """An optional string field ("" when absent)."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise InvalidValue(f"{key} must be text, got {value!r}", key)
    return value


def required_text(data: Mapping[str, Any], key: str) -> str:
    value = text(data, key).strip()
    if not value:
        raise InvalidValue(f"{key} must not be empty", key)
    return value


def text_list(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidValue(f"{key} must be a list of text", key)
    return list(value)


def table_list(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise InvalidValue(f"{key} must be a list of tables", key)
    return value


# Every date the app keeps or accepts lies in these years, so no calendar arithmetic on
# stored data can overflow.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)


def check_day(name: str, day: date, key: str | None = None) -> date:
    """`day` when it lies in 1900-2200."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidValue(f"{name} must be between 1900 and 2200, got {day.isoformat()}", key)
    return day


def bounded(name: str, value: str, limit: int) -> str:
    """`value` when it has at most `limit` characters."""
    if len(value) > limit:
        raise InvalidValue(f"{name} must be at most {limit} characters, got {len(value)}", name)
    return value


MAX_URL = 2000


def check_url(url: str, name: str = "url") -> str:
    """An http(s) link with no spaces or control characters ("" when not given)."""
    link = url.strip()
    if not link:
        return ""
    if not link.lower().startswith(("https://", "http://")):
        raise InvalidValue(f"a link must start with https:// or http://, got {link!r}", name)
    if any(char.isspace() or ord(char) < 32 or 127 <= ord(char) < 160 for char in link):
        raise InvalidValue("a link cannot hold spaces or control characters", name)
    if len(link) > MAX_URL:
        raise InvalidValue(f"a link can be at most {MAX_URL} characters", name)
    return link


def required_date(data: Mapping[str, Any], key: str) -> date:
    """The date stored under `key`; missing is an error."""
    day = optional_date(data, key)
    if day is None:
        raise InvalidValue(f"{key} must be a date such as 2026-11-20", key)
    return day


def optional_date(data: Mapping[str, Any], key: str) -> date | None:
    """A TOML date or an ISO date string; None when absent."""
    value = data.get(key)
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValue(f"{key} must be a date such as 2026-11-20, got {value!r}", key)


def choice(name: str, value: str, options: Sequence[str], key: str | None = None) -> str:
    """`value` lower-cased if it is one of `options` ("" is allowed: not given)."""
    normal = value.strip().lower()
    if normal and normal not in options:
        raise InvalidValue(f"{name} must be one of {', '.join(options)}, got {value!r}", key)
    return normal


def _number(data: Mapping[str, Any], key: str) -> int | float | None:
    value = data.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise InvalidValue(f"{key} must be a number, got {value!r}", key)
    return value


def integer(data: Mapping[str, Any], key: str) -> int | None:
    """An optional stored whole number (None when absent; 6.0 is read as 6); its range is
    checked by the record."""
    value = _number(data, key)
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidValue(f"{key} must be a whole number, got {value!r}", key)
        return int(value)
    return value


def required_integer(data: Mapping[str, Any], key: str) -> int:
    """A stored whole number that must be there."""
    value = integer(data, key)
    if value is None:
        raise InvalidValue(f"{key} is missing", key)
    return value


def decimal(data: Mapping[str, Any], key: str) -> float | None:
    """An optional stored number that may have a fraction (None when absent)."""
    value = _number(data, key)
    return None if value is None else float(value)


def in_range(
    name: str, value: float, low: float, high: float, key: str | None = None, whole: bool = True
) -> None:
    """Refuse a number outside low..high, or with a fraction where `whole` is asked for."""
    fits = isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high
    if not fits:
        raise InvalidValue(f"{name} must be {low:g}-{high:g}, got {value!r}", key)
    if whole and value != int(value):
        raise InvalidValue(f"{name} must be a whole number, got {value!r}", key)


def typed_number(name: str, text: str, low: float, high: float, *, whole: bool = True) -> float:
    """A number the person typed (a flag or an answer), within low..high; a mistake is
    explained in words ("mood must be a number from 1 to 10, got 'x'")."""
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not low <= value <= high:  # also refuses nan
        raise InvalidValue(f"{name} must be a number from {low:g} to {high:g}, got {text!r}")
    if whole and not value.is_integer():
        raise InvalidValue(f"{name} must be a whole number from {low:g} to {high:g}, got {text!r}")
    return value


def clock_time(value: object, key: str = "time") -> time:
    """A time of day as TOML keeps it (a time, or "19:00" text)."""
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValue(f"{key} must be a time such as 19:00, got {value!r}", key)


def same_name(a: str, b: str) -> bool:
    """Names of triggers, strategies, contacts, meetings and medications match without
    regard to case or extra spaces."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class Named(Protocol):
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


def find(items: Iterable[N], name: str) -> N | None:
    """The item called `name`, matched by `same_name`."""
    return next((item for item in items if same_name(item.name, name)), None)
