"""Read a Meeting Guide JSON feed (code4recovery/spec) into meetings.

``day`` is 0 = Sunday ... 6 = Saturday, as an integer, a list of them, or (in looser feeds)
a string; ``time`` and ``end_time`` are "HH:MM"; ``types`` are codes such as O, C, D, ONL;
``conference_url`` is the link of an online meeting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from recovery_cli.meetings.importers.records import (
    ImportOptions,
    ImportResult,
    RecordError,
    clock_time,
    join_text,
    label_of,
    minutes_between,
    read_records,
    web_link,
    zone_or,
)
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.schedule import first_on_or_after, parse_day
from recovery_cli.store.dates import WEEKDAYS
from recovery_cli.store.errors import InvalidValue

DEFAULT_FELLOWSHIP = "AA"
TYPE_NAMES: dict[str, str] = {
    "11": "11th Step Meditation",
    "12x12": "12 Steps & 12 Traditions",
    "B": "Big Book",
    "BE": "Newcomer",
    "C": "Closed",
    "CAN": "Candlelight",
    "D": "Discussion",
    "H": "Birthday",
    "LGBTQ": "LGBTQ",
    "LIT": "Literature",
    "M": "Men",
    "MED": "Meditation",
    "O": "Open",
    "ONL": "Online",
    "SP": "Speaker",
    "ST": "Step Study",
    "TC": "Location Temporarily Closed",
    "W": "Women",
    "X": "Wheelchair Access",
    "Y": "Young People",
}


@dataclass(frozen=True)
class _Context:
    options: ImportOptions
    fellowship: str


def read(text: str, options: ImportOptions) -> ImportResult:
    """Meetings from a Meeting Guide feed; unreadable records are skipped and reported."""
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidValue(f"this is not valid JSON (line {exc.lineno}): {exc.msg}") from None
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
        raise RecordError("not a meeting object")
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RecordError("no name")
    if record.get("attendance_option") == "inactive":
        raise RecordError("the feed marks it inactive")
    days = _days(record.get("day"))
    start = clock_time(record.get("time"), "start time")
    end = record.get("end_time")
    duration = minutes_between(start, clock_time(end, "end time")) if end else 60
    return Meeting(
        name=name,
        fellowship=context.fellowship,
        rrule="FREQ=WEEKLY;BYDAY=" + ",".join(WEEKDAYS[day].code for day in days),
        starts=first_on_or_after(context.options.today, days),
        time=start,
        timezone=zone_or(record.get("timezone"), context.options.zone),
        duration=duration,
        where=_where(record),
        url=web_link(record.get("conference_url")) or web_link(record.get("url")),
        notes=_notes(record),
        source=f"meeting-guide:{_slug(record, name, days)}",
    )


def _days(value: object) -> list[int]:
    """Monday-based weekday numbers from a Meeting Guide ``day`` value (0 = Sunday)."""
    items = value if isinstance(value, list) else [value]
    days = {_day(item) for item in items}
    if not days:
        raise RecordError("no day of the week (it may be by appointment)")
    return sorted(days)


def _day(item: object) -> int:
    if isinstance(item, bool) or item is None or item == "":
        raise RecordError("no day of the week (it may be by appointment)")
    if isinstance(item, str) and not item.strip().isdigit():
        try:
            return parse_day(item)
        except ValueError:
            raise RecordError(f"day {item!r} is not a day of the week") from None
    if not isinstance(item, int | str) or not 0 <= int(item) <= 6:
        raise RecordError(f"day {item!r} should be 0 (Sunday) to 6 (Saturday)")
    return (int(item) - 1) % 7


def _where(record: dict[str, Any]) -> str:
    address = record.get("formatted_address") or join_text(
        [record.get(key) for key in ("address", "city", "state", "postal_code", "country")]
    )
    return join_text([record.get("location"), address])


def _notes(record: dict[str, Any]) -> str:
    types = record.get("types") if isinstance(record.get("types"), list) else []
    kinds = join_text([TYPE_NAMES.get(str(code), str(code)) for code in types or []], " · ")
    phone = record.get("conference_phone")
    return join_text(
        [
            record.get("notes"),
            record.get("location_notes"),
            f"Phone: {phone}" if phone else None,
            kinds,
        ],
        "\n",
    )


def _slug(record: dict[str, Any], name: str, days: list[int]) -> str:
    slug = record.get("slug")
    if isinstance(slug, str | int) and not isinstance(slug, bool) and str(slug).strip():
        return str(slug).strip()
    return f"{name.strip()}|{','.join(map(str, days))}|{record.get('time')}"
