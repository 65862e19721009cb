"""The dashboard: clean time, milestones and what today holds."""

from __future__ import annotations

from datetime import date, datetime

from rich.console import Console

from recovery_cli.log.cleantime import CleanTime, describe
from recovery_cli.reports.dashboard import Overview
from recovery_cli.store.words import counted
from recovery_cli.views.sparkline import sparkline
from recovery_cli.views.text import one_line, safe


def render_dashboard(out: Console, overview: Overview, now: datetime, *, set_up: bool) -> None:
    if not set_up:
        out.print(
            "Welcome. Nothing is set up yet. Run [bold]recovery init[/bold] to begin; "
            "it takes a minute and everything stays on this computer."
        )
        return
    greeting = f"Hello, {safe(overview.name)}." if overview.name else "Hello."
    out.print(f"[bold]{greeting}[/bold]")
    if overview.clean_time is None or overview.clean_date is None:
        out.print(
            "No clean date is set. Add one with [bold]recovery init --clean-date DATE[/bold]."
        )
    else:
        _render_clean_time(out, overview, overview.clean_time, overview.clean_date)
    _render_checkins(out, overview)
    _render_watch(out, overview)
    _render_meetings(out, overview, now)
    _render_history(out, overview)


def _render_clean_time(out: Console, overview: Overview, time: CleanTime, since: date) -> None:
    out.print(
        f"Clean time: [bold green]{describe(time)}[/bold green] "
        f"since {since:%d %B %Y} ({counted(time.total_days, 'day')})."
    )
    if overview.last_milestone is not None:
        last = overview.last_milestone
        when = "today!" if last.date == overview.today else f"on {last.date:%d %B %Y}"
        out.print(f"Last milestone: {last.name}, {when}")
    if overview.next_milestone is not None:
        upcoming = overview.next_milestone
        to_go = (upcoming.date - overview.today).days
        out.print(
            f"Next milestone: {upcoming.name} on {upcoming.date:%d %B %Y} "
            f"({counted(to_go, 'day')} to go)."
        )


def _render_checkins(out: Console, overview: Overview) -> None:
    if overview.checked_in_today:
        today = "Today's check-in is done."
    else:
        today = "No check-in yet today; [bold]recovery log[/bold] takes a few seconds."
    days = overview.streak_days
    streak = f" Check-in streak: {counted(days, 'day')}." if days else ""
    out.print(today + streak)
    if any(v is not None for v in (*overview.moods, *overview.cravings)):
        out.print(f"Mood, last 14 days:     {sparkline(overview.moods, 1, 10)}")
        out.print(f"Craving, last 14 days:  {sparkline(overview.cravings, 0, 10)}")


def _render_watch(out: Console, overview: Overview) -> None:
    if not overview.watch:
        return
    out.print("Worth keeping an eye on:")
    for item in overview.watch:
        out.print(f"  - {safe(item.message)}")
    call = overview.call
    if call is not None:
        role = f", your {call.role}" if call.role else ""
        out.print(
            f"A call can help: [bold]{safe(one_line(call.name, 40))}[/bold]{role}, "
            f"on {safe(one_line(call.phone, 30))}."
        )
    else:
        out.print(
            "A call to someone you trust can help; "
            "[bold]recovery plan show[/bold] has your helplines."
        )


def _render_meetings(out: Console, overview: Overview, now: datetime) -> None:
    from recovery_cli.views.meetings import attendance_line, cue, day_label, place

    glance = overview.meetings
    if glance is None:
        return
    if glance.next is not None:
        sitting, meeting = glance.next, glance.next.meeting
        soon = cue(sitting, now)
        out.print(
            f"Next meeting: [bold]{safe(one_line(meeting.name, 40))}[/bold] "
            f"({meeting.fellowship}), {day_label(sitting.start, now)} at {sitting.start:%H:%M}"
            f"{f' ({soon})' if soon else ''}, {safe(one_line(place(meeting), 48))}."
        )
    attendance = glance.attendance
    if glance.next is not None or attendance.last_90 or attendance.ninety is not None:
        out.print(f"Meetings: {attendance_line(attendance)}")


def _render_history(out: Console, overview: Overview) -> None:
    if not overview.clean_periods:
        return
    out.print("Earlier clean periods:")
    for period in overview.clean_periods:
        note = f": {safe(period.note)}" if period.note else ""
        out.print(
            f"  {period.start:%d %b %Y} to {period.end:%d %b %Y} "
            f"({counted(period.days, 'day')}){note}"
        )
