"""A meeting's calendar DESCRIPTION: written by the calendar export, read back by the
iCalendar importer, so that a file exported and imported again keeps the notes as they were."""

from __future__ import annotations


def description_for(notes: str, fellowship: str) -> str:
    """The DESCRIPTION written for a meeting: its notes, or a plain line when there are none."""
    return notes or f"{fellowship} meeting"


def notes_from_description(description: str, fellowship: str) -> str:
    """Inverse of :func:`description_for`: the plain line alone means "no notes"."""
    text = description.strip()
    return "" if text == description_for("", fellowship) else text
