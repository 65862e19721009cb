"""The summary as JSON data, described by schemas/export.schema.json (`schema_version`)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from recovery_cli.reports.summary import Summary

SCHEMA_VERSION = 1


def export_json(summary: Summary) -> str:
    return json.dumps(summary_data(summary), indent=2, ensure_ascii=False) + "\n"


def summary_data(summary: Summary) -> dict[str, Any]:
    """The JSON document: every figure of the summary, dates as ISO strings."""
    time = summary.clean_time
    figures = summary.cravings
    return {
        "schema_version": SCHEMA_VERSION,
        "shared_by": summary.name,
        "generated": summary.generated.isoformat(),
        "period": {
            "since": summary.period.since.isoformat(),
            "until": summary.period.until.isoformat(),
            "days": summary.period.days,
        },
        "clean_date": _iso(summary.clean_date),
        "clean_time": (
            None
            if time is None
            else {
                "years": time.years,
                "months": time.months,
                "days": time.days,
                "total_days": time.total_days,
            }
        ),
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
                "days": t.count,
                "craving_with": _rounded(t.craving_with),
                "craving_without": _rounded(t.craving_without),
            }
            for t in summary.top_triggers
        ],
        "helped_most": [
            {"name": e.name, "mean_drop": round(e.mean_drop, 2), "cravings": e.count}
            for e in summary.helped_most
        ],
        "meetings": {
            "attended": summary.meetings_attended,
            "by_name": [{"name": m.name, "count": m.count} for m in summary.meetings],
        },
        "watch": [item.to_dict() for item in summary.watch],
        "notes_included": summary.with_notes,
        "notes": [
            {"date": n.day.isoformat(), "source": n.source, "text": n.text} for n in summary.notes
        ],
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
