"""`recovery backup` and `recovery restore`: all of the person's data as one file, and back;
`recovery doctor`: how the data folder is, and what can safely be done about it;
`recovery lock` and `recovery unlock`: the private records encrypted at rest."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from recovery_cli.commands.options import Json, Output
from recovery_cli.commands.session import (
    Session,
    confirm,
    console,
    is_interactive,
    passphrase,
    print_json,
    store_of,
    write_output,
)
from recovery_cli.store.errors import RecoveryError

if TYPE_CHECKING:
    from recovery_cli.reports.doctor import Finding


def backup_command(
    ctx: typer.Context,
    output: Output = None,
    encrypt: Annotated[
        bool, typer.Option("--encrypt", help="Encrypt the backup with a passphrase (age).")
    ] = False,
    recipient: Annotated[
        list[str] | None,
        typer.Option("--recipient", metavar="AGE1...", help="Encrypt to this age recipient."),
    ] = None,
    recipients_file: Annotated[
        Path | None,
        typer.Option(
            "--recipients-file", metavar="FILE", dir_okay=False, help="Recipients, one a line."
        ),
    ] = None,
) -> None:
    """Write all your data as one JSON file, to keep somewhere safe (encrypted with age
    when asked, and always when your records are locked)."""
    from recovery_cli.reports import backup

    store = store_of(ctx)
    if output is not None:
        backup.check_output(store, output)
    recipients = [*(recipient or []), *_recipients_in(recipients_file)]
    phrase = None
    if encrypt:
        given = _session(ctx).passphrase_file
        phrase = _needed(passphrase(given, twice=True, question="A passphrase for the backup"))
    elif store.recipient is not None and store.recipient not in recipients:
        recipients.append(store.recipient)  # a locked store's backup is always encrypted
    parts = backup.backup_parts(store)
    sealed = bool(recipients or phrase)
    write_output(
        output, backup.sealed(parts, recipients, phrase) if sealed else parts, plain=not sealed
    )
    if output is not None:
        from recovery_cli.views.data import render_backup_saved

        render_backup_saved(console(), output)


def restore_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", dir_okay=False, help="A file from recovery backup.")
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Replace the data already here (a copy is kept).")
    ] = False,
) -> None:
    """Bring back your data from a backup, once all of it has been checked."""
    from recovery_cli.reports import backup
    from recovery_cli.views.data import render_restored

    store = store_of(ctx)
    given = _session(ctx).passphrase_file

    def opener(sealed: bytes) -> bytes:
        from recovery_cli.store import crypt

        if crypt.by_passphrase(sealed):
            phrase = _needed(passphrase(given, question="The backup's passphrase"))
            return crypt.open_with_passphrase(sealed, phrase)
        return crypt.open_sealed(sealed, store.identity() or "", file)

    restored = backup.restore(store, file, replace=yes, opener=opener)
    render_restored(console(), restored, file)


def doctor_command(
    ctx: typer.Context,
    fix: Annotated[
        bool, typer.Option("--fix", help="Do what is safe about what was found.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Check your data folder, say what was found and what to do about it."""
    from recovery_cli.reports import doctor

    home = store_of(ctx).home
    examined = doctor.examine(home)
    fixed: list[str] = []
    if fix:
        fixed = doctor.fix(home, examined, _move_aside_confirmed)
        examined = doctor.examine(home)
    if as_json:
        print_json(examined.as_dict(fixed))
    else:
        from recovery_cli.views.data import render_doctor

        render_doctor(console(), examined, fixed)
    if not examined.healthy:
        raise typer.Exit(1)  # exits.USER_ERROR, which commands/ may not import


def _move_aside_confirmed(finding: Finding) -> bool:
    """Asked at a terminal only: without a person to say yes, nothing is moved."""
    from recovery_cli.reports.doctor import moved_aside

    if not is_interactive():
        return False
    aside = moved_aside(finding.path).name
    return confirm(
        f"{finding.path} cannot be read. Move it aside as {aside} (every byte is kept), "
        "so that recovery can start a new one?",
        default=False,
    )


def lock_command(
    ctx: typer.Context,
    off: Annotated[
        bool, typer.Option("--off", help="Turn encryption off: leave plain files again.")
    ] = False,
    now: Annotated[
        bool, typer.Option("--now", help="Forget the unlocked key now (see recovery unlock).")
    ] = False,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include",
            metavar="plan",
            help="Encrypt your plan too (plan show will then ask for the passphrase).",
        ),
    ] = None,
) -> None:
    """Encrypt your private records (check-ins, cravings, medication and doses, appointments,
    reflections)."""
    from recovery_cli.reports import privacy
    from recovery_cli.store import crypt
    from recovery_cli.views import data

    store = store_of(ctx)
    if now:
        data.render_forgotten(console(), crypt.forget())
        return
    given = _session(ctx).passphrase_file
    if off:
        phrase = _needed(passphrase(given))
        written = privacy.unlock_off(store, privacy.identity_of(store, phrase))
        crypt.forget()
        data.render_lock_off(console(), written)
        return
    if store.recipient is not None:
        raise RecoveryError("your records are already locked")
    chosen = privacy.includable(include or [])
    phrase = _needed(passphrase(given, twice=True, question="Choose a passphrase"))
    data.render_locked(console(), privacy.lock(store, phrase, chosen), plan_too=bool(chosen))


def unlock_command(
    ctx: typer.Context,
    keep_for: Annotated[
        str, typer.Option("--for", metavar="TIME", help="How long to stay unlocked (15m, 2h).")
    ] = "15m",
) -> None:
    """Unlock your records for a while, so that the next commands do not ask again."""
    from recovery_cli.reports import privacy
    from recovery_cli.store import crypt
    from recovery_cli.views import data

    store = store_of(ctx)
    seconds = privacy.parse_duration(keep_for)
    given = _session(ctx).passphrase_file
    identity = privacy.identity_of(store, _needed(passphrase(given)))
    data.render_unlocked(console(), crypt.remember(store.home, identity, seconds), seconds)


def _needed(phrase: str | None) -> str:
    """The passphrase, or the one line saying how to give one."""
    if phrase is None:
        raise RecoveryError(
            "a passphrase is needed: run this at a terminal, or give --passphrase-file FILE "
            "(or RECOVERY_PASSPHRASE_FILE)"
        )
    return phrase


def _session(ctx: typer.Context) -> Session:
    session = ctx.find_object(Session)
    if session is None:  # a command invoked outside the app; a programming mistake
        raise RuntimeError("the recovery app callback did not run")
    return session


def _recipients_in(path: Path | None) -> list[str]:
    """The age recipients in a file, one a line (blank lines and # comments skipped)."""
    if path is None:
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RecoveryError(f"cannot read {path}: {exc}") from None
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
