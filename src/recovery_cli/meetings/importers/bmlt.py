"""Read a BMLT ``GetSearchResults`` answer (Narcotics Anonymous) into meetings.

The answer is a plain list of meetings or ``{"meetings": [...], "formats": [...]}``. Every
value is a string; ``weekday_tinyint`` is 1 = Sunday ... 7 = Saturday; ``start_time`` and
``duration_time`` are "HH:MM:SS". A meeting is online when ``venue_type`` is 2 (3 is hybrid)
or when its formats map, through ``world_id``, to VM (virtual) or HY (hybrid).
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
    read_records,
    web_link,
    zone_or,
)
from recovery_cli.meetings.meetings import MAX_DURATION_MINUTES, Meeting
from recovery_cli.meetings.schedule import first_on_or_after
from recovery_cli.store.dates import WEEKDAYS
from recovery_cli.store.errors import InvalidValue

DEFAULT_FELLOWSHIP = "NA"
_VENUE_VIRTUAL = "2"
_VENUE_HYBRID = "3"


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
    try:
        answer = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidValue(f"this is not valid JSON (line {exc.lineno}): {exc.msg}") from None
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
        raise RecordError("not a meeting object")
    name = record.get("meeting_name")
    if not isinstance(name, str) or not name.strip():
        raise RecordError("no meeting name")
    day = _weekday(record.get("weekday_tinyint"))
    formats = _formats(record, context)
    online = _is_online(record, formats)
    return Meeting(
        name=name,
        fellowship=context.fellowship,
        rrule=f"FREQ=WEEKLY;BYDAY={WEEKDAYS[day].code}",
        starts=first_on_or_after(context.options.today, [day]),
        time=clock_time(record.get("start_time"), "start time"),
        timezone=zone_or(record.get("time_zone"), context.options.zone),
        duration=_duration(record.get("duration_time")),
        where=_where(record, online),
        url=web_link(record.get("virtual_meeting_link")),
        notes=_notes(record, formats),
        source=f"bmlt:{_identity(record)}",
    )


def _weekday(value: object) -> int:
    """Monday-based weekday from ``weekday_tinyint`` (1 = Sunday ... 7 = Saturday)."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not text.isdigit() or not 1 <= int(text) <= 7:
        raise RecordError(f"weekday {value!r} should be 1 (Sunday) to 7 (Saturday)")
    return (int(text) - 2) % 7


def _duration(value: object) -> int:
    if value in (None, ""):
        return 60
    length = clock_time(value, "duration")
    minutes = length.hour * 60 + length.minute
    return minutes if 0 < minutes <= MAX_DURATION_MINUTES else 60


def _formats(record: dict[str, Any], context: _Context) -> list[Format]:
    keys = [key.strip() for key in str(record.get("formats") or "").split(",") if key.strip()]
    return [context.formats.get(key, Format(key, key.upper(), key)) for key in keys]


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


def _notes(record: dict[str, Any], formats: list[Format]) -> str:
    phone = record.get("phone_meeting_number")
    return join_text(
        [
            record.get("location_info"),
            record.get("comments"),
            record.get("virtual_meeting_additional_info"),
            f"Phone: {phone}" if phone else None,
            " · ".join(fmt.name for fmt in formats),
        ],
        "\n",
    )


def _identity(record: dict[str, Any]) -> str:
    meeting_id = str(record.get("id_bigint") or "").strip()
    if not meeting_id:
        raise RecordError("no id_bigint, so it could not be told apart from others")
    server = str(record.get("root_server_uri") or "").strip().rstrip("/")
    return f"{server}#{meeting_id}" if server else meeting_id
