"""The medication and appointment sections of the summary, on a period worked out by hand.

Today is Fri 20 March 2026; the period is 1-16 March (16 days). Methadone, daily since
1 February at "65 mg", set to "60 mg" by Dr Ahmed on 9 March. In the period: observed
doses on the 1st-6th, 10th, 11th and 14th (9 days), take-home doses on the 7th and 8th
(2 days), so 11 days taken; marked missed on the 12th; no dose on the 9th, 13th, 15th and
16th, so 5 days missed; 2 take-home doses given on the 6th. Mirtazapine "15 mg", started
13 March and stopped 15 March, taken on the 13th and 14th: nothing missed. A medication
stopped in February is left out. Counselling every two weeks from 16 February: kept on
16 February (outside), kept on 2 March, missed on 16 March; a prescriber review on
10 March, cancelled.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime, time
from importlib.resources import files
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from recovery_cli.care import appointments, prescriptions
from recovery_cli.care.doses import OBSERVED, TAKE_HOME, Missed, TakeHomeGiven, Taken, add_dose
from recovery_cli.reports.summary import load_summary
from recovery_cli.store.dates import Period
from recovery_cli.store.files import Store
from recovery_cli.store.profile import load_profile
from tests.conftest import Run

ZONE = "America/New_York"
TODAY = date(2026, 3, 20)
PERIOD = ("--since", "2026-03-01", "--until", "2026-03-16")
FORMATS = ("markdown", "html", "json", "csv")
DOSE_NOTE = "DOSE-NOTE-41 felt settled"
MISSED_REASON = "MISSED-REASON-7 overslept"
TYPED_DOSES = {"60 mg", "15 mg"}
DOSE_TEXT = re.compile(r"\d[\d.,]*\s*(?:mg|ml|mcg)\b", re.IGNORECASE)


def march(day: int) -> date:
    return date(2026, 3, day)


def add_medications(store: Store) -> None:
    with prescriptions.changing(store) as medications:
        methadone = prescriptions.Prescription("Methadone", "65 mg", date(2026, 2, 1))
        prescriptions.add(medications, methadone)
        prescriptions.change_dose(
            methadone, march(9), TODAY, "60 mg", "Dr Ahmed", "steady for two weeks, as agreed"
        )
        mirtazapine = prescriptions.Prescription("Mirtazapine", "15 mg", march(13))
        prescriptions.add(medications, mirtazapine)
        prescriptions.stop(mirtazapine, march(15), "made me drowsy")
        earlier = prescriptions.Prescription("Zopiclone", "7.5 mg", date(2026, 1, 5))
        prescriptions.add(medications, earlier)
        prescriptions.stop(earlier, date(2026, 2, 20))
    records = [Taken("Methadone", date(2026, 2, 28), how=OBSERVED)]
    records += [Taken("Methadone", march(d), time(8), OBSERVED) for d in (1, 2, 3, 4, 5, 6, 10, 11)]
    records += [
        Taken("Methadone", march(14), time(8, 30), OBSERVED, note=DOSE_NOTE),
        Taken("Methadone", march(7), how=TAKE_HOME),
        Taken("Methadone", march(8), how=TAKE_HOME),
        TakeHomeGiven("Methadone", march(6), doses=2),
        Missed("Methadone", march(12), reason=MISSED_REASON),
        Taken("Mirtazapine", march(13)),
        Taken("Mirtazapine", march(14)),
        Taken("Methadone", march(17), how=OBSERVED),
        TakeHomeGiven("Methadone", march(18), doses=3),
    ]
    with store.transaction():
        for record in records:
            add_dose(store, record)


def add_appointments(store: Store) -> None:
    first = date(2026, 2, 16)
    counselling = appointments.Appointment(
        "Counselling", "counselling", appointments.rule_for("2weeks", first), first, time(10), ZONE
    )
    review = appointments.Appointment(
        "Prescriber review", "prescriber", appointments.rule_for("none", march(10)), march(10),
        time(14), ZONE,
    )  # fmt: skip
    with appointments.changing(store) as book:
        book.appointments += [counselling, review]
        book.record(counselling, first, "done")
        book.record(counselling, march(2), "done")
        book.record(counselling, march(16), "missed")
        book.record(review, march(10), "cancelled")


@pytest.fixture
def care(set_up: Run, store: Store, frozen_today: Callable[..., None]) -> Run:
    frozen_today(TODAY)
    add_medications(store)
    add_appointments(store)
    return set_up


@pytest.fixture
def nothing_kept(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    frozen_today(TODAY)
    return set_up


def exported(run: Run, format_name: str, *extra: str) -> str:
    result = run("export", "--format", format_name, *PERIOD, *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_figures_on_the_summary(care: Run, store: Store) -> None:
    profile = load_profile(store)
    assert profile is not None
    now = datetime(2026, 3, 20, 12, 0, tzinfo=ZoneInfo(ZONE))
    summary = load_summary(store, profile, Period(march(1), march(16)), now, ZONE)
    assert summary.medications is not None
    methadone, mirtazapine = summary.medications
    assert (methadone.name, methadone.dose, methadone.dose_since) == (
        "Methadone",
        "60 mg",
        march(9),
    )
    assert methadone.schedule == "daily"
    assert [(c.day, c.dose, c.by, c.reason) for c in methadone.changes] == [
        (march(9), "60 mg", "Dr Ahmed", "steady for two weeks, as agreed")
    ]
    assert (methadone.started, methadone.stopped) == (None, None)
    days = methadone.days
    assert days.taken == tuple(march(d) for d in (1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 14))
    assert days.observed == tuple(march(d) for d in (1, 2, 3, 4, 5, 6, 10, 11, 14))
    assert days.take_home == (march(7), march(8))
    assert days.missed == tuple(march(d) for d in (9, 12, 13, 15, 16))
    assert days.takehome_given == 2
    assert (mirtazapine.started, mirtazapine.stopped) == (march(13), march(15))
    assert mirtazapine.stop_reason == "made me drowsy"
    assert [c.dose for c in mirtazapine.changes] == ["15 mg"]
    assert (len(mirtazapine.days.taken), mirtazapine.days.missed) == (2, ())
    figures = summary.appointments
    assert figures is not None
    assert [(a.day, a.title, a.kind) for a in figures.kept] == [
        (march(2), "Counselling", "counselling")
    ]
    assert [(a.day, a.title) for a in figures.missed] == [(march(16), "Counselling")]
    assert [(a.day, a.title, a.kind) for a in figures.cancelled] == [
        (march(10), "Prescriber review", "prescriber")
    ]
    assert [a.outcome for a in figures.every] == ["kept", "cancelled", "missed"]


def test_the_sections_in_the_terminal(care: Run) -> None:
    result = care("summary", *PERIOD)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # the grid pads and wraps
    assert "Medication Methadone Current dose: 60 mg (since Mon 9 Mar 2026)" in out
    assert "Schedule: daily" in out
    assert "Days taken: 11 (9 observed at the clinic, 2 take-home)" in out
    assert (
        "Days missed: 5 (Mon 9 Mar 2026, Thu 12 Mar 2026, Fri 13 Mar 2026, Sun 15 Mar 2026, "
        "Mon 16 Mar 2026)" in out
    )
    assert "Take-home doses given: 2" in out
    assert (
        "Doses set in this period: - from Mon 9 Mar 2026: 60 mg, set by Dr Ahmed "
        "(reason: steady for two weeks, as agreed)" in out
    )
    assert "Mirtazapine Last dose: 15 mg (since Fri 13 Mar 2026)" in out
    assert "Started: Fri 13 Mar 2026 Stopped: Sun 15 Mar 2026 (made me drowsy)" in out
    assert "Zopiclone" not in out
    assert (
        "Appointments 1 kept, 1 missed, 1 cancelled "
        "- Mon 2 Mar 2026: Counselling (counselling), kept "
        "- Tue 10 Mar 2026: Prescriber review (prescriber), cancelled "
        "- Mon 16 Mar 2026: Counselling (counselling), missed"
    ) in out
    assert "16 Feb" not in out


def test_the_sections_in_markdown(care: Run) -> None:
    text = exported(care, "markdown")
    assert "## Medication\n\n### Methadone\n" in text
    assert "| Current dose | 60 mg (since Mon 9 Mar 2026) |" in text
    assert "| Days taken | 11 (9 observed at the clinic, 2 take-home) |" in text
    assert "| Take-home doses given | 2 |" in text
    assert "| Mon 9 Mar 2026 | 60 mg | Dr Ahmed | steady for two weeks, as agreed |" in text
    assert "| Stopped | Sun 15 Mar 2026 (made me drowsy) |" in text
    assert "## Appointments\n\n1 kept, 1 missed, 1 cancelled\n" in text
    assert "| Mon 16 Mar 2026 | Counselling | counselling | missed |" in text
    assert "| Tue 10 Mar 2026 | Prescriber review | prescriber | cancelled |" in text


def test_the_sections_in_html(care: Run) -> None:
    page = exported(care, "html")
    ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
    assert "<h2>Medication</h2>" in page
    assert "<h3>Methadone</h3>" in page
    assert '<th scope="row">Days missed</th><td>5 (Mon 9 Mar 2026, Thu 12 Mar 2026' in page
    assert "<td>Mon 9 Mar 2026</td><td>60 mg</td><td>Dr Ahmed</td>" in page
    assert "<h2>Appointments</h2>\n<p>1 kept, 1 missed, 1 cancelled</p>" in page
    assert (
        "<tr><td>Mon 2 Mar 2026</td><td>Counselling</td><td>counselling</td><td>kept</td></tr>"
        in page
    )
    assert "<script" not in page


def test_the_sections_in_json_match_the_schema(care: Run) -> None:
    data = json.loads(exported(care, "json"))
    schema = json.loads(
        files("recovery_cli").joinpath("schemas/export.schema.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    methadone, mirtazapine = data["medications"]
    assert {key: methadone[key] for key in ("name", "dose", "dose_since", "schedule")} == {
        "name": "Methadone", "dose": "60 mg", "dose_since": "2026-03-09", "schedule": "daily",
    }  # fmt: skip
    assert methadone["dose_changes"] == [
        {"date": "2026-03-09", "dose": "60 mg", "by": "Dr Ahmed",
         "reason": "steady for two weeks, as agreed"}
    ]  # fmt: skip
    assert (methadone["days_taken"], methadone["days_observed"]) == (11, 9)
    assert (methadone["days_take_home"], methadone["days_missed"]) == (2, 5)
    assert methadone["missed_dates"] == [f"2026-03-{d:02}" for d in (9, 12, 13, 15, 16)]
    assert methadone["takehome_doses_given"] == 2
    assert (mirtazapine["started"], mirtazapine["stopped"]) == ("2026-03-13", "2026-03-15")
    assert data["appointments"] == {
        "kept": 1,
        "missed": 1,
        "cancelled": 1,
        "occurrences": [
            {"date": "2026-03-02", "title": "Counselling", "kind": "counselling",
             "outcome": "kept"},
            {"date": "2026-03-10", "title": "Prescriber review", "kind": "prescriber",
             "outcome": "cancelled"},
            {"date": "2026-03-16", "title": "Counselling", "kind": "counselling",
             "outcome": "missed"},
        ],
    }  # fmt: skip


def test_the_sections_in_csv(care: Run) -> None:
    lines = exported(care, "csv").splitlines()
    assert lines[0] == (
        "date,mood,craving,sleep,used,triggers,coping,note,"
        "doses_taken,doses_missed,appointments_kept,appointments_missed,cravings,craving_triggers,"
        "steps_done"
    )
    rows = {row["date"]: row for row in csv.DictReader(io.StringIO("\n".join(lines)))}
    assert len(rows) == 16
    assert rows["2026-03-02"]["doses_taken"] == "Methadone (observed)"
    assert rows["2026-03-02"]["appointments_kept"] == "Counselling"
    assert rows["2026-03-07"]["doses_taken"] == "Methadone (take-home)"
    assert rows["2026-03-12"]["doses_missed"] == "Methadone"
    assert rows["2026-03-12"]["doses_taken"] == ""
    assert rows["2026-03-14"]["doses_taken"] == "Methadone (observed); Mirtazapine"
    assert rows["2026-03-16"]["appointments_missed"] == "Counselling"
    assert sum(row["doses_missed"] == "Methadone" for row in rows.values()) == 5


@pytest.mark.parametrize("format_name", FORMATS)
def test_no_dose_text_but_the_ones_typed(care: Run, format_name: str) -> None:
    text = exported(care, format_name)
    if format_name != "csv":  # CSV names the medications of each day, without their doses
        assert "60 mg" in text
    assert set(DOSE_TEXT.findall(text)) <= TYPED_DOSES


def test_no_dose_text_but_the_ones_typed_in_the_terminal(care: Run) -> None:
    out = care("summary", *PERIOD).stdout
    assert set(DOSE_TEXT.findall(out)) == TYPED_DOSES


@pytest.mark.parametrize("format_name", FORMATS)
def test_dose_notes_and_missed_reasons_are_never_shared(care: Run, format_name: str) -> None:
    for extra in ((), ("--no-notes",)):
        text = exported(care, format_name, *extra)
        assert "DOSE-NOTE" not in text
        assert "MISSED-REASON" not in text
    assert "DOSE-NOTE" not in care("summary", *PERIOD).stdout


@pytest.mark.parametrize("format_name", FORMATS)
def test_no_sections_without_medications_or_appointments(
    nothing_kept: Run, format_name: str
) -> None:
    text = exported(nothing_kept, format_name)
    if format_name == "json":
        data = json.loads(text)
        assert "medications" not in data
        assert "appointments" not in data
    elif format_name == "csv":
        rows = list(csv.DictReader(io.StringIO("\n".join(text.splitlines()))))
        assert {row["doses_taken"] + row["appointments_kept"] for row in rows} == {""}
    else:
        assert "Medication" not in text
        assert "Appointments" not in text
        assert "None in this period" not in text


def test_no_sections_in_the_terminal_without_them(nothing_kept: Run) -> None:
    out = nothing_kept("summary", *PERIOD).stdout
    assert "Medication" not in out
    assert "Appointments" not in out


@pytest.mark.parametrize("format_name", ["markdown", "html"])
def test_none_in_this_period_when_kept_but_nothing_happened(care: Run, format_name: str) -> None:
    text = exported(care, format_name, "--since", "2025-01-01", "--until", "2025-01-31")
    assert text.count("None in this period.") == 2
    assert "Methadone" not in text


def test_none_in_this_period_in_the_terminal_and_json(care: Run) -> None:
    earlier = ("--since", "2025-01-01", "--until", "2025-01-31")
    out = care("summary", *earlier).stdout
    assert "Medication\n  None in this period.\n" in out
    assert "Appointments\n  None in this period.\n" in out
    data = json.loads(care("export", "--format", "json", *earlier).stdout)
    assert data["medications"] == []
    assert data["appointments"]["occurrences"] == []
