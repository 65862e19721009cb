"""The summary as CSV: one row per day of the period, for the person's or counsellor's own
analysis. Every day is there, so that gaps show: a day without a check-in has only its date
(and "yes" under used if a craving that day recorded use, and its doses and appointments).
Lists are joined with "; ". No cell holds a control character, and a cell the person wrote
that starts with =, +, -, @ starts with ' instead, so that no spreadsheet runs it as a
formula. Two columns count the cravings recorded that day and name the triggers they gave;
`steps_done`, after them, names the steps done toward goals that day ("goal: step"); with
reflections included, three more columns hold the day's reflection. The four before the
craving columns name the medications with a dose taken
(and how: observed, take-home) or missed that day, and the appointments kept or missed;
they are empty when the person keeps no medications or appointments.

The first row is the column names, as every spreadsheet and `csv` reader expects; the
period is the dates in the first column. A supporter page has only the date and the notes
the person shared, and the cravings or medication columns when they were included: its
columns say what it holds. The living situation is not a figure of each day, so it has no
column (the other formats show it once)."""

from __future__ import annotations

import io
from datetime import date

from defusedcsv import csv

from recovery_cli.life.reflection import Reflection
from recovery_cli.log.logbook import CheckIn
from recovery_cli.reports.summary import (
    AppointmentDay,
    CravingDay,
    MedicationInPeriod,
    Summary,
)
from recovery_cli.store.sanitise import csv_cell

HEADER = (
    "date",
    "mood",
    "craving",
    "sleep",
    "used",
    "triggers",
    "coping",
    "note",
    "doses_taken",
    "doses_missed",
    "appointments_kept",
    "appointments_missed",
    "cravings",
    "craving_triggers",
    "steps_done",
)
REFLECTION_HEADER = ("went_well", "put_right", "grateful")


SUPPORTER_COLUMNS = {
    "cravings": ("used", "cravings", "craving_triggers"),
    "meds": ("doses_taken", "doses_missed"),
}


def export_csv(summary: Summary) -> str:
    period = summary.period
    by_day = {c.day: c for c in summary.checkins}
    used = set(summary.used_on)
    craved = {c.day: c for c in summary.craving_days}
    reflections = None if summary.reflections is None else {r.day: r for r in summary.reflections}
    columns = _columns(summary, with_reflections=reflections is not None)
    shared = {n.day: n.text for n in summary.notes if n.source == "check-in"}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for day in period.dates():
        cells = [
            day.isoformat(),
            *_checkin(by_day, used, day),
            *_care(summary, day),
            *_craved(craved.get(day)),
            "; ".join(f"{s.goal}: {s.step}" for s in summary.steps_done if s.day == day),
        ]
        row = dict(zip(HEADER, cells, strict=True))
        if summary.audience == "supporter":
            row["note"] = shared.get(day, "")
        if reflections is not None:
            row.update(zip(REFLECTION_HEADER, _reflected(reflections.get(day)), strict=True))
        writer.writerow([csv_cell(row[column]) for column in columns])
    return buffer.getvalue()


def _columns(summary: Summary, *, with_reflections: bool) -> tuple[str, ...]:
    """The counsellor's columns, or a supporter page's: the date, the shared notes, the steps
    done, and the columns of the parts the person added; the reflection columns when asked."""
    reflected = REFLECTION_HEADER if with_reflections else ()
    if summary.audience == "counsellor":
        return (*HEADER, *reflected)
    added = {c for part in summary.parts for c in SUPPORTER_COLUMNS.get(part, ())}
    kept = tuple(c for c in HEADER if c in {"date", "note", "steps_done", *added})
    return (*kept, *reflected)


def _reflected(found: Reflection | None) -> list[str]:
    if found is None:
        return ["", "", ""]
    return [found.went_well, found.put_right, "; ".join(found.grateful)]


def _checkin(by_day: dict[date, CheckIn], used: set[date], day: date) -> list[str]:
    checkin = by_day.get(day)
    if checkin is None:
        return ["", "", "", "yes" if day in used else "", "", "", ""]
    return [
        _cell(checkin.mood),
        _cell(checkin.craving),
        _cell(checkin.sleep),
        "yes" if day in used else "no",
        "; ".join(checkin.triggers),
        "; ".join(checkin.coped),
        checkin.note,
    ]


def _care(summary: Summary, day: date) -> list[str]:
    medications = summary.medications or ()
    visits = summary.appointments.every if summary.appointments else ()
    return [
        "; ".join(_taken(m, day) for m in medications if day in m.days.taken),
        "; ".join(m.name for m in medications if day in m.days.missed),
        _titles(visits, day, "kept"),
        _titles(visits, day, "missed"),
    ]


def _craved(found: CravingDay | None) -> list[str]:
    return ["", ""] if found is None else [str(found.count), "; ".join(found.triggers)]


def _taken(medication: MedicationInPeriod, day: date) -> str:
    """`Methadone (observed)`."""
    days = medication.days
    how = [
        word
        for word, found in (("observed", days.observed), ("take-home", days.take_home))
        if day in found
    ]
    return f"{medication.name} ({', '.join(how)})" if how else medication.name


def _titles(visits: tuple[AppointmentDay, ...], day: date, outcome: str) -> str:
    return "; ".join(v.title for v in visits if v.day == day and v.outcome == outcome)


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
