"""`recovery status` and the dashboard shown by `recovery` with no command."""

from __future__ import annotations

from typing import Annotated

import typer

from recovery_cli import clock
from recovery_cli.attendance import next_meeting_and_attendance
from recovery_cli.cleanhistory import load_history
from recovery_cli.commands.common import console, print_json, store_of
from recovery_cli.logbook import days_and_recent
from recovery_cli.overview import build_overview, sparkline_start
from recovery_cli.profile import load_profile


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
    days, recent = days_and_recent(store, sparkline_start(today))
    overview = build_overview(
        profile,
        today,
        checkin_days=days,
        recent=recent,
        clean_periods=load_history(store).periods,
        meetings=next_meeting_and_attendance(store, now, zone) if profile else None,
    )
    if json_output:
        print_json(overview.to_dict())
        return
    from recovery_cli.views.dashboard import render_dashboard

    render_dashboard(console(), overview, now, set_up=profile is not None)


def show_dashboard(ctx: typer.Context) -> None:
    status_command(ctx, json_output=False)
