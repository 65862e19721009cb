"""`recovery doctor`: the state of the data folder, and what can safely be done about it.

It lives in reports/ rather than store/ because it reads every data file through the model
that owns it (the list in `reports/backup.py`), and the models sit above store/. It looks
without changing anything (`examine`); `fix` does only what is safe: finish or roll back an
interrupted change, remove stale temporaries, set file and folder modes, and, when the
person confirms, move a file that cannot be read aside under a new name, every byte kept.
In a locked store (`recovery lock`) it also says which files are plain when they should be
sealed (`--fix` seals them, with the public key alone) and which sealed segments are
waiting; a sealed file is not opened (that would need the passphrase).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from recovery_cli.reports.backup import DATA_FILES, REPLACED_PREFIX, Kept
from recovery_cli.reports.privacy import sealed_files
from recovery_cli.store import clock, crypt, journal
from recovery_cli.store.errors import DataFileError, NewerSchemaError, RecoveryError
from recovery_cli.store.files import (
    FILE_MODE,
    FOLDER_MODE,
    LOCK_NAME,
    DataFile,
    Store,
    TomlFile,
    check_lock_file,
)
from recovery_cli.store.words import counted

FIX = "run `recovery doctor --fix`"


@dataclass(frozen=True)
class Finding:
    """One thing found: what it is (`kind`), in plain words, and what to do about it.

    kind: "folder", "mode", "interrupted", "temporary", "lock", "not-a-file",
    "unreadable", "newer", "replaced", "plain" (a file a locked store should seal) or
    "segments" (records sealed on their own, waiting to be folded in). `needs_person` is
    false for what is only worth knowing (a folder of replaced data, segments waiting).
    """

    kind: str
    path: Path
    what: str
    advice: str
    needs_person: bool = True
    line: int | None = None


@dataclass(frozen=True)
class Examined:
    home: Path
    findings: list[Finding]
    locked: bool = False

    @property
    def healthy(self) -> bool:
        return not any(finding.needs_person for finding in self.findings)

    def as_dict(self, fixed: list[str]) -> dict[str, Any]:
        """For `--json`."""
        return {
            "home": str(self.home),
            "healthy": self.healthy,
            "locked": self.locked,
            "fixed": fixed,
            "findings": [
                {**asdict(finding), "path": str(finding.path)} for finding in self.findings
            ],
        }


def examine(home: Path) -> Examined:
    """Everything worth saying about the data folder at `home`; nothing is changed."""
    if not home.exists():
        return Examined(home, [])
    if not home.is_dir():
        what = "the data folder is not a folder"
        return Examined(home, [Finding("folder", home, what, "move it away or use --home")])
    findings = [
        *_interrupted(home),
        *_temporaries(home),
        *_lock(home),
        *_modes(home),
        *_data_files(home),
        *_replaced(home),
        *_plain(home),
        *_segments(home),
    ]
    return Examined(home, findings, locked=crypt.recipient_of(home) is not None)


def fix(home: Path, examined: Examined, confirm: Callable[[Finding], bool]) -> list[str]:
    """Do what is safe about the findings, under the lock; a file that cannot be read is
    moved aside only when `confirm` says yes. What was done, one sentence each."""
    done: list[str] = []
    store = Store(home, tidy=False)
    with store.transaction():
        recovered = journal.recover(home)
        if recovered.finished:
            done.append("finished the change that was interrupted")
        if recovered.rolled_back:
            done.append("undid the change that was interrupted (it could not be finished)")
        if recovered.removed:
            done.append(f"removed {counted(len(recovered.removed), 'leftover temporary file')}")
        for finding in examined.findings:
            if finding.kind == "mode" and finding.path.exists():
                os.chmod(finding.path, FOLDER_MODE if finding.path.is_dir() else FILE_MODE)
                done.append(f"made {finding.path} private to you")
            elif finding.kind == "plain" and not crypt.segments(home, finding.path.name):
                store.rewrite(_data_file_named(finding.path.name))
                done.append(f"encrypted {finding.path}")
            elif finding.kind == "unreadable" and confirm(finding):
                aside = moved_aside(finding.path)
                os.replace(finding.path, aside)
                done.append(f"moved {finding.path} aside as {aside.name}; every byte is kept")
    return done


def moved_aside(path: Path) -> Path:
    """Where an unreadable file is moved: `<name>.damaged-<date>T<time>`."""
    return path.with_name(f"{path.name}.damaged-{clock.now():%Y-%m-%dT%H%M%S}")


def _interrupted(home: Path) -> list[Finding]:
    if not journal.interrupted(home):
        return []
    what = "a change was stopped part-way (recovery was closed while saving)"
    advice = f"{FIX} to finish it; the next change you make will also finish it"
    return [Finding("interrupted", home / journal.JOURNAL_NAME, what, advice)]


def _temporaries(home: Path) -> list[Finding]:
    return [
        Finding(
            "temporary",
            path,
            f"a leftover copy from a save that was stopped ({_size(path)}); it holds private data",
            f"{FIX} to remove it",
        )
        for path in journal.stale_temporaries(home)
    ]


def _lock(home: Path) -> list[Finding]:
    try:
        check_lock_file(home / LOCK_NAME)
    except RecoveryError as exc:
        return [Finding("lock", home / LOCK_NAME, str(exc), "do as it says")]
    return []


def _modes(home: Path) -> list[Finding]:
    """The folder and what is in it, readable by the person alone (not links, nor the
    temporaries that are found, and removed, as such)."""
    leftover = set(journal.stale_temporaries(home))
    paths = [home, *(p for p in home.iterdir() if not p.is_symlink() and p not in leftover)]
    return [
        Finding(
            "mode",
            path,
            f"others on this computer can {'open' if path.is_dir() else 'read'} it "
            f"(mode {oct(mode)[2:]})",
            f"{FIX} to make it private to you",
        )
        for path in paths
        if (mode := stat.S_IMODE(path.stat().st_mode)) & 0o077
    ]


def _data_files(home: Path) -> list[Finding]:
    store = Store(home, tidy=False)
    return [finding for kept in DATA_FILES if (finding := _data_file(store, kept))]


def _data_file(store: Store, kept: Kept) -> Finding | None:
    path = store.path(kept.file)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        what = "it is not a plain file, so recovery cannot read or replace it"
        return Finding("not-a-file", path, what, "move it out of the data folder")
    if _is_sealed(path):
        return None  # opening it would need the passphrase
    try:
        if isinstance(kept.file, TomlFile):
            store.load(kept.file, kept.parse)
        else:
            store.load_records(kept.file, kept.parse)
    except NewerSchemaError as exc:
        return Finding("newer", path, exc.problem, "update recovery", line=exc.line)
    except DataFileError as exc:
        advice = (
            "fix it in a text editor, or restore it from a backup; "
            f"{FIX} to move it aside (every byte is kept)"
        )
        return Finding("unreadable", path, exc.problem, advice, line=exc.line)
    return None


def _is_sealed(path: Path) -> bool:
    with path.open("rb") as handle:
        return crypt.is_sealed(handle.read(len(crypt.MAGIC)))


def _plain(home: Path) -> list[Finding]:
    """The files a locked store keeps sealed that are plain text (copied in by hand, or
    restored from elsewhere)."""
    store = Store(home, tidy=False)
    if store.recipient is None:
        return []
    return [
        Finding(
            "plain",
            path,
            "your records are locked, but this file is not encrypted",
            f"{FIX} to encrypt it (no passphrase needed)",
        )
        for file in sealed_files(store)
        if (path := store.path(file)).is_file() and not _is_sealed(path)
    ]


def _segments(home: Path) -> list[Finding]:
    """Records sealed on their own while the key was not at hand: waiting to be folded in
    by the next read with the key, or, in a store no longer locked, left over."""
    found = crypt.all_segments(home)
    if not found:
        return []
    if crypt.recipient_of(home) is not None:
        what = f"{counted(len(found), 'record')} saved while locked, waiting to be folded in"
        advice = "nothing: the next command that opens your records with the key does it"
        return [Finding("segments", home, what, advice, needs_person=False)]
    return [
        Finding(
            "segments",
            path,
            "an encrypted record left over from when your records were locked",
            "open it with your recovery key (age -d -i key.txt FILE, see the README, Privacy)",
        )
        for path in found
    ]


def _data_file_named(name: str) -> DataFile:
    return next(kept.file for kept in DATA_FILES if kept.file.filename == name)


def _replaced(home: Path) -> list[Finding]:
    return [
        Finding(
            "replaced",
            folder,
            f"the data a restore replaced ({_size(folder)})",
            "keep it until you are sure the restored data is right; then you may delete it",
            needs_person=False,
        )
        for folder in sorted(home.glob(f"{REPLACED_PREFIX}*"))
        if folder.is_dir()
    ]


def _size(path: Path) -> str:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    size = sum(file.stat().st_size for file in files)
    return f"{size / 1024:.1f} KB" if size >= 1024 else counted(size, "byte")
