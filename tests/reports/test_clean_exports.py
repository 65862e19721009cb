"""Clean text out: whatever the person typed (or a restored file held), no export carries a
control character or a cell a spreadsheet would run as a formula, and ordinary text comes
out as it went in."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date, datetime, time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from recovery_cli.exporters.to_csv import export_csv
from recovery_cli.exporters.to_html import export_html
from recovery_cli.exporters.to_json import export_json
from recovery_cli.exporters.to_markdown import export_markdown
from recovery_cli.log.logbook import CheckIn
from recovery_cli.meetings.calendar import meetings_to_ical
from recovery_cli.meetings.meetings import Meeting
from recovery_cli.reports.summary import Summary, build_summary
from recovery_cli.store.dates import Period
from recovery_cli.store.profile import Profile
from recovery_cli.store.sanitise import csv_cell, html, ical_text, json_text, markdown
from tests.conftest import Run

DAY = date(2026, 3, 10)
NUMBER = re.compile(r"^-?[0-9,.]+$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text as hostile as can be typed: every code point (controls, DEL, C1), often the ones that
# start formulas or terminal sequences.
HOSTILE = st.sampled_from("=+-@|%\t\r\n\x1b\x7f\x9b")
ANY_TEXT = st.text(st.one_of(st.characters(exclude_categories=["Cs"]), HOSTILE), max_size=30)
# Text a person usually writes: letters, digits, spaces and everyday punctuation.
ORDINARY = st.text(
    st.one_of(st.characters(categories=["L", "Nd"]), st.sampled_from(" .,;:!?'\"()/&%$€é—")),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() == text and "  " not in text and text[0] not in "%")


def controls(text: str, line_ends: str = "\n") -> set[str]:
    """The control characters (C0, DEL, C1) in `text`, other than the format's line ends."""
    return {
        char
        for char in text
        if (ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0) and char not in line_ends
    }


def summary_of(text: str) -> Summary:
    checkin = CheckIn(DAY, mood=5, craving=3, triggers=[text], coped=[text], note=text)
    return build_summary(
        Profile(name=text), Period(DAY, DAY), DAY, (DAY, DAY), [checkin], [], [], []
    )


def calendar_of(text: str) -> str:
    meeting = Meeting(
        "Group " + text, "NA", "FREQ=WEEKLY;BYDAY=TU", DAY, time(19), "UTC", where=text,
        notes=text,
    )  # fmt: skip
    return meetings_to_ical([meeting], stamp=datetime(2026, 3, 1, 12, 0).astimezone())


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(export_csv(summary_of(text)))) for cell in row]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_no_export_carries_a_control_character_or_a_formula(text: str) -> None:
    summary = summary_of(text)
    for exported in (export_markdown(summary), export_json(summary), export_html(summary)):
        assert not controls(exported)
    assert not controls(calendar_of(text), "\r\n")
    exported_csv = export_csv(summary)
    assert not controls(exported_csv)
    for cell in csv_cells(text):
        assert not cell.startswith(FORMULA_STARTS) or NUMBER.match(cell), cell


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(ORDINARY)
def test_ordinary_text_comes_out_unchanged_in_every_format(text: str) -> None:
    summary = summary_of(text)
    assert text in csv_cells(text)
    assert f"): {text}\n" in export_markdown(summary)
    assert json.loads(export_json(summary))["notes"][0]["text"] == text
    (event,) = Calendar.from_ical(calendar_of(text)).walk("VEVENT")
    assert str(event["LOCATION"]) == text


@given(ANY_TEXT)
def test_json_keeps_every_character_as_an_escape(text: str) -> None:
    written = json_text({"text": text})
    assert not controls(written)
    assert json.loads(written) == {"text": text}


def test_each_format_has_its_own_cleaning() -> None:
    hostile = '\x1b]0;owned\x07=HYPERLINK("http://evil")\x7f\x9b\tend'
    assert csv_cell(hostile) == ']0;owned=HYPERLINK("http://evil") end'
    assert markdown("*bold* [link](x) <b> # | `code`\x1b") == (
        "\\*bold\\* \\[link\\](x) \\<b\\> \\# \\| \\`code\\`"
    )
    assert json_text("\x7f\x85\x1b") == '"\\u007f\\u0085\\u001b"'
    assert ical_text("a\r\nb\x00") == "a\nb"
    assert ical_text("https://x.org/\r\nA", lines=False) == "https://x.org/A"
    assert html("<b>\x1b&") == "&lt;b&gt;&amp;"


def test_a_formula_in_a_note_is_inert_in_csv(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(DAY)
    note = '=HYPERLINK("http://evil","x")'
    assert set_up("log", "--mood", "5", "--craving", "2", "--note", note).exit_code == 0
    exported = set_up("export", "--format", "csv", "--since", "today")
    (row,) = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert row["note"] == "'" + note
    assert row["mood"] == "5"


def test_csv_to_a_terminal_carries_no_escape(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(DAY)
    note = "\x1b]0;new title\x07\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\ \x9b31m"
    assert set_up("log", "--mood", "5", "--craving", "2", "--note", note).exit_code == 0
    for format_name in ("csv", "markdown", "json", "html"):
        exported = set_up("export", "--format", format_name, "--since", "today")
        assert exported.exit_code == 0, exported.stderr
        assert not controls(exported.stdout), format_name


def test_json_output_of_commands_escapes_controls(set_up: Run) -> None:
    name = "Bell\x07\x7f\x9b"
    assert set_up("meetings", "add", name, "--day", "tue", "--time", "19:00").exit_code == 0
    listed = set_up("meetings", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert not controls(listed.stdout)
    assert json.loads(listed.stdout)[0]["name"] == name
