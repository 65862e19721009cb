"""The summary's days as CSV: one row a day of the period, for a spreadsheet or the
person's own analysis.

The first row is a single cell starting with `#` that names the period, the day the file
was made and who shared it; the column names follow. A day without a check-in has empty
values. Lists (triggers, coping) are joined with "; ".
"""

from __future__ import annotations

import csv
import io

from recovery_cli.exporters.common import period_line, shared_by
from recovery_cli.summary import Day, Summary

COLUMNS = ("date", "mood", "craving", "sleep", "used", "triggers", "coping", "note")


def render(summary: Summary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f"# Recovery check-ins, {period_line(summary)}. {shared_by(summary)}"])
    writer.writerow(COLUMNS)
    writer.writerows(_row(day) for day in summary.days)
    return buffer.getvalue()


def _row(day: Day) -> list[str]:
    return [
        day.day.isoformat(),
        _text(day.mood),
        _text(day.craving),
        _text(day.sleep),
        "" if day.used is None else ("yes" if day.used else "no"),
        "; ".join(day.triggers),
        "; ".join(day.coping),
        day.note,
    ]


def _text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
