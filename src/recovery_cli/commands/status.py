"""`recovery status` and the dashboard shown by `recovery` with no command."""

from __future__ import annotations

from typing import Annotated

import typer

from recovery_cli import clock
from recovery_cli.commands.common import console, print_json, store_of
from recovery_cli.overview import build_overview
from recovery_cli.profile import load_profile


def status_command(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Clean time, milestones and today at a glance."""
    profile = load_profile(store_of(ctx))
    overview = build_overview(profile, clock.today(profile.timezone if profile else None))
    if json_output:
        print_json(overview.to_dict())
        return
    from recovery_cli.views.dashboard import render_dashboard

    render_dashboard(console(), overview, set_up=profile is not None)


def show_dashboard(ctx: typer.Context) -> None:
    status_command(ctx, json_output=False)
