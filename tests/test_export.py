"""`recovery summary` and `recovery export`: each format's content, the JSON against its
schema, the HTML well-formed and self-contained, --no-notes, and the period's edges."""

from __future__ import annotations

import csv
import io
import json
import stat
from collections.abc import Callable
from datetime import date, datetime
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest

from recovery_cli.logbook import CheckIn, Craving, save_checkins, save_cravings
from recovery_cli.meetings import Attendance, save_attendance
from recovery_cli.store import Store
from tests.conftest import Run

TODAY = date(2026, 11, 20)
NOTES = ("A private note & <b>bold</b>", "rode it | out *fast*", "walked past the old place")
TRIGGER = "<script>alert(1)</script>"
FORMATS = ("markdown", "html", "json", "csv")


@pytest.fixture
def filled(set_up: Run, store: Store, frozen_today: Callable[..., None]) -> Run:
    """Sam's last weeks: check-ins with notes, a lapse, cravings and a meeting."""
    frozen_today(TODAY)
    with store.transaction():
        save_checkins(
            store,
            [
                CheckIn(date(2026, 11, 2), 7, 2, 7.5, ["payday"], ["walk"], note=NOTES[0]),
                CheckIn(date(2026, 11, 9), 3, 7, 5.5, [TRIGGER, "payday"], used=True),
                CheckIn(date(2026, 11, 10), mood=4),
                CheckIn(date(2026, 11, 19), 6, 3, 8, [], ["call Jo"], note=NOTES[2]),
            ],
        )
        save_cravings(
            store,
            [Craving(datetime(2026, 11, 9, 21), 9, "payday", ["call Jo"], 4, note=NOTES[1])],
        )
        save_attendance(store, [Attendance("Tuesday Night", date(2026, 11, 17))])
    return set_up


