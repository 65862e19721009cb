"""`recovery status` and the dashboard shown by `recovery` with no command."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from recovery_cli import clock
from recovery_cli.attendance import MeetingGlance, meeting_glance, sitting_days
from recovery_cli.cleanhistory import load_history
from recovery_cli.commands.common import console, print_json, store_of
from recovery_cli.logbook import days_and_recent, load_cravings
from recovery_cli.meetings import load_attendance, load_meetings
from recovery_cli.overview import build_overview, sparkline_start
from recovery_cli.profile import load_profile
from recovery_cli.watch import Watch, things_to_watch

if TYPE_CHECKING:
    from recovery_cli.plan import Contact
    from recovery_cli.store import Store


def status_command(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Clean time, milestones and today at a glance."""
    store = store_of(ctx)
    profile = load_profile(store)
    zone = (profile.timezone if profile else "") or clock.system_timezone()
    now = clock.now(zone)
    today = now.date()
    start = sparkline_start(today)
    days, recent = days_and_recent(store, start)
    meetings: MeetingGlance | None = None
    watch: list[Watch] = []
    if profile:
        book, attended = load_meetings(store), load_attendance(store)
        meetings = meeting_glance(book, attended, now, zone)
        watch = things_to_watch(
            recent,
            today,
            start,
            checkin_days=days,
            cravings=load_cravings(store, since=start),
            meeting_days=sitting_days(book.meetings, start, today, zone, now),
            attended_days=[record.day for record in attended],
        )
    overview = build_overview(
        profile,
        today,
        checkin_days=days,
        recent=recent,
        clean_periods=load_history(store).periods,
        meetings=meetings,
        watch=watch,
        call=_someone_to_call(store, now) if watch else None,
    )
    if json_output:
        print_json(overview.to_dict())
        return
    from recovery_cli.views.dashboard import render_dashboard

    render_dashboard(console(), overview, now, set_up=profile is not None)


def _someone_to_call(store: Store, now: datetime) -> Contact | None:
    """The first of the plan's people to call, those reachable now first."""
    from recovery_cli.plan import load_plan
    from recovery_cli.plansheet import reachable_first

    contacts = reachable_first(load_plan(store).contacts, now)
    return contacts[0].contact if contacts else None


def show_dashboard(ctx: typer.Context) -> None:
    status_command(ctx, json_output=False)
