"""The counsellor summary and its exports, on a week whose figures were worked out by hand.

The period is 10-16 March 2026. Inside it: check-ins on the 10th (mood 6, craving 2,
sleep 7), 12th (4, 6, 5; use) and 13th (5, 4, 6), so 3 of 7 days, mood 5.0, craving 4.0,
sleep 6.0; cravings on the 11th (8 -> 3, walk), 14th (6 -> 5, shower and walk) and 15th
(4, nothing after): 3, strength 6.0, mean drop 3.0; walk helped by 3.0 over 2, shower by
1.0; meetings on the 11th, 15th and 16th. Around it, records that must not count.
"""

from __future__ import annotations

import csv
import io
import json
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_cli.log.logbook import CheckIn, Craving, save_checkins, save_cravings
from recovery_cli.meetings.meetings import Attendance, save_attendance
from recovery_cli.reports.summary import load_summary
from recovery_cli.store.dates import Period, parse_period
from recovery_cli.store.files import Store
from recovery_cli.store.profile import load_profile, save_profile
from tests.conftest import Run

NY = ZoneInfo("America/New_York")
CHECKIN_NOTE = "NOTE-ALPHA-7731 slept badly"
CRAVING_NOTE = "CRAVING-NOTE-9 rode it out"
WEEK = ("--since", "2026-03-10", "--until", "2026-03-16")
FORMATS = ("markdown", "html", "json", "csv")


@pytest.fixture
def week(set_up: Run, store: Store, frozen_today: Callable[..., None]) -> Run:
    frozen_today(date(2026, 3, 20))
    with store.transaction():
        save_checkins(
            store,
            [
                CheckIn(date(2026, 3, 9), mood=1, craving=10, note="before the period"),
                CheckIn(
                    date(2026, 3, 10), mood=6, craving=2, sleep=7, triggers=["payday"],
                    coped=["walk"], note=CHECKIN_NOTE,
                ),
                CheckIn(
                    date(2026, 3, 12), mood=4, craving=6, sleep=5,
                    triggers=["payday", "stress | <work>"], used=True,
                ),
                CheckIn(date(2026, 3, 13), mood=5, craving=4, sleep=6),
                CheckIn(date(2026, 3, 17), mood=9, note="after the period"),
            ],
        )  # fmt: skip
        save_cravings(
            store,
            [
                Craving(datetime(2026, 3, 11, 20, 0, tzinfo=NY), 8, after=3, coped=["walk"],
                        note=CRAVING_NOTE),
                Craving(datetime(2026, 3, 14, 9, 0, tzinfo=NY), 6, after=5,
                        coped=["shower", "Walk"]),
                Craving(datetime(2026, 3, 15, 10, 0, tzinfo=NY), 4),
                Craving(datetime(2026, 3, 18, 10, 0, tzinfo=NY), 10, used=True),
            ],
        )  # fmt: skip
        save_attendance(
            store,
            [
                Attendance("Tuesday Night", date(2026, 3, 11)),
                Attendance("Sunday Step", date(2026, 3, 15)),
                Attendance("Tuesday Night", date(2026, 3, 16)),
                Attendance("Tuesday Night", date(2026, 3, 18)),
            ],
        )
    return set_up


def test_summary_figures_of_the_hand_computed_week(week: Run, store: Store) -> None:
    profile = load_profile(store)
    assert profile is not None
    now = datetime(2026, 3, 20, 12, 0, tzinfo=NY)
    period = Period(date(2026, 3, 10), date(2026, 3, 16))
    summary = load_summary(store, profile, period, now, "America/New_York")
    assert (summary.name, summary.generated) == ("Sam", date(2026, 3, 20))
    assert summary.clean_time is not None
    assert summary.clean_time.total_days == 218
    assert summary.checkins_made == 3
    assert (summary.mood_average, summary.craving_average, summary.sleep_average) == (5, 4, 6)
    assert summary.moods == (6, None, 4, 5, None, None, None)
    assert summary.cravings_by_day == (2, None, 6, 4, None, None, None)
    assert summary.used_on == (date(2026, 3, 12),)
    assert summary.days_used == 1
    assert (summary.cravings.count, summary.cravings.mean_intensity) == (3, 6.0)
    assert summary.cravings.mean_drop == 3.0
    assert [(t.name, t.count) for t in summary.top_triggers] == [
        ("payday", 2),
        ("stress | <work>", 1),
    ]
    assert [(e.name, e.mean_drop, e.count) for e in summary.helped_most] == [
        ("walk", 3.0, 2),
        ("shower", 1.0, 1),
    ]
    assert summary.meetings_attended == 3
    assert [(m.name, m.count) for m in summary.meetings] == [
        ("Tuesday Night", 2),
        ("Sunday Step", 1),
    ]
    assert [w.kind for w in summary.watch] == ["use"]
    assert [(n.day, n.source, n.text) for n in summary.notes] == [
        (date(2026, 3, 10), "check-in", CHECKIN_NOTE),
        (date(2026, 3, 11), "craving", CRAVING_NOTE),
    ]


