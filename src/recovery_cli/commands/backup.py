"""`recovery backup` and `recovery restore`: the whole data folder as one JSON file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recovery_cli import clock
from recovery_cli.commands.common import console, store_of, write_output
from recovery_cli.errors import RecoveryError
from recovery_cli.views.text import safe


def backup_command(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", dir_okay=False, help="Write to FILE (default: print)."
        ),
    ] = None,
) -> None:
    """Everything you keep (profile, plan, check-ins, meetings, notes) as one JSON file."""
    from recovery_cli.backup import backup_text

    text = backup_text(store_of(ctx), clock.now())
    if output is None:
        typer.echo(text, nl=False)
        return
    write_output(output, text)
    console().print(
        f"Saved a backup of everything to {safe(str(output))}. It holds your notes: keep it "
        "somewhere private."
    )


def restore_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", dir_okay=False, help="A file made by recovery backup.")
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Replace the data that is there now.")
    ] = False,
) -> None:
    """Put back everything from a backup. Existing data is replaced only with --yes, and a
    copy of it is kept in the data folder first."""
    from recovery_cli.backup import check_backup, restore

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise RecoveryError(f"cannot read {file}: {problem}; nothing was changed") from None
    contents = check_backup(text, str(file))
    done = restore(store_of(ctx), contents, clock.now(), replace=yes)
    out = console()
    count = len(done.files)
    out.print(f"Restored {count} {'file' if count == 1 else 'files'} from {safe(str(file))}.")
    if done.kept_copy is not None:
        out.print(f"The data that was there before is kept in {safe(str(done.kept_copy))}.")
