"""Read a Meeting Guide JSON feed (code4recovery/spec) into meetings.

``day`` is 0 = Sunday ... 6 = Saturday (7 is read as Sunday too), as an integer, a list of
them, or (in looser feeds) a string; ``time`` and ``end_time`` are "HH:MM" (real feeds also
write "7:30 PM"); ``duration`` is minutes; ``types`` are codes such as O, C, D, ONL, turned
into words through the specification's published table; ``conference_url`` and its
``conference_url_notes`` (often the password) are an online meeting's way in.
Records marked inactive, and temporarily closed ones with no way to join online, are
skipped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from recovery_cli.meetings.importers.records import (
    ImportOptions,
    ImportResult,
    RecordError,
    clock_time,
    duration_minutes,
    join_text,
    label_of,
    load_json,
    minutes_between,
    one_line_of,
    read_records,
    web_link,
    zone_or,
)
from recovery_cli.meetings.meetings import Meeting, normalise_fellowship
from recovery_cli.meetings.schedule import first_on_or_after, parse_day
from recovery_cli.store.dates import WEEKDAYS
from recovery_cli.store.errors import InvalidValue

DEFAULT_FELLOWSHIP = "AA"
# The type codes published in the specification (code4recovery/spec README).
TYPE_NAMES: dict[str, str] = {
    "11": "11th Step Meditation",
    "12x12": "12 Steps & 12 Traditions",
    "A": "Secular",
    "ABSI": "As Bill Sees It",
    "AL": "Concurrent with Alateen",
    "AL-AN": "Concurrent with Al-Anon",
    "ASL": "American Sign Language",
    "B": "Big Book",
    "BA": "Babysitting Available",
    "BE": "Newcomer",
    "BI": "Bisexual",
    "BRK": "Breakfast",
    "C": "Closed",
    "CAN": "Candlelight",
    "CF": "Child-Friendly",
    "D": "Discussion",
    "DR": "Daily Reflections",
    "EN": "English",
    "FF": "Fragrance Free",
    "FR": "French",
    "G": "Gay",
    "GR": "Grapevine",
    "H": "Birthday",
    "L": "Lesbian",
    "LGBTQ": "LGBTQ",
    "LIT": "Literature",
    "LS": "Living Sober",
    "M": "Men",
    "MED": "Meditation",
    "N": "Native American",
    "O": "Open",
    "ONL": "Online",
    "OUT": "Outdoor",
    "P": "Professionals",
    "POC": "People of Color",
    "S": "Spanish",
    "SEN": "Seniors",
    "SM": "Smoking Permitted",
    "SP": "Speaker",
    "ST": "Step Study",
    "T": "Transgender",
    "TC": "Location Temporarily Closed",
    "TR": "Tradition Study",
    "W": "Women",
    "X": "Wheelchair Access",
    "XB": "Wheelchair-Accessible Bathroom",
    "XT": "Cross Talk Permitted",
    "Y": "Young People",
}
_NO_DAY = "without a day"


@dataclass(frozen=True)
class _Context:
    options: ImportOptions
    fellowship: str


def read(text: str, options: ImportOptions) -> ImportResult:
    """Meetings from a Meeting Guide feed; unreadable records are skipped and reported."""
    return read_data(load_json(text), options)


def read_data(records: object, options: ImportOptions) -> ImportResult:
    """Meetings from an already parsed Meeting Guide feed (a JSON list)."""
    if not isinstance(records, list):
        raise InvalidValue("a Meeting Guide feed is a JSON list of meetings")
    context = _Context(options, options.fellowship or DEFAULT_FELLOWSHIP)
    return read_records(
        records,
        lambda record: _meeting(record, context),
        lambda record: label_of(record, "name", "slug"),
    )


def _meeting(record: object, context: _Context) -> Meeting:
    if not isinstance(record, dict):
        raise RecordError("not a meeting object", "that are not meetings")
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RecordError("no name", "without a name")
    types = _types(record.get("types"))
    conference = web_link(record.get("conference_url"))
    _check_active(record, types, conference)
    days = _days(record.get("day"))
    start = clock_time(record.get("time"), "start time")
    return Meeting(
        name=name,
        fellowship=_fellowship(record, context),
        rrule="FREQ=WEEKLY;BYDAY=" + ",".join(WEEKDAYS[day].code for day in days),
        starts=first_on_or_after(context.options.today, days),
        time=start,
        timezone=zone_or(record.get("timezone"), context.options.zone),
        duration=_duration(record, start),
        where=_where(record),
        url=conference or web_link(record.get("url")),
        notes=join_text([record.get("notes"), record.get("location_notes")], "\n"),
        source=f"meeting-guide:{_identity(record)}",
        formats=tuple(TYPE_NAMES.get(code, code) for code in types),
        url_notes=join_text([record.get("conference_url_notes")]),
        feed=context.options.feed,
        phone=join_text([record.get("conference_phone"), record.get("conference_phone_notes")]),
    )


def _check_active(record: dict[str, Any], types: list[str], conference: str) -> None:
    """Inactive records, and temporarily closed ones that cannot be joined online, are
    not meetings anyone can go to."""
    if record.get("attendance_option") == "inactive" or record.get("active") is False:
        raise RecordError("the feed marks it inactive", "inactive or temporarily closed")
    if "TC" in types and not conference and not record.get("conference_phone"):
        raise RecordError("the feed marks it temporarily closed", "inactive or temporarily closed")


def _types(value: object) -> list[str]:
    """Type codes from a list, or from a comma-separated string in looser feeds."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [code for code in (str(item).strip() for item in items) if code]


def _fellowship(record: dict[str, Any], context: _Context) -> str:
    if context.options.fellowship is None and isinstance(record.get("fellowship"), str):
        try:
            return normalise_fellowship(record["fellowship"])
        except InvalidValue:
            return "other"
    return context.fellowship


def _duration(record: dict[str, Any], start: time) -> int:
    """From ``end_time`` when given, else from ``duration`` (minutes), else an hour."""
    end = record.get("end_time")
    if end:
        return minutes_between(start, clock_time(end, "end time"))
    return duration_minutes(record.get("duration")) or 60


def _days(value: object) -> list[int]:
    """Monday-based weekday numbers from a Meeting Guide ``day`` value (0 or 7 = Sunday)."""
    items = value if isinstance(value, list) else [value]
    days = {_day(item) for item in items}
    if not days:
        raise RecordError("no day of the week (it may be by appointment)", _NO_DAY)
    return sorted(days)


def _day(item: object) -> int:
    if isinstance(item, bool) or item is None or item == "":
        raise RecordError("no day of the week (it may be by appointment)", _NO_DAY)
    if isinstance(item, str) and not item.strip().isdigit():
        try:
            return parse_day(item)
        except ValueError:
            raise RecordError(
                f"day {one_line_of(repr(item))} is not a day of the week", "with an unreadable day"
            ) from None
    if not isinstance(item, int | str) or not 0 <= int(item) <= 7:
        raise RecordError(
            f"day {one_line_of(repr(item))} should be 0 (Sunday) to 6 (Saturday)",
            "with an unreadable day",
        )
    return (int(item) - 1) % 7


def _where(record: dict[str, Any]) -> str:
    address = record.get("formatted_address") or join_text(
        [record.get(key) for key in ("address", "city", "state", "postal_code", "country")]
    )
    return join_text([record.get("location"), address])


def _identity(record: dict[str, Any]) -> str:
    """The feed's own id: its slug, else its id (repeats are told apart afterwards)."""
    for key in ("slug", "id"):
        value = record.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    raise RecordError("no slug or id, so it could not be told apart from others", "without an id")
