"""Backup and restore: every data file of the store as one JSON document, and back again.

A backup is `{"schema_version": 1, "app": "recovery", "created": ..., "files": {...}}`.
A TOML file is kept as its text, exactly as it is on disk: the comments a person wrote in
a hand edit survive, the file comes back byte for byte, and its dates and times need no
encoding of their own to pass through JSON. A JSON Lines file is kept as its records,
migrated to the current schema version. A TOML file is parsed by the model that owns it, so
a damaged one stops a backup. A JSON Lines file is read once after each change, not at
every backup: its summary beside the records (log/digest.py) is drawn from every record
read through its model when the file has changed since, and kept up to date with each
record the app appends (checked as it is added). When the summary says the lines can be
copied as they are (printable ASCII, none blank), they are, in one piece
(`Store.joined_record_lines`), so years of records are neither parsed nor encoded again
and a backup costs about the same whatever the years kept; otherwise each line is parsed
(`Store.copied_lines`), and one that is not a JSON object stops the backup. A backup is
checked in full, every record through its model, before a restore touches anything.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from recovery_cli.care.appointments import (
    APPOINTMENTS_FILE,
    OUTCOMES_FILE,
    AppointmentBook,
    Outcome,
)
from recovery_cli.care.doses import DOSES_FILE, record_from_dict
from recovery_cli.care.naloxone import NALOXONE_FILE, Kits
from recovery_cli.care.prescriptions import MEDICATIONS_FILE, Medications
from recovery_cli.life.goals import GOALS_FILE, Goals
from recovery_cli.life.home import HOME_FILE, Home
from recovery_cli.life.reflection import REFLECTIONS_FILE, Reflection
from recovery_cli.log import digest, logbook
from recovery_cli.log.cleanhistory import HISTORY_FILE, CleanHistory
from recovery_cli.log.draft import DRAFT_FILE, Draft
from recovery_cli.log.logbook import CHECKINS_FILE, CRAVINGS_FILE, CheckIn, Craving
from recovery_cli.meetings.meetings import (
    ATTENDANCE_FILE,
    MEETINGS_FILE,
    Attendance,
    MeetingBook,
)
from recovery_cli.plan.plan import PLAN_FILE, Plan
from recovery_cli.store import clock, crypt
from recovery_cli.store.errors import DataFileError, RecoveryError
from recovery_cli.store.files import (
    VERSION_KEY,
    JsonLinesFile,
    Store,
    TomlFile,
    atomic_write,
    migrate,
)
from recovery_cli.store.profile import PROFILE_FILE, Profile

# Opens an encrypted backup's bytes, with what it needs (a passphrase, or the store's key).
Opener = Callable[[bytes], bytes]
BACKUP_VERSION = 1
APP = "recovery"
REPLACED_PREFIX = "replaced-"
MAX_BACKUP_BYTES = 512 * 1024 * 1024
# A backup nests document > files > file > records > record > a list or table in it >
# its values; a little room beyond that, and nothing deeper is ever read.
MAX_DEPTH = 10
COMPACT = (",", ":")


@dataclass(frozen=True)
class Kept:
    """A data file that backups hold, and the model's parser that checks its content."""

    file: TomlFile | JsonLinesFile
    parse: Callable[[dict[str, Any]], object]


# Every data file in the store; a new one is added here (tests/test_backup.py checks that
# no TomlFile or JsonLinesFile constant of the package is missing).
DATA_FILES: tuple[Kept, ...] = (
    Kept(PROFILE_FILE, Profile.from_dict),
    Kept(PLAN_FILE, Plan.from_dict),
    Kept(HISTORY_FILE, CleanHistory.from_dict),
    Kept(MEETINGS_FILE, MeetingBook.from_dict),
    Kept(CHECKINS_FILE, CheckIn.from_dict),
    Kept(CRAVINGS_FILE, Craving.from_dict),
    Kept(ATTENDANCE_FILE, Attendance.from_dict),
    Kept(APPOINTMENTS_FILE, AppointmentBook.from_dict),
    Kept(OUTCOMES_FILE, Outcome.from_dict),
    Kept(MEDICATIONS_FILE, Medications.from_dict),
    Kept(DOSES_FILE, record_from_dict),
    Kept(NALOXONE_FILE, Kits.from_dict),
    Kept(HOME_FILE, Home.from_dict),
    Kept(GOALS_FILE, Goals.from_dict),
    Kept(REFLECTIONS_FILE, Reflection.from_dict),
    Kept(DRAFT_FILE, Draft.from_dict),
)


