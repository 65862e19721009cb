"""A meeting's calendar DESCRIPTION: written by the calendar export, read back by the
iCalendar importer, so that a file exported and imported again keeps the notes, the link's
notes (a password) and the phone dial-in as they were."""

from __future__ import annotations

from typing import NamedTuple

_LINK_NOTES = "Link notes: "
_PHONE = "Phone: "


class Details(NamedTuple):
    """What a DESCRIPTION carries besides the event's other properties."""

    notes: str
    url_notes: str = ""
    phone: str = ""


def description_for(fellowship: str, details: Details) -> str:
    """The DESCRIPTION written for a meeting: its notes (or a plain line when there are
    none), then the link's notes and the phone dial-in, one line each."""
    lines = [details.notes or f"{fellowship} meeting"]
    if details.url_notes:
        lines.append(_LINK_NOTES + " ".join(details.url_notes.split()))
    if details.phone:
        lines.append(_PHONE + " ".join(details.phone.split()))
    return "\n".join(lines)


def details_from_description(description: str, fellowship: str) -> Details:
    """Inverse of :func:`description_for`: the plain line alone means "no notes"."""
    lines = description.strip().splitlines()
    found = {_LINK_NOTES: "", _PHONE: ""}
    while lines and (label := _label(lines[-1])) and not found[label]:
        found[label] = lines.pop().removeprefix(label).strip()
    text = "\n".join(lines).strip()
    notes = "" if text == f"{fellowship} meeting" else text
    return Details(notes, found[_LINK_NOTES], found[_PHONE])


def _label(line: str) -> str:
    return next((label for label in (_LINK_NOTES, _PHONE) if line.startswith(label)), "")
