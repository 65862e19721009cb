"""Clean time (calendar-exact) and the NA key-tag milestones."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_cli.log.cleantime import clean_time, last_milestone, milestones, next_milestone


@pytest.mark.parametrize(
    ("clean", "today", "expected"),
    [
        (date(2025, 8, 14), date(2025, 8, 14), (0, 0, 0, 0)),
        (date(2025, 8, 14), date(2026, 11, 22), (1, 3, 8, 465)),
        # A month after 31 January is the last day of February, as the milestones count it.
        (date(2026, 1, 31), date(2026, 2, 28), (0, 1, 0, 28)),
        (date(2026, 1, 31), date(2026, 2, 27), (0, 0, 27, 27)),
        (date(2026, 1, 31), date(2026, 3, 1), (0, 1, 1, 29)),
        (date(2024, 2, 29), date(2025, 2, 27), (0, 11, 29, 364)),
        (date(2024, 2, 29), date(2025, 2, 28), (1, 0, 0, 365)),
        (date(2024, 2, 29), date(2025, 3, 1), (1, 0, 1, 366)),
        (date(2023, 3, 1), date(2024, 3, 1), (1, 0, 0, 366)),
        (date(2027, 1, 1), date(2026, 11, 22), (0, 0, 0, 0)),
    ],
)
def test_clean_time_is_calendar_exact(
    clean: date, today: date, expected: tuple[int, int, int, int]
) -> None:
    time = clean_time(clean, today)
    assert (time.years, time.months, time.days, time.total_days) == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 20000))
def test_total_days_is_plain_date_arithmetic(clean: date, days: int) -> None:
    assert clean_time(clean, clean + timedelta(days=days)).total_days == days


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)))
def test_clean_time_on_a_monthly_milestone_is_whole(clean: date) -> None:
    for milestone, _ in zip(milestones(clean), range(9), strict=False):
        if "month" in milestone.name or "year" in milestone.name:
            time = clean_time(clean, milestone.date)
            assert time.days == 0, (clean, milestone)


def test_milestone_sequence() -> None:
    clean = date(2026, 1, 31)
    names = [m.name for m, _ in zip(milestones(clean), range(10), strict=False)]
    assert names == [
        "30 days", "60 days", "90 days", "6 months", "9 months",
        "1 year", "18 months", "2 years", "3 years", "4 years",
    ]  # fmt: skip
    dates = {m.name: m.date for m, _ in zip(milestones(clean), range(10), strict=False)}
    assert dates["30 days"] == date(2026, 3, 2)
    assert dates["6 months"] == date(2026, 7, 31)
    assert dates["9 months"] == date(2026, 10, 31)
    assert dates["18 months"] == date(2027, 7, 31)


@pytest.mark.parametrize(
    ("days", "last", "upcoming"),
    [(29, None, "30 days"), (30, "30 days", "60 days"), (31, "30 days", "60 days")],
)
def test_milestone_edges(days: int, last: str | None, upcoming: str) -> None:
    clean = date(2026, 1, 1)
    today = clean + timedelta(days=days)
    reached = last_milestone(clean, today)
    assert (reached.name if reached else None) == last
    assert next_milestone(clean, today).name == upcoming


def test_exactly_one_year() -> None:
    clean = date(2025, 11, 22)
    assert last_milestone(clean, date(2026, 11, 22)).name == "1 year"  # type: ignore[union-attr]
    assert next_milestone(clean, date(2026, 11, 22)).name == "18 months"
    assert next_milestone(clean, date(2026, 11, 21)).name == "1 year"


def test_leap_day_anniversary_falls_on_28_february() -> None:
    clean = date(2024, 2, 29)
    assert next_milestone(clean, date(2024, 12, 1)).date == date(2025, 2, 28)
