"""Backup and restore: the whole data folder as one JSON document, and back.

The backup holds every data file in the folder (every `*.toml` and `*.jsonl` at its top),
parsed, under its file name, so a file added by a later feature is included without a
change here:

    {"schema_version": 1, "kind": "recovery-backup", "created": "2026-11-20T12:00:00-05:00",
     "files": {"profile.toml": {...the TOML document...},
               "checkins.jsonl": {"header": {"schema_version": 1}, "records": [...]}}}

JSON has no dates or times, so TOML dates, times and date-times are kept as
`{"$date": "2026-11-20"}`, `{"$time": "19:00:00"}` and `{"$datetime": "..."}`.

A restore checks the whole document before it touches anything, refuses to replace data
without `replace=True`, copies the files it replaces into a `before-restore-<timestamp>`
folder inside the data folder, and then writes every file atomically under the store lock.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from recovery_cli.errors import DataFileError, RecoveryError
from recovery_cli.store import FOLDER_MODE, VERSION_KEY, DataFile, Store, atomic_write

BACKUP_VERSION = 1
KIND = "recovery-backup"
COPY_PREFIX = "before-restore-"
_DATA_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.(toml|jsonl)$")
_TAGS: dict[str, Callable[[str], Any]] = {
    "$date": date.fromisoformat,
    "$time": time.fromisoformat,
    "$datetime": datetime.fromisoformat,
}


class BackupError(RecoveryError):
    """A backup file that cannot be restored; nothing was written."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"cannot restore from {source}: {problem}; nothing was changed")


@dataclass(frozen=True)
class Restored:
    """What a restore did: the files written and where the replaced ones were copied."""

    files: list[str]
    kept_copy: Path | None


def data_files(home: Path) -> list[Path]:
    """The data files at the top of the folder, by name."""
    if not home.is_dir():
        return []
    return sorted(p for p in home.iterdir() if _DATA_NAME.match(p.name) and p.is_file())


def make_backup(store: Store, now: datetime) -> dict[str, Any]:
    """Every data file's parsed content, as one JSON-ready document."""
    files = {path.name: _read_data_file(path) for path in data_files(store.home)}
    return {
        VERSION_KEY: BACKUP_VERSION,
        "kind": KIND,
        "created": now.isoformat(timespec="seconds"),
        "files": files,
    }


def backup_text(store: Store, now: datetime) -> str:
    return json.dumps(make_backup(store, now), indent=2, ensure_ascii=False) + "\n"


