"""Doses as they happened, kept as JSON Lines in doses.jsonl: a dose taken, a dose
missed, and take-home doses the clinic gave.

Records name their medication; they are counted, never added up into amounts: a record
says a dose was taken, not how much. A record noted while the medication list was locked
(and the key not at hand) keeps the name as the person typed it, or none ("": the only
medication they had that day); it is matched to the list when read (`matched`), and one
that matches none is kept as it is and shown (`care.meds.unmatched_doses`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, time
from typing import Any

from recovery_cli.care.prescriptions import MAX_NAME, MAX_TEXT, Medications, load_medications
from recovery_cli.store import fields
from recovery_cli.store.dates import DateError, parse_time
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.files import JsonLinesFile, Store

DOSES_FILE = JsonLinesFile("doses.jsonl", private=True)
OBSERVED, TAKE_HOME, NEITHER = "observed", "take-home", "neither"
WAYS = (OBSERVED, TAKE_HOME, NEITHER)
MAX_TAKEHOME_DOSES = 60


@dataclass(frozen=True)
class Taken:
    """A dose taken: at the clinic (observed), a take-home dose, or neither."""

    medication: str
    day: date
    time: time | None = None
    how: str = NEITHER
    note: str = ""

    def __post_init__(self) -> None:
        _check_common(self.medication, self.day)
        object.__setattr__(self, "how", fields.choice("how", self.how, WAYS, "how") or NEITHER)
        fields.bounded("note", self.note, MAX_TEXT)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": "taken",
            "medication": self.medication,
            "date": self.day.isoformat(),
            "time": self.time.strftime("%H:%M") if self.time else "",
            "how": self.how,
            "note": self.note,
        }


@dataclass(frozen=True)
class Missed:
    """A dose the person says they missed."""

    medication: str
    day: date
    reason: str = ""

    def __post_init__(self) -> None:
        _check_common(self.medication, self.day)
        fields.bounded("reason", self.reason, MAX_TEXT)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": "missed",
            "medication": self.medication,
            "date": self.day.isoformat(),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class TakeHomeGiven:
    """Take-home doses the clinic gave, as the person counted them."""

    medication: str
    day: date
    doses: int

    def __post_init__(self) -> None:
        _check_common(self.medication, self.day)
        fields.in_range("doses", self.doses, 1, MAX_TAKEHOME_DOSES, "doses")

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": "takehome",
            "medication": self.medication,
            "date": self.day.isoformat(),
            "doses": self.doses,
        }


DoseRecord = Taken | Missed | TakeHomeGiven


def _check_common(medication: str, day: date) -> None:
    fields.bounded("medication", medication, MAX_NAME)
    fields.check_day("date", day, "date")


def record_from_dict(data: Mapping[str, Any]) -> DoseRecord:
    """Read one line of doses.jsonl."""
    event = fields.text(data, "event")
    medication = fields.text(data, "medication").strip()
    day = fields.optional_date(data, "date")
    if day is None:
        raise InvalidValue("a dose record needs a date", "date")
    if event == "taken":
        return Taken(
            medication,
            day,
            time=_time(fields.text(data, "time")),
            how=fields.text(data, "how"),
            note=fields.text(data, "note"),
        )
    if event == "missed":
        return Missed(medication, day, reason=fields.text(data, "reason"))
    if event == "takehome":
        return TakeHomeGiven(medication, day, doses=fields.required_integer(data, "doses"))
    raise InvalidValue(f"event must be taken, missed or takehome, got {event!r}", "event")


def _time(text: str) -> time | None:
    try:
        return parse_time(text) if text else None
    except DateError as exc:
        raise InvalidValue(str(exc), "time") from None


def load_doses(
    store: Store, since: date | None = None, until: date | None = None
) -> list[DoseRecord]:
    """Every dose record (or those from `since` to `until`, both included), in date order,
    each `matched` to the medication list; records of one day keep the order they were made
    in."""
    records = store.load_records(DOSES_FILE, record_from_dict)
    medications = load_medications(store)
    kept = [
        matched(r, medications)
        for r in records
        if (since is None or r.day >= since) and (until is None or r.day <= until)
    ]
    return sorted(kept, key=lambda r: r.day)


def matched(record: DoseRecord, medications: Medications) -> DoseRecord:
    """The record under the name of the medication it is of, found by the rule a command
    uses (`Medications.of`: the name, or with none the only medication of that day); as it
    is when it matches none."""
    found = medications.of(record.medication or None, record.day)
    return record if found is None else replace(record, medication=found.name)


def add_dose(store: Store, record: DoseRecord) -> None:
    """Add one record, inside a transaction; the other lines are written back as they were.
    Every record is read first, so that a damaged file is refused, never rewritten; in a
    locked store without the key at hand, the record is added unread (sealed on its own)."""
    line = json.dumps(record.to_dict(), ensure_ascii=False)
    if not store.readable(DOSES_FILE):
        store.append_line(DOSES_FILE, line)
        return
    store.load_records(DOSES_FILE, record_from_dict)
    lines = store.load_lines(DOSES_FILE)
    lines.append(line)
    store.save_lines(DOSES_FILE, lines)


def of_medication(records: Sequence[DoseRecord], name: str) -> list[DoseRecord]:
    """The records of one medication (names matched without regard to case)."""
    return [r for r in records if fields.same_name(r.medication, name)]
