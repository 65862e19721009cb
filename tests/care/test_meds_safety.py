"""The safety rules for medicine: no dose the person did not type, the message after
missed doses, naltrexone's warning, take-home doses, and whose instructions come first."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from recovery_cli.care import medicine
from recovery_cli.care.doses import DoseRecord, Missed, Taken
from recovery_cli.care.meds import status_of
from recovery_cli.care.prescriptions import Prescription
from recovery_cli.store.errors import InvalidValue
from tests.conftest import ROOT, Run

TODAY = date(2026, 12, 2)
SOURCE = ROOT / "src" / "recovery_cli"
Freeze = Callable[..., None]
# A number followed by a unit of dose: "60 mg", "8mg", "1.5 ml", "2 tablets".
DOSE_WITH_UNIT = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|ml|mL|cc|units?|tablets?|films?|pills?)\b",
    re.IGNORECASE,
)


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def flat(text: str) -> str:
    return " ".join(text.split())


def daily(name: str, **given: Any) -> Prescription:
    values: dict[str, Any] = {"dose": "60 mg", "starts": date(2026, 11, 1), **given}
    return Prescription(name=name, **values)


def ticked_until(name: str, last: date) -> list[DoseRecord]:
    return [Taken(name, last - timedelta(days=n)) for n in range(7)]


# No dose other than the one typed


def test_no_output_of_any_meds_command_holds_a_dose_the_person_did_not_type(
    set_up: Run, frozen_today: Freeze
) -> None:
    frozen_today(date(2026, 11, 20))
    outputs = [
        ok(
            set_up,
            *("meds", "add", "Methadone", "--dose", "60 mg", "--form", "liquid"),
            *("--clinic", "Riverside Clinic", "--phone", "555-0100", "--hours", "Mon-Sat 7-11"),
        )
    ]
    for day in range(20, 27):
        frozen_today(date(2026, 11, day))
        outputs.append(ok(set_up, "meds", "take", "--observed"))
    outputs.append(ok(set_up, "meds", "takehome", "Methadone", "--doses", "2"))
    outputs.append(ok(set_up, "meds", "take", "--take-home", "--yes"))
    for day in (30, 27):
        frozen_today(date(2026, 11, day))
        outputs.append(ok(set_up, "meds", "missed", "--reason", "overslept"))
    frozen_today(date(2026, 12, 1))
    for args in (
        ("meds",),
        ("meds", "--json"),
        ("meds", "list"),
        ("meds", "list", "--json"),
        ("meds", "history", "Methadone"),
        ("meds", "history", "Methadone", "--json"),
        ("meds", "take"),
        ("meds", "--help"),
        ("meds", "take", "--help"),
        ("meds", "add", "--help"),
    ):
        outputs.append(ok(set_up, *args))
    assert "missed in a row: 4 days" in outputs[-10]
    doses = {match.group(0) for out in outputs for match in DOSE_WITH_UNIT.finditer(out)}
    assert doses == {"60 mg"}


def test_a_two_part_dose_is_shown_only_as_typed(set_up: Run, frozen_today: Freeze) -> None:
    frozen_today(TODAY)
    outputs = [
        ok(set_up, "meds", "add", "Suboxone", "--dose", "16 mg/4 mg film", "--starts", "5d"),
        ok(set_up, "meds", "take", "--date", "4d"),
        ok(set_up, "meds", "missed"),
        ok(set_up, "meds"),
        ok(set_up, "meds", "--json"),
        ok(set_up, "meds", "list"),
        ok(set_up, "meds", "history", "Suboxone"),
    ]
    assert "16 mg/4 mg film" in outputs[3]
    doses = {match.group(0) for out in outputs for match in DOSE_WITH_UNIT.finditer(out)}
    assert doses == {"16 mg", "4 mg"}


@pytest.mark.parametrize("dose", ["", "   ", "60", "60.5", "16/4", "1,5"])
def test_a_dose_without_its_unit_is_refused(dose: str) -> None:
    with pytest.raises(
        InvalidValue,
        match=r"write it as your prescriber gave it",
    ):
        daily("Methadone", dose=dose)


@pytest.mark.parametrize("dose", ["60 mg", "16 mg/4 mg film", "8mg", "300 mg injection"])
def test_a_dose_is_kept_exactly_as_typed(dose: str) -> None:
    assert daily("Buprenorphine", dose=f" {dose} ").dose == dose


def test_a_dose_with_no_unit_is_one_line_on_the_command_line(set_up: Run, home: Path) -> None:
    result = set_up("meds", "add", "Methadone", "--dose", "60")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "error: the dose '60' needs its unit (mg, ml, ...); write it as your prescriber gave it"
    )
    assert not (home / "medications.toml").exists()


# After missed doses


@pytest.mark.parametrize("name", ["Methadone", "Methadose liquid", "Suboxone film", "Buvidal"])
def test_methadone_and_buprenorphine_bring_the_message_after_3_missed_days(name: str) -> None:
    records = ticked_until(name, TODAY - timedelta(days=4))
    prescription = daily(name, clinic="Riverside Clinic", phone="555-0100", hours="7-11")
    assert status_of(prescription, records, TODAY - timedelta(days=1)).alert is None
    alert = status_of(prescription, records, TODAY).alert
    assert alert is not None
    for words in (
        "contact your clinic or prescriber before your next dose",
        "tolerance can drop after a few days without it",
        "naloxone",
        "Riverside Clinic",
        "phone 555-0100",
        "hours 7-11",
    ):
        assert words in alert


def test_the_number_of_missed_days_is_the_persons_to_set(set_up: Run, frozen_today: Freeze) -> None:
    frozen_today(TODAY)
    ok(
        set_up,
        "meds",
        "add",
        "Methadone",
        "--dose",
        "60 mg",
        "--starts",
        "2d",
        "--missed-alert",
        "2",
    )
    statuses = ok(set_up, "meds")
    assert "before your next dose" in statuses
    prescription = daily("Methadone", missed_alert=5)
    records = ticked_until("Methadone", TODAY - timedelta(days=4))
    assert status_of(prescription, records, TODAY + timedelta(days=1)).alert is None
    assert status_of(prescription, records, TODAY + timedelta(days=2)).alert is not None


def test_without_a_clinic_number_the_message_still_sends_them_to_their_prescriber() -> None:
    alert = status_of(daily("Methadone", starts=TODAY - timedelta(days=3)), [], TODAY).alert
    assert alert is not None
    assert "contact your clinic or prescriber" in alert
    assert "No clinic phone number is saved" in alert


def test_a_medicine_the_app_does_not_know_brings_no_message_unless_asked() -> None:
    records: list[DoseRecord] = []
    assert status_of(daily("Sertraline", dose="50 mg"), records, TODAY).alert is None
    asked = daily("Sertraline", dose="50 mg", missed_alert=2)
    assert status_of(asked, records, TODAY).alert is not None


# Naltrexone


NALTREXONE_WARNING = (
    "Using opioids to try to get past the block, or after it wears off, can cause an "
    "overdose that can kill."
)


def test_a_late_naltrexone_injection_brings_the_label_warning_the_day_after_it_was_due() -> None:
    injection = daily("Vivitrol", dose="380 mg", schedule="monthly", missed_alert=10)
    records: list[DoseRecord] = [Taken("Vivitrol", date(2026, 11, 1))]
    assert status_of(injection, records, date(2026, 12, 1)).alert is None
    alert = status_of(injection, records, date(2026, 12, 2)).alert
    assert alert is not None
    assert NALTREXONE_WARNING in alert
    assert "contact your clinic or prescriber" in alert
    assert "naloxone" in alert


def test_a_missed_naltrexone_tablet_brings_the_warning_at_once(
    set_up: Run, frozen_today: Freeze
) -> None:
    frozen_today(TODAY)
    ok(set_up, "meds", "add", "Revia", "--dose", "50 mg tablet", "--starts", "today")
    assert "alert" not in ok(set_up, "meds").lower()
    shown = flat(ok(set_up, "meds", "missed"))
    assert NALTREXONE_WARNING in shown


def test_no_meds_text_ever_calls_anything_safe_or_clear() -> None:
    texts = [
        medicine.CLINIC_FIRST,
        medicine.TAKEHOME_REMINDER,
        medicine.missed_alert(medicine.METHADONE, 3, "c", "p", "h"),
        medicine.missed_alert(medicine.NALTREXONE, 1, "c", "p", "h"),
    ]
    for text in texts:
        assert not re.search(r"\b(safe|clear|okay|fine)\b", text, re.IGNORECASE), text


# Take-home doses


def test_take_home_doses_come_with_the_lock_them_away_reminder(
    set_up: Run, frozen_today: Freeze
) -> None:
    frozen_today(TODAY)
    ok(set_up, "meds", "add", "Methadone", "--dose", "60 mg")
    given = flat(ok(set_up, "meds", "takehome", "Methadone", "--doses", "6"))
    assert "Noted 6 take-home doses of Methadone" in given
    assert "locked away" in given
    assert "especially children" in given
    assert "locked away" in flat(ok(set_up, "meds"))
    ticked = flat(ok(set_up, "meds", "take", "--take-home"))
    assert "locked away" in ticked
    assert "take-home doses left: 5" in ticked
    for shown in (given, ticked, ok(set_up, "meds", "--json")):
        assert not re.search(r"eligib|qualif|earn", shown, re.IGNORECASE)


# One module for medicine text


def test_medicine_names_are_recognised_brands_included() -> None:
    expected = {
        medicine.METHADONE: ("methadone", "Methadose", "Physeptone"),
        medicine.BUPRENORPHINE: (
            *("buprenorphine", "Subutex", "Suboxone", "Zubsolv", "Subuxone"),
            *("Espranor", "Sublocade", "Brixadi", "Buvidal"),
        ),
        medicine.NALTREXONE: ("naltrexone", "Vivitrol", "Revia"),
        medicine.NALOXONE: ("Naloxone",),
    }
    for kind, names in expected.items():
        for name in names:
            assert medicine.kind_of(f"my {name} 2") == kind
    assert medicine.kind_of("Sertraline") == medicine.OTHER


def test_medicine_words_live_in_medicine_py_alone() -> None:
    others = [
        *(f"care/{name}" for name in ("prescriptions.py", "doses.py", "meds.py", "naloxone.py")),
        *("commands/care/meds.py", "commands/care/naloxone.py", "views/care/meds.py"),
    ]
    # The kits' own modules and renderers name naloxone; what is said about it stays in
    # medicine.py.
    naming_kits = ("care/naloxone.py", "commands/care/naloxone.py", "views/care/meds.py")
    for name in others:
        text = (SOURCE / name).read_text().lower()
        words = ["overdose", "tolerance", "locked away", "suboxone"]
        words += [] if name in naming_kits else ["naloxone"]
        for word in words:
            assert word not in text, (name, word)


def test_medicine_py_names_its_sources() -> None:
    text = (SOURCE / "care" / "medicine.py").read_text()
    for source in (
        "Sordo et al., BMJ 2017",
        "section 3.5",
        "label warning",
        "42 CFR 8",
        "89 FR 7528",
        "SAMHSA Opioid Overdose Prevention Toolkit",
        "Narcan nasal spray Drug Facts label",
        "FDA, 29 March 2023",
        "USP General Notices",
        "CDC",
    ):
        assert source in text


def test_the_clinics_instructions_come_first_in_help_and_readme(set_up: Run) -> None:
    assert medicine.CLINIC_FIRST in flat(ok(set_up, "meds", "--help"))
    assert medicine.CLINIC_FIRST in flat((ROOT / "README.md").read_text())


def test_a_missed_dose_is_met_kindly(set_up: Run, frozen_today: Freeze) -> None:
    frozen_today(TODAY)
    ok(set_up, "meds", "add", "Methadone", "--dose", "60 mg", "--starts", "today")
    shown = ok(set_up, "meds", "missed", "--reason", "overslept")
    assert "Thank you for keeping track" in shown
    records: list[DoseRecord] = [Missed("Methadone", TODAY)]
    alert = status_of(daily("Methadone", missed_alert=1, starts=TODAY), records, TODAY).alert
    assert alert is not None
    assert "That happens, and your clinic can help" in alert
