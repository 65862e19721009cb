"""The summary as JSON data, described by schemas/export.schema.json (`schema_version`).

`medications` and `appointments` are there only when the person keeps any; being optional,
they left the schema at version 1. Version 2 counts triggers met in cravings too
(`top_triggers`: `times`, `days`, `cravings`), marks the strategies ranked (`helped_most`)
and gives the clean time at the end of the period (`clean_time_at_end`). `steps_done` lists
the steps done toward goals; `reflections` is there only when the person included them;
`home` (the living situation) only when the person keeps one, never on a supporter page.
Each of these is optional, so the schema stays at version 2."""

from __future__ import annotations

from datetime import date
from typing import Any

from recovery_cli.log.cleantime import CleanTime
from recovery_cli.reports.summary import (
    AppointmentFigures,
    LivingSituation,
    MedicationInPeriod,
    Summary,
)
from recovery_cli.store.sanitise import json_text

SCHEMA_VERSION = 2


def export_json(summary: Summary) -> str:
    return json_text(summary_data(summary)) + "\n"


def summary_data(summary: Summary) -> dict[str, Any]:
    """The JSON document: every figure of the summary, dates as ISO strings."""
    figures = summary.cravings
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "shared_by": summary.name,
        "generated": summary.generated.isoformat(),
        "period": {
            "since": summary.period.since.isoformat(),
            "until": summary.period.until.isoformat(),
            "days": summary.period.days,
        },
        "clean_date": _iso(summary.clean_date),
        "clean_time": _clean_time(summary.clean_time),
        "clean_time_at_end": _clean_time(summary.clean_time_at_end),
        "checkins_made": summary.checkins_made,
        "averages": {
            "mood": _rounded(summary.mood_average),
            "craving": _rounded(summary.craving_average),
            "sleep": _rounded(summary.sleep_average),
        },
        "days": [
            {
                "date": c.day.isoformat(),
                "mood": c.mood,
                "craving": c.craving,
                "sleep": c.sleep,
                "used": c.used,
                "triggers": c.triggers,
                "coped": c.coped,
                **({"note": c.note} if summary.with_notes else {}),
            }
            for c in summary.checkins
        ],
        "days_used": [day.isoformat() for day in summary.used_on],
        "cravings": {
            "count": figures.count,
            "mean_intensity": _rounded(figures.mean_intensity),
            "mean_drop": _rounded(figures.mean_drop),
        },
        "top_triggers": [
            {
                "name": t.name,
                "times": t.count,
                "days": t.days,
                "cravings": t.cravings,
                "craving_with": _rounded(t.craving_with),
                "craving_without": _rounded(t.craving_without),
            }
            for t in summary.top_triggers
        ],
        "helped_most": [
            {
                "name": e.name,
                "mean_drop": round(e.mean_drop, 2),
                "cravings": e.count,
                "ranked": e.ranked,
            }
            for e in summary.helped_most
        ],
        "meetings": {
            "attended": summary.meetings_attended,
            "by_name": [{"name": m.name, "count": m.count} for m in summary.meetings],
        },
        "watch": [item.to_dict() for item in summary.watch],
        "audience": summary.audience,
        "notes_included": summary.with_notes,
        "notes": [
            {"date": n.day.isoformat(), "source": n.source, "text": n.text} for n in summary.notes
        ],
    }
    if summary.audience == "supporter":
        data["parts"] = list(summary.parts)
    if summary.money_not_spent is not None:
        data["money_not_spent"] = summary.money_not_spent
    if summary.medications is not None:
        data["medications"] = [_medication(m) for m in summary.medications]
    if summary.appointments is not None:
        data["appointments"] = _appointments(summary.appointments)
    if summary.home is not None:
        data["home"] = _home(summary.home)
    data["steps_done"] = [
        {"date": s.day.isoformat(), "goal": s.goal, "step": s.step} for s in summary.steps_done
    ]
    if summary.reflections is not None:
        data["reflections"] = [
            {
                "date": r.day.isoformat(),
                "went_well": r.went_well,
                "put_right": r.put_right,
                "grateful": list(r.grateful),
            }
            for r in summary.reflections
        ]
    return data


def _medication(medication: MedicationInPeriod) -> dict[str, Any]:
    days = medication.days
    return {
        "name": medication.name,
        "dose": medication.dose,
        "dose_since": _iso(medication.dose_since),
        "schedule": medication.schedule,
        "dose_changes": [
            {"date": c.day.isoformat(), "dose": c.dose, "by": c.by, "reason": c.reason}
            for c in medication.changes
        ],
        "started": _iso(medication.started),
        "stopped": _iso(medication.stopped),
        "stop_reason": medication.stop_reason,
        "days_taken": len(days.taken),
        "days_observed": len(days.observed),
        "days_take_home": len(days.take_home),
        "days_missed": len(days.missed),
        "taken_dates": [day.isoformat() for day in days.taken],
        "missed_dates": [day.isoformat() for day in days.missed],
        "takehome_doses_given": days.takehome_given,
    }


def _home(home: LivingSituation) -> dict[str, Any]:
    return {
        "kind": home.kind,
        "name": home.name,
        "curfew": None if home.curfew is None else home.curfew.strftime("%H:%M"),
        "move_date": _iso(home.moves_on),
        "days_until_move": home.days_until_move,
    }


def _appointments(figures: AppointmentFigures) -> dict[str, Any]:
    return {
        "kept": len(figures.kept),
        "missed": len(figures.missed),
        "cancelled": len(figures.cancelled),
        "occurrences": [
            {"date": v.day.isoformat(), "title": v.title, "kind": v.kind, "outcome": v.outcome}
            for v in figures.every
        ],
    }


def _clean_time(time: CleanTime | None) -> dict[str, int] | None:
    if time is None:
        return None
    return {
        "years": time.years,
        "months": time.months,
        "days": time.days,
        "total_days": time.total_days,
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
