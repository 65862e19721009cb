"""Restore all or nothing (a crash at every step), restore and backup refusing harm, and
`recovery doctor` on a healthy folder, a damaged file, a stale temporary and an
interrupted restore."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from recovery_cli.reports import backup, doctor
from recovery_cli.store import journal
from recovery_cli.store.files import Store
from tests.conftest import Run
from tests.store.test_journal import Crash, crash_at, left_over


def data_digests(home: Path) -> dict[str, str]:
    """Every data file's digest (the replaced-* copy aside)."""
    return {
        kept.file.filename: hashlib.sha256(path.read_bytes()).hexdigest()
        for kept in backup.DATA_FILES
        if (path := home / kept.file.filename).is_file()
    }


@pytest.fixture
def saved(set_up: Run, home: Path, tmp_path: Path) -> Path:
    """A backup of Sam's data; the data then changes in two files."""
    assert set_up("log", "--mood", "4", "--note", "a good day").exit_code == 0
    copy = tmp_path / "backup.json"
    assert set_up("backup", "--output", str(copy)).exit_code == 0
    assert set_up("craving", "--intensity", "6").exit_code == 0
    assert set_up("init", "--name", "Samira", "--yes").exit_code == 0
    return copy


def test_a_crash_at_every_step_of_a_restore_leaves_old_or_new(
    saved: Path, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = data_digests(home)
    restored = tmp_path / "restored"
    shutil.copytree(home, restored)
    with crash_at(monkeypatch, None) as calls:
        backup.restore(Store(restored), saved, replace=True)
    new = data_digests(restored)
    assert new != old
    outcomes = set()
    for step in range(1, calls[0] + 1):
        trial = tmp_path / f"try-{step}"
        shutil.copytree(home, trial)
        with crash_at(monkeypatch, step), pytest.raises(Crash):
            backup.restore(Store(trial), saved, replace=True)
        with Store(trial).transaction():  # the next command finishes or rolls back
            pass
        found = data_digests(trial)
        assert found in (old, new), f"a mix after a crash at step {step}"
        outcomes.add("new" if found == new else "old")
        replaced = list(trial.glob("replaced-*"))
        assert len(replaced) == (1 if found == new else 0), step
        assert left_over(trial) == [".lock"], step
    assert outcomes == {"old", "new"}


def test_restore_leaves_no_scratch_folder_or_temporary(saved: Path, home: Path) -> None:
    restored = backup.restore(Store(home), saved, replace=True)
    assert restored.replaced is not None
    assert restored.replaced.is_dir()
    assert left_over(home) == [".lock"]


def test_restore_refuses_what_is_not_a_regular_file(set_up: Run) -> None:
    result = set_up("restore", "/dev/zero")
    assert result.exit_code == 1
    assert "/dev/zero is not a file made by recovery backup" in result.output


def test_restore_states_its_size_limit(
    set_up: Run, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "MAX_BACKUP_BYTES", 100)
    result = set_up("restore", str(saved), "--yes")
    assert result.exit_code == 1
    assert "nothing was restored" in result.output


def test_the_size_limit_is_512_mb_in_the_message(saved: Path, home: Path) -> None:
    with saved.open("ab") as handle:
        handle.truncate(backup.MAX_BACKUP_BYTES + 1)  # sparse: no disk used
    with pytest.raises(backup.RecoveryError, match="larger than 512 MB"):
        backup.restore(Store(home), saved, replace=True)


def test_restore_refuses_deeply_nested_json(set_up: Run, home: Path, tmp_path: Path) -> None:
    for depth in (12, 100_000):
        deep = tmp_path / f"deep-{depth}.json"
        deep.write_text('{"app": "recovery", "x": ' + "[" * depth + "]" * depth + "}")
        before = data_digests(home)
        result = set_up("restore", str(deep), "--yes")
        assert result.exit_code == 1, depth
        assert "nests deeper than a backup ever does" in result.output
        assert data_digests(home) == before


def test_restore_refuses_a_data_file_that_is_a_folder(saved: Path, home: Path, run: Run) -> None:
    (home / "checkins.jsonl").unlink()
    (home / "checkins.jsonl").mkdir()
    before = data_digests(home)
    result = run("restore", str(saved), "--yes")
    assert result.exit_code == 1
    assert "checkins.jsonl is not a plain file" in result.output
    assert data_digests(home) == before
    assert not list(home.glob("replaced-*"))
    assert left_over(home) == [".lock"]


def test_backup_refuses_to_write_inside_the_data_folder(set_up: Run, home: Path) -> None:
    profile = (home / "profile.toml").read_bytes()
    for target in (home / "profile.toml", home / "sub" / "b.json"):
        result = set_up("backup", "--output", str(target))
        assert result.exit_code == 1
        assert "inside your data folder" in result.output
    assert (home / "profile.toml").read_bytes() == profile
    assert set_up("status").exit_code == 0


def test_doctor_on_a_healthy_folder(set_up: Run) -> None:
    result = set_up("doctor")
    assert result.exit_code == 0
    assert "in good order" in result.output
    found = json.loads(set_up("doctor", "--json").output)
    assert found["healthy"] is True
    assert found["findings"] == []


def test_doctor_on_a_damaged_file_moves_it_aside_only_when_confirmed(
    set_up: Run, home: Path
) -> None:
    checkins = home / "checkins.jsonl"
    assert set_up("log", "--mood", "4").exit_code == 0
    checkins.write_bytes(checkins.read_bytes() + b"{not json\n")
    damaged = checkins.read_bytes()
    result = set_up("log", "--mood", "2")
    assert result.output.rstrip().endswith("run `recovery doctor`")
    result = set_up("doctor")
    assert result.exit_code == 1
    assert f"{checkins}, line 3" in result.output
    assert set_up("doctor", "--fix").exit_code == 1  # no one at a terminal to say yes
    assert checkins.read_bytes() == damaged
    examined = doctor.examine(home)
    done = doctor.fix(home, examined, confirm=lambda finding: True)
    assert len(done) == 1
    (aside,) = home.glob("checkins.jsonl.damaged-*")
    assert aside.read_bytes() == damaged
    assert not checkins.exists()
    assert set_up("doctor").exit_code == 0


def test_doctor_on_a_stale_temporary_and_loose_modes(set_up: Run, home: Path) -> None:
    stale = home / ".checkins.jsonl.x7k2p9aa.tmp"
    stale.write_text("private words\n")
    (home / "profile.toml").chmod(0o644)
    found = json.loads(set_up("doctor", "--json").output)
    assert {(f["kind"], Path(f["path"]).name) for f in found["findings"]} == {
        ("temporary", stale.name),
        ("mode", "profile.toml"),
    }
    result = set_up("doctor", "--fix")
    assert result.exit_code == 0
    assert "removed 1 leftover temporary file" in result.output
    assert not stale.exists()
    assert (home / "profile.toml").stat().st_mode & 0o777 == 0o600


def test_doctor_on_an_interrupted_restore(
    saved: Path, home: Path, tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = tmp_path / "counting"
    shutil.copytree(home, counting)
    with crash_at(monkeypatch, None) as calls:
        backup.restore(Store(counting), saved, replace=True)  # counts a restore's steps
    with crash_at(monkeypatch, calls[0] - 3), pytest.raises(Crash):  # a replace, journal in
        backup.restore(Store(home), saved, replace=True)
    assert journal.interrupted(home)
    result = run("doctor")
    assert result.exit_code == 1
    assert "a change was stopped part-way" in result.output
    result = run("doctor", "--fix")
    assert result.exit_code == 0
    assert "finished the change that was interrupted" in result.output
    assert "the data a restore replaced" in result.output
    assert run("status").exit_code == 0
    assert "Sam" in (home / "profile.toml").read_text()
    assert "Samira" not in (home / "profile.toml").read_text()
