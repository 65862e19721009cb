"""The dashboard: clean time, milestones and what today holds."""

from __future__ import annotations

from datetime import date, datetime

from rich.console import Console

from recovery_cli.log.cleantime import CleanTime, describe
from recovery_cli.reports.dashboard import Dashboard
from recovery_cli.store.words import counted
from recovery_cli.views.text import one_line, safe, sparkline


def render_dashboard(out: Console, dashboard: Dashboard, now: datetime, *, set_up: bool) -> None:
    if not set_up:
        out.print(
            "Welcome. Nothing is set up yet. Run [bold]recovery init[/bold] to begin; "
            "it takes a minute and everything stays on this computer."
        )
        return
    greeting = f"Hello, {safe(dashboard.name)}." if dashboard.name else "Hello."
    out.print(f"[bold]{greeting}[/bold]")
    if dashboard.clean_time is None or dashboard.clean_date is None:
        out.print(
            "No clean date is set. Add one with [bold]recovery init --clean-date DATE[/bold]."
        )
    else:
        _render_clean_time(out, dashboard, dashboard.clean_time, dashboard.clean_date)
    _render_checkins(out, dashboard)
    _render_medications(out, dashboard)
    if dashboard.naloxone_nudge:
        out.print(dashboard.naloxone_nudge)
    _render_watch(out, dashboard)
    _render_meetings(out, dashboard, now)
    _render_home(out, dashboard)
    _render_appointment(out, dashboard, now)
    _render_life(out, dashboard)
    _render_history(out, dashboard)


def _render_clean_time(out: Console, dashboard: Dashboard, time: CleanTime, since: date) -> None:
    if not time.total_days:
        out.print(
            f"Clean time: [bold green]today is your first day[/bold green] ({since:%d %B %Y})."
        )
    else:
        out.print(
            f"Clean time: [bold green]{describe(time)}[/bold green] "
            f"since {since:%d %B %Y} ({counted(time.total_days, 'day')})."
        )
    if dashboard.money_not_spent:
        out.print(f"That is {dashboard.money_not_spent}.")
    if dashboard.milestone_today:
        out.print(f"[bold green]{dashboard.milestone_today}[/bold green]")
    if dashboard.last_milestone is not None:
        last = dashboard.last_milestone
        when = "today!" if last.date == dashboard.today else f"on {last.date:%d %B %Y}"
        out.print(f"Last milestone: {last.name}, {when}")
    if dashboard.next_milestone is not None:
        upcoming = dashboard.next_milestone
        to_go = (upcoming.date - dashboard.today).days
        out.print(
            f"Next milestone: {upcoming.name} on {upcoming.date:%d %B %Y} "
            f"({counted(to_go, 'day')} to go)."
        )


def _render_checkins(out: Console, dashboard: Dashboard) -> None:
    if dashboard.checked_in_today:
        today = "Today's check-in is done."
    else:
        today = "No check-in yet today; [bold]recovery log[/bold] takes a few seconds."
    days = dashboard.streak_days
    streak = f" Check-in streak: {counted(days, 'day')}." if days else ""
    out.print(today + streak)
    if any(v is not None for v in (*dashboard.moods, *dashboard.cravings)):
        out.print(f"Mood, last 14 days:     {sparkline(dashboard.moods, 1, 10)}")
        out.print(f"Craving, last 14 days:  {sparkline(dashboard.cravings, 0, 10)}")


def _render_watch(out: Console, dashboard: Dashboard) -> None:
    if not dashboard.watch:
        return
    out.print("Worth keeping an eye on:")
    for item in dashboard.watch:
        out.print(f"  - {safe(item.message)}")
    call = dashboard.call
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


def _render_meetings(out: Console, dashboard: Dashboard, now: datetime) -> None:
    from recovery_cli.views.meetings import attendance_line, cue, day_label, place

    glance = dashboard.meetings
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


def _render_medications(out: Console, dashboard: Dashboard) -> None:
    from recovery_cli.views.care.meds import today_line

    for status in dashboard.medications:
        out.print(f"Medication: {today_line(status)}")
        if status.alert:
            out.print(f"  [bold]{safe(status.alert)}[/bold]")


def _render_appointment(out: Console, dashboard: Dashboard, now: datetime) -> None:
    from recovery_cli.views.care.appointments import visit_line

    if dashboard.next_appointment is not None:
        out.print(f"Next appointment: {visit_line(dashboard.next_appointment, now)}")


def _render_home(out: Console, dashboard: Dashboard) -> None:
    from recovery_cli.views.life.home import curfew_line, move_line

    if dashboard.curfew is not None:
        out.print(f"Curfew: {curfew_line(dashboard.curfew)}.")
    if dashboard.move is not None:
        out.print(move_line(dashboard.move))


def _render_life(out: Console, dashboard: Dashboard) -> None:
    from recovery_cli.views.life.reflection import OFFER

    if dashboard.next_step is not None:
        goal, step = dashboard.next_step
        out.print(
            f"Next step toward [bold]{safe(one_line(goal.title, 60))}[/bold]: "
            f"{safe(one_line(step.text, 80))}"
        )
    if dashboard.offer_reflection:
        out.print(OFFER)


def _render_history(out: Console, dashboard: Dashboard) -> None:
    if not dashboard.clean_periods:
        return
    out.print("Earlier clean periods:")
    for period in dashboard.clean_periods:
        note = f": {safe(period.note)}" if period.note else ""
        out.print(
            f"  {period.start:%d %b %Y} to {period.end:%d %b %Y} "
            f"({counted(period.days, 'day')}){note}"
        )