def test_summary_in_the_terminal(week: Run) -> None:
    result = week("summary", *WEEK)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Recovery summary for Sam" in out
    assert "Made on Fri 20 Mar 2026. Shared by Sam." in out
    assert "Tue 10 Mar 2026 to Mon 16 Mar 2026 (7 days)" in out
    assert "Check-ins:         3 of 7 days" in out
    assert "Mood:              5.0 out of 10 on average" in out
    assert "Days with use:     1 (Thu 12 Mar 2026)" in out
    assert "walk: tried twice, too few to rank yet" in out
    assert "stress | <work>: met once (1 day); craving 6.0 when met, 4.8 otherwise" in out
    assert "Tuesday Night: 2" in out
    assert "Use was recorded on Thu 12 Mar." in out
    assert CHECKIN_NOTE in out
    assert CRAVING_NOTE in out


def test_the_default_period_is_the_last_30_days(week: Run) -> None:
    out = week("summary").stdout
    assert "Thu 19 Feb 2026 to Fri 20 Mar 2026 (30 days)" in out
    assert "Check-ins:         5 of 30 days" in out


def test_markdown_export(week: Run) -> None:
    result = week("export", "--format", "markdown", *WEEK)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Recovery summary for Sam\n")
    assert "Made on Fri 20 Mar 2026. Shared by Sam." in text
    assert "| Period | Tue 10 Mar 2026 to Mon 16 Mar 2026 (7 days) |" in text
    assert "| Check-ins | 3 of 7 days |" in text
    assert "| Thu 12 Mar 2026 | 4 | 6 |" in text
    assert "| stress \\| \\<work\\> | 1 | 1 | 0 | 6.0 | 4.8 |" in text
    assert "| walk | 2 | too few to rank yet |" in text
    assert "| Tuesday Night | 2 |" in text
    assert "- Use was recorded on Thu 12 Mar." in text
    assert f"- **Tue 10 Mar 2026** (check-in): {CHECKIN_NOTE}" in text


