"""`recovery summary` in the terminal: the same content as the exports, read at a glance."""

from __future__ import annotations

from rich.console import Console

from recovery_cli.exporters.common import TITLE, glance, number, period_line, short_date
from recovery_cli.summary import Summary
from recovery_cli.views.sparkline import sparkline
from recovery_cli.views.text import one_line, safe


def render_summary(out: Console, summary: Summary) -> None:
    out.print(f"[bold]{TITLE}[/bold]: {period_line(summary)}")
    for label, value in glance(summary):
        out.print(f"  {label + ':':19} {safe(value)}")
    if any(v is not None for v in (*summary.mood_series, *summary.craving_series)):
        out.print(f"  {'Mood each day:':19} {sparkline(summary.mood_series, 1, 10)}")
        out.print(f"  {'Craving each day:':19} {sparkline(summary.craving_series, 0, 10)}")
    if summary.triggers:
        out.print("[bold]Triggers met most often[/bold]")
        for t in summary.triggers:
            out.print(
                f"  {safe(one_line(t.name, 30))}: {t.count} {'day' if t.count == 1 else 'days'}"
                f", craving {number(t.craving_with)} on those days"
                f" and {number(t.craving_without)} on others"
            )
    if summary.coping:
        out.print("[bold]What helped with cravings[/bold]")
        for e in summary.coping:
            out.print(
                f"  {safe(one_line(e.name, 30))}: down by {number(e.mean_drop)} on average "
                f"({e.count} {'time' if e.count == 1 else 'times'})"
            )
    out.print("[bold]Things to watch[/bold]")
    if summary.watch:
        for w in summary.watch:
            out.print(f"  - {safe(w.message)}")
    else:
        out.print("  Nothing in particular stood out in this period.")
    if summary.notes:
        out.print("[bold]Notes[/bold]")
        for n in summary.notes:
            out.print(f"  {short_date(n.day)} ({n.source}): {safe(n.text)}")