@dataclass(frozen=True)
class Part:
    """One file of a backup: its TOML text or its records, at schema version `version`."""

    kept: Kept
    version: int
    content: str | list[dict[str, Any]]

    @property
    def name(self) -> str:
        return self.kept.file.filename


@dataclass(frozen=True)
class Restored:
    """What a restore wrote, and the folder keeping the data it replaced (if there was any)."""

    files: list[str]
    replaced: Path | None


def backup_parts(store: Store) -> list[bytes | memoryview]:
    """Everything in the store as one JSON document, compact and ASCII only (so no control
    character can reach a terminal raw), in pieces to be written in order (each record
    file copied once, never joined into one copy of the whole); a damaged TOML file, or a
    record line that is not a JSON object, stops it."""
    if not any(store.exists(kept.file) for kept in DATA_FILES):
        raise RecoveryError(f"there is nothing to back up yet in {store.home}")
    with store.transaction():
        entries = [entry for kept in DATA_FILES if (entry := _entry(store, kept)) is not None]
    head = {
        VERSION_KEY: BACKUP_VERSION,
        "app": APP,
        "created": clock.now().isoformat(timespec="seconds"),
    }
    chunks: list[bytes | memoryview] = [
        json.dumps(head, separators=COMPACT)[:-1].encode("ascii"),
        b',"files":{',
    ]
    for number, entry in enumerate(entries):
        if number:
            chunks.append(b",")
        chunks.extend(entry)
    chunks.append(b"}}\n")
    return chunks


def sealed(
    parts: Sequence[bytes | memoryview], recipients: Sequence[str], passphrase: str | None
) -> bytes:
    """The backup as an age file: to `recipients`, or with `passphrase`."""
    document = b"".join(parts)
    if passphrase is not None:
        return crypt.seal_with_passphrase(document, passphrase)
    return crypt.seal(document, list(recipients))


def restore(
    store: Store, path: Path, replace: bool = False, opener: Opener | None = None
) -> Restored:
    """Replace the store's data with the backup at `path`, once all of it is checked.

    Existing data is replaced only when `replace` is true, and a copy of it is kept in a
    `replaced-<date>T<time>` folder inside the data folder. Data files the backup does
    not hold are removed (their copy is kept too), so the data becomes the backup's. It is
    one transaction: the copy and every file appear together, or nothing changes.
    """
    parts = read_backup(path, opener)
    with store.transaction():
        _check_replaceable(store)
        present = [kept.file for kept in DATA_FILES if store.exists(kept.file)]
        if present and not replace:
            raise RecoveryError(
                f"{store.home} already holds your recovery data; to replace it with the "
                "backup (a copy of it is kept), run again with --yes"
            )
        folder = _keep_copy(store, present) if present else None
        for part in parts:
            _write(store, part)
        _check_content(store, path, parts)
        restored = {part.name for part in parts}
        for file in present:
            if file.filename not in restored:
                store.remove(file)
    return Restored([part.name for part in parts], folder)


def check_output(store: Store, output: Path) -> None:
    """Refuse to write a backup inside the data folder, where it would take a data file's
    place or be replaced by a restore."""
    home = store.home.resolve()
    if output.resolve() == home or home in output.resolve().parents:
        raise RecoveryError(
            f"{output} is inside your data folder {store.home}; please choose a place "
            "outside it for the backup"
        )


