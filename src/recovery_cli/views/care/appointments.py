"""Rich renderers for appointments: what is coming up, the list, and what was noted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from rich.console import Console

from recovery_cli.care import medicine
from recovery_cli.care.appointments import Appointment, Visit
from recovery_cli.meetings.schedule import describe_rule
from recovery_cli.store.words import counted
from recovery_cli.views.meetings import day_label
from recovery_cli.views.text import add_columns, one_line, safe

_CLINIC_KINDS = ("prescriber", "clinic", "injection")


def render_upcoming(out: Console, visits: Sequence[Visit], now: datetime, days: int) -> None:
    """The coming occurrences: day, time, title, kind, with whom, where or link."""
    if not visits:
        out.print(
            f"No appointments in the next {counted(days, 'day')}. Add one with "
            '[bold]recovery appointments add TITLE --at "DATE HH:MM"[/bold].'
        )
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    add_columns(table, ("Day", "Time", "Appointment", "", "With", "Where"), overflow="ellipsis")
    for visit in visits:
        appointment = visit.appointment
        table.add_row(
            day_label(visit.start, now),
            f"{visit.start:%H:%M}",
            safe(one_line(appointment.title, 40)),
            appointment.kind,
            safe(one_line(appointment.with_whom, 24)),
            safe(one_line(place(appointment), 40)),
        )
    out.print(table)


def visit_line(visit: Visit, now: datetime) -> str:
    """One occurrence on one line, for the dashboard: what, when, with whom, where."""
    appointment = visit.appointment
    with_whom = (
        f" with {safe(one_line(appointment.with_whom, 30))}" if appointment.with_whom else ""
    )
    where = place(appointment)
    at = f", {safe(one_line(where, 48))}" if where else ""
    return (
        f"[bold]{safe(one_line(appointment.title, 40))}[/bold] ({appointment.kind}){with_whom}, "
        f"{day_label(visit.start, now)} at {visit.start:%H:%M}{at}."
    )


def place(appointment: Appointment) -> str:
    """Where it is, its link, or both."""
    parts = [part for part in (appointment.where, appointment.url) if part]
    return " · ".join(parts)


def next_label(appointment: Appointment, visit: Visit | None) -> str:
    """ "next due Fri 18 Dec 10:00" for an injection, "next Fri 18 Dec 10:00" otherwise,
    in the appointment's own zone, as the person entered it."""
    if visit is None:
        return "nothing ahead"
    word = "next due" if appointment.kind == "injection" else "next"
    return f"{word} {visit.start:%a %d %b %Y %H:%M}"


def render_list(out: Console, rows: Sequence[tuple[Appointment, Visit | None]]) -> None:
    """Every appointment with when it recurs, with whom, where, and when the next one is."""
    if not rows:
        out.print(
            "No appointments yet. Add one with "
            '[bold]recovery appointments add TITLE --at "DATE HH:MM"[/bold].'
        )
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    add_columns(table, ("Appointment", "", "When", "Time", "With", "Next"), overflow="ellipsis")
    for appointment, visit in rows:
        table.add_row(
            safe(one_line(appointment.title, 40)),
            appointment.kind,
            safe(describe_rule(appointment)),
            f"{appointment.time:%H:%M} {appointment.timezone}",
            safe(one_line(appointment.with_whom, 24)),
            next_label(appointment, visit),
        )
    out.print(table)


def render_saved(out: Console, appointment: Appointment, verb: str) -> None:
    """Confirm an appointment was added or changed, saying when it is."""
    out.print(
        f"{verb} [bold]{safe(appointment.title)}[/bold] ({appointment.kind}): "
        f"{safe(describe_rule(appointment))} at {appointment.time:%H:%M} "
        f"({appointment.timezone})."
    )


def render_noted(out: Console, appointment: Appointment, day: date, outcome: str) -> None:
    """Say what was noted and for which date, kindly; a missed clinic, prescriber or
    injection appointment comes with the advice to call before the next dose."""
    title, when = f"[bold]{safe(appointment.title)}[/bold]", f"{day:%a %d %B %Y}"
    if outcome == "done":
        out.print(f"Well done for going to {title} on {when}. It is noted as kept.")
    elif outcome == "cancelled":
        out.print(f"{title} on {when} is noted as cancelled; it will not show as coming up.")
    else:
        out.print(
            f"{title} on {when} is noted as missed. If you can, let them know "
            "and book another time."
        )
        if appointment.kind in _CLINIC_KINDS:
            out.print(medicine.MISSED_APPOINTMENT)


def render_removed(out: Console, appointment: Appointment) -> None:
    out.print(f"Removed {safe(appointment.title)}. What you noted about it (kept, missed) is kept.")


def render_nothing_removed(out: Console) -> None:
    out.print("Nothing was removed.")


def render_calendar_written(out: Console, meetings: int, appointments: int, path: Path) -> None:
    out.print(
        f"Wrote {counted(meetings, 'meeting')} and {counted(appointments, 'appointment')} "
        f"to {safe(str(path))}."
    )
