"""`recovery export --for supporter`: a shorter page for family or a friend that never holds
cravings, medication or notes the person kept to themselves unless they add them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, time

import pytest
from typer.testing import Result

from recovery_cli.exits import USAGE, USER_ERROR

Run = Callable[..., Result]
FORMATS = ("markdown", "html", "json", "csv")
SHARED = "A good walk with my sister"
PRIVATE = "Argued with Dad, kept it in"
CRAVING_NOTE = "Passed the old corner shop"
TRIGGER = "payday"
MEDICATION = "Buprenorphine"


@pytest.fixture
def lived(set_up: Run, frozen_today: Callable[..., None]) -> Run:
    """A few days with a shared note, a private note, a craving and a medication."""
    steps = [
        (date(2026, 3, 3), ("log", "--date", "2026-03-03", "--mood", "6", "--note", PRIVATE)),
        (date(2026, 3, 4), ("craving", "--intensity", "8", "--trigger", TRIGGER,
                            "--note", CRAVING_NOTE)),
        (date(2026, 3, 4), ("meds", "add", MEDICATION, "--dose", "16 mg")),
        (date(2026, 3, 5), ("log", "--mood", "7", "--note", SHARED, "--share-note")),
    ]  # fmt: skip
    for day, args in steps:
        frozen_today(day, time(20, 0))
        result = set_up(*args)
        assert result.exit_code == 0, result.output
    return set_up


def exported(run: Run, format_name: str, *more: str) -> Result:
    result = run("export", "--for", "supporter", "--format", format_name, *more)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("format_name", FORMATS)
def test_supporter_page_keeps_private_things_out(lived: Run, format_name: str) -> None:
    page = exported(lived, format_name).stdout
    assert SHARED in page
    for private in (PRIVATE, CRAVING_NOTE, TRIGGER, MEDICATION):
        assert private not in page


@pytest.mark.parametrize("format_name", FORMATS)
def test_supporter_page_adds_what_the_person_includes(lived: Run, format_name: str) -> None:
    page = exported(lived, format_name, "--include", "meds", "--include", "cravings").stdout
    assert MEDICATION in page
    assert TRIGGER in page
    for private in (PRIVATE, CRAVING_NOTE):
        assert private not in page


def test_choice_of_sections_is_told_before_and_stated_on_the_page(lived: Run) -> None:
    result = exported(lived, "markdown", "--include", "meds")
    told = "This page holds: clean time, meetings, shared notes, meds."
    assert told in result.stderr
    assert told in result.stdout.splitlines()[2].replace("\\", "")
    data = json.loads(exported(lived, "json").stdout)
    assert data["audience"] == "supporter"
    assert data["parts"] == ["clean time", "meetings", "shared notes"]
    assert data["days"] == []


def test_counsellor_summary_is_unchanged_by_default(lived: Run) -> None:
    page = lived("export", "--format", "markdown").stdout
    assert PRIVATE in page
    assert CRAVING_NOTE in page
    assert MEDICATION in page


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("--include", "diary"), USAGE, "'diary' is not one of 'reflections', 'meds', 'cravings'"),
        (("--for", "boss"), USER_ERROR, "--for takes"),
    ],
)
def test_unknown_audience_or_part_is_one_line(
    lived: Run, args: tuple[str, ...], code: int, says: str
) -> None:
    result = lived("export", *args)
    assert result.exit_code == code
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("include", "told"),
    [
        ((), "shared notes. Add more with --include meds or cravings."),
        (("--include", "meds"), "shared notes, meds. Add more with --include cravings."),
        (("--include", "cravings"), "shared notes, cravings. Add more with --include meds."),
        (("--include", "meds", "--include", "cravings"), "shared notes, meds, cravings."),
    ],
)
def test_supporter_export_offers_only_what_can_still_be_added(
    lived: Run, include: tuple[str, ...], told: str
) -> None:
    line = exported(lived, "markdown", *include).stderr.strip().splitlines()[0]
    assert line == f"This page holds: clean time, meetings, {told}"
