"""Meeting importers (Meeting Guide JSON, BMLT JSON, iCalendar) and format detection."""

from __future__ import annotations

import json

from recovery_cli.meetings.importers.records import ImportOptions, ImportResult, Skipped
from recovery_cli.store.errors import InvalidValue

FORMATS: tuple[str, ...] = ("meeting-guide", "bmlt", "ics")

__all__ = ["FORMATS", "ImportOptions", "ImportResult", "Skipped", "detect_format", "read_meetings"]


def detect_format(text: str) -> str:
    """The kind of feed, "meeting-guide", "bmlt" or "ics", told from the file's content."""
    if text.lstrip("\ufeff \t\r\n").upper().startswith(("BEGIN:VCALENDAR", "BEGIN:VEVENT")):
        return "ics"
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise InvalidValue(
            "this file is neither JSON nor iCalendar; say which it is with --format"
        ) from None
    if isinstance(data, dict) and "meetings" in data:
        return "bmlt"
    first = data[0] if isinstance(data, list) and data else None
    if isinstance(first, dict) and ("weekday_tinyint" in first or "meeting_name" in first):
        return "bmlt"
    if isinstance(first, dict) and ("day" in first or "slug" in first):
        return "meeting-guide"
    raise InvalidValue("the kind of feed could not be told from its content; use --format")


def read_meetings(text: str, fmt: str, options: ImportOptions) -> ImportResult:
    """Read ``text`` as ``fmt`` ("auto" to detect it) into meetings and a skipped report."""
    from recovery_cli.meetings.importers import bmlt, ics, meeting_guide

    kind = detect_format(text) if fmt == "auto" else fmt
    readers = {"meeting-guide": meeting_guide.read, "bmlt": bmlt.read, "ics": ics.read}
    if kind not in readers:
        raise InvalidValue(f"--format must be one of auto, {', '.join(FORMATS)}, got {fmt!r}")
    return readers[kind](text, options)
