"""Encryption at rest: `recovery lock`, writes that never ask, reads that ask once."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pyrage
import pytest

from recovery_cli.store import journal
from tests.conftest import PASSPHRASE

SECRETS = ("NOTE-ONE-7731", "CRAVE-NOTE-5512", "NOTE-TWO-9912", "COPE-WALK-4417")


def _plain_secrets(home: Path) -> list[str]:
    """Every known secret readable as it is in any file of the data folder."""
    found = []
    for path in home.rglob("*"):
        if path.is_file():
            found += [s for s in SECRETS if s.encode() in path.read_bytes()]
    return found


def _locked(set_up, phrase_file: Path) -> str:  # type: ignore[no-untyped-def]
    """Lock a store holding a check-in and a craving with known secrets; the recovery key."""
    assert set_up("log", "--mood", "6", "--note", SECRETS[0], "--date", "2025-09-01").exit_code == 0
    result = set_up(
        "craving", "--intensity", "7", "--after", "3", "--note", SECRETS[1], "--coped", SECRETS[3]
    )
    assert result.exit_code == 0, result.output
    result = set_up("lock", "--passphrase-file", str(phrase_file))
    assert result.exit_code == 0, result.output
    key = re.search(r"AGE-SECRET-KEY-1[0-9A-Z]+", result.output)
    assert key is not None
    return key.group(0)


def test_nothing_private_is_plain_after_lock_and_later_writes(set_up, home, phrase_file) -> None:  # type: ignore[no-untyped-def]
    _locked(set_up, phrase_file)
    assert _plain_secrets(home) == []
    assert not (home / "digest.json").exists()
    # A write needs no passphrase: no file, no terminal, no session.
    result = set_up("log", "--mood", "7", "--note", SECRETS[2], "--date", "2025-09-02")
    assert result.exit_code == 0, result.output
    assert _plain_secrets(home) == []
    assert list(home.glob("checkins.jsonl.seg-*.age"))
    # Reads and writes with the key at hand keep the summaries (a coping strategy's name
    # among them), sealed to the store's key like the records.
    assert set_up("--passphrase-file", str(phrase_file), "status").exit_code == 0
    result = set_up(
        "--passphrase-file",
        str(phrase_file),
        "craving",
        "--intensity",
        "6",
        "--after",
        "2",
        "--coped",
        SECRETS[3],
    )
    assert result.exit_code == 0, result.output
    assert set_up("--passphrase-file", str(phrase_file), "status").exit_code == 0
    digest = (home / "digest.json").read_bytes()
    assert digest.startswith(b"age-encryption.org/v1\n")
    assert _plain_secrets(home) == []


def test_plan_show_never_asks(set_up, phrase_file) -> None:  # type: ignore[no-untyped-def]
    _locked(set_up, phrase_file)
    result = set_up("plan", "show")
    assert result.exit_code == 0, result.output
    assert "Helplines" in result.output


def test_reads_refused_without_the_passphrase_then_allowed(set_up, phrase_file) -> None:  # type: ignore[no-untyped-def]
    _locked(set_up, phrase_file)
    refused = set_up("summary")
    assert refused.exit_code == 1
    assert "recovery unlock" in refused.output
    with_file = set_up("--passphrase-file", str(phrase_file), "log", "show", "2025-09-01")
    assert with_file.exit_code == 0, with_file.output
    assert SECRETS[0] in with_file.output


def test_an_unlocked_session_reads_and_lock_now_forgets_it(set_up, home, phrase_file) -> None:  # type: ignore[no-untyped-def]
    _locked(set_up, phrase_file)
    set_up("log", "--mood", "5", "--note", SECRETS[2], "--date", "2025-09-02")
    assert set_up("unlock", "--for", "10m", "--passphrase-file", str(phrase_file)).exit_code == 0
    shown = set_up("log", "show", "2025-09-01")
    assert shown.exit_code == 0, shown.output
    assert SECRETS[0] in shown.output
    assert SECRETS[2] in set_up("log", "show", "2025-09-02").output
    assert not list(home.glob("*.seg-*.age"))  # folded into the sealed file
    assert _plain_secrets(home) == []
    assert set_up("lock", "--now").exit_code == 0
    assert set_up("summary").exit_code == 1


def test_a_wrong_passphrase_changes_nothing(set_up, home, phrase_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _locked(set_up, phrase_file)
    set_up("log", "--mood", "5", "--date", "2025-09-02")
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase", encoding="utf-8")
    for args in (
        ("--passphrase-file", str(wrong), "summary"),
        ("lock", "--off", "--passphrase-file", str(wrong)),
    ):
        result = set_up(*args)
        assert result.exit_code == 1
        assert "nothing was changed" in result.output
    assert {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()} == before


def test_files_open_with_the_recovery_key_through_age(set_up, home, phrase_file) -> None:  # type: ignore[no-untyped-def]
    key = _locked(set_up, phrase_file)
    identity = pyrage.x25519.Identity.from_str(key)
    text = pyrage.decrypt((home / "checkins.jsonl").read_bytes(), [identity]).decode()
    assert SECRETS[0] in text
    assert SECRETS[1] in pyrage.decrypt((home / "cravings.jsonl").read_bytes(), [identity]).decode()
    assert (
        pyrage.passphrase.decrypt((home / "identity.age").read_bytes(), PASSPHRASE).decode().strip()
        == key
    )


def test_lock_off_restores_plain_files_exactly(set_up, home, phrase_file) -> None:  # type: ignore[no-untyped-def]
    set_up("log", "--mood", "6", "--note", SECRETS[0], "--date", "2025-09-01")
    plain = {name: (home / name).read_bytes() for name in ("checkins.jsonl", "profile.toml")}
    assert set_up("lock", "--passphrase-file", str(phrase_file)).exit_code == 0
    result = set_up("lock", "--off", "--passphrase-file", str(phrase_file))
    assert result.exit_code == 0, result.output
    assert {name: (home / name).read_bytes() for name in plain} == plain
    assert not (home / "identity.age").exists()
    assert not (home / "recipient.txt").exists()


@pytest.mark.parametrize("off", [False, True])
def test_a_crash_during_lock_leaves_the_store_readable(
    set_up, home, phrase_file, monkeypatch, off
) -> None:  # type: ignore[no-untyped-def]
    set_up("log", "--mood", "6", "--note", SECRETS[0], "--date", "2025-09-01")
    if off:
        assert set_up("lock", "--passphrase-file", str(phrase_file)).exit_code == 0
    real_replace, calls = os.replace, []

    def crash_on_second(source, target):  # type: ignore[no-untyped-def]
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed between two files of the change
        real_replace(source, target)

    monkeypatch.setattr(journal.os, "replace", crash_on_second)
    args = ("lock", "--off") if off else ("lock",)
    assert set_up(*args, "--passphrase-file", str(phrase_file)).exit_code != 0
    monkeypatch.setattr(journal.os, "replace", real_replace)
    shown = set_up("--passphrase-file", str(phrase_file), "log", "show", "2025-09-01")
    assert shown.exit_code == 0, shown.output
    assert SECRETS[0] in shown.output


def test_encrypted_backup_round_trip_by_passphrase(set_up, home, phrase_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    set_up("log", "--mood", "6", "--note", SECRETS[0], "--date", "2025-09-01")
    out = tmp_path / "backup.age"
    made = set_up("backup", "--encrypt", "--passphrase-file", str(phrase_file), "-o", str(out))
    assert made.exit_code == 0, made.output
    assert out.read_bytes().startswith(b"age-encryption.org/v1")
    assert SECRETS[0].encode() not in out.read_bytes()
    refused = set_up("restore", str(out), "--yes")
    assert refused.exit_code == 1
    restored = set_up("--passphrase-file", str(phrase_file), "restore", str(out), "--yes")
    assert restored.exit_code == 0, restored.output
    assert SECRETS[0] in set_up("log", "show", "2025-09-01").output


def test_a_locked_store_backs_up_to_its_key_and_to_recipients(
    set_up, home, phrase_file, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    key = _locked(set_up, phrase_file)
    other = pyrage.x25519.Identity.generate()
    out = tmp_path / "backup.age"
    made = set_up(
        "--passphrase-file",
        str(phrase_file),
        "backup",
        "--recipient",
        str(other.to_public()),
        "-o",
        str(out),
    )
    assert made.exit_code == 0, made.output
    for identity in (other, pyrage.x25519.Identity.from_str(key)):
        assert SECRETS[0] in pyrage.decrypt(out.read_bytes(), [identity]).decode()
    restored = set_up("--passphrase-file", str(phrase_file), "restore", str(out), "--yes")
    assert restored.exit_code == 0, restored.output
    assert _plain_secrets(home) == []
    assert (
        SECRETS[0]
        in set_up("--passphrase-file", str(phrase_file), "log", "show", "2025-09-01").output
    )


def test_appointments_are_sealed_and_meds_take_never_asks(
    set_up, home, phrase_file, frozen_today
) -> None:  # type: ignore[no-untyped-def]
    frozen_today(date(2026, 3, 5))
    assert set_up("meds", "add", "Methadone", "--dose", "60 mg").exit_code == 0
    added = set_up(
        "appointments", "add", "Counselling", "--at", "2026-03-10 10:00", "--with", SECRETS[0]
    )
    assert added.exit_code == 0, added.output
    _locked(set_up, phrase_file)
    assert _plain_secrets(home) == []
    assert b"Methadone" not in (home / "medications.toml").read_bytes()
    taken = set_up("meds", "take", "--note", SECRETS[2])
    assert taken.exit_code == 0, taken.output
    assert "will be matched to your medication list" in taken.output
    assert set_up("appointments").exit_code == 1  # a read asks
    changed = set_up(
        "--passphrase-file", str(phrase_file), "appointments", "add", "Review", "--at",
        "2026-03-12 15:00", "--with", SECRETS[1],
    )  # fmt: skip
    assert changed.exit_code == 0, changed.output
    assert _plain_secrets(home) == []
    shown = set_up("--passphrase-file", str(phrase_file), "appointments")
    assert SECRETS[0] in shown.output
    assert SECRETS[1] in shown.output
    doses = set_up("--passphrase-file", str(phrase_file), "meds", "history", "Methadone")
    assert doses.exit_code == 0, doses.output


def test_lock_include_plan_seals_the_plan_and_plan_show_then_asks(
    set_up, home, phrase_file
) -> None:  # type: ignore[no-untyped-def]
    assert set_up("plan", "add", "reason", SECRETS[1]).exit_code == 0
    assert (
        set_up("lock", "--include", "trips", "--passphrase-file", str(phrase_file)).exit_code == 1
    )
    locked = set_up("lock", "--include", "plan", "--passphrase-file", str(phrase_file))
    assert locked.exit_code == 0, locked.output
    assert _plain_secrets(home) == []
    assert set_up("plan", "show").exit_code == 1
    shown = set_up("--passphrase-file", str(phrase_file), "plan", "show")
    assert SECRETS[1] in shown.output
    off = set_up("lock", "--off", "--passphrase-file", str(phrase_file))
    assert off.exit_code == 0, off.output
    assert SECRETS[1].encode() in (home / "plan.toml").read_bytes()
    assert not (home / "sealed-too.txt").exists()


def test_doctor_says_locked_finds_plain_files_and_segments(set_up, home, phrase_file) -> None:  # type: ignore[no-untyped-def]
    set_up("log", "--mood", "6", "--note", SECRETS[0], "--date", "2025-09-01")
    plain_copy = (home / "checkins.jsonl").read_bytes()
    assert json.loads(set_up("doctor", "--json").output)["locked"] is False
    _locked(set_up, phrase_file)
    set_up("log", "--mood", "5", "--date", "2025-09-02")
    found = json.loads(set_up("doctor", "--json").output)
    assert found["locked"] is True
    assert found["healthy"] is True
    assert [f["kind"] for f in found["findings"]] == ["segments"]
    segment = next(home.glob("checkins.jsonl.seg-*.age"))
    kept_segment = segment.read_bytes()
    segment.unlink()
    (home / "checkins.jsonl").write_bytes(plain_copy)  # copied back in by hand
    found = json.loads(set_up("doctor", "--json").output)
    assert found["healthy"] is False
    assert [f["kind"] for f in found["findings"]] == ["plain"]
    fixed = set_up("doctor", "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert _plain_secrets(home) == []
    assert set_up("lock", "--off", "--passphrase-file", str(phrase_file)).exit_code == 0
    segment.write_bytes(kept_segment)  # left over from the locked days
    leftover = set_up("doctor")
    assert leftover.exit_code == 1
    assert "not encrypted" in leftover.output
    assert "age -d -i key.txt" in leftover.output


@pytest.mark.parametrize(
    "folder",
    ["Dropbox", "OneDrive - Contoso", "Mobile Documents/com~apple~CloudDocs", "GoogleDrive-sam"],
)
def test_a_plain_export_in_a_synced_folder_says_so(set_up, tmp_path, phrase_file, folder) -> None:  # type: ignore[no-untyped-def]
    synced = tmp_path / folder / "exports"
    synced.mkdir(parents=True)
    for args in (
        ("export", "--format", "csv", "--output", str(synced / "log.csv")),
        ("backup", "--output", str(synced / "backup.json")),
        ("calendar", "export", "--output", str(synced / "care.ics")),
    ):
        result = set_up(*args)
        assert result.exit_code == 0, result.output
        assert "is not encrypted" in result.stderr
    sealed = set_up(
        "backup", "--encrypt", "--passphrase-file", str(phrase_file), "-o", str(synced / "b.age")
    )
    assert sealed.exit_code == 0, sealed.output
    assert "is not encrypted" not in sealed.stderr


def test_a_syncthing_folder_is_known_by_its_marker_and_others_are_not_synced(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from recovery_cli.store.paths import synced_service

    (tmp_path / "shared" / "deep").mkdir(parents=True)
    (tmp_path / "shared" / ".stfolder").mkdir()
    assert synced_service(tmp_path / "shared" / "deep" / "x.csv") == "Syncthing"
    assert synced_service(tmp_path / "x.csv") is None
    assert synced_service(Path("/home/sam/Documents/Dropboxes.csv")) is None


def test_every_command_that_reads_private_records_takes_the_passphrase_file_after_its_name(
    set_up, home, phrase_file, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _locked(set_up, phrase_file)
    key = ("--passphrase-file", str(phrase_file))
    listed = set_up("log", "list", "--since", "2025-08-30", *key)
    assert listed.exit_code == 0, listed.output
    assert "2025-09-01" in listed.output
    assert SECRETS[0] in set_up("log", "show", "2025-09-01", *key).output
    for args in (("status", *key), ("meds", *key, "list"), ("summary", *key)):
        assert set_up(*args).exit_code == 0, args
    assert set_up("log", "list").exit_code == 1  # the option was given to one command only
    monkeypatch.setenv("RECOVERY_PASSPHRASE_FILE", str(phrase_file))
    assert SECRETS[0] in set_up("log", "show", "2025-09-01").output


@pytest.mark.parametrize(
    "words", [["log", "list"], ["summary"], ["meds", "take"], ["appointments"], ["lock"]]
)
def test_help_of_a_command_that_reads_private_records_shows_the_passphrase_file(run, words) -> None:  # type: ignore[no-untyped-def]
    shown = run(*words, "--help")
    assert shown.exit_code == 0, shown.output
    assert "--passphrase-file FILE" in shown.output


def test_commands_that_read_nothing_private_do_not_offer_it(run) -> None:  # type: ignore[no-untyped-def]
    for words in (["meetings", "list"], ["goals"], ["naloxone", "add"], ["doctor"]):
        assert "--passphrase-file" not in run(*words, "--help").output, words
