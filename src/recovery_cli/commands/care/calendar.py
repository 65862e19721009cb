"""`recovery calendar export`: meetings and appointments together as one iCalendar file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from recovery_cli.commands.options import Output, Remind
from recovery_cli.commands.session import console, store_of, write_output

if TYPE_CHECKING:
    from recovery_cli.meetings.calendar import CalendarEntry
    from recovery_cli.store.files import Store

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
    output: Output = None,
    remind: Remind = None,
    checkin_reminder: Annotated[
        str | None,
        typer.Option(
            "--checkin-reminder",
            metavar="HH:MM",
            help="Add a daily 'Check in with recovery' event with an alarm at this time.",
        ),
    ] = None,
) -> None:
    """Meetings and appointments as one iCalendar (.ics) file, cancelled dates left out."""
    from recovery_cli.care.appointments import calendar_entries, load_book
    from recovery_cli.meetings.calendar import entries_to_ical, meeting_entry
    from recovery_cli.meetings.meetings import load_meetings
    from recovery_cli.store import clock

    store = store_of(ctx)
    meetings = [meeting_entry(m) for m in load_meetings(store).meetings if m.active]
    appointments = calendar_entries(load_book(store))
    entries = meetings + appointments
    if checkin_reminder is not None:
        entries.append(_reminder(store, checkin_reminder))
    text = entries_to_ical(entries, stamp=clock.now(), remind_minutes=remind, name="Recovery")
    write_output(output, text)
    if output is None:
        return
    from recovery_cli.views.care.appointments import render_calendar_written

    render_calendar_written(console(), len(meetings), len(appointments), output)


def _reminder(store: Store, at: str) -> CalendarEntry:
    from recovery_cli.meetings.calendar import checkin_reminder
    from recovery_cli.store.dates import parse_time
    from recovery_cli.store.profile import here, load_profile

    zone, now = here(load_profile(store))
    return checkin_reminder(parse_time(at), now.date(), zone)
