"""Encryption at rest with age (pyrage): the store's key, sealing and opening, the session.

A locked data folder holds `recipient.txt` (the public key, `age1...`, in plain text, so
that any write can seal without asking) and `identity.age` (the secret key,
`AGE-SECRET-KEY-1...`, encrypted with the person's passphrase by age's scrypt). Private
files are whole age files, readable with the `age` or `rage` tools and either the recovery
key or, through `identity.age`, the passphrase. A record added while the secret key is not
at hand is sealed on its own as a segment (`<name>.seg-<n>.age`), which the next read
with the key folds into the file.

`recovery unlock` keeps the secret key for a while in a per-user runtime folder
(`$XDG_RUNTIME_DIR/recovery-<uid>/identity`, mode 0600, which the system empties at
logout); without XDG_RUNTIME_DIR there is no session and each read asks. No cryptography
is written here: everything is age's.
"""

from __future__ import annotations

import json
import os
import re
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from recovery_cli.store import journal
from recovery_cli.store.errors import RecoveryError

IDENTITY_NAME = "identity.age"
RECIPIENT_NAME = "recipient.txt"
INCLUDED_NAME = "sealed-too.txt"  # files sealed beyond the private ones (`lock --include`)
MAGIC = b"age-encryption.org/v1\n"
_PASSPHRASE_STANZA = b"-> scrypt "
_SEGMENT = re.compile(r"^(?P<name>.+)\.seg-(?P<number>\d+)\.age$")
SESSION_SECONDS = 15 * 60

WRONG_PASSPHRASE = "that passphrase does not open your records; nothing was changed"


def is_sealed(content: bytes) -> bool:
    """True when `content` is an age file."""
    return content.startswith(MAGIC)


def by_passphrase(content: bytes) -> bool:
    """True when an age file was sealed with a passphrase (not to a recipient)."""
    return is_sealed(content) and content[len(MAGIC) :].startswith(_PASSPHRASE_STANZA)


def new_identity() -> tuple[str, str]:
    """A new age key pair: the secret key and its public recipient."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def recipient_of(home: Path) -> str | None:
    """The recipient a locked data folder seals to; None when it is not locked."""
    try:
        return (home / RECIPIENT_NAME).read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise RecoveryError(f"cannot read {home / RECIPIENT_NAME}: {exc}") from None


def included_in(home: Path) -> frozenset[str]:
    """The names of the files a locked data folder seals beside its private ones."""
    try:
        text = (home / INCLUDED_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    except (OSError, UnicodeDecodeError) as exc:
        raise RecoveryError(f"cannot read {home / INCLUDED_NAME}: {exc}") from None
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def seal(content: bytes, recipients: list[str]) -> bytes:
    """`content` encrypted to each of `recipients` (`age1...`)."""
    import pyrage

    try:
        keys = [pyrage.x25519.Recipient.from_str(recipient) for recipient in recipients]
    except pyrage.RecipientError:
        raise RecoveryError(
            f"{', '.join(recipients)} is not an age recipient (they start with age1)"
        ) from None
    return bytes(pyrage.encrypt(content, keys))


def open_sealed(content: bytes, identity: str, where: Path) -> bytes:
    """An age file's content, opened with the secret key `identity`."""
    import pyrage

    try:
        return bytes(pyrage.decrypt(content, [_identity(identity)]))
    except pyrage.DecryptError:
        raise RecoveryError(
            f"{where} cannot be opened with your key; it may have been sealed with another "
            "one, or be damaged. Run `recovery doctor`"
        ) from None


def seal_with_passphrase(content: bytes, passphrase: str) -> bytes:
    import pyrage

    return bytes(pyrage.passphrase.encrypt(content, passphrase))


def open_with_passphrase(content: bytes, passphrase: str) -> bytes:
    """An age file sealed with a passphrase, opened; a wrong passphrase is one plain line."""
    import pyrage

    try:
        return bytes(pyrage.passphrase.decrypt(content, passphrase))
    except pyrage.DecryptError:
        raise RecoveryError(WRONG_PASSPHRASE) from None


def wrapped_identity(identity: str, passphrase: str) -> bytes:
    """What `identity.age` holds: the secret key sealed with the passphrase."""
    return seal_with_passphrase(identity.encode("ascii") + b"\n", passphrase)


def unwrap_identity(home: Path, passphrase: str) -> str:
    """The data folder's secret key, opened with the passphrase."""
    try:
        wrapped = (home / IDENTITY_NAME).read_bytes()
    except FileNotFoundError:
        raise RecoveryError(
            f"{home / IDENTITY_NAME} is missing; open your records with the recovery key "
            "(see README, Privacy)"
        ) from None
    return open_with_passphrase(wrapped, passphrase).decode("ascii").strip()


def check_identity(identity: str, recipient: str) -> str:
    """`identity` when it is the secret key of `recipient`."""
    if str(_identity(identity).to_public()) != recipient:
        raise RecoveryError("that key is not the key of this data folder; nothing was changed")
    return identity


def _identity(identity: str) -> Any:
    import pyrage

    try:
        return pyrage.x25519.Identity.from_str(identity.strip())
    except pyrage.IdentityError:
        raise RecoveryError("that is not an age secret key (AGE-SECRET-KEY-1...)") from None


def segments(home: Path, name: str) -> list[Path]:
    """The sealed segments waiting to be folded into the file `name`, oldest first."""
    found = []
    with suppress(FileNotFoundError):
        for path in home.iterdir():
            match = _SEGMENT.match(path.name)
            if match and match.group("name") == name:
                found.append((int(match.group("number")), path))
    return [path for _, path in sorted(found)]


def all_segments(home: Path) -> list[Path]:
    """Every sealed segment in the data folder."""
    if not home.is_dir():
        return []
    return sorted(path for path in home.iterdir() if _SEGMENT.match(path.name))


def next_segment_name(home: Path, name: str, taken: int = 0) -> str:
    """The name of a new segment of `name`, after those on disk and `taken` more."""
    last = segments(home, name)
    number = int(_SEGMENT.match(last[-1].name).group("number")) if last else 0  # type: ignore[union-attr]
    return f"{name}.seg-{number + 1 + taken}.age"


# The session: the secret key kept for a while after `recovery unlock`.


def session_path() -> Path | None:
    """Where the unlocked key is kept; None where there is no per-user runtime folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime or not Path(runtime).is_dir():
        return None
    return Path(runtime) / f"recovery-{os.getuid()}" / "identity"


def remember(home: Path, identity: str, seconds: int) -> bool:
    """Keep the key for `seconds`; False when this computer has no place for a session."""
    path = session_path()
    if path is None:
        return False
    path.parent.mkdir(mode=0o700, exist_ok=True)
    os.chmod(path.parent, 0o700)
    document = {"home": str(home.resolve()), "identity": identity, "until": time.time() + seconds}
    temporary = journal.write_temporary(path, json.dumps(document).encode("utf-8"))
    os.replace(temporary, path)
    return True


def remembered(home: Path) -> str | None:
    """The key `recovery unlock` kept for this data folder, if it has not expired."""
    path = session_path()
    if path is None:
        return None
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("home") != str(home.resolve()):
        return None
    until = document.get("until")
    if not isinstance(until, (int, float)) or until < time.time():
        forget()
        return None
    identity = document.get("identity")
    return identity if isinstance(identity, str) else None


def forget() -> bool:
    """Forget the kept key; True when there was one."""
    path = session_path()
    if path is None or not path.exists():
        return False
    path.unlink()
    return True
