"""`recovery home`: the house, who to call, the curfew counted across midnight and a
daylight-saving change, the rules and a planned move."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from importlib.resources import files
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from typer.testing import Result

from recovery_cli.life.home import next_curfew

Run = Callable[..., Result]
NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("now", "curfew", "left"),
    [
        (datetime(2026, 3, 5, 20, 50, tzinfo=NY), time(22, 0), timedelta(hours=1, minutes=10)),
        # after midnight: tonight's curfew is tomorrow's 00:30
        (datetime(2026, 3, 5, 23, 15, tzinfo=NY), time(0, 30), timedelta(hours=1, minutes=15)),
        # clocks go forward at 02:00 on 8 March 2026: 23:00 to 03:00 is three real hours
        (datetime(2026, 3, 7, 23, 0, tzinfo=NY), time(3, 0), timedelta(hours=3)),
        # clocks go back at 02:00 on 1 November 2026: 23:00 to 03:00 is five real hours
        (datetime(2026, 10, 31, 23, 0, tzinfo=NY), time(3, 0), timedelta(hours=5)),
    ],
)
def test_curfew_countdown(now: datetime, curfew: time, left: timedelta) -> None:
    assert next_curfew(curfew, now).left == left


@pytest.fixture
def housed(set_up: Run) -> Run:
    result = set_up(
        *("home", "set", "--name", "Harbour House", "--kind", "sober-living"),
        *("--contact", "Maria (house manager)", "--phone", "555-0100", "--curfew", "22:00"),
        *("--rules", "No visitors after 20:00; chores on Saturday", "--until", "2026-04-01"),
    )
    assert result.exit_code == 0, result.output
    return set_up


def test_home_shows_the_house_and_days_until_the_move(
    housed: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 3, 5), time(20, 50))
    shown = housed("home").stdout
    assert "Harbour House (a sober-living house)" in shown
    assert "Maria (house manager) on 555-0100" in shown
    assert "home by 22:00, in 1 h 10 min" in shown
    assert "chores on Saturday" in shown
    assert "in 27 days" in shown
    data = json.loads(housed("home", "--json").stdout)
    assert data["curfew"] == "22:00"
    assert data["minutes_to_curfew"] == 70
    assert data["days_until_move"] == 27


def test_dashboard_shows_the_curfew_in_the_evening_only(
    housed: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 3, 5), time(20, 50))
    assert "Curfew: home by 22:00, in 1 h 10 min." in housed("status").stdout
    frozen_today(date(2026, 3, 5), time(9, 0))
    assert "Curfew" not in housed("status").stdout


def test_set_keeps_what_is_left_out_and_clears_what_is_emptied(housed: Run) -> None:
    assert housed("home", "set", "--phone", "555-0199", "--curfew", "").exit_code == 0
    data = json.loads(housed("home", "--json").stdout)
    assert data["name"] == "Harbour House"
    assert data["phone"] == "555-0199"
    assert data["curfew"] is None


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--curfew", "25:00"), "could not read '25:00' as a time"),
        (("--kind", "hotel"), "kind must be one of sober-living, family, own, other"),
        (("--name", "x" * 201), "name must be at most 200 characters"),
    ],
)
def test_bad_home_values_are_one_line_and_nothing_written(
    housed: Run, args: tuple[str, ...], says: str
) -> None:
    before = housed("home", "--json").stdout
    result = housed("home", "set", *args)
    assert result.exit_code == 1
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert housed("home", "--json").stdout == before


def test_house_meetings_count_for_attendance(set_up: Run) -> None:
    add = ("meetings", "add", "House meeting", "--fellowship", "house", "--day", "sun")
    assert set_up(*add, "--time", "19:00").exit_code == 0
    assert set_up("meetings", "attend", "House meeting").exit_code == 0
    assert json.loads(set_up("status", "--json").stdout)["meetings_attended"]["last_90_days"] == 1


def test_home_is_in_the_backup(housed: Run, tmp_path: object) -> None:
    result = housed("backup", "--output", str(tmp_path) + "/backup.json")
    assert result.exit_code == 0, result.output
    with open(str(tmp_path) + "/backup.json", encoding="utf-8") as file:
        assert "home.toml" in json.load(file)["files"]


def test_dashboard_shows_a_planned_move_within_sixty_days(
    housed: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 1, 30), time(9, 0))  # 61 days ahead
    assert "Moving out" not in housed("status").stdout
    assert json.loads(housed("status", "--json").stdout)["planned_move"] is None
    frozen_today(date(2026, 1, 31), time(9, 0))
    assert "in 60 days (Wed 1 Apr)" in housed("status").stdout
    frozen_today(date(2026, 3, 20), time(9, 0))
    assert "Moving out of Harbour House in 12 days (Wed 1 Apr)." in housed("status").stdout
    assert json.loads(housed("status", "--json").stdout)["planned_move"] == {
        "home": "Harbour House",
        "date": "2026-04-01",
        "days_to_go": 12,
    }
    frozen_today(date(2026, 3, 31), time(9, 0))
    assert "Moving out of Harbour House tomorrow (Wed 1 Apr)." in housed("status").stdout
    frozen_today(date(2026, 4, 1), time(9, 0))
    assert "Moving out of Harbour House today." in housed("status").stdout
    frozen_today(date(2026, 4, 2), time(9, 0))
    assert "Moving out" not in housed("status").stdout


HOME_FORMATS = ("markdown", "html", "json", "csv")


def test_summary_shows_the_living_situation(housed: Run, frozen_today: Callable[..., None]) -> None:
    frozen_today(date(2026, 3, 5), time(9, 0))
    shown = housed("summary").stdout
    assert "Living situation" in shown
    assert "Harbour House (sober-living house)" in shown
    assert "22:00" in shown
    assert "Wed 1 Apr 2026, in 27 days" in shown
    assert "555-0100" not in shown


@pytest.mark.parametrize("format_name", HOME_FORMATS)
def test_every_export_format_holds_the_living_situation_where_it_belongs(
    housed: Run, frozen_today: Callable[..., None], format_name: str
) -> None:
    frozen_today(date(2026, 3, 5), time(9, 0))
    page = housed("export", "--format", format_name).stdout
    if format_name == "csv":  # one row a day: the home is no figure of a day
        assert "Harbour House" not in page
        return
    assert "Living situation" in page or format_name == "json"
    assert "Harbour House" in page
    assert "Wed 1 Apr 2026, in 27 days" in page or format_name == "json"
    for private in ("555-0100", "Maria", "chores on Saturday"):
        assert private not in page


def test_json_export_holds_the_home_and_matches_its_schema(
    housed: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 4, 2), time(9, 0))
    data = json.loads(housed("export", "--format", "json").stdout)
    schema = json.loads(
        files("recovery_cli").joinpath("schemas/export.schema.json").read_text("utf-8")
    )
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    # the planned day has passed: the date stays, the countdown does not
    assert data["home"] == {
        "kind": "sober-living",
        "name": "Harbour House",
        "curfew": "22:00",
        "move_date": "2026-04-01",
        "days_until_move": None,
    }


@pytest.mark.parametrize("format_name", HOME_FORMATS)
def test_supporter_page_never_says_where_the_person_lives(
    housed: Run, frozen_today: Callable[..., None], format_name: str
) -> None:
    frozen_today(date(2026, 3, 5), time(9, 0))
    result = housed("export", "--for", "supporter", "--format", format_name)
    assert result.exit_code == 0, result.output
    assert "Harbour House" not in result.stdout
    assert "Living situation" not in result.stdout


def test_summary_without_a_home_has_no_living_situation(set_up: Run) -> None:
    assert "Living situation" not in set_up("summary").stdout
    assert "home" not in json.loads(set_up("export", "--format", "json").stdout)
