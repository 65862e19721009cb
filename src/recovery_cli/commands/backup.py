"""`recovery backup` and `recovery restore`: all of the person's data as one file, and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recovery_cli.commands.options import Output
from recovery_cli.commands.session import console, store_of, write_output


def backup_command(
    ctx: typer.Context,
    output: Output = None,
) -> None:
    """Write all your data as one JSON file, to keep somewhere safe."""
    from recovery_cli.reports import backup

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
