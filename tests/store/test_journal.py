"""All-or-nothing changes: a crash at every step of a two-file transaction, kill -9 while
writing, the clean-up by the next command, the lock's refusals and waiting, and the modes
of the folders `--home` makes."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from recovery_cli.store import files, journal
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.files import JsonLinesFile, Store, TomlFile
from tests.conftest import SRC, Run

FIRST = TomlFile("first.toml")
SECOND = JsonLinesFile("second.jsonl")


class Crash(Exception):
    """Stands for the power going off at one step of a commit."""


def change(store: Store, number: int) -> None:
    """One transaction that writes both files with `number`."""
    with store.transaction():
        store.save(FIRST, {"n": number})
        store.save_records(SECOND, [{"n": number}] * 3)


def digests(home: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((home / name).read_bytes()).hexdigest()
        for name in (FIRST.filename, SECOND.filename)
    }


@contextmanager
def crash_at(monkeypatch: pytest.MonkeyPatch, step: int | None) -> Iterator[list[int]]:
    """Count the calls to os.replace and os.fsync; the call numbered `step` raises."""
    calls = [0]

    def counted(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            calls[0] += 1
            if calls[0] == step:
                raise Crash
            return real(*args)

        return call

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", counted(os.replace))
        patch.setattr(os, "fsync", counted(os.fsync))
        yield calls


def left_over(home: Path) -> list[str]:
    return [path.name for path in home.iterdir() if path.name.startswith(".")]


def test_a_crash_at_every_step_of_a_two_file_change_leaves_old_or_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    change(Store(old), 1)
    change(Store(new), 2)
    with crash_at(monkeypatch, None) as calls:
        change(Store(new), 2)
    steps = calls[0]
    outcomes = set()
    for step in range(1, steps + 1):
        home = tmp_path / f"try-{step}"
        change(Store(home), 1)
        with crash_at(monkeypatch, step), pytest.raises(Crash):
            change(Store(home), 2)
        Store(home).load(FIRST, dict)  # the next command, even one that only reads
        found = digests(home)
        assert found in (digests(old), digests(new)), f"a mix after a crash at step {step}"
        outcomes.add("new" if found == digests(new) else "old")
        with Store(home).transaction():  # the next change cleans up what is left
            pass
        assert digests(home) == found
        assert left_over(home) == [".lock"], step
    assert outcomes == {"old", "new"}


def test_reads_inside_a_transaction_see_what_it_saved_and_an_error_saves_nothing(
    store: Store,
) -> None:
    change(store, 1)
    seen: list[object] = []

    def stopped_part_way() -> None:
        with store.transaction():
            store.save(FIRST, {"n": 5})
            store.remove(SECOND)
            seen.extend([store.load(FIRST, dict), store.exists(SECOND)])
            raise RecoveryError("stopped")

    with pytest.raises(RecoveryError):
        stopped_part_way()
    assert seen == [{"n": 5}, False]
    assert store.load(FIRST, dict) == {"n": 1}
    assert store.exists(SECOND)


def test_the_next_command_removes_stale_temporaries_only(store: Store) -> None:
    change(store, 1)
    stale = store.home / ".first.toml.k2j3abcd.tmp"
    stale.write_text("n = 9\n")
    (store.home / ".restore-check-x1y2").mkdir()
    with store.transaction():
        pass
    assert sorted(left_over(store.home)) == [".lock"]
    assert store.load(FIRST, dict) == {"n": 1}


def test_a_journal_whose_temporary_is_incomplete_is_rolled_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    change(store, 1)
    with crash_at(monkeypatch, 5), pytest.raises(Crash):  # the sync after the journal
        change(store, 2)
    assert journal.interrupted(store.home)
    named = [p for p in store.home.iterdir() if p.name.startswith(".first.toml.")]
    named[0].write_text("n = 3\n")  # no longer what the journal recorded
    recovered = journal.recover(store.home)
    assert recovered.rolled_back
    assert store.load(FIRST, dict) == {"n": 1}
    assert left_over(store.home) == [".lock"]


def test_reset_clean_date_with_an_unreadable_history_saves_nothing(set_up: Run, home: Path) -> None:
    (home / "cleanhistory.toml").write_text("periods = [\n")
    checkins = home / "checkins.jsonl"
    before = checkins.read_bytes() if checkins.exists() else None
    result = set_up("log", "--used", "--reset-clean-date", "--note", "hard day")
    assert result.exit_code == 3
    assert "cleanhistory.toml" in result.output
    assert result.output.rstrip().endswith("run `recovery doctor`")
    assert (checkins.read_bytes() if checkins.exists() else None) == before


@pytest.mark.parametrize("kind", ["folder", "link"])
def test_a_lock_that_is_not_a_file_is_one_line_naming_it(
    set_up: Run, home: Path, tmp_path: Path, kind: str
) -> None:
    lock = home / ".lock"
    lock.unlink()
    if kind == "folder":
        lock.mkdir()
    else:
        lock.symlink_to(tmp_path / "elsewhere")
    result = set_up("log", "--mood", "3")
    assert result.exit_code == 1
    assert str(lock) in result.output
    assert f"is a {kind}" in result.output
    assert "try again" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "elsewhere").exists()


@contextmanager
def lock_held_elsewhere(home: Path) -> Iterator[None]:
    """Another process holding the store's lock for the time of the block."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(home / ".lock")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.kill()
        holder.wait()


HOLD_LOCK = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "WAIT_NOTICE_SECONDS", 0.05)
    monkeypatch.setattr(files, "LOCK_TIMEOUT_SECONDS", 0.2)


@pytest.mark.usefixtures("short_waits")
def test_a_write_says_once_that_it_waits_and_gives_up_in_time(store: Store) -> None:
    change(store, 1)
    said: list[str] = []
    waiting = Store(store.home, on_wait=lambda: said.append("waiting"))
    with lock_held_elsewhere(store.home), pytest.raises(RecoveryError, match="still saving"):
        change(waiting, 2)
    assert said == ["waiting"]
    assert store.load(FIRST, dict) == {"n": 1}


@pytest.mark.usefixtures("short_waits")
def test_the_cli_says_it_is_waiting(set_up: Run, home: Path) -> None:
    with lock_held_elsewhere(home):
        result = set_up("log", "--mood", "3")
    assert result.exit_code == 1
    assert "waiting for another recovery command to finish..." in result.output
    assert "please try again in a moment" in result.output


def test_folders_made_for_home_are_private_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        change(Store(tmp_path / "a" / "b" / "c"), 1)
    finally:
        os.umask(previous)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


WRITER = """
import sys
from recovery_cli.store.files import JsonLinesFile, Store, TomlFile
store = Store(__import__("pathlib").Path(sys.argv[1]))
number = 1
while True:
    with store.transaction():
        store.save(TomlFile("first.toml"), {"n": number})
        store.save_records(JsonLinesFile("second.jsonl"), [{"n": number}] * 200)
    number += 1
"""


@pytest.mark.slow
def test_kill_9_while_writing_never_leaves_a_mix(tmp_path: Path) -> None:
    home = tmp_path / "data"
    change(Store(home), 0)
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    chance = random.Random(15)
    for _ in range(20):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(home)], env=environment)
        time.sleep(chance.uniform(0.15, 0.4))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        store = Store(home)
        with store.transaction():  # the next command: finishes or rolls back, cleans up
            pass
        first = store.load(FIRST, dict)
        assert first is not None
        assert {record["n"] for record in store.load_records(SECOND, dict)} == {first["n"]}
        assert left_over(home) == [".lock"]
