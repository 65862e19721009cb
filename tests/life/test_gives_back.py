"""What recovery gives back: money not spent, rounded no finer than the estimate, and a
milestone shown on the day it is reached."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from typer.testing import Result

from recovery_cli.life.gives_back import milestone_today, money_not_spent, rounded_total

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("per_day", "days", "currency", "expected"),
    [
        (50, 285, "USD", Decimal(14000)),
        (30, 285, "GBP", Decimal(8600)),
        (12.5, 1000, "EUR", Decimal(13000)),
        (2500, 285, "JPY", Decimal(710000)),
        (0.5, 3, "USD", Decimal("1.5")),  # two figures, cents allowed
        (0.5, 3, "JPY", Decimal(2)),  # yen have no smaller unit
        (0.004, 1, "EUR", Decimal(0)),  # less than a cent is none
        (40, 0, "GBP", Decimal(0)),
    ],
)
def test_total_is_rounded_to_two_figures_and_the_currency_unit(
    per_day: float, days: int, currency: str, expected: Decimal
) -> None:
    assert rounded_total(per_day, days, currency) == expected


def test_money_is_written_the_way_the_region_writes_numbers() -> None:
    assert money_not_spent(50, 285, "USD", "US") == "about 14,000 USD not spent on using"
    assert money_not_spent(2500, 285, "JPY") == "about 710,000 JPY not spent on using"
    assert money_not_spent(0.5, 3, "EUR", "ZZ") == "about 1.5 EUR not spent on using"


def test_dashboard_and_summary_show_money_not_spent(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 5, 26))  # 285 days after 14 August 2025
    assert set_up("init", "--spend-per-day", "50").exit_code == 0
    status = json.loads(set_up("status", "--json").stdout)
    assert status["money_not_spent"] == "about 14,000 USD not spent on using"
    assert "about 14,000 USD not spent on using" in set_up("status").stdout
    assert "about 14,000 USD" in set_up("summary").stdout
    exported = json.loads(set_up("export", "--format", "json").stdout)
    assert exported["money_not_spent"] == "about 14,000 USD not spent on using"


def test_currency_follows_the_region_unless_given(set_up: Run) -> None:
    assert set_up("init", "--region", "GB", "--spend-per-day", "20").exit_code == 0
    assert "GBP" in json.loads(set_up("status", "--json").stdout)["money_not_spent"]
    assert set_up("init", "--currency", "eur").exit_code == 0
    assert "EUR" in json.loads(set_up("status", "--json").stdout)["money_not_spent"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--spend-per-day", "-5"), "spend per day must be 0-100,000"),
        (("--spend-per-day", "250000"), "spend per day must be 0-100,000"),
        (("--spend-per-day", "20", "--currency", "XYZ"), "unknown currency code 'XYZ'"),
        (("--currency", "GBP"), "give --spend-per-day AMOUNT"),
    ],
)
def test_a_spend_that_cannot_be_is_one_line_and_nothing_written(
    set_up: Run, home: object, args: tuple[str, ...], says: str
) -> None:
    before = json.loads(set_up("status", "--json").stdout)
    result = set_up("init", *args)
    assert result.exit_code == 1
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert json.loads(set_up("status", "--json").stdout) == before


def test_milestone_is_shown_on_its_day_only(set_up: Run, frozen_today: Callable[..., None]) -> None:
    assert milestone_today(date(2025, 8, 14), date(2025, 9, 13)) is not None
    assert milestone_today(date(2025, 8, 14), date(2025, 9, 14)) is None
    frozen_today(date(2025, 11, 12))  # 90 days
    shown = set_up("status").stdout
    assert "90 days clean today." in shown
    frozen_today(date(2025, 11, 13))
    assert "clean today." not in set_up("status").stdout
