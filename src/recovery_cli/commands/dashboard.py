"""`recovery status` and the dashboard shown by `recovery` with no command."""

from __future__ import annotations

import typer

from recovery_cli.commands.options import Json
from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.reports.dashboard import load_dashboard
from recovery_cli.store.profile import here, load_profile


def dashboard_command(
    ctx: typer.Context,
    json_output: Json = False,
) -> None:
    """Clean time, milestones, today and things to watch at a glance."""
    store = store_of(ctx)
    profile = load_profile(store)
    now = here(profile)
    dashboard = load_dashboard(store, profile, now)
    if json_output:
        print_json(dashboard.to_dict())
        return
    from recovery_cli.views.dashboard import render_dashboard

    render_dashboard(console(), dashboard, now.now, set_up=profile is not None)


def show_dashboard(ctx: typer.Context) -> None:
    dashboard_command(ctx, json_output=False)
