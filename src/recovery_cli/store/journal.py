"""All-or-nothing changes to the data folder: temporaries, a journal, then the switch.

A transaction's changes are committed in this order, so that a crash at any instant leaves
the old state or the new one:

1. every new file is written to a temporary in the data folder (`.<name>.XXXX.tmp`),
   flushed to disk, readable by its owner only; a new folder is already filled the same way;
2. the journal (`.journal.json`) naming them is written atomically and the folder is
   synced: from here on the change is decided;
3. each temporary replaces its file (`os.replace`), files to remove are removed, and the
   folder is synced;
4. the journal is removed.

The journal:

    {"journal": 1, "changes": [
        {"name": "checkins.jsonl", "temporary": ".checkins.jsonl.k2j3.tmp",
         "size": 1234, "sha256": "..."},
        {"name": "cravings.jsonl", "remove": true},
        {"name": "replaced-2025-08-14T0930", "temporary": ".replaced-....tmp", "folder": true}
    ]}

The next command that takes the lock calls `recover`: a journal whose temporaries are all
there and complete (size and sha256 as recorded) is finished; one that cannot be (only if
something else touched the folder) is rolled back, which removes its temporaries. Then
temporaries that no journal names, left by a write that was killed before step 2, are
removed. Nothing here prints; callers report what `recover` returns.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JOURNAL_NAME = ".journal.json"
JOURNAL_VERSION = 1
FILE_MODE = 0o600
# What `write_temporary` and `mkdtemp` below name their temporaries; also the scratch
# folders an older restore made to check a backup.
_TEMPORARY = re.compile(r"^\..+\.tmp$|^\.restore-check-")


@dataclass
class Recovered:
    """What `recover` did: finished or rolled back an interrupted change, removed temporaries."""

    finished: bool = False
    rolled_back: bool = False
    removed: list[str] = field(default_factory=list)


def write_temporary(path: Path, content: bytes | Sequence[bytes | memoryview]) -> Path:
    """`content` (or its pieces, in order) in a new temporary beside `path`, flushed to
    disk, mode FILE_MODE."""
    import tempfile  # here and below, modules only a write needs: most commands only read

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines([content] if isinstance(content, bytes) else content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, FILE_MODE)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return Path(temporary)


def new_temporary_folder(home: Path, name: str) -> Path:
    """An empty folder, mode 0700, that `commit` will rename to `name`."""
    import tempfile

    return Path(tempfile.mkdtemp(dir=home, prefix=f".{name}.", suffix=".tmp"))


def sync_folder(folder: Path) -> None:
    """Make the folder's entries (renames, new and removed files) durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit(home: Path, files: Mapping[str, bytes | None], folders: Mapping[str, Path]) -> None:
    """Replace the files named in `files` by their content (None: remove the file) and
    rename each of `folders` (a name and its filled temporary folder), all or nothing."""
    changes: list[dict[str, Any]] = []
    try:
        for name, content in files.items():
            if content is None:
                changes.append({"name": name, "remove": True})
                continue
            temporary = write_temporary(home / name, content)
            changes.append(
                {
                    "name": name,
                    "temporary": temporary.name,
                    "size": len(content),
                    "sha256": _sha256(content),
                }
            )
        for name, temporary in folders.items():
            changes.append({"name": name, "temporary": temporary.name, "folder": True})
        document = {"journal": JOURNAL_VERSION, "changes": changes}
        journal = write_temporary(home / JOURNAL_NAME, json.dumps(document).encode("utf-8"))
        os.replace(journal, home / JOURNAL_NAME)
    except BaseException:
        _remove_temporaries(home, changes)
        for temporary in folders.values():
            remove(temporary)
        raise
    sync_folder(home)
    _apply(home, changes)


def recover(home: Path) -> Recovered:
    """Finish or roll back a change a crash interrupted, then remove stale temporaries.
    Only under the store's lock."""
    done = Recovered()
    changes = _journal_changes(home)
    if changes is not None:
        if all(_ready(home, change) for change in changes):
            _apply(home, changes)
            done.finished = True
        else:
            _remove_temporaries(home, changes)
            (home / JOURNAL_NAME).unlink()
            sync_folder(home)
            done.rolled_back = True
    for path in stale_temporaries(home):
        remove(path)
        done.removed.append(path.name)
    return done


def interrupted(home: Path) -> bool:
    """True when a change was interrupted and waits for `recover`."""
    return (home / JOURNAL_NAME).exists()


def stale_temporaries(home: Path) -> list[Path]:
    """Temporaries no journal names: what a write killed before its journal left behind."""
    if not home.is_dir():
        return []
    named = {change.get("temporary") for change in _journal_changes(home) or []}
    return sorted(
        path for path in home.iterdir() if _TEMPORARY.match(path.name) and path.name not in named
    )


def _journal_changes(home: Path) -> list[dict[str, Any]] | None:
    """The changes the journal lists; None when there is no journal; [] when it cannot be
    read (it is written atomically, so only something else can have damaged it)."""
    try:
        document = json.loads((home / JOURNAL_NAME).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return []
    changes = document.get("changes") if isinstance(document, dict) else None
    if not isinstance(changes, list) or not all(
        isinstance(change, dict) and isinstance(change.get("name"), str) for change in changes
    ):
        return []
    return changes


def _ready(home: Path, change: dict[str, Any]) -> bool:
    """True when the change can be made, or was made before the crash."""
    if change.get("remove"):
        return True
    target, temporary = home / change["name"], home / str(change.get("temporary"))
    if change.get("folder"):
        return temporary.is_dir() or target.is_dir()
    wanted = (change.get("size"), change.get("sha256"))
    return _digest(temporary) == wanted or _digest(target) == wanted


def _digest(path: Path) -> tuple[int, str] | None:
    try:
        content = path.read_bytes()
    except OSError:
        return None
    return len(content), _sha256(content)


def _sha256(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


def _apply(home: Path, changes: list[dict[str, Any]]) -> None:
    """Step 3 and 4; each step can be repeated, so a crash during it is finished later."""
    for change in changes:
        target = home / change["name"]
        if change.get("remove"):
            with suppress(FileNotFoundError):
                target.unlink()
            continue
        temporary = home / change["temporary"]
        if temporary.exists():
            os.replace(temporary, target)
    sync_folder(home)
    (home / JOURNAL_NAME).unlink()
    sync_folder(home)


def _remove_temporaries(home: Path, changes: list[dict[str, Any]]) -> None:
    for change in changes:
        if isinstance(change.get("temporary"), str):
            remove(home / change["temporary"])


def remove(path: Path) -> None:
    """Remove a temporary file or folder, if it is there."""
    if path.is_dir() and not path.is_symlink():
        import shutil

        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(FileNotFoundError):
            path.unlink()