def test_json_export_matches_its_schema(week: Run) -> None:
    result = week("export", "--format", "json", *WEEK)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    schema = json.loads(
        files("recovery_cli").joinpath("schemas/export.schema.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 2
    assert data["shared_by"] == "Sam"
    assert data["generated"] == "2026-03-20"
    assert data["period"] == {"since": "2026-03-10", "until": "2026-03-16", "days": 7}
    assert data["averages"] == {"mood": 5.0, "craving": 4.0, "sleep": 6.0}
    assert data["cravings"] == {"count": 3, "mean_intensity": 6.0, "mean_drop": 3.0}
    assert data["days_used"] == ["2026-03-12"]
    assert [d["date"] for d in data["days"]] == ["2026-03-10", "2026-03-12", "2026-03-13"]
    assert data["meetings"]["attended"] == 3
    assert data["watch"][0]["kind"] == "use"
    assert data["notes"][0] == {"date": "2026-03-10", "source": "check-in", "text": CHECKIN_NOTE}


def test_json_without_notes_matches_the_schema_too(week: Run) -> None:
    data = json.loads(week("export", "--format", "json", "--no-notes", *WEEK).stdout)
    schema = json.loads(
        files("recovery_cli").joinpath("schemas/export.schema.json").read_text("utf-8")
    )
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["notes_included"] is False
    assert data["notes"] == []
    assert all("note" not in day for day in data["days"])


def test_csv_export_has_a_row_for_every_day(week: Run) -> None:
    result = week("export", "--format", "csv", *WEEK)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("date,mood,craving,sleep,used,")  # the header, first
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["date"] for row in rows] == [f"2026-03-{day}" for day in range(10, 17)]
    assert rows[0] == {
        "date": "2026-03-10", "mood": "6", "craving": "2", "sleep": "7", "used": "no",
        "triggers": "payday", "coping": "walk", "note": CHECKIN_NOTE, "doses_taken": "",
        "doses_missed": "", "appointments_kept": "", "appointments_missed": "",
        "cravings": "", "craving_triggers": "", "steps_done": "",
    }  # fmt: skip
    assert rows[2]["used"] == "yes"
    assert rows[2]["triggers"] == "payday; stress | <work>"
    assert rows[1] == dict.fromkeys(rows[1], "") | {"date": "2026-03-11", "cravings": "1"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src", "xlink:href")]


def test_html_export_is_self_contained_and_well_formed(week: Run) -> None:
    result = week("export", "--format", "html", *WEEK)
    assert result.exit_code == 0, result.output
    page = result.stdout
    ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # well-formed: every tag closed
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags
    assert parser.urls == []
    assert "http://" not in page
    assert "https://" not in page
    assert "@import" not in page
    assert "url(" not in page
    assert parser.tags.count("svg") == 2  # mood and craving by day; triggers
    assert page.count(">A day with use, dotted</text>") == 1
    assert page.count('stroke-dasharray="2 3"') == 2  # the legend and the one day
    assert "@page" in page
    assert "@media print" in page
    assert "Tue 10 Mar 2026 to Mon 16 Mar 2026 (7 days)" in page
    assert "Made on Fri 20 Mar 2026. Shared by Sam." in page
    assert "stress | &lt;work&gt;" in page
    assert "<work>" not in page
    assert CHECKIN_NOTE in page


def test_html_escapes_everything_the_person_wrote(week: Run, store: Store) -> None:
    hostile = '<script>alert("x")</script><img src="https://example.org/a.png">'
    with store.transaction():
        save_checkins(
            store, [CheckIn(date(2026, 3, 12), craving=3, triggers=[hostile], note=hostile)]
        )
    page = week("export", "--format", "html", *WEEK).stdout
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page
    ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))


@pytest.mark.parametrize("format_name", FORMATS)
def test_no_notes_leaves_no_note_text_in_any_format(week: Run, format_name: str) -> None:
    with_notes = week("export", "--format", format_name, *WEEK).stdout
    assert CHECKIN_NOTE in with_notes
    if format_name != "csv":  # CSV has one row per day, from the check-ins
        assert CRAVING_NOTE in with_notes
    result = week("export", "--format", format_name, "--no-notes", *WEEK)
    assert result.exit_code == 0, result.output
    for planted in ("NOTE-ALPHA", "CRAVING-NOTE", "slept badly", "rode it out"):
        assert planted not in result.stdout


def test_no_notes_in_the_terminal(week: Run) -> None:
    out = week("summary", "--no-notes", *WEEK).stdout
    assert "NOTE-ALPHA" not in out
    assert "CRAVING-NOTE" not in out
    assert "Notes were left out of this summary." in out


def test_output_file_is_private_and_its_name_gives_the_format(week: Run, tmp_path: Path) -> None:
    target = tmp_path / "for-my-counsellor.html"
    result = week("export", "--output", str(target), *WEEK)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "for-my-counsellor.html"]
    json_target = tmp_path / "summary.JSON"
    assert week("export", "-o", str(json_target), *WEEK).exit_code == 0
    assert json.loads(json_target.read_text("utf-8"))["schema_version"] == 2


