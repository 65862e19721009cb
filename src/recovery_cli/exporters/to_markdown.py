"""The summary as Markdown: the same content as the HTML, as tables and lists."""

from __future__ import annotations

from collections.abc import Sequence

from recovery_cli.reports import summary_words as words
from recovery_cli.reports.summary import Summary
from recovery_cli.store.sanitise import markdown as _text


def export_markdown(summary: Summary) -> str:
    lines = [f"# {_text(words.title(summary))}", "", _text(words.made_line(summary)), ""]
    lines += _table(("", "Summary"), words.facts(summary))
    lines += _section(
        "Mood and craving by day",
        _table(
            ("Date", "Mood (1-10)", "Craving (0-10)"),
            [
                (words.day_label(day), _value(mood), _value(craving))
                for day, mood, craving in zip(
                    summary.period.dates(), summary.moods, summary.cravings_by_day, strict=True
                )
                if mood is not None or craving is not None
            ],
        ),
    )
    lines += _section(
        "Triggers met most",
        _table(
            words.TRIGGER_COLUMNS,
            [
                (
                    t.name,
                    str(t.count),
                    str(t.days),
                    str(t.cravings),
                    _value(t.craving_with),
                    _value(t.craving_without),
                )
                for t in summary.top_triggers
            ],
        ),
    )
    lines += _section(
        "What helped most with cravings",
        _table(
            words.COPING_COLUMNS,
            [(e.name, str(e.count), words.coping_average(e)) for e in summary.helped_most],
        ),
    )
    lines += _section(
        "Meetings attended",
        _table(("Meeting", "Times"), [(m.name, str(m.count)) for m in summary.meetings]),
    )
    lines += _medications(summary)
    lines += _appointments(summary)
    if summary.home is not None:
        lines += _section(words.HOME, _table(("", "Now"), words.home_rows(summary.home)))
    lines += _life(summary)
    lines += _section("Things to watch", [f"- {_text(w.message)}" for w in summary.watch])
    notes = [f"- **{words.day_label(n.day)}** ({n.source}): {_text(n.text)}" for n in summary.notes]
    left_out = words.notes_left_out(summary)
    lines += _section("Notes", notes or ([left_out] if left_out else []))
    return "\n".join(lines).rstrip("\n") + "\n"


def _medications(summary: Summary) -> list[str]:
    if summary.medications is None:
        return []
    body = [] if summary.medications else [words.NONE_IN_PERIOD, ""]
    for medication in summary.medications:
        body += [f"### {_text(medication.name)}", ""]
        body += _table(("", "In this period"), words.medication_rows(medication))
        changes = [words.dose_change_cells(change) for change in medication.changes]
        if changes:
            body += [f"{words.DOSE_CHANGES}:", "", *_table(words.DOSE_CHANGE_COLUMNS, changes)]
    return _section(words.MEDICATION, body)


def _appointments(summary: Summary) -> list[str]:
    figures = summary.appointments
    if figures is None:
        return []
    if not figures.every:
        return _section(words.APPOINTMENTS, [words.NONE_IN_PERIOD])
    rows = [words.appointment_cells(visit) for visit in figures.every]
    body = [_text(words.appointment_counts(figures)), "", *_table(words.APPOINTMENT_COLUMNS, rows)]
    return _section(words.APPOINTMENTS, body)


def _life(summary: Summary) -> list[str]:
    """Steps done toward goals; the evening reflections only when included."""
    steps = [words.step_cells(step) for step in summary.steps_done]
    lines = _section(words.STEPS_DONE, _table(words.STEP_COLUMNS, steps))
    if summary.reflections is None:
        return lines
    rows = [words.reflection_cells(r) for r in summary.reflections]
    body = _table(words.REFLECTION_COLUMNS, rows) or [words.NONE_IN_PERIOD]
    return lines + _section(words.REFLECTIONS, body)


def _section(heading: str, body: list[str]) -> list[str]:
    return [f"## {heading}", "", *body, ""] if body else []


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    if not rows:
        return []
    lines = [_row(header), _row(["---"] * len(header))]
    lines += [_row(row) for row in rows]
    return [*lines, ""]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_text(cell) for cell in cells) + " |"


def _value(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if isinstance(value, float) else str(value)
