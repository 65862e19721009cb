"""`recovery summary`: the counsellor summary in the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil
from pathlib import Path
from statistics import fmean
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from recovery_cli.reports import summary_words as words
from recovery_cli.reports.summary import Summary
from recovery_cli.views.text import one_line, plain, print_as_is, safe, sparkline

if TYPE_CHECKING:
    from rich.table import Table

# A longer period is drawn with one character for several days (their mean).
SPARKLINE_WIDTH = 60
LABEL_WIDTH = 18


def render_summary(out: Console, summary: Summary) -> None:
    out.print(f"[bold]{safe(words.title(summary))}[/bold]")
    out.print(safe(words.made_line(summary)))
    out.print()
    grid = _grid(words.facts(summary))
    if summary.checkins_made:
        per = _days_per_mark(len(summary.moods))
        scale = "a day" if per == 1 else f"{per} days"
        grid.add_row("Mood by day:", sparkline(_folded(summary.moods, per), 1, 10))
        grid.add_row("Craving by day:", sparkline(_folded(summary.cravings_by_day, per), 0, 10))
        grid.add_row("", f"(one mark is {scale}; a dot is a day without a value)")
    out.print(grid)
    _list(out, "Triggers met most", [(t.name, words.trigger_line(t)) for t in summary.top_triggers])
    _list(out, "What helped most", [(e.name, words.coping_line(e)) for e in summary.helped_most])
    _list(out, "Meetings", [(m.name, f"{m.count}") for m in summary.meetings])
    _medications(out, summary)
    _appointments(out, summary)
    _home(out, summary)
    _life(out, summary)
    if summary.watch:
        out.print()
        out.print("[bold]Things to watch[/bold]")
        for item in summary.watch:
            out.print(f"  - {safe(item.message)}")
    if summary.notes:
        out.print()
        out.print("[bold]Notes[/bold]")
        for note in summary.notes:
            out.print(
                f"  {words.day_label(note.day)} ({note.source}): {safe(one_line(note.text, 200))}"
            )
    elif not summary.with_notes:
        out.print()
        out.print(words.notes_left_out(summary))


def _medications(out: Console, summary: Summary) -> None:
    if summary.medications is None:
        return
    out.print()
    out.print(f"[bold]{words.MEDICATION}[/bold]")
    if not summary.medications:
        out.print(f"  {words.NONE_IN_PERIOD}")
    for medication in summary.medications:
        out.print(f"  [bold]{safe(medication.name)}[/bold]")
        out.print(_grid(words.medication_rows(medication), indent=4))
        if medication.changes:
            out.print(f"    {words.DOSE_CHANGES}:")
        for change in medication.changes:
            out.print(f"      - {safe(words.dose_change_line(change))}")


def _appointments(out: Console, summary: Summary) -> None:
    figures = summary.appointments
    if figures is None:
        return
    out.print()
    out.print(f"[bold]{words.APPOINTMENTS}[/bold]")
    if not figures.every:
        out.print(f"  {words.NONE_IN_PERIOD}")
        return
    out.print(f"  {words.appointment_counts(figures)}")
    for visit in figures.every:
        day, title, kind, outcome = words.appointment_cells(visit)
        out.print(f"  - {day}: {safe(one_line(title, 60))} ({safe(kind)}), {outcome}")


def _home(out: Console, summary: Summary) -> None:
    if summary.home is None:
        return
    out.print()
    out.print(f"[bold]{words.HOME}[/bold]")
    out.print(_grid(words.home_rows(summary.home), indent=2))


def _life(out: Console, summary: Summary) -> None:
    """Steps done toward goals and, only when included, the evening reflections."""
    steps = [(f"{words.day_label(s.day)}, {s.goal}", s.step) for s in summary.steps_done]
    _list(out, words.STEPS_DONE, steps)
    if summary.reflections is None:
        return
    out.print()
    out.print(f"[bold]{words.REFLECTIONS}[/bold]")
    if not summary.reflections:
        out.print(f"  {words.NONE_IN_PERIOD}")
    for reflection in summary.reflections:
        day, *answers = words.reflection_cells(reflection)
        labelled = zip(words.REFLECTION_COLUMNS[1:], answers, strict=True)
        text = "; ".join(f"{label.lower()}: {answer}" for label, answer in labelled if answer)
        out.print(f"  {day}: {safe(one_line(text, 300))}")


def _grid(rows: Sequence[tuple[str, str]], indent: int = 0) -> Table:
    """Labels and values; a long value wraps under itself rather than under its label."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(min_width=LABEL_WIDTH + indent, no_wrap=True)
    grid.add_column()
    for label, value in rows:
        grid.add_row(Text(f"{' ' * indent}{label}:"), Text(plain(value)))
    return grid


def _list(out: Console, heading: str, rows: Sequence[tuple[str, str]]) -> None:
    if not rows:
        return
    out.print()
    out.print(f"[bold]{heading}[/bold]")
    for name, detail in rows:
        out.print(f"  - {safe(one_line(name, 40))}: {safe(detail)}")


def _days_per_mark(days: int) -> int:
    return max(1, ceil(days / SPARKLINE_WIDTH))


def _folded(values: Sequence[int | None], per: int) -> list[float | None]:
    folded: list[float | None] = []
    for start in range(0, len(values), per):
        present = [v for v in values[start : start + per] if v is not None]
        folded.append(fmean(present) if present else None)
    return folded


def render_export_written(err: Console, path: Path, format_name: str) -> None:
    """Where the export went, and a word of care: it holds private health information."""
    print_as_is(
        err,
        f"Wrote {path} ({format_name}). It holds private health information: share it with care.",
    )


def render_parts(err: Console, parts: tuple[str, ...]) -> None:
    """Before a supporter page is written: what it will hold."""
    more = words.more_line(parts)
    print_as_is(err, f"{words.parts_line(parts)}{f' {more}' if more else ''}")
