"""`recovery export`: the summary of a period as Markdown, HTML, JSON or CSV."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from recovery_cli.commands.common import console
from recovery_cli.commands.summary import NoNotesOption, SinceOption, UntilOption, summary_for
from recovery_cli.errors import RecoveryError
from recovery_cli.views.text import safe


class Format(StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"


def export_command(
    ctx: typer.Context,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown, html, json or csv (default: from the --output name, else markdown).",
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    no_notes: NoNotesOption = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", dir_okay=False, help="Write to FILE (default: print)."
        ),
    ] = None,
) -> None:
    """Your summary of a period, to print, send or keep. Only you decide who sees it."""
    from recovery_cli.exporters import exporter, format_of

    name = format.value if format else (format_of(output) if output else None)
    if format is None and output is not None and name is None:
        raise RecoveryError(
            f"cannot tell the format from {output.name!r}; add --format markdown, html, json "
            "or csv, or name the file .md, .html, .json or .csv"
        )
    name = name or "markdown"
    summary = summary_for(ctx, since, until, include_notes=not no_notes)
    text = exporter(name)(summary)
    if output is None:
        typer.echo(text, nl=False)
        return
    from recovery_cli.store import write_private

    write_private(output, text.encode("utf-8"))
    notes = "without your notes" if no_notes else "with your notes"
    console().print(
        f"Saved the summary ({name}, {notes}) to {safe(str(output))}. It stays on this computer "
        "until you share it."
    )
