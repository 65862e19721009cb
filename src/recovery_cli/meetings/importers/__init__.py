"""Meeting importers (Meeting Guide JSON, BMLT JSON, iCalendar) and format detection."""

from __future__ import annotations

from recovery_cli.meetings.importers.records import (
    ImportOptions,
    ImportResult,
    Skipped,
    load_json,
)
from recovery_cli.store.errors import InvalidValue

FORMATS: tuple[str, ...] = ("meeting-guide", "bmlt", "ics")

__all__ = ["FORMATS", "ImportOptions", "ImportResult", "Skipped", "detect_format", "read_meetings"]


def detect_format(text: str) -> str:
    """The kind of feed, "meeting-guide", "bmlt" or "ics", told from the file's content."""
    if text.lstrip("\ufeff \t\r\n").upper().startswith(("BEGIN:VCALENDAR", "BEGIN:VEVENT")):
        return "ics"
    if not _looks_like_json(text):
        raise InvalidValue("this file is neither JSON nor iCalendar; say which it is with --format")
    return json_format(load_json(text))


def json_format(data: object) -> str:
    """ "meeting-guide" or "bmlt", told from a parsed JSON feed."""
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

    if fmt not in ("auto", *FORMATS):
        raise InvalidValue(f"--format must be one of auto, {', '.join(FORMATS)}, got {fmt!r}")
    kind = detect_format(text) if fmt == "auto" and not _looks_like_json(text) else fmt
    if kind == "ics":
        return ics.read(text, options)
    data = load_json(text)  # read once, whichever JSON format it is
    kind = json_format(data) if kind == "auto" else kind
    readers = {"meeting-guide": meeting_guide.read_data, "bmlt": bmlt.read_data}
    return readers[kind](data, options)


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith(("[", "{"))
