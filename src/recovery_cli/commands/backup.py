"""`recovery backup` and `recovery restore`: all of the person's data as one file, and back."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from recovery_cli.commands.session import store_of, write_output
from recovery_cli.views.text import plain


def backup_command(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write the backup to FILE (default: standard output).",
        ),
    ] = None,
) -> None:
    """Write all your data as one JSON file, to keep somewhere safe."""
    from recovery_cli.reports import backup

    text = backup.dumps(backup.backup_document(store_of(ctx)))
    if output is None:
        sys.stdout.write(text)
        return
    write_output(output, text)
    typer.echo(
        f"Saved a backup of all your data to {plain(str(output))}. "
        "It holds your notes, so keep it somewhere private."
    )


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

    restored = backup.restore(store_of(ctx), file, replace=yes)
    typer.echo(f"Restored {', '.join(restored.files)} from {plain(str(file))}.")
    if restored.replaced is not None:
        typer.echo(f"What was here before is kept in {plain(str(restored.replaced))}.")