def test_an_explicit_format_wins_over_the_file_name(week: Run, tmp_path: Path) -> None:
    target = tmp_path / "summary.txt"
    assert week("export", "--format", "md", "-o", str(target), *WEEK).exit_code == 0
    assert target.read_text("utf-8").startswith("# Recovery summary")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf"), "unknown format 'pdf'; use one of markdown, html, json, csv\n"),
        (("--output", "summary.docx"), "cannot tell the format from 'summary.docx'"),
        (("--output", "/no/such/folder/s.md"), "could not write /no/such/folder/s.md"),
    ],
)
def test_export_mistakes_are_one_line(week: Run, args: tuple[str, ...], message: str) -> None:
    result = week("export", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_one_day_period(week: Run) -> None:
    result = week("export", "--format", "json", "--since", "2026-03-12", "--until", "2026-03-12")
    data = json.loads(result.stdout)
    assert data["period"]["days"] == 1
    assert data["checkins_made"] == 1
    assert data["averages"]["mood"] == 4.0
    assert (
        "Thu 12 Mar 2026 (1 day)"
        in week("summary", "--since", "12 Mar", "--until", "12 Mar").stdout
    )
    csv_rows = week("export", "--format", "csv", "--since", "2026-03-12", "--until", "2026-03-12")
    assert len(csv_rows.stdout.splitlines()) == 2  # the header and the one day


@pytest.mark.parametrize("format_name", FORMATS)
def test_an_empty_period_exports_in_every_format(week: Run, format_name: str) -> None:
    result = week(
        "export", "--format", format_name, "--since", "2025-01-01", "--until", "2025-01-31"
    )
    assert result.exit_code == 0, result.output
    assert "2025" in result.stdout
    if format_name == "json":
        data = json.loads(result.stdout)
        assert data["checkins_made"] == 0
        assert data["averages"] == {"mood": None, "craving": None, "sleep": None}
        assert data["cravings"] == {"count": 0, "mean_intensity": None, "mean_drop": None}


def test_an_empty_period_in_the_terminal(week: Run) -> None:
    out = week("summary", "--since", "2025-01-01", "--until", "2025-01-31").stdout
    assert "Check-ins:         0 of 31 days" in out
    assert "Mood:              not recorded" in out


def test_since_after_until_is_a_one_line_error(week: Run) -> None:
    for command in ("summary", "export"):
        result = week(command, "--since", "2026-03-16", "--until", "2026-03-10")
        assert result.exit_code == 1
        assert result.stderr == (
            "error: the period starts (2026-03-16) after it ends (2026-03-10); "
            "give --since a date on or before --until\n"
        )


@given(st.dates(date(1900, 1, 1), date(2189, 12, 31)), st.integers(min_value=0, max_value=4000))
def test_a_period_counts_both_of_its_ends(since: date, length: int) -> None:
    until = since + timedelta(days=length)
    period = parse_period(since.isoformat(), until.isoformat(), date(2026, 3, 20))
    assert period.days == (until - since).days + 1 == len(period.dates())
    assert period.dates()[0] == since
    assert period.dates()[-1] == until


def test_summary_before_init_says_what_to_do(run: Run) -> None:
    result = run("summary")
    assert result.exit_code == 1
    assert "run recovery init first" in result.stderr


def test_html_chart_goes_week_by_week_past_two_months(week: Run, store: Store) -> None:
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(70)]
    with store.transaction():
        save_checkins(store, [CheckIn(day, mood=2 + n // 7 % 2 * 6) for n, day in enumerate(days)])
    page = week("export", "--format", "html", "--since", "2026-01-01", "--until", "2026-03-11")
    assert "Mood and craving by week" in page.stdout
    assert page.stdout.count("<circle ") == 10 + 1  # ten weeks, and the legend's marker
    daily = week("export", "--format", "html", "--since", "2026-01-01", "--until", "2026-01-31")
    assert "Mood and craving by day" in daily.stdout
    assert daily.stdout.count("<circle ") == 31 + 1


def test_printed_pages_carry_the_name_the_period_and_page_numbers(week: Run, store: Store) -> None:
    with store.transaction():
        profile = load_profile(store)
        assert profile is not None
        save_profile(store, replace(profile, name='Sam "Jo" \\ </style><b>x'))
    page = week("export", "--format", "html", *WEEK).stdout
    ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # the name ended nothing
    assert page.count("</style>") == 1
    style = page.split("<style>")[1].split("</style>")[0]
    escaped = "Sam \\000022Jo\\000022 \\00005c \\00003c\\00002fstyle\\00003e\\00003cb\\00003ex"
    assert f'@top-left {{ content: "Recovery summary for {escaped}";' in style
    assert '@top-right { content: "Tue 10 Mar 2026 to Mon 16 Mar 2026 (7 days)";' in style
    assert 'content: "Page " counter(page) " of " counter(pages)' in style
    assert "break-before: page" not in style
    assert "page-break-before" not in style
