"""A check-in left half-answered (Ctrl-C at a question): the answers given so far, kept in
the data folder until the next `recovery log` uses them or the person declines them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from recovery_cli.log.logbook import CHECKIN_FIELDS, CheckIn
from recovery_cli.store import fields
from recovery_cli.store.files import Store, TomlFile

DRAFT_FILE = TomlFile("checkin-draft.toml", private=True)


@dataclass
class Draft:
    """The day being checked in, and the answers given (a subset of CHECKIN_FIELDS)."""

    day: date
    answers: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        answers = {name: data[name] for name in CHECKIN_FIELDS if name in data}
        numbers = {k: v for k, v in answers.items() if k in ("mood", "craving", "sleep")}
        CheckIn(day=date.min, **numbers)  # refuse a hand-edited value out of range
        return cls(fields.required_date(data, "day"), answers)


def load_draft(store: Store) -> Draft | None:
    return store.load(DRAFT_FILE, Draft.from_dict)


def keep_draft(store: Store, draft: Draft) -> None:
    with store.transaction():
        store.save(DRAFT_FILE, {"day": draft.day, **draft.answers})


def drop_draft(store: Store) -> None:
    """Remove the draft, inside the transaction that used it or on its own."""
    with store.transaction():
        if store.exists(DRAFT_FILE):
            store.remove(DRAFT_FILE)
