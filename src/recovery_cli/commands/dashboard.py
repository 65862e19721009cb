"""`recovery status` and the dashboard shown by `recovery` with no command."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.log.cleanhistory import load_history
from recovery_cli.log.logbook import days_and_recent, load_cravings
from recovery_cli.meetings.attendance import meeting_glance
from recovery_cli.meetings.meetings import load_attendance, load_meetings
from recovery_cli.reports.dashboard import build_overview, sparkline_start
from recovery_cli.reports.watch import look_back_start, scheduled_days, things_to_watch, who_to_call
from recovery_cli.store.profile import here, load_profile

if TYPE_CHECKING:
    from recovery_cli.plan.plan import Contact
    from recovery_cli.store.files import Store


def status_command(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Clean time, milestones, today and things to watch at a glance."""
    store = store_of(ctx)
    profile = load_profile(store)
    zone, now = here(profile)
    today = now.date()
    since = min(sparkline_start(today), look_back_start(today))
    days, recent = days_and_recent(store, since)
    glance, watch, call = None, [], None
    if profile is not None:
        book, attended = load_meetings(store), load_attendance(store)
        glance = meeting_glance(book, attended, now, zone)
        scheduled = scheduled_days(book.meetings, now, zone) if book.meetings else []
        cravings = load_cravings(store, since=since)
        watch = things_to_watch(today, days, recent, cravings, attended, scheduled)
        call = _who_to_call(store, now) if watch else None
    overview = build_overview(
        profile,
        today,
        checkin_days=days,
        recent=recent,
        clean_periods=load_history(store).periods,
        meetings=glance,
        watch=watch,
        call=call,
    )
    if json_output:
        print_json(overview.to_dict())
        return
    from recovery_cli.views.dashboard import render_dashboard

    render_dashboard(console(), overview, now, set_up=profile is not None)


def _who_to_call(store: Store, now: datetime) -> Contact | None:
    from recovery_cli.plan.plan import load_plan

    return who_to_call(load_plan(store).contacts, now)


def show_dashboard(ctx: typer.Context) -> None:
    status_command(ctx, json_output=False)
