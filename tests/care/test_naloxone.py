"""Naloxone kits: adding, listing and using them, label expiry dates, kits expiring soon,
who needs a kit, the lapse response showing where the kit is, and mistakes writing nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from recovery_cli.care import medicine
from recovery_cli.care.naloxone import (
    NALOXONE_FILE,
    Kit,
    current,
    expiring,
    load_kits,
    needs_kit,
    parse_expiry,
)
from recovery_cli.exits import DATA_ERROR
from recovery_cli.store.files import Store
from tests.conftest import Run

TODAY = date(2026, 3, 20)


@pytest.fixture
def kept(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    frozen_today(TODAY)
    return set_up


def kit(expires: date, used: date | None = None) -> Kit:
    return Kit(expires, date(2026, 1, 1), "bag", "nasal", used)


def listed(run: Run) -> list[dict[str, object]]:
    result = run("naloxone", "list", "--json")
    assert result.exit_code == 0, result.output
    parsed: list[dict[str, object]] = json.loads(result.stdout)
    return parsed


def test_add_list_and_use_a_kit(kept: Run) -> None:
    added = kept("naloxone", "add", "--expires", "2027-03", "--where", "in the kitchen drawer")
    assert added.exit_code == 0, added.output
    assert "expires 2027-03-31" in added.stdout
    kept("naloxone", "add", "--expires", "2026-12-15", "--kind", "injection")
    assert listed(kept) == [
        {
            "number": 1,
            "expires": "2027-03-31",
            "where": "in the kitchen drawer",
            "kind": "nasal",
            "added": "2026-03-20",
            "used": None,
            "current": True,
        },
        {
            "number": 2,
            "expires": "2026-12-15",
            "where": "",
            "kind": "injection",
            "added": "2026-03-20",
            "used": None,
            "current": True,
        },
    ]
    shown = kept("naloxone")
    assert "1. nasal spray, in the kitchen drawer" in shown.stdout
    assert "2. injection" in shown.stdout
    used = kept("naloxone", "used", "2")
    assert used.exit_code == 0, used.output
    assert "call 911" in used.stdout
    assert "stay with the person" in used.stdout
    assert "more than one dose" in used.stdout
    assert "new kit" in used.stdout
    assert "safe" not in used.stdout.lower()
    assert [entry["used"] for entry in listed(kept)] == [None, "2026-03-20"]


def test_used_without_a_number_takes_the_only_current_kit(kept: Run) -> None:
    kept("naloxone", "add", "--expires", "2027-03")
    assert kept("naloxone", "used").exit_code == 0
    assert listed(kept)[0]["used"] == "2026-03-20"
    again = kept("naloxone", "used", "1")
    assert again.exit_code == 1
    assert "already noted as used on 2026-03-20" in again.stderr


def test_used_without_a_number_asks_for_one_among_two(kept: Run, home: Path) -> None:
    kept("naloxone", "add", "--expires", "2027-03")
    kept("naloxone", "add", "--expires", "2027-04")
    before = (home / NALOXONE_FILE.filename).read_bytes()
    result = kept("naloxone", "used")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: please give the kit's number")
    assert "kits 1 to 2" in result.stderr
    assert (home / NALOXONE_FILE.filename).read_bytes() == before


def test_a_month_expiry_is_the_last_day_of_that_month() -> None:
    assert parse_expiry("2027-03") == date(2027, 3, 31)
    assert parse_expiry("2028-02") == date(2028, 2, 29)
    assert parse_expiry("2027-02") == date(2027, 2, 28)
    assert parse_expiry("2027-03-15") == date(2027, 3, 15)


def test_a_hand_written_month_in_the_file_is_read_as_its_last_day(store: Store) -> None:
    store.home.mkdir(parents=True)
    store.path(NALOXONE_FILE).write_text(
        'schema_version = 1\n[[kits]]\nexpires = "2027-04"\nwhere = "car"\nadded = 2026-01-02\n'
    )
    (only,) = load_kits(store).kits
    assert (only.expires, only.kind, only.used) == (date(2027, 4, 30), "nasal", None)


def test_current_leaves_out_used_and_expired_kits() -> None:
    fresh, old, used = kit(date(2027, 1, 1)), kit(date(2026, 3, 19)), kit(date(2027, 1, 1), TODAY)
    last_day = kit(TODAY)
    assert current([fresh, old, used, last_day], TODAY) == [fresh, last_day]


def test_expiring_within_60_days_or_already_expired() -> None:
    soon, edge, later = kit(date(2026, 4, 30)), kit(date(2026, 5, 19)), kit(date(2026, 5, 20))
    expired, used = kit(date(2026, 1, 31)), kit(date(2026, 4, 1), date(2026, 2, 1))
    assert expiring([soon, edge, later, expired, used], TODAY) == [soon, edge, expired]
    assert expiring([later], TODAY, within_days=61) == [later]


@pytest.mark.parametrize(
    ("substances", "kits", "needed"),
    [
        (["heroin"], [], True),
        (["Heroin", "alcohol"], [kit(date(2026, 1, 1))], True),  # only an expired kit
        (["heroin"], [kit(date(2027, 1, 1))], False),
        (["prescription opioids (oxycodone)"], [], True),
        (["fentanyl"], [kit(date(2027, 1, 1), TODAY)], True),  # the only kit was used
        (["alcohol"], [], False),
        (["alcohol", "cocaine"], [], False),
        ([], [], False),
    ],
)
def test_needs_kit(substances: list[str], kits: list[Kit], needed: bool) -> None:
    assert needs_kit(substances, kits, TODAY) is needed


def test_the_lapse_response_shows_where_the_kit_is(kept: Run) -> None:
    kept("naloxone", "add", "--expires", "2027-03", "--where", "in the kitchen drawer")
    result = kept("log", "--used")
    assert result.exit_code == 0, result.output
    assert "Your naloxone: nasal spray, in the kitchen drawer (expires 2027-03-31)." in (
        " ".join(result.stdout.split())
    )


def test_the_lapse_response_without_a_kit_says_where_to_get_one(kept: Run) -> None:
    kept("naloxone", "add", "--expires", "2026-02")  # expired before today
    result = kept("log", "--used")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Your naloxone:" not in text
    assert medicine.no_naloxone_line("US") in text
    assert "without a prescription" in text


def test_outside_the_us_the_line_stays_general() -> None:
    assert "prescription" not in medicine.no_naloxone_line("GB")
    assert "reverses an opioid overdose" in medicine.no_naloxone_line("")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--expires", "2026-13"], "error: expires must be a date such as 2027-03"),
        (["add", "--expires", "soon"], "error: expires must be a date such as 2027-03"),
        (["add", "--expires", "2027-03", "--kind", "pill"], "error: kind must be one of nasal"),
        (["add", "--expires", "2027-03", "--where", "x" * 101], "error: where must be at most"),
        (["used", "3"], "error: there is no kit 3"),
        (["used", "0"], "error: there is no kit 0"),
    ],
)
def test_mistakes_are_one_line_and_write_nothing(
    kept: Run, home: Path, args: list[str], message: str
) -> None:
    kept("naloxone", "add", "--expires", "2027-03")
    before = (home / NALOXONE_FILE.filename).read_bytes()
    result = kept("naloxone", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert (home / NALOXONE_FILE.filename).read_bytes() == before


def test_used_with_no_kit_at_all_writes_nothing(kept: Run, home: Path) -> None:
    result = kept("naloxone", "used")
    assert result.exit_code == 1
    assert "no kit is noted yet" in result.stderr
    assert not (home / NALOXONE_FILE.filename).exists()


@pytest.mark.parametrize(
    "content",
    [
        "schema_version = 1\n[[kits]\n",
        'schema_version = 1\n[[kits]]\nexpires = "2027-13"\nadded = 2026-01-02\n',
        'schema_version = 1\n[[kits]]\nexpires = 2027-03-01\nkind = "pill"\nadded = 2026-01-02\n',
    ],
)
def test_a_damaged_file_is_left_unchanged(kept: Run, home: Path, content: str) -> None:
    path = home / NALOXONE_FILE.filename
    path.write_text(content)
    for args in (["add", "--expires", "2027-03"], ["used", "1"], ["list"]):
        result = kept("naloxone", *args)
        assert result.exit_code == DATA_ERROR
        assert "naloxone.toml" in result.stderr
        assert path.read_text() == content


def test_a_missed_clinic_appointment_uses_the_medicine_line(kept: Run) -> None:
    kept("appointments", "add", "Dr Lee", "--at", "2026-03-19 10:00", "--kind", "prescriber")
    result = kept("appointments", "missed", "Dr Lee", "--date", "2026-03-19")
    assert result.exit_code == 0, result.output
    assert medicine.MISSED_APPOINTMENT in " ".join(result.stdout.split())
