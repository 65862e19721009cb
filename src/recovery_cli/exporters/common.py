"""The words every presentation of a summary shares: the title, who shared it, and the
at-a-glance lines, so the terminal, Markdown and HTML say exactly the same thing."""

from __future__ import annotations

from datetime import date

from recovery_cli.cleantime import describe
from recovery_cli.insights import Trend
from recovery_cli.summary import Summary

NO_VALUE = "\N{EN DASH}"
TITLE = "Recovery summary"


def long_date(day: date) -> str:
    """`14 August 2025`."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """`Fri 14 Aug`."""
    return f"{day:%a} {day.day} {day:%b}"


def number(value: float | None, digits: int = 1) -> str:
    """`6.2`, or an en dash when there is no value."""
    return NO_VALUE if value is None else f"{value:.{digits}f}"


def period_line(summary: Summary) -> str:
    """`24 October 2026 to 22 November 2026 (30 days)`."""
    period = summary.period
    days = f"{period.days} {'day' if period.days == 1 else 'days'}"
    if period.days == 1:
        return f"{long_date(period.since)} ({days})"
    return f"{long_date(period.since)} to {long_date(period.until)} ({days})"


def shared_by(summary: Summary) -> str:
    """`Shared by Sam on 22 November 2026.`"""
    who = summary.name.strip() or "the person it describes"
    return f"Shared by {who} on {long_date(summary.generated)}."


def trend_words(trend: Trend | None) -> str:
    """How a measure moved between the first and second half of the period."""
    if trend is None or trend.previous is None or trend.current is None:
        return ""
    words = {"rising": "higher", "falling": "lower", "steady": "about the same"}
    movement = words.get(trend.direction, "")
    return (
        f"{movement} in the second half ({number(trend.previous)} in the first, "
        f"{number(trend.current)} in the second)"
    )


def glance(summary: Summary) -> list[tuple[str, str]]:
    """The at-a-glance lines: (label, plain value)."""
    lines: list[tuple[str, str]] = []
    if summary.clean_time is not None and summary.clean_date is not None:
        lines.append(
            (
                "Clean time",
                f"{describe(summary.clean_time)} (since {long_date(summary.clean_date)}, "
                f"{summary.clean_time.total_days:,} days)",
            )
        )
    days = f"{summary.period.days} {'day' if summary.period.days == 1 else 'days'}"
    lines.append(("Check-ins", f"{summary.checkins_made} of {days}"))
    lines.append(("Mood (1-10)", _average(summary.mood_average, summary.mood_trend)))
    lines.append(("Craving (0-10)", _average(summary.craving_average, summary.craving_trend)))
    used = summary.days_used
    lines.append(("Days with use", "none" if not used else f"{used}"))
    lines.append(("Cravings recorded", _cravings(summary)))
    if summary.meetings_attended is not None:
        lines.append(("Meetings attended", str(summary.meetings_attended)))
    return lines


def _average(value: float | None, trend: Trend | None) -> str:
    if value is None:
        return "no values recorded"
    words = trend_words(trend)
    return f"{number(value)} on average" + (f"; {words}" if words else "")


def _cravings(summary: Summary) -> str:
    figures = summary.cravings
    if not figures.count:
        return "none"
    text = f"{figures.count}, of strength {number(figures.mean_intensity)} on average"
    if figures.mean_drop is not None:
        text += f"; they came down by {number(figures.mean_drop)} on average"
    return text
