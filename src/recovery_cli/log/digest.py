"""Small summaries kept beside the record files, so that what a command shows does not
cost more with every year of records kept.

`digest.json` in the data folder holds, for each record file, a few figures drawn from its
records (the days with a check-in, as runs of days in a row; each coping strategy's total
craving drop and count; whether the file is in time order, which lets a reader of recent
records start at the end), with the file's size and modification time when they were
drawn, always from lines each read as a JSON object at least. logbook.py brings them up
to date under the same lock as each record it appends (checked as it is added), so a
summary that is the file's also says every line of it is a JSON object: a backup copies
such a file without parsing it again (`copyable`), and keeps other record files' summaries
(with no figures) for that alone. A summary that is missing, from an older schema,
or whose file has changed since (a hand edit, a sync, a restore, or a write that rewrote
the file) is drawn again from the records.
The records stay the source of truth: delete `digest.json` and every figure comes back
the same. It is drawn from the records, so it is not part of a backup.

Once the store is locked (`recovery lock`) the figures are private too: the digest is then
an age file sealed to the store's recipient, like the private records (so keeping it never
needs the passphrase), and is read with the key when it is at hand. A locked store's
summaries also keep the check-ins and cravings of the last weeks (logbook.RECENT_DAYS), so
that showing recent records opens the small digest rather than every record ever sealed.
A sealed file's stamp also covers its sealed segments, which a write without the key adds
beside it. Without the key, a digest that is sealed (or, in a locked store, one that is
plain) is ignored, and the figures are drawn from the records, which ask for the key or
say how to unlock.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import date, timedelta
from typing import Any

from recovery_cli.store import crypt
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.files import JsonLinesFile, Store, atomic_write

DIGEST_NAME = "digest.json"
# 2: every summary is drawn from lines each read as a JSON object at least, so a summary
# that is the file's says each of its lines is one (`COPYABLE`).
DIGEST_VERSION = 2

Figures = dict[str, Any]
# A figure a summary holds once a backup has asked (`copyable`): whether the file's lines
# can be copied as they are. Every summary is drawn from lines each read as a JSON object
# at least, and kept up to date with each record appended (checked as it was added), so a
# backup copies the lines of a file whose summary says so without reading them again.
COPYABLE = "copyable"
# A coping strategy's key (its name, case-blind) -> [first spelling met, total drop, count].
CopingTotals = dict[str, list[Any]]
# Runs of days in a row with a check-in: [[first day, last day], ...] in ISO dates, in order.
Runs = list[list[str]]
# One run of days in a row: its first and last day.
Run = tuple[date, date]


def figures(store: Store, file: JsonLinesFile, draw: Callable[[], Figures]) -> Figures:
    """The figures kept for `file`, drawn again by `draw` (from the records) when they are
    not those of the file as it is now (or as the transaction under way will write it)."""
    if store.sealed(file) and store.identity(ask=False) is None:
        return draw()  # which asks for the key, or says how to unlock
    pending = _pending(store).get(file.filename)
    if pending is not None and pending[1] == store.writes(file):
        return dict(pending[0])
    if store.writes(file):  # written in the transaction under way: drawn as it will be
        drawn = draw()
        _pending(store)[file.filename] = (drawn, store.writes(file))
        return dict(drawn)
    stamp = _stamp(store, file)
    kept = _entries(store).get(file.filename)
    if isinstance(kept, dict) and kept.get("stamp") == stamp and "figures" in kept:
        return dict(kept["figures"])
    drawn = draw()
    if stamp is not None:
        # A folder that cannot be written, or busy: the figures are right all the same.
        with suppress(OSError, RecoveryError):
            keep(store, file, drawn, stamp)
    return drawn


def copyable(store: Store, file: JsonLinesFile, figures: Figures) -> bool:
    """Whether the lines of `file`, whose summary is `figures`, can be copied as they are
    (`Store.copyable`): remembered with the summary, found out (one scan of the file) the
    first time it is asked after the summary was drawn."""
    if COPYABLE not in figures:
        stamp = _stamp(store, file)
        figures[COPYABLE] = store.copyable(file)
        with suppress(OSError, RecoveryError):  # as for `figures`: right all the same
            keep(store, file, figures, stamp)
    return figures[COPYABLE] is True


def add_line(figures: Figures, line: str) -> None:
    """Count in a record line appended as it is: a copyable file (`COPYABLE`) stays so
    while its lines are (printable ASCII)."""
    if COPYABLE in figures:
        figures[COPYABLE] = figures[COPYABLE] is True and line.isascii() and line.isprintable()


def keep(store: Store, file: JsonLinesFile, drawn: Figures, stamp: list[int] | None = None) -> None:
    """Keep `drawn` as the figures of `file` as it is once the transaction under way has
    written it (or as it was at `stamp`), under the store's lock (taken here if the caller
    does not hold it). Nothing is kept for a sealed file without the key at hand (the
    digest could not be read, to keep the other files' figures)."""
    if store.sealed(file) and store.identity(ask=False) is None:
        return

    def write() -> None:
        entries = _entries(store)
        latest, writes = _pending(store)[file.filename]
        if writes == store.writes(file):
            entries[file.filename] = {"stamp": stamp or _stamp(store, file), "figures": latest}
        else:  # the file was written again after: its figures are drawn anew when read
            entries.pop(file.filename, None)
        document = {"schema_version": DIGEST_VERSION, "files": entries}
        content = json.dumps(document).encode("utf-8")
        recipient = store.recipient
        atomic_write(
            store.home / DIGEST_NAME,
            content if recipient is None else crypt.seal(content, [recipient]),
        )

    with store.transaction():
        pending = _pending(store)
        if file.filename not in pending:
            store.after_commit(write)
        pending[file.filename] = (drawn, store.writes(file))


def _stamp(store: Store, file: JsonLinesFile) -> list[int] | None:
    """The file's stamp (`Store.stamp`); for a sealed file, with the size and modification
    time of each segment waiting beside it, which records added without the key."""
    stamp = store.stamp(file)
    if stamp is None or not store.sealed(file):
        return stamp
    for segment in crypt.segments(store.home, file.filename):
        with suppress(FileNotFoundError):  # folded in meanwhile: the stamp will not match
            info = segment.stat()
            stamp += [info.st_size, info.st_mtime_ns]
    return stamp


def _pending(store: Store) -> dict[str, tuple[Figures, int]]:
    """The figures drawn in the transaction under way (with the number of writes to their
    file they take in), not written yet."""
    kept: dict[str, tuple[Figures, int]] = store.scratch.setdefault("digest", {})
    return kept


def _entries(store: Store) -> dict[str, Any]:
    """The summaries kept, or none when the digest is missing, unreadable or of another
    schema, or cannot be opened (sealed, and the key is not at hand or not its key; plain
    in a locked store; sealed in one that is not): it is only ever drawn again, never
    trusted over the records."""
    path = store.home / DIGEST_NAME
    try:
        raw = path.read_bytes()
        if crypt.is_sealed(raw) != (store.recipient is not None):
            return {}
        if crypt.is_sealed(raw):
            identity = store.identity(ask=False)
            if identity is None:
                return {}
            raw = crypt.open_sealed(raw, identity, path)
        document = json.loads(raw)
    except (OSError, ValueError, RecoveryError):
        return {}
    if not isinstance(document, dict) or document.get("schema_version") != DIGEST_VERSION:
        return {}
    entries = document.get("files")
    return entries if isinstance(entries, dict) else {}


def add_coping(totals: CopingTotals, coped: Sequence[str], drop: int | None) -> None:
    """Count one craving's drop for each strategy it used (once each, names matched without
    regard to case; the first spelling met is kept). A craving with no intensity
    afterwards counts for none."""
    if drop is None:
        return
    for key, name in {_key(name): name.strip() for name in reversed(coped) if name.strip()}.items():
        total = totals.setdefault(key, [name, 0, 0])
        total[1] += drop
        total[2] += 1


def add_day(runs: Runs, day: date) -> None:
    """Add `day` to `runs`; it comes after every day in them."""
    if runs and date.fromisoformat(runs[-1][1]) + timedelta(days=1) == day:
        runs[-1][1] = day.isoformat()
    else:
        runs.append([day.isoformat(), day.isoformat()])


def runs_of(days: Iterable[date]) -> Runs:
    """The runs of days in a row among `days` (in any order, repeats allowed)."""
    runs: Runs = []
    for day in sorted(set(days)):
        add_day(runs, day)
    return runs


def run_up_to(runs: Runs, day: date) -> Run | None:
    """The last run in `runs` that starts on or before `day`, cut at `day` (None: no day in
    `runs` is on or before it). Read from the end: days after `day` are few, if any."""
    iso = day.isoformat()
    for first, last in reversed(runs):
        if first <= iso:
            return date.fromisoformat(first), min(date.fromisoformat(last), day)
    return None


def days_of(runs: Runs) -> list[date]:
    """Every day in `runs`, in order."""
    days = []
    for first, last in runs:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        while day <= end:
            days.append(day)
            day += timedelta(days=1)
    return days


def _key(name: str) -> str:
    # The same rule as fields.same_name, as a dictionary key.
    return name.strip().casefold()
