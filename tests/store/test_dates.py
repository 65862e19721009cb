"""The shared date and time parser: every accepted form, and its errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_cli.store.dates import (
    DateError,
    parse_date,
    parse_datetime,
    parse_time,
    weekday_number,
)
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.fields import FIRST_DAY, LAST_DAY

TODAY = date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("today", TODAY),
        (" Today ", TODAY),
        ("yesterday", date(2026, 11, 21)),
        ("3d", date(2026, 11, 19)),
        ("0d", TODAY),
        ("2w", date(2026, 11, 8)),
        ("sun", TODAY),
        ("sunday", TODAY),
        ("mon", date(2026, 11, 16)),
        ("Saturday", date(2026, 11, 21)),
        ("20 Nov 2026", date(2026, 11, 20)),
        ("November 20, 2025", date(2025, 11, 20)),
        ("20 Nov", date(2026, 11, 20)),
    ],
)
def test_accepted_date_forms(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "soon", "2026-13-01", "31 Feb 2026", "xd", "next tuesday"])
def test_unreadable_dates_explain_the_accepted_forms(text: str) -> None:
    with pytest.raises(DateError, match="2026-11-20, today, yesterday, 3d, 2w"):
        parse_date(text, TODAY)


@given(st.dates(FIRST_DAY, LAST_DAY))
def test_iso_dates_round_trip(day: date) -> None:
    assert parse_date(day.isoformat(), TODAY) == day


@given(st.one_of(st.dates(max_value=date(1899, 12, 31)), st.dates(min_value=date(2201, 1, 1))))
def test_dates_outside_1900_to_2200_are_refused_as_typed(day: date) -> None:
    with pytest.raises(InvalidValue, match="between 1900 and 2200"):
        parse_date(day.isoformat(), TODAY)


@pytest.mark.parametrize("text", ["0001-01-01T10:00", "9999-12-31 10:00"])
def test_date_and_time_outside_1900_to_2200_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match="between 1900 and 2200"):
        parse_datetime(text, datetime(2026, 1, 1, 12, 0))


@given(st.integers(min_value=0, max_value=3000))
def test_days_ago_counts_back(days: int) -> None:
    assert parse_date(f"{days}d", TODAY) == TODAY - timedelta(days=days)


@given(
    st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
    st.dates(date(1900, 1, 7), LAST_DAY),
)
def test_weekday_is_the_most_recent_one(name: str, today: date) -> None:
    day = parse_date(name, today)
    assert 0 <= (today - day).days < 7
    assert day.weekday() == weekday_number(name)


def test_times() -> None:
    assert parse_time("19:30") == time(19, 30)
    assert parse_time("7:05") == time(7, 5)
    for bad in ("24:00", "19:60", "7pm", "", "19.30"):
        with pytest.raises(DateError, match="HH:MM"):
            parse_time(bad)


def test_date_and_time() -> None:
    now = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
    assert parse_datetime("now", now) == now
    assert parse_datetime("09:15", now) == datetime(2026, 11, 22, 9, 15, tzinfo=UTC)
    assert parse_datetime("yesterday 21:30", now) == datetime(2026, 11, 21, 21, 30, tzinfo=UTC)
    assert parse_datetime("2026-11-20T08:00", now) == datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    with pytest.raises(DateError, match="date and time"):
        parse_datetime("whenever", now)
