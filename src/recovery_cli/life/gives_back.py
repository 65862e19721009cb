"""What recovery gives back: money not spent on using, and a milestone on the day it comes.

The money is the person's own estimate of what using cost them a day, times the days clean.
It is shown rounded to two significant figures (14,250 becomes "about 14,000"): the estimate
itself is rarely better than that (50 a day, 20 a day), and a total that looks exact would
claim a precision the estimate never had. It never shows more decimals than the currency has
(none for JPY). babel, which knows every currency and how each region writes numbers, is
imported inside the functions.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from recovery_cli.log.cleantime import Milestone, last_milestone
from recovery_cli.store.errors import InvalidValue

MAX_SPEND_PER_DAY = 100_000
SIGNIFICANT_FIGURES = 2


def check_spend(amount: float) -> float:
    """A spend a day the person could have had: 0 up to 100,000."""
    if not 0 <= amount <= MAX_SPEND_PER_DAY:
        raise InvalidValue(
            f"spend per day must be 0-{MAX_SPEND_PER_DAY:,}, got {amount:g}", "spend_per_day"
        )
    return amount


def check_currency(code: str) -> str:
    """An ISO 4217 currency code babel knows, upper-cased."""
    from babel import Locale

    wanted = code.strip().upper()
    if wanted not in Locale("en").currencies:
        raise InvalidValue(
            f"unknown currency code {code!r}; use one such as USD, GBP, EUR, CAD, AUD or JPY",
            "currency",
        )
    return wanted


def currency_for(region: str) -> str:
    """The currency of the person's region, USD when no region is known."""
    from babel.numbers import get_territory_currencies

    found = get_territory_currencies(region) if region else []
    return found[0] if found else "USD"


def rounded_total(per_day: float, days: int, currency: str) -> Decimal:
    """`per_day * days` to two significant figures, and never finer than the currency's
    smallest unit."""
    from babel.numbers import get_currency_precision

    total = Decimal(str(per_day)) * days
    if not total:
        return Decimal(0)
    step = Decimal(1).scaleb(total.adjusted() - SIGNIFICANT_FIGURES + 1)
    step = max(step, Decimal(1).scaleb(-get_currency_precision(currency)))
    return (total / step).to_integral_value(ROUND_HALF_UP) * step


def money_not_spent(per_day: float, days: int, currency: str, region: str = "") -> str:
    """`about 14,000 USD not spent on using`, written the way the region writes numbers."""
    from babel.numbers import format_decimal

    amount = format_decimal(rounded_total(per_day, days, currency), locale=_locale(region))
    return f"about {amount} {currency} not spent on using"


def _locale(region: str) -> str:
    """English as written in the region (en_GB, en_IE, ...), plain English elsewhere."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(f"en_{region}")) if region else "en"
    except (UnknownLocaleError, ValueError):
        return "en"


def milestone_today(clean_date: date, today: date) -> Milestone | None:
    """The milestone reached today, if one is: shown that day only, so no state is kept."""
    reached = last_milestone(clean_date, today)
    return reached if reached is not None and reached.date == today else None


def milestone_words(milestone: Milestone) -> str:
    """The kind line for a milestone reached today."""
    return (
        f"{milestone.name} clean today. Every one of those days took something; "
        "take a moment to be proud of them."
    )
