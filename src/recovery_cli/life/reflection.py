"""The evening reflection, kept as JSON Lines in reflections.jsonl: what went well today,
anything to put right (and with whom), and things to be grateful for.

One reflection a day: a second one for the same day is appended with the first one's
answers kept where it gives none, and the last line for a day is the one that counts.
Each line also notes the day it was written, so that the dashboard can ask "reflected
today?" by reading the file from its end and stopping at the first line written earlier.
Reflections are private: they reach a summary or an export only when the person asks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from recovery_cli.store import fields
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.files import JsonLinesFile, Store

REFLECTIONS_FILE = JsonLinesFile("reflections.jsonl", private=True)
MAX_ANSWER = 1000
GRATEFUL_THINGS = 3  # the question asks for three things, any of them may be left blank
EVENING_HOUR = 18  # from 18:00 in the person's zone the dashboard offers the reflection


@dataclass(frozen=True)
class Reflection:
    """One day's reflection; every answer may be empty."""

    day: date
    went_well: str = ""
    put_right: str = ""
    grateful: tuple[str, ...] = ()
    written: date | None = None

    def __post_init__(self) -> None:
        fields.check_day("date", self.day, "date")
        tidy = tuple(t for t in (" ".join(thing.split()) for thing in self.grateful) if t)
        object.__setattr__(self, "went_well", tidy_answer("went well", self.went_well))
        object.__setattr__(self, "put_right", tidy_answer("put right", self.put_right))
        object.__setattr__(self, "grateful", tuple(tidy_answer("grateful", t) for t in tidy))
        if self.written is not None:
            fields.check_day("written", self.written, "written")

    @property
    def empty(self) -> bool:
        return not (self.went_well or self.put_right or self.grateful)

    def joined(self, earlier: Reflection | None) -> Reflection:
        """This reflection, with `earlier`'s answers (of the same day) where it gives none."""
        if earlier is None:
            return self
        return Reflection(
            self.day,
            went_well=self.went_well or earlier.went_well,
            put_right=self.put_right or earlier.put_right,
            grateful=self.grateful or earlier.grateful,
            written=self.written,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reflection:
        return cls(
            fields.required_date(data, "date"),
            went_well=fields.text(data, "went_well"),
            put_right=fields.text(data, "put_right"),
            grateful=tuple(fields.text_list(data, "grateful")),
            written=fields.optional_date(data, "written"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "went_well": self.went_well,
            "put_right": self.put_right,
            "grateful": list(self.grateful),
            **({"written": self.written.isoformat()} if self.written else {}),
        }


def new_reflection(
    day: date, today: date, went_well: str = "", put_right: str = "", grateful: tuple[str, ...] = ()
) -> Reflection:
    """Today's reflection (or an earlier day's), written today; never one for a day to come."""
    if day > today:
        raise RecoveryError(f"a reflection is for a day that has been, not {day.isoformat()}")
    return Reflection(day, went_well, put_right, grateful, written=today)


def load_reflections(
    store: Store, since: date | None = None, until: date | None = None
) -> list[Reflection]:
    """One reflection a day (the last written for it), from `since` to `until` (both
    included), oldest first."""
    by_day: dict[date, Reflection] = {}
    for reflection in store.load_records(REFLECTIONS_FILE, Reflection.from_dict):
        by_day[reflection.day] = reflection
    return [
        by_day[day]
        for day in sorted(by_day)
        if (since is None or day >= since) and (until is None or day <= until)
    ]


def keep_reflection(store: Store, reflection: Reflection) -> Reflection:
    """Keep the day's reflection (joined with one already kept for that day) and give it
    back as kept."""
    with store.transaction():
        earlier = load_reflections(store, reflection.day, reflection.day)
        kept = reflection.joined(earlier[0] if earlier else None)
        store.append_line(REFLECTIONS_FILE, json.dumps(kept.to_dict(), ensure_ascii=False))
    return kept


def reflected_on(store: Store, today: date) -> bool:
    """Whether there is a reflection for `today`, read from the end of the file: lines
    written before today cannot be today's (no reflection is kept for a day to come)."""
    if store.version_on_disk(REFLECTIONS_FILE) not in (None, REFLECTIONS_FILE.version):
        return any(r.day == today for r in load_reflections(store, today, today))
    for line in store.lines_from_end(REFLECTIONS_FILE):
        try:
            data = json.loads(line)
        except ValueError:  # a damaged line: reading the whole file names it
            return any(r.day == today for r in load_reflections(store, today, today))
        if data.get("date") == today.isoformat():
            return True
        written = data.get("written")
        if not isinstance(written, str) or written < today.isoformat():
            return False
    return False


def tidy_answer(name: str, text: str) -> str:
    """An answer made one tidy line, within its limit."""
    return fields.bounded(name, " ".join(text.split()), MAX_ANSWER)
