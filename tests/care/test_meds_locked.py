"""Medication in a locked store: the list and the doses sealed, `meds take` / `missed` /
`takehome` noted without ever asking, and matched to the list when read with the key."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyrage
import pytest

from tests.conftest import Run

TODAY = date(2026, 3, 5)
PRIVATE = (b"Methadone", b"METHADONE", b"60 mg", b"55 mg", b"DOSE-NOTE-3318", b"Dr Okafor")


def _plain(home: Path) -> list[bytes]:
    """Every private text readable as it is in any file of the data folder."""
    return [
        text
        for path in home.rglob("*")
        if path.is_file()
        for text in PRIVATE
        if text in path.read_bytes()
    ]


def _ok(run: Run, *args: str) -> str:
    result = run(*args)  # no input: a prompt would fail the run
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def locked(set_up: Run, phrase_file: Path, frozen_today) -> Run:  # type: ignore[no-untyped-def]
    """A store with Methadone 60 mg from 1 March (prescribed by Dr Okafor), then locked."""
    frozen_today(TODAY)
    _ok(set_up, "meds", "add", "Methadone", "--dose", "60 mg", "--starts", "2026-03-01")
    _ok(set_up, "meds", "change", "Methadone", "--dose", "55 mg", "--by", "Dr Okafor")
    _ok(set_up, "lock", "--passphrase-file", str(phrase_file))
    return set_up


def test_no_medication_name_dose_or_note_is_plain_after_lock_and_later_writes(
    locked: Run, home: Path, phrase_file: Path
) -> None:
    assert _plain(home) == []
    key = ("--passphrase-file", str(phrase_file))
    _ok(locked, "meds", "take", "METHADONE", "--note", "DOSE-NOTE-3318")
    _ok(locked, *key, "meds", "add", "Naltrexone", "--dose", "50 mg")
    _ok(locked, *key, "meds", "change", "Methadone", "--dose", "60 mg", "--by", "Dr Okafor")
    _ok(locked, *key, "meds", "take", "Methadone", "--date", "yesterday")
    _ok(locked, "meds", "missed", "Naltrexone")
    _ok(locked, "meds", "takehome", "Methadone", "--doses", "2")
    assert _plain(home) == []
    assert b"Naltrexone" not in b"".join(p.read_bytes() for p in home.iterdir() if p.is_file())


def test_meds_take_without_the_key_never_asks_and_is_matched_when_read(
    locked: Run, home: Path, phrase_file: Path
) -> None:
    noted = locked("meds", "take", "--note", "DOSE-NOTE-3318")
    assert noted.exit_code == 0, noted.output
    assert "will be matched to your medication list the next time you unlock" in noted.output
    assert "Methadone" not in noted.output  # the list was not read
    assert _ok(locked, "meds", "missed", "methadone ", "--date", "yesterday")
    assert list(home.glob("doses.jsonl.seg-*.age"))
    _ok(locked, "unlock", "--for", "10m", "--passphrase-file", str(phrase_file))
    today = json.loads(_ok(locked, "meds", "--json"))
    assert [(s["name"], s["taken_today"], s["dose"]) for s in today] == [
        ("Methadone", True, "55 mg")
    ]
    shown = _ok(locked, "meds")
    assert "not matched" not in shown
    assert _ok(locked, "status")
    assert not list(home.glob("doses.jsonl.seg-*.age"))  # folded into the sealed file
    assert _plain(home) == []


def test_with_the_key_meds_take_checks_the_name_and_asks_before_a_second_tick(
    locked: Run, home: Path, phrase_file: Path
) -> None:
    key = ("--passphrase-file", str(phrase_file))
    assert "Ticked Methadone for today" in _ok(locked, *key, "meds", "take")
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    unknown = locked(*key, "meds", "take", "Metadone")
    assert unknown.exit_code == 1
    assert "no medication called 'Metadone'" in unknown.stderr
    second = locked(*key, "meds", "take")
    assert second.exit_code == 1
    assert "already ticked" in second.stderr
    assert {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()} == before


def test_a_dose_that_matches_no_medication_is_shown_not_lost(
    locked: Run, home: Path, phrase_file: Path
) -> None:
    key = ("--passphrase-file", str(phrase_file))
    _ok(locked, "meds", "take", "Metadone", "--date", "yesterday")
    _ok(locked, *key, "meds", "add", "Naltrexone", "--dose", "50 mg")
    _ok(locked, "meds", "take")  # two medications now: which one is not known
    shown = _ok(locked, *key, "meds")
    assert "Noted while your records were locked, and not matched to a medication" in shown
    assert "Wed 04 Mar 2026: a dose taken (Metadone)" in shown
    assert "Thu 05 Mar 2026: a dose taken, no name given" in shown
    assert "today: due" in shown  # neither is counted as a dose of Methadone
    assert _ok(locked, *key, "status")
    assert _ok(locked, *key, "summary", "--include", "meds")
    opened = _ok(locked, "lock", "--off", *key)
    assert "doses.jsonl" in opened
    records = (home / "doses.jsonl").read_text(encoding="utf-8")
    assert '"medication": "Metadone"' in records
    assert '"medication": ""' in records


def test_lock_off_restores_the_medication_list_exactly(
    set_up: Run, home: Path, phrase_file: Path, frozen_today
) -> None:  # type: ignore[no-untyped-def]
    frozen_today(TODAY)
    _ok(set_up, "meds", "add", "Methadone", "--dose", "60 mg", "--clinic", "Harbour Clinic")
    plain = (home / "medications.toml").read_bytes()
    key = _ok(set_up, "lock", "--passphrase-file", str(phrase_file)).split("AGE-SECRET-KEY-1")[1]
    sealed = (home / "medications.toml").read_bytes()
    identity = pyrage.x25519.Identity.from_str("AGE-SECRET-KEY-1" + key.split()[0])
    assert pyrage.decrypt(sealed, [identity]) == plain
    _ok(set_up, "lock", "--off", "--passphrase-file", str(phrase_file))
    assert (home / "medications.toml").read_bytes() == plain


def test_without_the_key_reads_of_the_list_stop_in_one_line_and_plan_show_does_not(
    locked: Run,
) -> None:
    for args in (("status",), ("meds",), ("meds", "list"), ("meds", "history", "Methadone")):
        refused = locked(*args)
        assert refused.exit_code == 1, args
        assert "recovery unlock" in refused.stderr
    assert "Helplines" in _ok(locked, "plan", "show")
