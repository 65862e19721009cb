"""Bringing imported meetings into the schedule: identity, updates, removals, unique names.

A meeting's identity is (the feed it came from, the feed's own id for it): the Meeting Guide
slug, the BMLT id, the iCalendar UID. Never its name, so meetings the person typed in (they
have no source) are never matched, changed or removed by an import. A match with the same
details is left alone; one with changed details is updated, keeping the person's name for it
and its UID. Meetings of the feed that are no longer in it are reported and marked inactive,
or removed when the person asks to prune. Everything is looked up in dicts: one pass over
the schedule and one over the feed, at any size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.schedule import rule_weekdays
from recovery_cli.store.dates import WEEKDAYS

_DETAILS: dict[str, str] = {
    "fellowship": "fellowship",
    "rrule": "days",
    "time": "time",
    "timezone": "time zone",
    "duration": "length",
    "where": "place",
    "url": "link",
    "url_notes": "link notes",
    "phone": "phone",
    "notes": "notes",
    "formats": "formats",
    "active": "back in the feed",
    "more_rules": "days",
    "added": "extra dates",
    "skipped": "cancelled dates",
    "moved": "moved dates",
}


@dataclass(frozen=True)
class Change:
    """A kept meeting and what the feed now says about it."""

    old: Meeting
    new: Meeting

    @property
    def what(self) -> list[str]:
        """The details that changed, in plain words ("days", "time", "place", ...)."""
        return changed_details(self.old, self.new)


@dataclass
class MergeResult:
    """The schedule after an import and what changed in it."""

    meetings: list[Meeting]
    added: list[Meeting] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    unchanged: list[Meeting] = field(default_factory=list)
    gone: list[Meeting] = field(default_factory=list)
    pruned: bool = False


def changed_details(old: Meeting, new: Meeting) -> list[str]:
    """What differs between two versions of a meeting, ignoring its name, source and UID
    (and its first date, unless the days it falls on or a one-off's date moved)."""
    differ = (label for key, label in _DETAILS.items() if getattr(old, key) != getattr(new, key))
    changed = list(dict.fromkeys(differ))
    moved = rule_weekdays(old) != rule_weekdays(new) or (
        new.is_one_off and old.starts != new.starts
    )
    if moved and "days" not in changed:
        changed.insert(0, "days")
    return changed


def same_details(old: Meeting, new: Meeting) -> bool:
    """True when two versions of a meeting differ only in name, first date, source or UID."""
    return not changed_details(old, new)


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


def merge_imported(
    existing: list[Meeting], incoming: Iterable[Meeting], *, feed: str = "", prune: bool = False
) -> MergeResult:
    """The schedule with the meetings of ``feed`` brought up to date with ``incoming``;
    re-importing the same feed changes nothing."""
    result = MergeResult(meetings=list(existing), pruned=prune)
    kept = _imported(existing, feed)
    taken = {m.name.casefold() for m in existing}
    seen: set[str] = set()
    for found in incoming:
        meeting = found
        if found.feed != feed or not found.source:
            meeting = replace(found, feed=feed, source=found.source or f"uid:{found.uid}")
        if meeting.source in seen:
            continue
        seen.add(meeting.source)
        index = kept.get(meeting.source)
        if index is None:
            added = meeting.renamed(unique_name(meeting, taken))
            taken.add(added.name.casefold())
            result.meetings.append(added)
            result.added.append(added)
        else:
            _update(result, index, meeting)
    _leave(result, feed, seen)
    return result


def _imported(existing: list[Meeting], feed: str) -> dict[str, int]:
    """Where each imported meeting of ``feed`` is, by source; meetings imported before
    feeds were recorded (no feed) match by source alone, after this feed's own."""
    kept: dict[str, int] = {}
    for index, meeting in enumerate(existing):
        if meeting.source and meeting.feed == "":
            kept.setdefault(meeting.source, index)
    for index, meeting in enumerate(existing):
        if meeting.source and meeting.feed == feed and feed:
            kept[meeting.source] = index
    return kept


def _update(result: MergeResult, index: int, meeting: Meeting) -> None:
    old = result.meetings[index]
    if same_details(old, meeting) and old.feed == meeting.feed:
        result.unchanged.append(old)
        return
    moved = "days" in changed_details(old, meeting) or meeting.is_one_off
    starts = meeting.starts if moved else old.starts
    new = replace(meeting, name=old.name, uid=old.uid, starts=starts)
    result.meetings[index] = new
    if same_details(old, new):
        result.unchanged.append(new)  # only its feed was recorded
    else:
        result.updated.append(Change(old, new))


def _leave(result: MergeResult, feed: str, seen: set[str]) -> None:
    """Meetings of ``feed`` that it no longer holds: removed when pruning, else inactive."""
    if not feed:
        return
    kept = []
    for meeting in result.meetings:
        if meeting.source and meeting.feed == feed and meeting.source not in seen:
            result.gone.append(meeting)
            if result.pruned:
                continue
            kept.append(replace(meeting, active=False))
        else:
            kept.append(meeting)
    result.meetings = kept
