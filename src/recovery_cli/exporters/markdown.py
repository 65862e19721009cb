"""The summary as Markdown: headings, tables and lists, the same content as the HTML."""

from __future__ import annotations

import re
from collections.abc import Sequence

from recovery_cli.exporters.common import (
    TITLE,
    glance,
    number,
    period_line,
    shared_by,
    short_date,
)
from recovery_cli.summary import Summary
from recovery_cli.views.text import plain

# Characters that would start Markdown or HTML formatting inside the person's text.
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#!~])")


def md(text: str) -> str:
    """The person's text as literal Markdown on one line."""
    flat = " ".join(plain(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


def render(summary: Summary) -> str:
    out = [f"# {TITLE}", "", f"**{period_line(summary)}**", "", md(shared_by(summary)), ""]
    out += ["## At a glance", ""]
    out += [f"- **{label}:** {md(value)}" for label, value in glance(summary)] + [""]
    out += ["## Things to watch", ""]
    if summary.watch:
        out += [f"- {md(w.message)}" for w in summary.watch] + [""]
    else:
        out += ["Nothing in particular stood out in this period.", ""]
    if summary.triggers:
        out += ["## Triggers met most often", ""]
        out += _table(
            ("Trigger", "Days", "Craving on those days", "Craving on other days"),
            [
                (md(t.name), str(t.count), number(t.craving_with), number(t.craving_without))
                for t in summary.triggers
            ],
        )
    if summary.coping:
        out += ["## What helped with cravings", ""]
        out += _table(
            ("Coping strategy", "Craving came down by (mean)", "Times"),
            [(md(e.name), number(e.mean_drop), str(e.count)) for e in summary.coping],
        )
    out += ["## Day by day", ""]
    out += _days(summary)
    if summary.notes_included and summary.notes:
        out += ["## Notes", ""]
        out += [f"- **{short_date(n.day)}** ({n.source}): {md(n.text)}" for n in summary.notes]
        out += [""]
    return "\n".join(out)


def _days(summary: Summary) -> list[str]:
    headers = ["Day", "Mood", "Craving", "Sleep", "Used", "Triggers", "Coping"]
    if summary.notes_included:
        headers.append("Note")
    rows = []
    for day in summary.days:
        if not day.checked_in:
            rows.append((short_date(day.day), "no check-in", *[""] * (len(headers) - 2)))
            continue
        row = [
            short_date(day.day),
            _value(day.mood),
            _value(day.craving),
            _value(day.sleep),
            "yes" if day.used else "no",
            md(", ".join(day.triggers)),
            md(", ".join(day.coping)),
        ]
        if summary.notes_included:
            row.append(md(day.note))
        rows.append(tuple(row))
    return _table(tuple(headers), rows)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _value(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
