"""The clinical half on the dashboard and among the things to watch: today's medication
with the missed-dose message, the next appointment, missed appointments and a prescription
that ended."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from recovery_cli.care.appointments import Outcome
from recovery_cli.care.prescriptions import Prescription
from recovery_cli.reports.watch import care_to_watch
from tests.care.test_meds_safety import DOSE_WITH_UNIT
from tests.conftest import Run

Freeze = Callable[..., None]


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def flat(text: str) -> str:
    return " ".join(text.split())


def a_week_then_three_days_without(run: Run, freeze: Freeze) -> None:
    """Methadone 60 mg daily at a clinic with a phone number, ticked 20-26 November, then
    nothing on the 27th, 28th and 29th; it is now the 30th."""
    freeze(date(2026, 11, 20))
    ok(run, "meds", "add", "Methadone", "--dose", "60 mg", "--clinic", "Riverside Clinic",
       "--phone", "555-0100")  # fmt: skip
    for day in range(20, 27):
        freeze(date(2026, 11, day))
        ok(run, "meds", "take", "--observed")
    freeze(date(2026, 11, 30))


def test_three_missed_days_on_the_dashboard_with_the_clinics_number(
    set_up: Run, frozen_today: Freeze
) -> None:
    a_week_then_three_days_without(set_up, frozen_today)
    shown = flat(ok(set_up))
    assert "Medication: Methadone 60 mg: due; 3 days missed in a row." in shown
    assert "contact your clinic or prescriber before your next dose" in shown
    assert "555-0100" in shown
    assert "Methadone: 3 days without a dose in a row." in shown
    status = json.loads(ok(set_up, "status", "--json"))
    [medication] = status["medications"]
    assert medication["missed_days_in_a_row"] == 3
    assert "555-0100" in medication["alert"]
    assert [w["kind"] for w in status["watch"]] == ["missed_doses"]
    assert status["watch"][0]["dates"] == ["2026-11-27", "2026-11-28", "2026-11-29"]
    doses = {m.group(0) for m in DOSE_WITH_UNIT.finditer(ok(set_up) + json.dumps(status))}
    assert doses == {"60 mg"}


def test_a_fortnightly_counselling_appointment_shows_on_the_dashboard(
    set_up: Run, frozen_today: Freeze
) -> None:
    frozen_today(date(2026, 11, 30))
    ok(set_up, "appointments", "add", "Counselling", "--at", "2026-12-01 10:00",
       "--kind", "counselling", "--with", "Dana", "--every", "2weeks")  # fmt: skip
    assert "Next appointment: Counselling (counselling) with Dana, Tomorrow at 10:00." in flat(
        ok(set_up)
    )
    status = json.loads(ok(set_up, "status", "--json"))
    assert status["next_appointment"]["title"] == "Counselling"
    assert status["next_appointment"]["start"] == "2026-12-01T10:00:00-05:00"


def test_nothing_clinical_is_shown_to_someone_without_it(set_up: Run) -> None:
    shown = ok(set_up)
    assert "Medication" not in shown
    assert "appointment" not in shown
    status = json.loads(ok(set_up, "status", "--json"))
    assert status["medications"] == []
    assert status["next_appointment"] is None


def test_a_missed_appointment_and_an_ended_prescription_are_things_to_watch() -> None:
    today = date(2026, 11, 30)
    missed = Outcome("uid-1", "Counselling", date(2026, 11, 24), "missed")
    long_ago = Outcome("uid-1", "Counselling", date(2026, 10, 1), "missed")
    kept = Outcome("uid-1", "Counselling", date(2026, 11, 10), "done")
    ended = Prescription("Methadone", "60 mg", date(2026, 1, 1), stopped=date(2026, 11, 28))
    found = care_to_watch(today, outcomes=[missed, long_ago, kept], prescriptions=[ended])
    assert [w.kind for w in found] == ["missed_appointments", "prescription_ended"]
    assert "Counselling on Tue 24 Nov" in found[0].message
    assert found[0].dates == (date(2026, 11, 24),)
    assert "Methadone ended on Sat 28 Nov" in found[1].message
    assert "contact your clinic or prescriber" in found[1].message


def test_an_ended_prescription_followed_by_another_of_its_kind_is_not_a_gap() -> None:
    today = date(2026, 11, 30)
    ended = Prescription("Methadone", "60 mg", date(2026, 1, 1), stopped=date(2026, 11, 28))
    after = Prescription("Methadose", "60 mg", date(2026, 11, 28))
    assert care_to_watch(today, prescriptions=[ended, after]) == []


def test_someone_using_opioids_without_a_kit_is_told_once_where_to_get_one(
    run: Run, frozen_today: Freeze
) -> None:
    frozen_today(date(2026, 11, 30))
    ok(run, "init", "--name", "Sam", "--clean-date", "2026-09-01", "--substance", "heroin",
       "--region", "US", "--timezone", "America/New_York", "--yes")  # fmt: skip
    shown = flat(ok(run))
    assert shown.count("Naloxone (Narcan) reverses an opioid overdose") == 1
    assert "without a prescription" in shown
    ok(run, "naloxone", "add", "--expires", "2027-06", "--where", "in my bag")
    assert "reverses an opioid overdose" not in ok(run)
    assert json.loads(ok(run, "status", "--json"))["naloxone_nudge"] is None


def test_no_nudge_for_someone_whose_substances_are_not_opioids(
    run: Run, frozen_today: Freeze
) -> None:
    frozen_today(date(2026, 11, 30))
    ok(run, "init", "--name", "Sam", "--clean-date", "2026-09-01", "--substance", "alcohol",
       "--yes")  # fmt: skip
    assert "Naloxone" not in ok(run)


def test_a_kit_that_expires_within_60_days_is_a_thing_to_watch(
    set_up: Run, frozen_today: Freeze
) -> None:
    frozen_today(date(2026, 11, 30))
    ok(set_up, "naloxone", "add", "--expires", "2027-01-20", "--where", "kitchen drawer")
    status = json.loads(ok(set_up, "status", "--json"))
    [item] = status["watch"]
    assert item["kind"] == "naloxone_expiring"
    assert item["dates"] == ["2027-01-20"]
    assert "(nasal spray, kitchen drawer) expires on Wed 20 Jan 2027" in flat(ok(set_up))
    frozen_today(date(2027, 1, 22))
    assert "expired on Wed 20 Jan 2027" in flat(ok(set_up))


def test_the_summary_lists_a_missed_appointment_among_the_things_to_watch(
    set_up: Run, frozen_today: Freeze
) -> None:
    frozen_today(date(2026, 11, 30))
    ok(set_up, "appointments", "add", "Counselling", "--at", "2026-11-24 10:00")
    ok(set_up, "appointments", "missed", "Counselling", "--date", "2026-11-24")
    summary = flat(ok(set_up, "summary"))
    assert "Missed appointment: Counselling on Tue 24 Nov." in summary