def check_backup(text: str, source: str) -> dict[str, bytes]:
    """The file contents a backup restores, by name; `BackupError` if anything is wrong."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackupError(source, f"it is not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise BackupError(source, "it is not a recovery backup")
    version = document.get(VERSION_KEY)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError(source, f"its {VERSION_KEY} must be a whole number, got {version!r}")
    if version > BACKUP_VERSION:
        raise BackupError(
            source,
            f"it was made by a newer version of recovery (backup schema {version}; this one "
            f"reads up to {BACKUP_VERSION}). Please update recovery",
        )
    files = document.get("files")
    if not isinstance(files, dict):
        raise BackupError(source, '"files" must be an object of data files by name')
    known = _known_versions()
    contents = {}
    for name, content in files.items():
        try:
            contents[name] = _file_bytes(name, content, known)
        except (ValueError, TypeError) as exc:
            raise BackupError(source, f"{name}: {exc}") from None
    return contents


def restore(store: Store, contents: Mapping[str, bytes], now: datetime, replace: bool) -> Restored:
    """Make the data folder hold exactly `contents` (from `check_backup`).

    Existing data is replaced only when `replace` is true, after a copy of it is made.
    """
    with store.transaction():
        check_readable(store.home, contents)
        existing = data_files(store.home)
        if existing and not replace:
            names = ", ".join(path.name for path in existing)
            raise RecoveryError(
                f"{store.home} already holds data ({names}); add --yes to replace it "
                "(a copy of it is kept first); nothing was changed"
            )
        kept = _keep_copy(store.home, existing, now) if existing else None
        for name, content in contents.items():
            atomic_write(store.home / name, content)
        for path in existing:
            if path.name not in contents:
                path.unlink()
    return Restored(sorted(contents), kept)


def kept_files() -> tuple[tuple[DataFile, Callable[[Store], object]], ...]:
    """Every data file the app keeps, with the app's own loader for it. A restore reads
    each with its loader first; a test checks that no file the package declares is missing."""
    from recovery_cli.cleanhistory import HISTORY_FILE, load_history
    from recovery_cli.logbook import CHECKINS_FILE, CRAVINGS_FILE, load_checkins, load_cravings
    from recovery_cli.meetings import (
        ATTENDANCE_FILE,
        MEETINGS_FILE,
        load_attendance,
        load_meetings,
    )
    from recovery_cli.plan import PLAN_FILE, load_plan
    from recovery_cli.profile import PROFILE_FILE, load_profile

    return (
        (PROFILE_FILE, load_profile),
        (PLAN_FILE, load_plan),
        (HISTORY_FILE, load_history),
        (CHECKINS_FILE, load_checkins),
        (CRAVINGS_FILE, load_cravings),
        (MEETINGS_FILE, load_meetings),
        (ATTENDANCE_FILE, load_attendance),
    )


def check_readable(home: Path, contents: Mapping[str, bytes]) -> None:
    """Read every file of a backup with the app's own loaders, as the app will once it is
    restored, in a private scratch folder inside `home`; `BackupError` naming the file and
    line of the first record that does not read."""
    import tempfile

    home.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".restore-check-", dir=home))
    try:
        for name, content in contents.items():
            atomic_write(scratch / name, content)
        for _, load in kept_files():
            load(Store(scratch))
    except DataFileError as exc:
        where = f"{exc.path.name}, line {exc.line}" if exc.line else exc.path.name
        raise BackupError("the backup", f"{where}: {exc.problem}") from None
    finally:
        shutil.rmtree(scratch)


def _read_data_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, str(exc)) from None
    if path.suffix == ".toml":
        try:
            document: dict[str, Any] = tagged(tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise DataFileError(path, str(exc)) from None
        return document
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    objects = [_json_object(path, number, line) for number, line in lines]
    return {"header": objects[0] if objects else {}, "records": objects[1:]}


def _json_object(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, exc.msg, number) from None
    if not isinstance(value, dict):
        raise DataFileError(path, "each line must be a JSON object", number)
    return value


def tagged(value: Any) -> Any:
    """TOML data as JSON data: dates and times become tagged objects."""
    if isinstance(value, dict):
        return {key: tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tagged(item) for item in value]
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    return value


def untagged(value: Any) -> Any:
    """The reverse of `tagged`: tagged objects back to dates and times."""
    if isinstance(value, dict):
        if len(value) == 1 and next(iter(value)) in _TAGS:
            tag, text = next(iter(value.items()))
            if not isinstance(text, str):
                raise ValueError(f"{tag} must be text, got {text!r}")
            return _TAGS[tag](text)
        return {key: untagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [untagged(item) for item in value]
    return value


def _file_bytes(name: Any, content: Any, known: Mapping[str, int]) -> bytes:
    """The bytes to write for one data file of a backup, once it is checked."""
    if not isinstance(name, str) or not _DATA_NAME.match(name):
        raise ValueError("not a data file name (a plain name ending .toml or .jsonl)")
    if not isinstance(content, dict):
        raise ValueError("its content must be an object")
    if name.endswith(".toml"):
        import tomli_w

        document = untagged(content)
        _check_version(document.get(VERSION_KEY, 1), known.get(name))
        return tomli_w.dumps(document).encode("utf-8")
    header, records = content.get("header"), content.get("records")
    if header == {} and records == []:  # an empty file
        return b""
    if not isinstance(header, dict) or VERSION_KEY not in header:
        raise ValueError(f'its "header" must be an object with {VERSION_KEY}')
    _check_version(header[VERSION_KEY], known.get(name))
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError('its "records" must be a list of objects')
    lines = [json.dumps(header), *(json.dumps(r, ensure_ascii=False) for r in records)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _check_version(version: Any, newest: int | None) -> None:
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"{VERSION_KEY} must be a whole number, got {version!r}")
    if newest is not None and version > newest:
        raise ValueError(
            f"it was written by a newer version of recovery (schema {version}; this one "
            f"reads up to {newest}). Please update recovery"
        )


def _known_versions() -> dict[str, int]:
    """The schema version this recovery writes, by file name."""
    return {file.filename: file.version for file, _ in kept_files()}


def _keep_copy(home: Path, files: list[Path], now: datetime) -> Path:
    """Copy `files` into a new `before-restore-<timestamp>` folder inside `home`."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    folder = home / f"{COPY_PREFIX}{stamp}"
    number = 1
    while folder.exists():
        number += 1
        folder = home / f"{COPY_PREFIX}{stamp}-{number}"
    folder.mkdir(mode=FOLDER_MODE)
    for path in files:
        shutil.copy2(path, folder / path.name)
    return folder
