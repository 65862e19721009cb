"""What every command shares: the store for this run, the consoles, and asking questions.

Typer is imported only inside the functions that need it, so that `plan show` can use
this module from the launcher without loading Typer (see launch.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.files import Store

if TYPE_CHECKING:
    import typer
    from rich.console import Console

T = TypeVar("T")


@dataclass
class Session:
    """Set up by the global options, handed to every command through `ctx.obj`."""

    store: Store
    debug: bool = False
    passphrase_file: Path | None = None

    def read_passphrase_from(self, path: Path) -> None:
        """Take the passphrase from the file `path` (`--passphrase-file` given after a
        command's name, as it may be before it)."""
        self.passphrase_file = path
        self.store.unlock = unlocker(self.store.home, path)


PASSPHRASE_ENV = "RECOVERY_PASSPHRASE_FILE"


def store_of(ctx: typer.Context) -> Store:
    session = ctx.find_object(Session)
    if session is None:  # a command invoked outside the app; a programming mistake
        raise RuntimeError("the recovery app callback did not run")
    return session.store


def console(*, stderr: bool = False) -> Console:
    """The console for a command's output, or with `stderr` for what is said beside it
    (Rich honours NO_COLOR by itself).

    Text sent to a file or another program is not wrapped at the console's width: each
    line stays whole, for the reader's own window to wrap (tables keep their width).
    Emoji codes are left as typed: a note saying ":pill:" reads ":pill:"."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(highlight=False, emoji=False, stderr=stderr, soft_wrap=not stream.isatty())


def is_interactive() -> bool:
    """True when a person is at a terminal to answer questions."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask(question: str, parse: Callable[[str], T], default: str = "") -> T:
    """Ask until the answer parses; a mistake is explained and the question asked again."""
    import typer

    while True:
        answer: str = typer.prompt(question, default=default, show_default=bool(default))
        try:
            return parse(answer)
        except RecoveryError as exc:
            typer.echo(f"  {exc}", err=True)


def confirm(question: str, default: bool) -> bool:
    """A yes-or-no question; Enter takes `default`, and anything but yes/y/no/n is asked
    again with a word of help (never "Error: invalid input")."""
    answers = {"y": True, "yes": True, "n": False, "no": False}

    def parse(answer: str) -> bool:
        answer = answer.strip().casefold()
        if not answer:
            return default
        if answer not in answers:
            raise RecoveryError("please answer yes or no (y or n)")
        return answers[answer]

    return ask(f"{question} [{'Y/n' if default else 'y/N'}]", parse)


def print_json(value: object) -> None:
    """Machine-readable output, every control character in text written as a `\\u` escape."""
    from recovery_cli.store.sanitise import json_text

    print(json_text(value))


def write_output(
    path: Path | None, text: str | bytes | Sequence[bytes | memoryview], *, plain: bool = True
) -> None:
    """Write an export or a backup (as text, bytes, or bytes in pieces, written in order
    without joining them) to standard output (no `path`), or to a file the way the store
    writes its own: atomically and readable by the person alone (it holds their private
    data). A `plain` (not encrypted) file written inside a folder that looks synced says
    so, on standard error."""
    from recovery_cli.store.files import atomic_write
    from recovery_cli.store.paths import synced_service

    content = text.encode("utf-8") if isinstance(text, str) else text
    if path is None:
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.writelines([content] if isinstance(content, bytes) else content)
        return
    try:
        atomic_write(path, content)
    except OSError as exc:
        raise RecoveryError(f"could not write {path}: {exc.strerror or exc}") from None
    service = synced_service(path) if plain else None
    if service is not None:
        from recovery_cli.views.data import render_synced_note

        render_synced_note(console(stderr=True), path, service)


def passphrase(
    path: Path | None, *, ask: bool = True, twice: bool = False, question: str = "Passphrase"
) -> str | None:
    """The passphrase from `path` (or the file $RECOVERY_PASSPHRASE_FILE names), else typed
    at a terminal when `ask` (`twice` for a new one), never shown; None when none can be had.
    It is never taken from the command line, where other programs could see it."""
    import os

    found = path or (Path(os.environ[PASSPHRASE_ENV]) if os.environ.get(PASSPHRASE_ENV) else None)
    if found is not None:
        try:
            return found.read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise RecoveryError(f"cannot read the passphrase file {found}: {exc}") from None
    if not ask or not sys.stdin.isatty():
        return None
    from getpass import getpass

    typed = getpass(f"{question}: ")
    if twice and getpass("The same again, to be sure: ") != typed:
        raise RecoveryError("the two passphrases differ; nothing was changed")
    return typed


def unlocker(home: Path, path: Path | None) -> Callable[[bool], str | None]:
    """What gives a locked store its key: the session `recovery unlock` keeps, else the
    passphrase (a file, or asked at a terminal when the store may ask)."""

    def unlock(ask: bool) -> str | None:
        from recovery_cli.store import crypt

        kept = crypt.remembered(home)
        if kept is not None:
            return kept
        typed = passphrase(path, ask=ask, question="Passphrase for your records")
        return None if typed is None else crypt.unwrap_identity(home, typed)

    return unlock
