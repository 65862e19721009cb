"""`recovery lock` and `recovery unlock`: turning encryption at rest on and off.

Locking is one transaction (see `store/journal.py`): the key files and every private file,
sealed, appear together, or nothing changes; unlocking likewise leaves plain files again.
Which files are private is a property of each data file (`DataFile.private`); the list of
data files is the backup's (`reports/backup.py`). The plan sheet and the meetings stay
plain, so that a craving never meets a password prompt, unless the person includes the
plan (`INCLUDABLE`; the names are kept in `crypt.INCLUDED_NAME`).
"""

from __future__ import annotations

from collections.abc import Sequence

from recovery_cli.log.digest import DIGEST_NAME
from recovery_cli.plan.plan import PLAN_FILE
from recovery_cli.reports.backup import DATA_FILES
from recovery_cli.store import crypt
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.files import DataFile, Store

MIN_PASSPHRASE = 8
INCLUDABLE: dict[str, DataFile] = {"plan": PLAN_FILE}


def sealed_files(store: Store) -> list[DataFile]:
    """The data files this store seals once locked: the private ones and those included."""
    return [kept.file for kept in DATA_FILES if store.private(kept.file)]


def includable(names: Sequence[str]) -> list[str]:
    """The names given to `lock --include`, checked before anything is asked."""
    for name in names:
        if name.strip().lower() not in INCLUDABLE:
            raise RecoveryError(
                f"{name!r} cannot be included; `--include` takes {', '.join(INCLUDABLE)}"
            )
    return [name.strip().lower() for name in names]


def check_passphrase(passphrase: str) -> str:
    """A new passphrase, refused when it is too short to protect anything."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise RecoveryError(
            f"please choose a passphrase of at least {MIN_PASSPHRASE} characters; "
            "nothing was changed"
        )
    return passphrase


def lock(store: Store, passphrase: str, include: Sequence[str] = ()) -> str:
    """Seal the private files, and those named in `include` (keys of `INCLUDABLE`), with
    a new key kept under `passphrase`; the key (the recovery key), never shown again."""
    check_passphrase(passphrase)
    included = frozenset(INCLUDABLE[name].filename for name in include)
    with store.transaction():
        if store.recipient is not None:
            raise RecoveryError("your records are already locked")
        identity, recipient = crypt.new_identity()
        store.put(crypt.IDENTITY_NAME, crypt.wrapped_identity(identity, passphrase))
        store.put(crypt.RECIPIENT_NAME, f"{recipient}\n".encode("ascii"))
        if (store.home / DIGEST_NAME).exists():  # its figures are drawn from private records
            store.put(DIGEST_NAME, None)
        if included:
            store.put(crypt.INCLUDED_NAME, "".join(f"{n}\n" for n in sorted(included)).encode())
        store.seal_to(recipient, included)
        for file in sealed_files(store):
            store.rewrite(file)
    return identity


def unlock_off(store: Store, identity: str) -> list[str]:
    """Leave every private file plain again and remove the key files; the files written."""
    with store.transaction():
        recipient = store.recipient
        if recipient is None:
            raise RecoveryError("your records are not locked")
        crypt.check_identity(identity, recipient)
        store.unlock = lambda ask: identity
        written = []
        for file in sealed_files(store):
            store.rewrite(file)  # read sealed (segments folded in), staged plain
            if store.exists(file):
                written.append(file.filename)
        store.seal_to(None)
        store.put(crypt.INCLUDED_NAME, None)
        store.put(crypt.IDENTITY_NAME, None)
        store.put(crypt.RECIPIENT_NAME, None)
    return written


def identity_of(store: Store, passphrase: str) -> str:
    """The locked store's secret key, opened with the passphrase."""
    if store.recipient is None:
        raise RecoveryError("your records are not locked; there is nothing to unlock")
    return crypt.unwrap_identity(store.home, passphrase)


def parse_duration(text: str) -> int:
    """Seconds in "15m", "2h", "90s" or "1h30m"."""
    import re

    parts = re.fullmatch(r"\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\s*", text.lower())
    if parts is None or not any(parts.groups()):
        raise RecoveryError(f"{text!r} is not a length of time; try 15m, 2h or 1h30m")
    hours, minutes, seconds = (int(value or 0) for value in parts.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if not 0 < total <= 24 * 3600:
        raise RecoveryError("please keep your records unlocked for no more than a day (24h)")
    return total
