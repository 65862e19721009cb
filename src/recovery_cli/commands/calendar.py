"""`recovery calendar export`: meetings and appointments together as one iCalendar file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recovery_cli.commands.session import console, store_of, write_output
from recovery_cli.store.words import counted
from recovery_cli.views.text import safe

app = typer.Typer(
    help="Your meetings and appointments together in your phone or computer calendar.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.callback()
def calendar_command() -> None:
    """Your meetings and appointments together in your phone or computer calendar."""


@app.command("export")
def export_command(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="File to write (default: print it)."),
    ] = None,
    remind: Annotated[
        int | None, typer.Option(metavar="MINUTES", help="Add a reminder this many minutes before.")
    ] = None,
) -> None:
    """Meetings and appointments as one iCalendar (.ics) file, cancelled dates left out."""
    from recovery_cli.care.appointments import calendar_entries, load_book
    from recovery_cli.meetings.calendar import entries_to_ical, meeting_entry
    from recovery_cli.meetings.meetings import load_meetings
    from recovery_cli.store import clock

    store = store_of(ctx)
    meetings = [meeting_entry(meeting) for meeting in load_meetings(store).meetings]
    appointments = calendar_entries(load_book(store))
    entries = meetings + appointments
    text = entries_to_ical(entries, stamp=clock.now(), remind_minutes=remind, name="Recovery")
    if output is None:
        typer.echo(text, nl=False)
        return
    write_output(output, text)
    console().print(
        f"Wrote {counted(len(meetings), 'meeting')} and "
        f"{counted(len(appointments), 'appointment')} to {safe(str(output))}."
    )
