"""The dashboard: clean time, milestones and what today holds."""

from __future__ import annotations

from rich.console import Console

from recovery_cli.cleantime import CleanTime
from recovery_cli.overview import Overview
from recovery_cli.views.text import safe


def render_dashboard(out: Console, overview: Overview, *, set_up: bool) -> None:
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
        return
    out.print(
        f"Clean time: [bold green]{describe(overview.clean_time)}[/bold green] "
        f"since {overview.clean_date:%d %B %Y} ({overview.clean_time.total_days:,} days)."
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
            f"({to_go} {'day' if to_go == 1 else 'days'} to go)."
        )


def describe(time: CleanTime) -> str:
    """`1 year, 3 months, 8 days`; `0 days` on the clean date itself."""
    parts = [
        f"{count} {unit}{'' if count == 1 else 's'}"
        for count, unit in ((time.years, "year"), (time.months, "month"), (time.days, "day"))
        if count
    ]
    return ", ".join(parts) or "0 days"
