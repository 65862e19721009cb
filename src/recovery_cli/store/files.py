"""The data folder: schema-versioned TOML documents and JSON Lines record files.

What the person curates (profile, plan, meetings) is TOML; what accumulates (check-ins,
cravings, attendance) is JSON Lines whose first line is a header carrying the schema
version. Every write happens only while the store's lock is held, so a read-modify-write by
one command can never interleave with another's. The files a transaction saves are written
together when it ends, all or nothing (see `store/journal.py`); until then reads inside it
see what it saved. A transaction that only adds record lines to JSON Lines files appends
them (`append_line`) instead of rewriting the files. A file that cannot be
read raises `DataFileError` and is never written over.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

from recovery_cli.store import crypt, journal
from recovery_cli.store.errors import (
    DataFileError,
    InvalidValue,
    NewerSchemaError,
    RecoveryError,
)

T = TypeVar("T")
Migration = Callable[[dict[str, Any]], dict[str, Any]]

FOLDER_MODE = 0o700
FILE_MODE = journal.FILE_MODE
LOCK_NAME = ".lock"
LOCK_TIMEOUT_SECONDS = 10
WAIT_NOTICE_SECONDS = 2
VERSION_KEY = "schema_version"


@dataclass(frozen=True)
class DataFile:
    """One file in the store, the schema version it is written at, and how to migrate to it.

    `migrations[n]` turns version-n content (a TOML document, or one JSON Lines record)
    into version n + 1. A `private` file is sealed with age once the store is locked
    (see `store/crypt.py`).
    """

    filename: str
    version: int = 1
    migrations: Mapping[int, Migration] = field(default_factory=dict)
    private: bool = False


@dataclass(frozen=True)
class TomlFile(DataFile):
    """A hand-editable TOML document with `schema_version` at the top."""


@dataclass(frozen=True)
class JsonLinesFile(DataFile):
    """Records, one JSON object a line, after a `{"schema_version": N}` header line."""


class Store:
    """The person's data folder.

    `on_wait` is called once when a write has waited `WAIT_NOTICE_SECONDS` for another
    command's lock (the CLI says so). With `tidy` false, nothing is finished or cleaned
    on the way (`recovery doctor` looks at the folder as it is). `unlock` gives the secret
    key of a locked store when a private file is read (asking the person only when told
    it may); None: this store cannot read private files once locked.
    """

    def __init__(
        self,
        home: Path,
        on_wait: Callable[[], None] | None = None,
        *,
        tidy: bool = True,
        unlock: Callable[[bool], str | None] | None = None,
    ) -> None:
        self.home = home
        self.on_wait = on_wait
        self.tidy = tidy
        self.unlock = unlock
        self._identity: str | None = None
        # Sealed files as opened, by name, with the stamp they were read at: opened once
        # per command, however many times they are read, while they are unchanged.
        self._opened_texts: dict[str, tuple[list[int] | None, str | None]] = {}
        self._recipient: tuple[str | None] | None = None  # (recipient,) once read
        self._included: frozenset[str] | None = None
        self._private: set[str] = set()
        self._lock_depth = 0
        self._staged: dict[str, bytes | None] = {}
        self._appended: dict[str, list[str]] = {}
        self._after_commit: list[Callable[[], None]] = []
        # What the layers above remember for the length of one transaction (the summaries
        # of files whose new lines are not written yet); cleared when it ends.
        self.scratch: dict[str, Any] = {}
        self._writes: dict[str, int] = {}
        self._folders: dict[str, Path] = {}
        self._journal_checked = False

    def path(self, file: DataFile) -> Path:
        return self.home / file.filename

    def exists(self, file: DataFile) -> bool:
        if file.filename in self._staged:
            return self._staged[file.filename] is not None
        return self.path(file).exists()

    @property
    def locked(self) -> bool:
        """Whether this store holds its lock (inside `transaction()`)."""
        return self._lock_depth > 0

    def stamp(self, file: DataFile) -> list[int] | None:
        """The file's size and modification time in nanoseconds (None: no file): what
        changes when anyone, the app or a hand edit, changes the file, and what a copy that
        keeps times (a backup folder, a sync) keeps. (Only an edit that keeps the size,
        within the clock tick of the last write, goes unseen.)"""
        try:
            info = self.path(file).stat()
        except FileNotFoundError:
            return None
        return [info.st_size, info.st_mtime_ns]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the store's exclusive lock across a whole read-modify-write; what is saved
        inside is written when the block ends without an error, all of it or none.

        A transaction inside another joins it. On taking the lock, a change a crash
        interrupted is finished (or rolled back) and stale temporaries are removed.
        """
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        lock = self._acquire()
        self._lock_depth = 1
        try:
            if self.tidy:
                journal.recover(self.home)
            self._journal_checked = True
            yield
            self._seal_appends()
            folders, self._folders = self._folders, {}  # commit owns them from here
            if self._staged or folders:
                self._stage_appends()
                journal.commit(self.home, self._sealed(), folders)
            else:
                self._write_appends()
            for action in self._after_commit:
                action()
        finally:
            for folder in self._folders.values():  # the block failed: they never appear
                journal.remove(folder)
            self._folders.clear()
            self._staged.clear()
            self._appended.clear()
            self._after_commit.clear()
            self.scratch.clear()
            self._writes.clear()
            self._private.clear()
            self._recipient = None
            self._included = None
            self._lock_depth = 0
            lock.release()

    @property
    def recipient(self) -> str | None:
        """The age recipient private files are sealed to; None when the store is not locked."""
        if self._recipient is None:
            self._recipient = (crypt.recipient_of(self.home),)
        return self._recipient[0]

    def seal_to(self, recipient: str | None, included: frozenset[str] = frozenset()) -> None:
        """Seal the private files this transaction writes, and those `included`, to
        `recipient` (None: plain); for `recovery lock`, which also writes the key files
        (`put`)."""
        self._require_lock()
        self._recipient = (recipient,)
        self._included = included

    def private(self, file: DataFile) -> bool:
        """Whether `file` is sealed once the store is locked: a private file, or one the
        person chose to include (`recovery lock --include plan`)."""
        if file.private:
            return True
        if self._included is None:
            self._included = crypt.included_in(self.home)
        return file.filename in self._included

    def put(self, name: str, content: bytes | None) -> None:
        """Write (None: remove) a file the store does not read itself, such as the key
        files, when the transaction commits."""
        self._require_lock()
        self._staged[name] = content

    def sealed(self, file: DataFile) -> bool:
        """Whether `file` is kept sealed: it is private and the store is locked."""
        return self.recipient is not None and self.private(file)

    def identity(self, *, ask: bool = True) -> str | None:
        """The locked store's secret key, from `unlock` (once per store); with `ask`, the
        person may be asked, and no key at hand is an error saying how to unlock."""
        if self._identity is None and self.unlock is not None:
            self._identity = self.unlock(ask)
        if self._identity is None and ask:
            raise RecoveryError(
                "your private records are locked; run `recovery unlock`, or give "
                "--passphrase-file FILE (or RECOVERY_PASSPHRASE_FILE)"
            )
        return self._identity

    def readable(self, file: DataFile) -> bool:
        """Whether `file` can be read without asking anyone: it is not sealed, or the
        key is at hand (an unlocked session, a passphrase file)."""
        return not self.sealed(file) or self.identity(ask=False) is not None

    def rewrite(self, file: DataFile) -> None:
        """Write `file` again as it is, sealed or plain as the store now keeps it."""
        text = self._read(file)
        if text is not None:
            self._stage(file, text.encode("utf-8"))

    def writes(self, file: DataFile) -> int:
        """How many times the transaction under way has saved or appended to `file`."""
        return self._writes.get(file.filename, 0)

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run `action` once this transaction has written its files (never if it fails):
        for what is drawn from the files as written, such as the summaries beside them."""
        self._require_lock()
        self._after_commit.append(action)

    def new_folder(self, name: str) -> Path:
        """A folder, mode 0700, that appears in the data folder as `name` when the
        transaction commits (and never if it does not); fill it with `atomic_write`."""
        self._require_lock()
        folder = journal.new_temporary_folder(self.home, name)
        os.chmod(folder, FOLDER_MODE)
        self._folders[name] = folder
        return folder

    def remove(self, file: DataFile) -> None:
        """Remove a data file when the transaction commits; only inside `transaction()`."""
        self._require_lock()
        self._staged[file.filename] = None

    @contextmanager
    def changing(self, load: Callable[[Store], T], save: Callable[[Store, T], None]) -> Iterator[T]:
        """One read-modify-write under the lock: what `load` reads is handed to the block
        and saved when the block ends without an error (nothing is saved otherwise)."""
        with self.transaction():
            value = load(self)
            yield value
            save(self, value)

    def load(self, file: TomlFile, parse: Callable[[dict[str, Any]], T]) -> T | None:
        """Read and parse a TOML document; None when it does not exist yet. A large one is
        read from the copy kept beside it while the file is unchanged (see `_kept`)."""
        data = self._kept(file)
        if data is None:
            stamp = self.stamp(file)
            text = self._read(file)
            if text is None:
                return None
            data = self._document(file, text)
            self._keep(file, stamp, text, data)
        try:
            return parse(data)
        except InvalidValue as exc:
            line = _line_of_key(self._read(file) or "", exc.key) if exc.key else None
            raise DataFileError(self.path(file), str(exc), line) from None
        except (ValueError, TypeError) as exc:
            raise DataFileError(self.path(file), str(exc)) from None

    def _document(self, file: TomlFile, text: str) -> dict[str, Any]:
        """The TOML document in `text`, of the file's current schema version."""
        path = self.path(file)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataFileError(path, _toml_problem(exc), _toml_line(exc, text)) from None
        version = _checked_version(
            file, path, data.pop(VERSION_KEY, 1), _line_of_key(text, VERSION_KEY)
        )
        return migrate(file, data, version)

    def _kept(self, file: TomlFile) -> dict[str, Any] | None:
        """The document kept beside a large TOML file (`.NAME.json`: Python's TOML reader
        takes a second over a 5 MB schedule, its JSON reader a tenth of that), or None when
        there is none for the file as it is now: missing, unreadable, of another schema,
        or the file's size or modification time changed (a hand edit, a sync, a restore)."""
        self._finish_interrupted()
        stamp = self.stamp(file)
        if stamp is None or not self._keepable(file, stamp):
            return None
        try:
            kept = json.loads(self._kept_path(file).read_bytes(), object_hook=_untagged)
        except (OSError, ValueError):
            return None
        if not isinstance(kept, dict) or kept.get("key") != _kept_key(file, stamp):
            return None
        data = kept.get("data")
        return data if isinstance(data, dict) else None

    def _keep(
        self, file: TomlFile, stamp: list[int] | None, text: str, data: dict[str, Any]
    ) -> None:
        """Keep `data` beside a large file read from disk at `stamp`, unless the file changed
        while it was read. Best effort: a folder that can't be written just reads the TOML."""
        if stamp is None or not self._keepable(file, stamp):
            return
        if _TAG in text or self.stamp(file) != stamp:  # a key the tags could mistake
            return
        kept = {"key": _kept_key(file, stamp), "data": data}
        with suppress(OSError, TypeError, ValueError):
            atomic_write(self._kept_path(file), json.dumps(kept, default=_tagged).encode())

    def _keepable(self, file: TomlFile, stamp: list[int]) -> bool:
        """Whether a copy may be kept beside `file`: a large file, not changed in this
        transaction, and never a private one (the copy would be plain text)."""
        if self.private(file) or file.filename in self._staged:
            return False
        return stamp[0] >= KEPT_FROM_BYTES

    def _kept_path(self, file: TomlFile) -> Path:
        return self.home / f".{file.filename}.json"

    def text(self, file: DataFile) -> str | None:
        """The file exactly as it is on disk (or as saved in this transaction); None when
        it does not exist yet."""
        return self._read(file)

    def save(self, file: TomlFile, data: Mapping[str, Any]) -> None:
        """Write a TOML document atomically; only inside `transaction()`."""
        import tomli_w

        self._require_lock()
        document = {VERSION_KEY: file.version, **data}
        self._stage(file, tomli_w.dumps(document).encode("utf-8"))

    def save_text(self, file: TomlFile, text: str) -> None:
        """Replace a TOML document with text already checked by the caller (a hand edit,
        kept exactly as typed); atomically and only inside `transaction()`."""
        self._stage(file, text.encode("utf-8"))

    def load_records(self, file: JsonLinesFile, parse: Callable[[dict[str, Any]], T]) -> list[T]:
        """Read and parse every record of a JSON Lines file; [] when it does not exist yet."""
        path = self.path(file)
        text = self._read(file)
        if not text:
            return []
        # Only "\n" ends a line: str.splitlines() would also split inside a note at U+2028.
        lines = text.split("\n")
        version = _header_version(file, path, lines[0])
        records: list[T] = []
        for number, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            record = migrate(file, _json_object(path, line, number), version)
            try:
                records.append(parse(record))
            except (ValueError, TypeError) as exc:
                raise DataFileError(path, str(exc), number) from None
        return records

    def save_records(self, file: JsonLinesFile, records: Sequence[Mapping[str, Any]]) -> None:
        """Write a JSON Lines file atomically; only inside `transaction()`."""
        lines = [json.dumps({VERSION_KEY: file.version})]
        lines.extend(json.dumps(record, ensure_ascii=False) for record in records)
        self._stage(file, ("\n".join(lines) + "\n").encode("utf-8"))

    def load_lines(self, file: JsonLinesFile, *, to_rewrite: bool = True) -> list[str]:
        """The record lines of a JSON Lines file, unparsed, at the current schema version.

        For commands that touch one record of a long file and must not pay for parsing the
        rest; the caller parses the lines it needs. An older file's records are migrated.
        Lines that will be written back (`to_rewrite`) are first checked to be JSON objects,
        so a damaged file is never rewritten; a read-only caller may skip that cost.
        """
        numbered, version = self._record_lines(file)
        if version == file.version:
            if to_rewrite:
                _json_objects(self.path(file), numbered)
            return [line for _, line in numbered]
        records = _json_objects(self.path(file), numbered)
        return [json.dumps(migrate(file, record, version)) for record in records]

    def copied_lines(self, file: JsonLinesFile) -> list[str]:
        """The record lines of a JSON Lines file as printable ASCII JSON objects at the
        current schema version, for a caller that copies records as they are (a backup) and
        must not pay for encoding years of them again. Every line is parsed, so that a line
        edited by hand into something that is not a JSON object is named here rather than
        found by a restore; a line at the current version that is printable ASCII (as the
        store writes a record) is then taken as it is, any other encoded again."""
        numbered, version = self._record_lines(file)
        path = self.path(file)
        records = _json_objects(path, numbered)
        if version != file.version:
            return [json.dumps(migrate(file, record, version)) for record in records]
        return [
            line if _plain_object(line) else json.dumps(record)
            for (_, line), record in zip(numbered, records, strict=True)
        ]

    def copyable(self, file: JsonLinesFile) -> bool:
        """Whether the record lines of `file` (as the transaction under way will write it)
        can be copied as they are into a JSON array (`joined_record_lines`): at the current
        schema version, printable ASCII, no blank line. One scan of the whole text in C;
        the summaries kept beside the records (log/digest.py) remember the answer."""
        raw = self._raw(file)
        head_end = raw.find(b"\n")
        if head_end < 0:
            return True  # no records
        path = self.path(file)
        if _header_version(file, path, _decoded(path, raw[:head_end], 1)) != file.version:
            return False
        return not (
            raw.translate(None, _COPYABLE)
            or _GAP.search(raw, head_end)
            or raw.rstrip(b"\n").endswith(b" ")
        )

    def joined_record_lines(self, file: JsonLinesFile) -> memoryview:
        """The record lines of `file` as they are, joined by commas (the items of a JSON
        array), copied once, for a caller that knows each is a JSON object and the file
        `copyable` (a backup, told so by the summaries kept beside the records); nothing is
        checked here, so years of records cost milliseconds."""
        raw = self._raw(file)
        head_end = raw.find(b"\n")
        if head_end < 0:
            return memoryview(b"")
        items = raw.replace(b"\n", b",")
        end = len(items)
        while end > head_end + 1 and items[end - 1] == ord(","):  # the last line's ending
            end -= 1
        return memoryview(items)[head_end + 1 : end]

    def _raw(self, file: JsonLinesFile) -> bytes:
        """The file's bytes as this transaction sees it (opened, when sealed)."""
        if self.writes(file) or self.sealed(file):
            return (self._read(file) or "").encode("utf-8")
        return _read_bytes(self.path(file)) or b""

    def _record_lines(self, file: JsonLinesFile) -> tuple[list[tuple[int, str]], int]:
        """The file's record lines with their line numbers, blank ones left out, and the
        schema version its header gives (the current one when the file is empty)."""
        text = self._read(file)
        if not text:
            return [], file.version
        first, *rest = text.split("\n")
        version = _header_version(file, self.path(file), first)
        numbered = [(number, line) for number, line in enumerate(rest, start=2) if line.strip()]
        return numbered, version

    def version_on_disk(self, file: JsonLinesFile) -> int | None:
        """The schema version in a JSON Lines file's header, reading that line only; None
        when the file does not exist or is empty."""
        path = self.path(file)
        if self.sealed(file):
            text = self._read(file)
            return _header_version(file, path, text.partition("\n")[0]) if text else None
        try:
            with path.open("rb") as handle:
                first = handle.readline()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DataFileError(path, exc.strerror or str(exc)) from None
        if not first.strip():
            return None
        return _header_version(file, path, _decoded(path, first, 1))

    def lines_from_end(self, file: JsonLinesFile) -> Iterator[str]:
        """The record lines of a JSON Lines file, unparsed, the last one first, reading the
        file from its end a block at a time: a caller that needs only recent records of a
        file kept in order stops early. The header line is not given; blank lines are left
        out. The caller checks the version (`version_on_disk`). A sealed file, or one this
        transaction wrote (as it will be written), is walked from the end of its text."""
        if self.writes(file) or self.sealed(file):
            yield from _lines_from_end_of(self._read(file) or "")
            return
        path = self.path(file)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            return
        with handle:
            end = handle.seek(0, os.SEEK_END)
            rest = b""
            while end > 0:
                start = max(0, end - _TAIL_BLOCK)
                handle.seek(start)
                chunk = handle.read(end - start) + rest
                end = start
                lines = chunk.split(b"\n")
                rest = lines.pop(0) if start > 0 else b""
                for raw in reversed(lines if start > 0 else lines[1:]):
                    if raw.strip():
                        yield _decoded(path, raw, None)

    def append_line(self, file: JsonLinesFile, line: str) -> None:
        """Add one record line (a JSON object, as `load_lines` gives them) at the end of a
        JSON Lines file that is at the current schema version, or start the file with it;
        only inside `transaction()`. The file's last line is checked first, so that nothing
        is added to a file damaged at its end.

        The line is written when the transaction ends. A transaction that only appends
        adds the lines to the end of the files (every earlier line untouched, fsynced); one
        that also saves files writes the appended files whole with them, through the
        journal, so the change stays all or nothing. A sealed file's lines are sealed on
        their own as a segment, without reading the file (which needs the key)."""
        self._require_lock()
        if file.filename in self._staged:
            staged = self._read(file) or ""
            self._stage(file, (staged + line + "\n").encode("utf-8"))
            return
        path = self.path(file)
        stamp = self.stamp(file)
        if (stamp is None or stamp[0] == 0) and file.filename not in self._appended:
            self.save_lines(file, [line])
            return
        if self.private(file):
            self._private.add(file.filename)
        last = None if self.sealed(file) else next(self.lines_from_end(file), None)
        if last is not None and file.filename not in self._appended:
            try:
                _json_object(path, last, 0)
            except DataFileError as exc:
                number = path.read_bytes().rstrip().count(b"\n") + 1
                raise DataFileError(path, exc.problem, number) from None
        self._appended.setdefault(file.filename, []).append(line)
        self._writes[file.filename] = self.writes(file) + 1

    def _seal_appends(self) -> None:
        """A locked store's appended private lines, staged as new sealed segments."""
        if not self._private or self.recipient is None:
            return
        for name in sorted(self._private & set(self._appended)):
            lines = self._appended.pop(name)
            segment = crypt.next_segment_name(self.home, name)
            content = "".join(f"{line}\n" for line in lines).encode("utf-8")
            self._staged[segment] = crypt.seal(content, [self.recipient])

    def _sealed(self) -> dict[str, bytes | None]:
        """The staged files as they are written: private ones sealed when locked."""
        recipient = self.recipient
        if recipient is None:
            return self._staged
        return {
            name: crypt.seal(content, [recipient])
            if content is not None and name in self._private
            else content
            for name, content in self._staged.items()
        }

    def _stage_appends(self) -> None:
        """The files this transaction appended to, staged whole with their new lines."""
        for name, lines in self._appended.items():
            text = _read_text(self.home / name) or ""
            ending = "" if not text or text.endswith("\n") else "\n"
            self._staged[name] = (text + ending + "".join(f"{line}\n" for line in lines)).encode()

    def _write_appends(self) -> None:
        """The appended lines added at the end of their files, each file fsynced."""
        for name, lines in self._appended.items():
            with (self.home / name).open("r+b") as handle:
                end = handle.seek(0, os.SEEK_END)
                handle.seek(max(0, end - 1))
                # A file whose last line has no line end (edited by hand) gets one first.
                ending = b"" if end == 0 or handle.read(1) == b"\n" else b"\n"
                added = "".join(f"{line}\n" for line in lines).encode("utf-8")
                handle.write(ending + added)
                handle.flush()
                os.fsync(handle.fileno())

    def save_lines(self, file: JsonLinesFile, lines: Sequence[str]) -> None:
        """Write record lines (JSON objects, as `load_lines` gives them) atomically."""
        content = "\n".join([json.dumps({VERSION_KEY: file.version}), *lines]) + "\n"
        self._stage(file, content.encode("utf-8"))

    def _stage(self, file: DataFile, content: bytes) -> None:
        self._require_lock()
        self._staged[file.filename] = content
        if self.private(file):
            self._private.add(file.filename)
        # The whole file is given: lines appended to it before are in it or replaced.
        self._appended.pop(file.filename, None)
        self._writes[file.filename] = self.writes(file) + 1

    def _read(self, file: DataFile) -> str | None:
        """The file's text as this transaction sees it; outside one, a change a crash
        interrupted is first finished (a stat, once per store, when there is none)."""
        if file.filename in self._staged:
            content = self._staged[file.filename]
            return None if content is None else content.decode("utf-8")
        self._finish_interrupted()
        text = self._read_sealed(file) if self.sealed(file) else _read_text(self.path(file))
        appended = self._appended.get(file.filename)
        if appended and text is not None:
            ending = "" if not text or text.endswith("\n") else "\n"
            text += ending + "".join(f"{line}\n" for line in appended)
        return text

    def _read_sealed(self, file: DataFile) -> str | None:
        """A sealed file's text, opened with the key, its segments folded in; under the
        lock, the folded file is written back (sealed) when the transaction commits."""
        parts = crypt.segments(self.home, file.filename)
        if parts and not self.locked and self.tidy:
            with self.transaction():
                return self._read(file)
        path = self.path(file)
        if not parts:
            return self._opened_file(file)
        text = self._opened(path, _read_bytes(path))
        text = text or json.dumps({VERSION_KEY: file.version}) + "\n"
        for part in parts:
            ending = "" if text.endswith("\n") else "\n"
            text += ending + (self._opened(part, part.read_bytes()) or "")
        if self.tidy:
            lines = self._appended.get(file.filename, [])
            self._stage(file, (text + "".join(f"{line}\n" for line in lines)).encode("utf-8"))
            for part in parts:
                self._staged[part.name] = None
        return text

    def _opened_file(self, file: DataFile) -> str | None:
        """A sealed file's text without segments, opened once while it is unchanged."""
        stamp = self.stamp(file)
        kept = self._opened_texts.get(file.filename)
        if kept is not None and stamp is not None and kept[0] == stamp:
            return kept[1]
        path = self.path(file)
        text = self._opened(path, _read_bytes(path))
        self._opened_texts[file.filename] = (stamp, text)
        return text

    def _opened(self, path: Path, raw: bytes | None) -> str | None:
        """A file's text, opened with the key when it is sealed."""
        if raw is not None and crypt.is_sealed(raw):
            raw = crypt.open_sealed(raw, self.identity() or "", path)
        return None if raw is None else _text(path, raw)

    def _finish_interrupted(self) -> None:
        """Outside a transaction, finish first a change a crash interrupted (a stat, once
        per store, when there is none)."""
        if not self._journal_checked and self.tidy:
            self._journal_checked = True
            if journal.interrupted(self.home):
                with self.transaction():
                    pass

    def _acquire(self) -> Any:
        """The store's lock, taken; waits at most LOCK_TIMEOUT_SECONDS, calling `on_wait`
        once after WAIT_NOTICE_SECONDS."""
        from filelock import FileLock, Timeout

        self._ensure_home()
        path = self.home / LOCK_NAME
        check_lock_file(path)
        lock = FileLock(path, mode=FILE_MODE)
        try:
            try:
                lock.acquire(timeout=WAIT_NOTICE_SECONDS)
            except Timeout:
                if self.on_wait is not None:
                    self.on_wait()
                lock.acquire(timeout=LOCK_TIMEOUT_SECONDS - WAIT_NOTICE_SECONDS)
        except Timeout:
            raise RecoveryError(
                "another recovery command is still saving; please try again in a moment"
            ) from None
        except OSError as exc:
            raise RecoveryError(
                f"cannot use the lock file {path}: {exc.strerror or exc}. Remove it "
                "(no recovery command may be running) and try again"
            ) from None
        return lock

    def _ensure_home(self) -> None:
        """The data folder, and every folder made on the way to it, mode 0700 whatever
        the umask (mkdir's `parents` would make those with the umask's mode)."""
        missing = [folder for folder in (self.home, *self.home.parents) if not folder.exists()]
        for folder in reversed(missing):
            folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
            os.chmod(folder, FOLDER_MODE)
        os.chmod(self.home, FOLDER_MODE)

    def _require_lock(self) -> None:
        if self._lock_depth == 0:
            raise RuntimeError("a store write must happen inside Store.transaction()")