def schema() -> dict[str, Any]:
    text = resources.files("recovery_cli").joinpath("schemas/export.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def export(run: Run, *args: str) -> str:
    result = run("export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_summary_in_the_terminal(filled: Run) -> None:
    output = filled("summary").stdout
    assert "Recovery summary: 22 October 2026 to 20 November 2026 (30 days)" in output
    assert "Check-ins:          4 of 30 days" in output
    assert "Mood (1-10):        5.0 on average" in output
    assert "Days with use:      1" in output
    assert "Meetings attended:  1" in output
    assert "Use was recorded on 1 day (Mon 9 Nov)." in output
    assert TRIGGER in output  # shown as text, not taken as markup
    assert NOTES[2] in output


def test_summary_json_is_the_export_json(filled: Run) -> None:
    assert json.loads(filled("summary", "--json").stdout) == json.loads(
        export(filled, "--format", "json")
    )


def test_markdown_names_the_period_and_who_shared_it(filled: Run) -> None:
    text = export(filled, "--format", "markdown")
    assert text.startswith("# Recovery summary\n")
    assert "**22 October 2026 to 20 November 2026 (30 days)**" in text
    assert "Shared by Sam on 20 November 2026." in text
    assert "- **Check-ins:** 4 of 30 days" in text
    assert "- **Cravings recorded:** 1, of strength 9.0 on average" in text
    assert "| payday | 2 | 4.5 | 3.0 |" in text
    assert "| call Jo | 5.0 | 1 |" in text
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert "rode it \\| out \\*fast\\*" in text
    assert "| Mon 9 Nov | 3 | 7 | 5.5 | yes |" in text


def test_json_is_valid_against_its_schema(filled: Run) -> None:
    for args in ((), ("--no-notes",)):
        data = json.loads(export(filled, "--format", "json", *args))
        jsonschema.validate(data, schema())
    data = json.loads(export(filled, "--format", "json"))
    assert data["schema_version"] == 1
    assert data["shared_by"] == "Shared by Sam on 20 November 2026."
    assert data["period"] == {"since": "2026-10-22", "until": "2026-11-20", "days": 30}
    assert data["checkins"] == {"made": 4, "days": 30}
    assert data["mood"]["average"] == 5.0
    assert data["cravings"] == {"count": 1, "mean_intensity": 9.0, "mean_drop": 5.0}
    assert data["meetings_attended"] == 1
    assert data["things_to_watch"][0]["kind"] == "use"
    assert [n["text"] for n in data["notes"]] == list(NOTES)
    assert data["days"][-2]["note"] == NOTES[2]


def test_schema_refuses_a_document_of_another_shape(filled: Run) -> None:
    data = json.loads(export(filled, "--format", "json"))
    data["checkins"]["made"] = "three"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_csv_has_one_row_a_day(filled: Run) -> None:
    rows = list(csv.reader(io.StringIO(export(filled, "--format", "csv"))))
    assert rows[0] == [
        "# Recovery check-ins, 22 October 2026 to 20 November 2026 (30 days). "
        "Shared by Sam on 20 November 2026."
    ]
    assert rows[1] == ["date", "mood", "craving", "sleep", "used", "triggers", "coping", "note"]
    days = rows[2:]
    assert len(days) == 30
    assert days[0] == ["2026-10-22", "", "", "", "", "", "", ""]
    assert ["2026-11-09", "3", "7", "5.5", "yes", f"{TRIGGER}; payday", "", ""] in days
    assert ["2026-11-02", "7", "2", "7.5", "no", "payday", "walk", NOTES[0]] in days


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs


def test_html_is_well_formed_self_contained_and_escaped(filled: Run) -> None:
    page = export(filled, "--format", "html")
    ElementTree.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # well-formed XML
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags
    assert {"style", "svg", "polyline", "circle", "rect", "table"} <= set(parser.tags)
    assert parser.tags.count("svg") == 2  # mood and craving by day; triggers by count
    assert not [name for name, _ in parser.attributes if name in ("src", "href")]
    urls = [v for _, v in parser.attributes if v and "//" in v]
    assert urls == ["http://www.w3.org/2000/svg"] * 2  # the SVG namespace, never fetched
    assert "url(" not in page
    assert "@import" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "A private note &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "Shared by Sam on 20 November 2026." in page
    assert "22 October 2026 to 20 November 2026 (30 days)" in page
    assert "@media print" in page


@pytest.mark.parametrize("format", FORMATS)
def test_no_notes_leaves_no_note_text(filled: Run, format: str) -> None:
    with_notes = export(filled, "--format", format)
    assert "walked past the old place" in with_notes
    text = export(filled, "--format", format, "--no-notes")
    for note in NOTES:
        for word in ("private", "rode", "walked", "fast", "bold"):
            if word in note:
                assert word not in text
    assert "Shared by Sam" in text


def test_summary_without_notes(filled: Run) -> None:
    output = filled("summary", "--no-notes").stdout
    assert not any(note in output for note in NOTES)
    assert "Notes" not in output


def test_a_period_of_one_day(filled: Run) -> None:
    text = export(filled, "--format", "markdown", "--since", "2026-11-09", "--until", "2026-11-09")
    assert "**9 November 2026 (1 day)**" in text
    assert "- **Check-ins:** 1 of 1 day" in text
    one_day = ("--since", "2026-11-09", "--until", "2026-11-09")
    data = json.loads(export(filled, "-f", "json", *one_day))
    jsonschema.validate(data, schema())
    assert data["mood"] == {"average": 3.0, "halves": None}


def test_an_empty_period_in_every_format(filled: Run) -> None:
    period = ("--since", "2026-01-01", "--until", "2026-01-31")
    assert "Check-ins:          0 of 31 days" in filled("summary", *period).stdout
    data = json.loads(export(filled, "-f", "json", *period))
    jsonschema.validate(data, schema())
    assert data["mood"]["average"] is None
    assert "No mood or craving was recorded" in export(filled, "-f", "html", *period)
    assert "Nothing in particular stood out" in export(filled, "-f", "markdown", *period)
    assert len(export(filled, "-f", "csv", *period).splitlines()) == 2 + 31


def test_a_period_that_ends_before_it_starts(filled: Run) -> None:
    result = filled("export", "--since", "2026-11-10", "--until", "2026-11-01")
    assert result.exit_code == 1
    assert "would start (2026-11-10) after it ends (2026-11-01)" in result.stderr


def test_format_from_the_file_name_and_a_private_file(filled: Run, tmp_path: Path) -> None:
    target = tmp_path / "for-my-counsellor.html"
    result = filled("export", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert "Saved the summary (html, with your notes)" in result.stdout
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    unknown = filled("export", "--output", str(tmp_path / "summary.txt"))
    assert unknown.exit_code == 1
    assert "cannot tell the format from 'summary.txt'" in unknown.stderr
    assert not (tmp_path / "summary.txt").exists()


def test_export_before_init_says_what_to_do(run: Run) -> None:
    result = run("export")
    assert result.exit_code == 1
    assert "run recovery init first" in result.stderr


def test_a_meeting_missed_for_two_weeks_is_a_thing_to_watch(
    filled: Run, frozen_today: Callable[..., None]
) -> None:
    added = filled("meetings", "add", "Tuesday Night", "--day", "tue", "--time", "19:00")
    assert added.exit_code == 0, added.output
    frozen_today(date(2026, 11, 30))
    assert "meetings_dropped" not in export(filled, "-f", "json")  # went on 17 Nov
    frozen_today(date(2026, 12, 8))  # a Tuesday: tonight's meeting has not begun yet
    watched = json.loads(export(filled, "-f", "json"))["things_to_watch"]
    assert [w["dates"] for w in watched if w["kind"] == "meetings_dropped"] == [["2026-12-01"]]
    frozen_today(date(2026, 12, 9))
    data = json.loads(export(filled, "-f", "json"))
    dropped = [w for w in data["things_to_watch"] if w["kind"] == "meetings_dropped"]
    assert dropped == [
        {
            "kind": "meetings_dropped",
            "message": "No meeting in the last 14 days, while your schedule had meetings "
            "on 2 days.",
            "dates": ["2026-12-01", "2026-12-08"],
        }
    ]


def test_a_long_period_is_charted_week_by_week(filled: Run) -> None:
    page = export(filled, "-f", "html", "--since", "2026-08-01")
    assert "Mood and craving, week by week" in page
    assert "Each point is the average of the week ending on that day." in page
    assert "Mood each week:" in filled("summary", "--since", "2026-08-01").stdout
    assert "Mood and craving each day" in export(filled, "-f", "html")
