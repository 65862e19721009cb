"""Bringing imported meetings into the schedule: de-duplication, updates and unique names.

A meeting from a feed matches one already kept when it has the same source id (the feed's
slug or id) or the same UID. A match with the same details is left alone; a match with
changed details is updated but keeps the person's name for it and its UID. Names stay
unique (ignoring case), because the commands address meetings by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.schedule import rule_weekdays
from recovery_cli.store.dates import WEEKDAYS


@dataclass
class MergeResult:
    """The schedule after an import and what changed in it."""

    meetings: list[Meeting]
    added: list[Meeting] = field(default_factory=list)
    updated: list[Meeting] = field(default_factory=list)
    unchanged: list[Meeting] = field(default_factory=list)


def same_details(old: Meeting, new: Meeting) -> bool:
    """True when two meetings differ only in name, start date, source or UID."""
    keys = ("fellowship", "rrule", "time", "timezone", "duration", "where", "url", "notes")
    return all(getattr(old, key) == getattr(new, key) for key in keys)


def unique_name(meeting: Meeting, taken: set[str]) -> str:
    """The meeting's name, or the name with its day and time, then a number, if taken."""
    if meeting.name.casefold() not in taken:
        return meeting.name
    base = f"{meeting.name} ({when_label(meeting)})"
    candidate, number = base, 2
    while candidate.casefold() in taken:
        candidate, number = f"{base} {number}", number + 1
    return candidate


def when_label(meeting: Meeting) -> str:
    """A short "Tue 19:00" or "Mon/Thu 12:00" label from the rule's days and the time."""
    days = "/".join(WEEKDAYS[day].short for day in rule_weekdays(meeting))
    return f"{days} {meeting.time:%H:%M}"


def merge_imported(existing: list[Meeting], incoming: Iterable[Meeting]) -> MergeResult:
    """The schedule with ``incoming`` merged in; re-importing the same feed changes nothing."""
    result = MergeResult(meetings=list(existing))
    for meeting in incoming:
        index = _match(result.meetings, meeting)
        if index is None:
            taken = {m.name.casefold() for m in result.meetings}
            added = meeting.renamed(unique_name(meeting, taken))
            result.meetings.append(added)
            result.added.append(added)
            continue
        old = result.meetings[index]
        if same_details(old, meeting):
            result.unchanged.append(old)
            continue
        starts = old.starts if old.rrule == meeting.rrule else meeting.starts
        new = replace(meeting, name=old.name, uid=old.uid, starts=starts)
        result.meetings[index] = new
        result.updated.append(new)
    return result


def _match(meetings: list[Meeting], meeting: Meeting) -> int | None:
    for index, candidate in enumerate(meetings):
        same_source = bool(meeting.source) and candidate.source == meeting.source
        if same_source or candidate.uid == meeting.uid:
            return index
    return None