def check_lock_file(path: Path) -> None:
    """Refuse a lock that is not a plain file this person can open, saying what to do."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(found.st_mode):
        problem, fix = "is a link, not a lock file", f"remove the link (rm {path})"
    elif stat.S_ISDIR(found.st_mode):
        problem, fix = "is a folder, not a lock file", f"remove the folder (rmdir {path})"
    elif not stat.S_ISREG(found.st_mode):
        problem, fix = "is not a plain file", f"remove it (rm {path})"
    elif not os.access(path, os.R_OK | os.W_OK):
        problem, fix = "cannot be opened by you", f"make it yours again (chmod 600 {path})"
    else:
        return
    raise RecoveryError(
        f"the lock file {path} {problem}; {fix} while no recovery command is running, "
        "then try again"
    )


_TAIL_BLOCK = 64 * 1024


def _lines_from_end_of(text: str) -> Iterator[str]:
    """The record lines of a JSON Lines text, the last one first, blank ones left out and
    the header line not given; each found from the end, without splitting the rest."""
    end = len(text)
    while (start := text.rfind("\n", 0, end) + 1) > 0:
        line = text[start:end]
        if line.strip():
            yield line
        end = start - 1


def _decoded(path: Path, raw: bytes, line: int | None) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(path, "it is not UTF-8 text", line) from None


def _read_text(path: Path) -> str | None:
    raw = _read_bytes(path)
    return None if raw is None else _text(path, raw)


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataFileError(path, exc.strerror or str(exc)) from None


def _text(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataFileError(path, "it is not UTF-8 text", line) from None


def _json_object(path: Path, line: str, number: int) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"{exc.msg} (column {exc.colno})", number) from None
    if not isinstance(value, dict):
        raise DataFileError(path, "each line must be a JSON object", number)
    return value


# The bytes `Store.copyable` lets a backup copy as they are (printable ASCII and line ends), and
# a blank line (which in a JSON array would leave a gap between two commas).
_COPYABLE = bytes(range(0x20, 0x7F)) + b"\n"
_GAP = re.compile(rb"\n *\n")


def _plain_object(line: str) -> bool:
    """The cheap checks `Store.copied_lines` takes a line on (C string methods only)."""
    return line.startswith("{") and line.endswith("}") and line.isascii() and line.isprintable()


def _json_objects(path: Path, numbered: Sequence[tuple[int, str]]) -> list[dict[str, Any]]:
    """Every line parsed as a JSON object, so that a file with a line that is not one is
    never written back. One parse of the joined lines is about twice as fast as one a line;
    only on failure are the lines parsed one by one to name the bad one."""
    try:
        values = json.loads("[" + ",".join(line for _, line in numbered) + "]")
    except json.JSONDecodeError:
        values = None
    if (
        isinstance(values, list)
        and len(values) == len(numbered)
        and all(isinstance(value, dict) for value in values)
    ):
        return values
    return [_json_object(path, line, number) for number, line in numbered]


def _header_version(file: DataFile, path: Path, line: str) -> int:
    """The schema version a JSON Lines file's first line gives."""
    header = _json_object(path, line, 1)
    if VERSION_KEY not in header:
        raise DataFileError(path, f'the first line must be {{"{VERSION_KEY}": N}}', 1)
    return _checked_version(file, path, header[VERSION_KEY], 1)


