"""`recovery backup` and `recovery restore`: all of the person's data as one file, and back;
`recovery doctor`: how the data folder is, and what can safely be done about it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from recovery_cli.commands.options import Output
from recovery_cli.commands.session import (
    confirm,
    console,
    is_interactive,
    print_json,
    store_of,
    write_output,
)

if TYPE_CHECKING:
    from recovery_cli.reports.doctor import Finding


def backup_command(
    ctx: typer.Context,
    output: Output = None,
) -> None:
    """Write all your data as one JSON file, to keep somewhere safe."""
    from recovery_cli.reports import backup

    if output is not None:
        backup.check_output(store_of(ctx), output)
    text = backup.dumps(backup.backup_document(store_of(ctx)))
    write_output(output, text)
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

    restored = backup.restore(store_of(ctx), file, replace=yes)
    render_restored(console(), restored, file)


def doctor_command(
    ctx: typer.Context,
    fix: Annotated[
        bool, typer.Option("--fix", help="Do what is safe about what was found.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Say it as JSON.")] = False,
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
