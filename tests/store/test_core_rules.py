"""The rules that live once: the present moment, the period, the weekday table, numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

import pytest

from recovery_cli.log.logbook import CheckIn
from recovery_cli.meetings.meetings import Meeting, changing, load_meetings
from recovery_cli.store import clock, fields
from recovery_cli.store.dates import (
    PERIOD_DAYS,
    WEEKDAYS,
    Period,
    code_weekday,
    parse_period,
    weekday_number,
)
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store
from recovery_cli.store.profile import Profile, here
from tests.conftest import Run


def test_here_is_now_in_the_profiles_zone(frozen_today: Callable[..., None]) -> None:
    frozen_today(date(2026, 3, 1), time(23, 30))
    found = here(Profile(timezone="Asia/Tokyo"))
    assert found.zone == "Asia/Tokyo"
    assert found.now.utcoffset() == timedelta(hours=9)
    assert found.today == date(2026, 3, 1)


def test_here_without_a_zone_uses_the_systems(
    frozen_today: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen_today(date(2026, 3, 1))
    monkeypatch.setenv("TZ", "Europe/Paris")
    assert here(None).zone == "Europe/Paris"
    assert here(Profile()).zone == clock.system_timezone() == "Europe/Paris"


def test_a_period_defaults_to_the_days_ending_today() -> None:
    period = parse_period(None, None, date(2026, 3, 30))
    assert period == Period(date(2026, 3, 1), date(2026, 3, 30))
    assert period.days == PERIOD_DAYS
    assert date(2026, 3, 1) in period
    assert date(2026, 2, 28) not in period


def test_a_period_counts_back_from_its_end_and_takes_a_length() -> None:
    assert parse_period(None, "2026-03-10", date(2026, 3, 30), days=7) == Period(
        date(2026, 3, 4), date(2026, 3, 10)
    )
    assert parse_period("yesterday", None, date(2026, 3, 30)).dates() == [
        date(2026, 3, 29),
        date(2026, 3, 30),
    ]


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(RecoveryError, match="give --since a date on or before --until"):
        parse_period("2026-03-10", "2026-03-01", date(2026, 3, 30))


def test_log_and_craving_lists_take_the_same_period_options(set_up: Run) -> None:
    for command in (("log", "list"), ("craving", "list")):
        result = set_up(*command, "--since", "2026-03-10", "--until", "2026-03-01")
        assert result.exit_code != 0
        assert "the period starts (2026-03-10) after it ends (2026-03-01)" in result.output


def _meeting(name: str) -> Meeting:
    return Meeting(name, "NA", "FREQ=WEEKLY;BYDAY=TU", date(2026, 3, 3), time(19), "Europe/London")


def test_changing_the_schedule_saves_it_when_the_block_ends(store: Store) -> None:
    with changing(store) as book:
        book.meetings.append(_meeting("Tuesday Group"))
        book.ninety_from = date(2026, 3, 1)
    saved = load_meetings(store)
    assert [m.name for m in saved.meetings] == ["Tuesday Group"]
    assert saved.ninety_from == date(2026, 3, 1)


def _clear_then_fail(store: Store) -> None:
    with changing(store) as book:
        book.meetings.clear()
        raise RecoveryError("stop")


def test_changing_the_schedule_saves_nothing_after_an_error(store: Store) -> None:
    with changing(store) as book:
        book.meetings.append(_meeting("Tuesday Group"))
    with pytest.raises(RecoveryError, match="stop"):
        _clear_then_fail(store)
    assert [m.name for m in load_meetings(store).meetings] == ["Tuesday Group"]


def test_the_weekday_table_starts_on_monday_like_date_weekday() -> None:
    monday = date(2026, 3, 2)
    assert [WEEKDAYS[(monday + timedelta(days=n)).weekday()].short for n in range(7)] == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    assert [day.code for day in WEEKDAYS] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert WEEKDAYS[6].name == "Sunday"


@pytest.mark.parametrize(
    ("text", "number"), [("mon", 0), ("Tues", 1), ("WEDNESDAY", 2), ("su", 6), ("m", None)]
)
def test_weekday_names_are_read_from_the_table(text: str, number: int | None) -> None:
    assert weekday_number(text) == number


def test_weekday_codes_are_read_from_the_table() -> None:
    assert [code_weekday(day.code) for day in WEEKDAYS] == list(range(7))
    assert code_weekday("XX") is None


def test_a_stored_whole_number_is_an_int_even_when_written_as_6_point_0() -> None:
    found = fields.integer({"mood": 6.0}, "mood")
    assert found == 6
    assert isinstance(found, int)
    assert fields.integer({}, "mood") is None
    assert fields.required_integer({"intensity": 4}, "intensity") == 4


@pytest.mark.parametrize("value", [6.5, float("inf"), float("nan"), "6", True])
def test_a_stored_whole_number_refuses_anything_else(value: object) -> None:
    with pytest.raises(InvalidValue, match="mood must be a"):
        fields.integer({"mood": value}, "mood")


def test_a_required_number_must_be_there() -> None:
    with pytest.raises(InvalidValue, match="intensity is missing"):
        fields.required_integer({}, "intensity")


def test_a_stored_decimal_is_a_float() -> None:
    found = fields.decimal({"sleep": 7}, "sleep")
    assert found == 7.0
    assert isinstance(found, float)
    assert fields.decimal({}, "sleep") is None
    with pytest.raises(InvalidValue, match="sleep must be a number"):
        fields.decimal({"sleep": "long"}, "sleep")


def test_a_check_in_read_back_holds_whole_numbers() -> None:
    checkin = CheckIn.from_dict({"date": "2026-03-01", "mood": 6.0, "craving": 2, "sleep": 7})
    assert (checkin.mood, checkin.craving, checkin.sleep) == (6, 2, 7.0)
    assert isinstance(checkin.mood, int)


def test_one_time_zone_check_for_the_profile_and_meetings() -> None:
    assert clock.check_timezone("Europe/London") == "Europe/London"
    for name in ("", "Mars/Olympus"):
        with pytest.raises(InvalidValue, match="unknown time zone"):
            clock.check_timezone(name)
    assert Profile(timezone="").timezone == ""
    with pytest.raises(InvalidValue, match="unknown time zone 'Mars/Olympus'"):
        Profile(timezone="Mars/Olympus")