def _checked_version(file: DataFile, path: Path, version: Any, line: int | None) -> int:
    """The file's schema version, refused when it is not one this version can read."""
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError(path, f"{VERSION_KEY} must be a whole number, got {version!r}", line)
    if version > file.version:
        raise NewerSchemaError(
            path,
            f"it was written by a newer version of recovery (schema {version}; this one "
            f"reads up to {file.version}). Please update recovery",
            line,
        )
    return version


def migrate(file: DataFile, data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring version-`version` content (a TOML document or one JSON Lines record) up to the
    file's current version, one step at a time."""
    for step in range(version, file.version):
        data = file.migrations[step](data)
    return data


def atomic_write(path: Path, content: bytes | Sequence[bytes | memoryview]) -> None:
    """Replace `path` with `content` (or its pieces, in order) so that a crash leaves either
    the old or the new file; the file is readable by its owner only (FILE_MODE). Also for
    exports, which hold the same private data."""
    temporary = journal.write_temporary(path, content)
    try:
        os.replace(temporary, path)
    except BaseException:
        journal.remove(temporary)
        raise
    journal.sync_folder(path.parent)


KEPT_FROM_BYTES = 64 * 1024  # a smaller TOML file is read as fast as its kept copy
_KEPT_FORMAT = 1
_TAG = "$toml"  # marks a date or time in a kept document


def _kept_key(file: TomlFile, stamp: list[int]) -> list[int]:
    return [_KEPT_FORMAT, file.version, *stamp]


def _tagged(value: object) -> dict[str, str]:
    """A TOML date, time or date and time as JSON (datetime before date: it is one)."""
    for kind in (datetime, date, time):
        if isinstance(value, kind):
            return {_TAG: kind.__name__, "v": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not a TOML value")


def _untagged(table: dict[str, Any]) -> object:
    """Inverse of :func:`_tagged`, for every JSON object read."""
    kind = table.get(_TAG)
    if kind is None:
        return table
    kinds: dict[str, Callable[[str], object]] = {
        "datetime": datetime.fromisoformat,
        "date": date.fromisoformat,
        "time": time.fromisoformat,
    }
    return kinds[kind](table["v"])


_TOML_POSITION = re.compile(r"\s*\((?:at line (\d+), column \d+|at end of document)\)$")


def _toml_line(exc: tomllib.TOMLDecodeError, text: str) -> int | None:
    # tomllib gained a lineno attribute only in Python 3.14; older ones say it in the text.
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    match = _TOML_POSITION.search(str(exc))
    if match is None:
        return None
    return int(match.group(1)) if match.group(1) else len(text.rstrip("\n").split("\n"))


def _toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    message = getattr(exc, "msg", None)
    return str(message) if message else _TOML_POSITION.sub("", str(exc))


_KEY_PATH = re.compile(r"^(?:(?P<table>[\w-]+)(?:\[(?P<index>\d+)\])?\.)?(?P<leaf>[\w-]+)$")


def _line_of_key(text: str, key: str) -> int | None:
    """The line where `key` ("clean_date", "triggers[2].risk") is set, as well as it can tell."""
    match = _KEY_PATH.match(key)
    if match is None:
        return None
    lines = text.split("\n")
    start = 0
    table, index = match.group("table"), match.group("index")
    if table is not None:
        header = re.compile(rf"^\s*\[\[?\s*\"?{re.escape(table)}\"?\s*\]\]?\s*(#.*)?$")
        headers = [n for n, line in enumerate(lines) if header.match(line)]
        wanted = int(index) if index is not None else 0
        if wanted >= len(headers):
            return None
        start = headers[wanted]
    assignment = re.compile(rf"^\s*\"?{re.escape(match.group('leaf'))}\"?\s*=")
    for number in range(start, len(lines)):
        if assignment.match(lines[number]):
            return number + 1
        if number > start and lines[number].lstrip().startswith("["):
            break
    return start + 1 if table is not None else None
