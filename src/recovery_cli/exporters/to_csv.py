"""The summary as CSV: one row per day of the period, for the person's or counsellor's own
analysis. Every day is there, so that gaps show: a day without a check-in has only its date
(and "yes" under used if a craving that day recorded use). Lists are joined with "; ".

The first row is one cell starting with "#" that names the period, the day the file was
made and who shared it (`pandas.read_csv(..., comment="#")` skips it); the column names
follow."""

from __future__ import annotations

import csv
import io

from recovery_cli.reports.summary import Summary

HEADER = ("date", "mood", "craving", "sleep", "used", "triggers", "coping", "note")


def export_csv(summary: Summary) -> str:
    period = summary.period
    by_day = {c.day: c for c in summary.checkins}
    used = set(summary.used_on)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            f"# Recovery summary {period.since.isoformat()} to {period.until.isoformat()} "
            f"({period.days} days); made on {summary.generated.isoformat()}; "
            f"{' '.join(summary.shared_by.split())}"
        ]
    )
    writer.writerow(HEADER)
    for day in period.dates():
        checkin = by_day.get(day)
        if checkin is None:
            writer.writerow([day.isoformat(), "", "", "", "yes" if day in used else "", "", "", ""])
            continue
        writer.writerow(
            [
                day.isoformat(),
                _cell(checkin.mood),
                _cell(checkin.craving),
                _cell(checkin.sleep),
                "yes" if day in used else "no",
                "; ".join(checkin.triggers),
                "; ".join(checkin.coped),
                checkin.note,
            ]
        )
    return buffer.getvalue()


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
