"""`recovery summary` and `recovery export`: the counsellor summary of a period, in the
terminal or as a file to share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recovery_cli.commands.options import Include, Included, Since, Until
from recovery_cli.commands.session import console, store_of, write_output
from recovery_cli.reports.summary import (
    AUDIENCES,
    Summary,
    check_includes,
    for_supporter,
    load_summary,
)
from recovery_cli.store.dates import parse_period
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.profile import here, load_profile

NoNotes = Annotated[bool, typer.Option("--no-notes", help="Leave out every note you wrote.")]
FORMATS = ("markdown", "html", "json", "csv")
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
}


def summary_command(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    no_notes: NoNotes = False,
    include: Include = None,
) -> None:
    """A summary of a period to talk through with your counsellor."""
    from recovery_cli.views.summary import render_summary

    render_summary(console(), _summary(ctx, since, until, no_notes, include))


def export_command(
    ctx: typer.Context,
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="markdown, html, json or csv (default: from the file name, else markdown).",
        ),
    ] = None,
    since: Since = None,
    until: Until = None,
    no_notes: NoNotes = False,
    audience: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="WHO",
            help="counsellor (the full summary) or supporter (a shorter page for family or "
            "a friend: clean time, meetings and the notes you shared).",
        ),
    ] = "counsellor",
    include: Include = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (default: print)."),
    ] = None,
) -> None:
    """The summary of a period as a file to share: Markdown, HTML, JSON or CSV."""
    chosen = _format(format_name, output)
    who = _audience(audience)
    summary = _summary(ctx, since, until, no_notes, include)
    if who == "supporter":
        from recovery_cli.views.summary import render_parts

        summary = for_supporter(summary, check_includes(include))
        render_parts(console(stderr=True), summary.parts)
    text = _exported(chosen, summary)
    write_output(output, text)
    if output is None:
        return
    from recovery_cli.views.summary import render_export_written

    render_export_written(console(stderr=True), output, chosen)


def _summary(
    ctx: typer.Context,
    since: str | None,
    until: str | None,
    no_notes: bool,
    include: list[Included] | None,
) -> Summary:
    store = store_of(ctx)
    profile = load_profile(store)
    if profile is None:
        raise RecoveryError("nothing is set up yet; run recovery init first")
    zone, now = here(profile)
    period = parse_period(since, until, now.date())
    chosen = {str(name) for name in include or ()}
    return load_summary(store, profile, period, now, zone, notes=not no_notes, include=chosen)


def _audience(text: str) -> str:
    wanted = text.strip().lower()
    if wanted not in AUDIENCES:
        raise RecoveryError(f"--for takes {' or '.join(AUDIENCES)}, got {text!r}")
    return wanted


def _format(name: str | None, output: Path | None) -> str:
    if name is not None:
        wanted = name.strip().lower()
        if wanted == "md":
            wanted = "markdown"
        if wanted not in FORMATS:
            raise RecoveryError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}")
        return wanted
    if output is not None and output.suffix.lower() in SUFFIXES:
        return SUFFIXES[output.suffix.lower()]
    if output is not None and output.suffix:
        raise RecoveryError(
            f"cannot tell the format from {output.name!r}; add --format ({', '.join(FORMATS)})"
        )
    return "markdown"


def _exported(format_name: str, summary: Summary) -> str:
    # Each exporter is imported only when asked for.
    if format_name == "html":
        from recovery_cli.exporters.to_html import export_html

        return export_html(summary)
    if format_name == "json":
        from recovery_cli.exporters.to_json import export_json

        return export_json(summary)
    if format_name == "csv":
        from recovery_cli.exporters.to_csv import export_csv

        return export_csv(summary)
    from recovery_cli.exporters.to_markdown import export_markdown

    return export_markdown(summary)
