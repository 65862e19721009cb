"""The summary as JSON data, described by `schemas/export.schema.json` (keep them in step:
a change of shape raises SCHEMA_VERSION and updates the schema)."""

from __future__ import annotations

import json
from typing import Any

from recovery_cli.exporters.common import shared_by
from recovery_cli.insights import Trend
from recovery_cli.summary import Day, Summary

SCHEMA_VERSION = 1
KIND = "recovery-summary"


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The JSON document as Python data."""
    time = summary.clean_time
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "name": summary.name,
        "shared_by": shared_by(summary),
        "generated": summary.generated.isoformat(),
        "period": {
            "since": summary.period.since.isoformat(),
            "until": summary.period.until.isoformat(),
            "days": summary.period.days,
        },
        "clean_date": summary.clean_date.isoformat() if summary.clean_date else None,
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
        "checkins": {"made": summary.checkins_made, "days": summary.period.days},
        "mood": {
            "average": _round(summary.mood_average),
            "halves": _halves(summary.mood_trend),
        },
        "craving": {
            "average": _round(summary.craving_average),
            "halves": _halves(summary.craving_trend),
        },
        "days_used": summary.days_used,
        "cravings": {
            "count": summary.cravings.count,
            "mean_intensity": _round(summary.cravings.mean_intensity),
            "mean_drop": _round(summary.cravings.mean_drop),
        },
        "triggers": [
            {
                "name": stat.name,
                "days": stat.count,
                "craving_with": _round(stat.craving_with),
                "craving_without": _round(stat.craving_without),
            }
            for stat in summary.triggers
        ],
        "coping": [
            {"name": e.name, "mean_drop": _round(e.mean_drop), "times": e.count}
            for e in summary.coping
        ],
        "meetings_attended": summary.meetings_attended,
        "things_to_watch": [watch.to_dict() for watch in summary.watch],
        "notes_included": summary.notes_included,
        "days": [_day(day, summary.notes_included) for day in summary.days],
    }
    if summary.notes_included:
        data["notes"] = [
            {"date": n.day.isoformat(), "source": n.source, "text": n.text} for n in summary.notes
        ]
    return data


def render(summary: Summary) -> str:
    return json.dumps(summary_dict(summary), indent=2, ensure_ascii=False) + "\n"


def _day(day: Day, with_note: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": day.day.isoformat(),
        "checked_in": day.checked_in,
        "mood": day.mood,
        "craving": day.craving,
        "sleep": day.sleep,
        "used": day.used,
        "triggers": list(day.triggers),
        "coping": list(day.coping),
    }
    if with_note:
        data["note"] = day.note
    return data


def _halves(trend: Trend | None) -> dict[str, Any] | None:
    """The first and second half of the period, and which way the measure went."""
    if trend is None or trend.current is None or trend.previous is None:
        return None
    return {
        "first": _round(trend.previous),
        "second": _round(trend.current),
        "direction": trend.direction,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
