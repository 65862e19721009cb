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
    _render_trend_lines(out, summary)
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


def _render_trend_lines(out: Console, summary: Summary) -> None:
    """A sparkline a measure: a mark a day, or a week's average for a long period."""
    if summary.by_week:
        unit = "week"
        moods: list[float | None] = [w.mood for w in summary.weeks]
        cravings: list[float | None] = [w.craving for w in summary.weeks]
    else:
        unit = "day"
        moods, cravings = list(summary.mood_series), list(summary.craving_series)
    if all(v is None for v in (*moods, *cravings)):
        return
    out.print(f"  {f'Mood each {unit}:':19} {sparkline(moods, 1, 10)}")
    out.print(f"  {f'Craving each {unit}:':19} {sparkline(cravings, 0, 10)}")
