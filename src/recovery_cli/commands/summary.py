"""`recovery summary`: the counsellor summary of a period, in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from recovery_cli import clock
from recovery_cli.commands.common import console, print_json, store_of
from recovery_cli.dates import parse_date
from recovery_cli.errors import RecoveryError
from recovery_cli.profile import load_profile

if TYPE_CHECKING:
    from recovery_cli.summary import Summary

SinceOption = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="First day of the period (default: 30 days before --until)."),
]
UntilOption = Annotated[
    str | None, typer.Option(metavar="DATE", help="Last day of the period (default: today).")
]
NoNotesOption = Annotated[bool, typer.Option("--no-notes", help="Leave out every note you wrote.")]


def summary_command(
    ctx: typer.Context,
    since: SinceOption = None,
    until: UntilOption = None,
    no_notes: NoNotesOption = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON (as export --format json).")
    ] = False,
) -> None:
    """A summary of a period for you or your counsellor: check-ins, mood and craving,
    triggers, what helped, meetings and things to watch."""
    summary = summary_for(ctx, since, until, include_notes=not no_notes)
    if json_output:
        from recovery_cli.exporters.json_export import summary_dict

        print_json(summary_dict(summary))
        return
    from recovery_cli.views.summary import render_summary

    render_summary(console(), summary)


def summary_for(
    ctx: typer.Context, since: str | None, until: str | None, *, include_notes: bool
) -> Summary:
    """The summary of the period the options name (shared with `recovery export`)."""
    from recovery_cli.summary import load_summary, period_of

    store = store_of(ctx)
    profile = load_profile(store)
    if profile is None:
        raise RecoveryError("nothing is set up yet; run recovery init first")
    zone = profile.timezone or clock.system_timezone()
    now = clock.now(zone)
    today = now.date()
    period = period_of(
        parse_date(since, today) if since else None,
        parse_date(until, today) if until else None,
        today,
    )
    return load_summary(store, profile, period, now, zone, include_notes)
