"""Read a BMLT ``GetSearchResults`` answer (Narcotics Anonymous) into meetings.

The answer is a plain list of meetings or ``{"meetings": [...], "formats": [...]}``. Every
value is a string; ``weekday_tinyint`` is 1 = Sunday ... 7 = Saturday; ``start_time`` and
``duration_time`` are "HH:MM:SS" (some servers write minutes, "90"). A meeting is online when
``venue_type`` is 2 (3 is hybrid) or when its formats map, through ``world_id``, to VM
(virtual) or HY (hybrid). Format keys become the names in the answer's own format list, or
else the common NA names below. Unpublished (``published`` "0") and temporarily closed
in-person meetings are skipped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    one_line_of,
    read_records,
    web_link,
    zone_or,
)
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.schedule import first_on_or_after
from recovery_cli.store.dates import WEEKDAYS
from recovery_cli.store.errors import InvalidValue

DEFAULT_FELLOWSHIP = "NA"
_VENUE_VIRTUAL = "2"
_VENUE_HYBRID = "3"
_VENUE_CLOSED = "4"
# Common NA format keys, used when the answer carries no format list of its own.
KEY_NAMES: dict[str, str] = {
    "B": "Beginners",
    "BT": "Basic Text",
    "C": "Closed",
    "D": "Discussion",
    "HY": "Hybrid",
    "IW": "It Works How and Why",
    "JT": "Just for Today",
    "LC": "Living Clean",
    "M": "Men",
    "O": "Open",
    "RF": "Rotating Format",
    "SD": "Speaker/Discussion",
    "SPAD": "A Spiritual Principle a Day",
    "So": "Speaker Only",
    "St": "Step",
    "TC": "Temporarily Closed",
    "To": "Topic",
    "Tr": "Tradition",
    "VM": "Virtual",
    "W": "Women",
    "WC": "Wheelchair Accessible",
    "Y": "Young People",
}


@dataclass(frozen=True)
class Format:
    """One BMLT format: its local key, its world-wide id and its name."""

    key: str
    world_id: str
    name: str


@dataclass(frozen=True)
class _Context:
    options: ImportOptions
    fellowship: str
    formats: dict[str, Format]


def read(text: str, options: ImportOptions) -> ImportResult:
    """Meetings from a BMLT answer; unreadable records are skipped and reported."""
    return read_data(load_json(text), options)


def read_data(answer: object, options: ImportOptions) -> ImportResult:
    """Meetings from an already parsed BMLT answer."""
    records, formats = _split(answer)
    context = _Context(options, options.fellowship or DEFAULT_FELLOWSHIP, formats)
    return read_records(
        records,
        lambda record: _meeting(record, context),
        lambda record: label_of(record, "meeting_name", "id_bigint"),
    )


def _split(answer: object) -> tuple[list[Any], dict[str, Format]]:
    if isinstance(answer, list):
        return answer, {}
    if isinstance(answer, dict) and isinstance(answer.get("meetings"), list):
        return answer["meetings"], read_formats(answer.get("formats"))
    raise InvalidValue('a BMLT answer is a list of meetings or an object with "meetings"')


def read_formats(value: object) -> dict[str, Format]:
    """BMLT formats (a GetFormats answer or the "formats" part of a search) by key."""
    formats: dict[str, Format] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and isinstance(item.get("key_string"), str):
            key = item["key_string"].strip()
            world = str(item.get("world_id") or "").strip().upper()
            formats[key] = Format(key, world, str(item.get("name_string") or key).strip())
    return formats


def _meeting(record: object, context: _Context) -> Meeting:
    if not isinstance(record, dict):
        raise RecordError("not a meeting object", "that are not meetings")
    name = record.get("meeting_name")
    if not isinstance(name, str) or not name.strip():
        raise RecordError("no meeting name", "without a name")
    if str(record.get("published", "1")).strip() == "0":
        raise RecordError("the server marks it unpublished", "unpublished")
    formats = _formats(record, context)
    online = _is_online(record, formats)
    if not online and _closed(record, formats):
        raise RecordError("the server marks it temporarily closed", "temporarily closed")
    day = _weekday(record.get("weekday_tinyint"))
    return Meeting(
        name=name,
        fellowship=context.fellowship,
        rrule=f"FREQ=WEEKLY;BYDAY={WEEKDAYS[day].code}",
        starts=first_on_or_after(context.options.today, [day]),
        time=clock_time(record.get("start_time"), "start time"),
        timezone=zone_or(record.get("time_zone"), context.options.zone),
        duration=duration_minutes(record.get("duration_time")) or 60,
        where=_where(record, online),
        url=web_link(record.get("virtual_meeting_link")),
        notes=join_text([record.get("location_info"), record.get("comments")], "\n"),
        source=f"bmlt:{_identity(record)}",
        formats=tuple(fmt.name for fmt in formats),
        url_notes=join_text([record.get("virtual_meeting_additional_info")]),
        feed=context.options.feed,
        phone=join_text([record.get("phone_meeting_number")]),
    )


def _weekday(value: object) -> int:
    """Monday-based weekday from ``weekday_tinyint`` (1 = Sunday ... 7 = Saturday)."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not text.isdigit() or not 1 <= int(text) <= 7:
        raise RecordError(
            f"weekday {one_line_of(repr(value))} should be 1 (Sunday) to 7 (Saturday)",
            "without a day" if text == "" else "with an unreadable day",
        )
    return (int(text) - 2) % 7


def _closed(record: dict[str, Any], formats: list[Format]) -> bool:
    venue = str(record.get("venue_type") or "").strip()
    return venue == _VENUE_CLOSED or any(fmt.world_id == "TC" for fmt in formats)


def _formats(record: dict[str, Any], context: _Context) -> list[Format]:
    keys = [key.strip() for key in str(record.get("formats") or "").split(",") if key.strip()]
    return [
        context.formats.get(key) or Format(key, key.upper(), KEY_NAMES.get(key, key))
        for key in keys
    ]


def _is_online(record: dict[str, Any], formats: list[Format]) -> str:
    """ "online", "hybrid" or "" (in person), from the venue type or else the formats."""
    venue = str(record.get("venue_type") or "").strip()
    worlds = {fmt.world_id for fmt in formats}
    if venue == _VENUE_VIRTUAL or (not venue and "VM" in worlds and "HY" not in worlds):
        return "online"
    if venue == _VENUE_HYBRID or (not venue and "HY" in worlds):
        return "hybrid"
    return ""


def _where(record: dict[str, Any], online: str) -> str:
    place = join_text(
        [
            record.get("location_text"),
            record.get("location_street"),
            record.get("location_municipality"),
            record.get("location_province"),
            record.get("location_postal_code_1"),
        ]
    )
    if online == "online":
        return "Online"
    return f"{place} (also online)" if online == "hybrid" and place else place


def _identity(record: dict[str, Any]) -> str:
    meeting_id = str(record.get("id_bigint") or "").strip()
    if not meeting_id:
        raise RecordError(
            "no id_bigint, so it could not be told apart from others", "without an id"
        )
    server = str(record.get("root_server_uri") or "").strip().rstrip("/")
    return f"{server}#{meeting_id}" if server else meeting_id