def read_backup(path: Path, opener: Opener | None = None) -> list[Part]:
    """The files of the backup at `path`, with the document's form checked (not yet the
    content of each file: see `restore`); an encrypted backup is opened by `opener`."""
    document = _json_document(path, opener)
    if not isinstance(document, dict) or document.get("app") != APP:
        raise RecoveryError(f"{path} is not a recovery backup")
    version = document.get(VERSION_KEY)
    if not _is_version(version):
        raise RecoveryError(f"{path} is not a recovery backup: it has no valid {VERSION_KEY}")
    if version > BACKUP_VERSION:
        raise RecoveryError(
            f"{path} was made by a newer version of recovery (backup schema {version}; "
            f"this one reads up to {BACKUP_VERSION}). Please update recovery"
        )
    files = document.get("files")
    if not isinstance(files, dict) or not files:
        raise RecoveryError(f"{path} is not a recovery backup: it holds no files")
    known = {kept.file.filename: kept for kept in DATA_FILES}
    parts = []
    for name, entry in files.items():
        if name not in known:
            raise RecoveryError(
                f"{path} holds {name!r}, which this version of recovery does not know. "
                "Please update recovery"
            )
        parts.append(_part(path, known[name], entry))
    return parts


def _json_document(path: Path, opener: Opener | None) -> Any:
    raw = _backup_bytes(path)
    if crypt.is_sealed(raw):
        if opener is None:
            raise RecoveryError(f"{path} is an encrypted backup; nothing was restored")
        raw = opener(raw)
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecoveryError(f"{path} is not a recovery backup: it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise RecoveryError(
            f"{path} is not a recovery backup: it is not valid JSON "
            f"({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        document = None
    if document is None or _too_deep(document):
        raise RecoveryError(
            f"{path} is not a recovery backup: it nests deeper than a backup ever does"
        )
    return document


def _backup_bytes(path: Path) -> bytes:
    """The file's bytes, read only from a regular file of at most MAX_BACKUP_BYTES (not a
    device, a pipe or a folder, which could be read without end or never answer)."""
    limit = f"{MAX_BACKUP_BYTES // (1024 * 1024)} MB"
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise RecoveryError(f"{path} is not a file made by recovery backup")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise RecoveryError(f"{path} is not a file made by recovery backup")
            raw = handle.read(MAX_BACKUP_BYTES + 1)
    except OSError as exc:
        raise RecoveryError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BACKUP_BYTES:
        raise RecoveryError(
            f"{path} is larger than {limit}, more than a recovery backup holds; "
            "nothing was restored"
        )
    return raw


def _too_deep(document: Any) -> bool:
    """True when lists and tables nest deeper than MAX_DEPTH (walked without recursion)."""
    waiting: list[tuple[Any, int]] = [(document, 1)]
    while waiting:
        value, depth = waiting.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            if depth > MAX_DEPTH:
                return True
            waiting.extend((child, depth + 1) for child in value)
    return False


def _part(path: Path, kept: Kept, entry: Any) -> Part:
    """One file entry of the document, its form checked."""
    name = kept.file.filename
    version = entry.get(VERSION_KEY) if isinstance(entry, dict) else None
    if not _is_version(version):
        raise RecoveryError(f"{path}: {name} has no valid {VERSION_KEY}")
    if version > kept.file.version:
        raise RecoveryError(
            f"{path}: {name} was written by a newer version of recovery (schema {version}; "
            f"this one reads up to {kept.file.version}). Please update recovery"
        )
    if isinstance(kept.file, TomlFile):
        text = entry.get("text")
        if not isinstance(text, str):
            raise RecoveryError(f'{path}: {name} must have its TOML text under "text"')
        return Part(kept, version, text)
    records = entry.get("records")
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise RecoveryError(f'{path}: {name} must have a list of records under "records"')
    return Part(kept, version, records)


def _is_version(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _entry(store: Store, kept: Kept) -> list[bytes | memoryview] | None:
    """One file as the backup holds it, `"name":{...}` in JSON, in pieces to be joined;
    None when it does not exist. A TOML file (small) is checked by its model; a JSON Lines
    file, which grows with every year kept, is copied line by line (see the module's
    docstring): a restore checks every record through its model before writing any."""
    file, name = kept.file, json.dumps(kept.file.filename)
    if isinstance(file, JsonLinesFile):
        if not store.exists(file):
            return None
        if _copyable(store, kept):
            items = store.joined_record_lines(file)
        else:
            items = memoryview(",".join(store.copied_lines(file)).encode("ascii"))
        start = f'{name}:{{"{VERSION_KEY}":{file.version},"records":['
        return [start.encode("ascii"), items, b"]}"]
    text = store.text(file)
    if text is None:
        return None
    _check(store, kept)
    entry = {VERSION_KEY: tomllib.loads(text).get(VERSION_KEY, 1), "text": text}
    return [f"{name}:{json.dumps(entry, separators=COMPACT)}".encode("ascii")]


def _copyable(store: Store, kept: Kept) -> bool:
    """Whether a JSON Lines file's lines can be copied as they are, as its summary says
    (log/digest.py); a summary that is not the file's is drawn again first, reading each
    line as a JSON object, so a file is read once after each change, not at every backup.
    A record that its model refuses is kept as it is (a restore names it)."""
    file = kept.file
    assert isinstance(file, JsonLinesFile)
    try:
        if file in logbook.SUMMARISED:
            figures = logbook.summary(store, file)
        else:
            figures = digest.figures(store, file, lambda: _read_as_json(store, file))
    except DataFileError:
        return False
    return digest.copyable(store, file, figures)


def _read_as_json(store: Store, file: JsonLinesFile) -> digest.Figures:
    """No figures, once every line of the file is read as a JSON object."""
    store.copied_lines(file)
    return {}


def _check(store: Store, kept: Kept) -> None:
    """Read a file through its loader and model; a damaged file or value raises."""
    if isinstance(kept.file, TomlFile):
        store.load(kept.file, kept.parse)
    else:
        store.load_records(kept.file, kept.parse)


def _write(store: Store, part: Part) -> None:
    """Write one file of a backup through the store's own writers (atomic, under the lock)."""
    file, content = part.kept.file, part.content
    if isinstance(file, TomlFile):
        assert isinstance(content, str)  # a Part pairs a TOML file with its text
        store.save_text(file, content)
    else:
        assert isinstance(content, list)
        store.save_records(file, [migrate(file, record, part.version) for record in content])


def _check_content(store: Store, path: Path, parts: Sequence[Part]) -> None:
    """Read each file the transaction is about to write back with the normal loader and
    model (the store's reads see what the transaction saved), so that what is restored is
    known to load; an error here leaves everything as it was."""
    for part in parts:
        try:
            _check(store, part.kept)
        except DataFileError as exc:
            raise RecoveryError(
                f"{path}: {part.name}{_where(part, exc.line)}: {exc.problem}. Nothing was restored"
            ) from None


def _check_replaceable(store: Store) -> None:
    """Refuse to start when a data file is something a restore cannot replace as a whole
    (a folder, a link, a device)."""
    for kept in DATA_FILES:
        path = store.path(kept.file)
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            raise RecoveryError(
                f"{path} is not a plain file, so it cannot be replaced safely; nothing was "
                "restored. Move it out of the data folder, or run `recovery doctor`"
            )


def _where(part: Part, line: int | None) -> str:
    if line is None:
        return ""
    if isinstance(part.content, str):
        return f", line {line}"
    return f", record {line - 1}"  # the file's first line is its header


def _keep_copy(store: Store, files: Sequence[TomlFile | JsonLinesFile]) -> Path:
    """Copy the data about to be replaced into a new folder, mode 0700, that appears in
    the data folder with the restored files."""
    stamp = clock.now().strftime("%Y-%m-%dT%H%M")
    name = f"{REPLACED_PREFIX}{stamp}"
    number = 1
    while (store.home / name).exists():  # a restore earlier in the same minute
        number += 1
        name = f"{REPLACED_PREFIX}{stamp}-{number}"
    copy = store.new_folder(name)
    for file in files:
        atomic_write(copy / file.filename, store.path(file).read_bytes())
    return store.home / name
