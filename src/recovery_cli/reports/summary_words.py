"""The summary in plain words, shared by the terminal view and the Markdown and HTML exports
so that they all say the same thing the same way."""

from __future__ import annotations

from datetime import date

from recovery_cli.log.cleantime import describe
from recovery_cli.log.insights import CopingEffect, TriggerStat
from recovery_cli.reports.summary import Summary
from recovery_cli.store.dates import Period
from recovery_cli.store.words import counted


def day_label(day: date) -> str:
    """`Mon 2 Nov 2026`."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def period_label(period: Period) -> str:
    """`2 Nov 2026 to 1 Dec 2026 (30 days)`; one day is named once."""
    days = counted(period.days, "day")
    if period.since == period.until:
        return f"{day_label(period.since)} (1 day)"
    return f"{day_label(period.since)} to {day_label(period.until)} ({days})"


def title(summary: Summary) -> str:
    name = f" for {summary.name}" if summary.name else ""
    return f"Recovery summary{name}"


def made_line(summary: Summary) -> str:
    """`Made on Mon 23 Nov 2026. Shared by Sam.`"""
    return f"Made on {day_label(summary.generated)}. {summary.shared_by}."


def facts(summary: Summary) -> list[tuple[str, str]]:
    """The headline figures as (label, value) pairs, in the order a counsellor reads them."""
    rows = [("Period", period_label(summary.period)), ("Clean time", _clean(summary))]
    rows += [
        ("Check-ins", f"{summary.checkins_made} of {summary.period.days} days"),
        ("Mood", _average(summary.mood_average, "out of 10 on average")),
        ("Craving", _average(summary.craving_average, "out of 10 on average")),
        ("Sleep", _average(summary.sleep_average, "hours a night on average")),
        ("Days with use", _use(summary)),
        ("Cravings recorded", _cravings(summary)),
        ("Meetings attended", str(summary.meetings_attended)),
    ]
    return rows


def trigger_line(stat: TriggerStat) -> str:
    """`5 days; craving 6.2 on those days, 3.1 on others`."""
    days = counted(stat.count, "day")
    if stat.craving_with is None:
        return days
    others = "" if stat.craving_without is None else f", {stat.craving_without:.1f} on others"
    return f"{days}; craving {stat.craving_with:.1f} on those days{others}"


def coping_line(effect: CopingEffect) -> str:
    """`down 4.2 on average over 5 cravings`."""
    times = counted(effect.count, "craving")
    return f"down {effect.mean_drop:.1f} on average over {times}"


def notes_left_out(summary: Summary) -> str:
    return "" if summary.with_notes else "Notes were left out of this summary."


def _clean(summary: Summary) -> str:
    time, since = summary.clean_time, summary.clean_date
    if time is None or since is None:
        return "no clean date set"
    total = counted(time.total_days, "day")
    return f"{describe(time)} ({total}), since {day_label(since)}"


def _average(value: float | None, unit: str) -> str:
    return "not recorded" if value is None else f"{value:.1f} {unit}"


def _use(summary: Summary) -> str:
    if not summary.used_on:
        return "none"
    return f"{summary.days_used} ({', '.join(day_label(day) for day in summary.used_on)})"


def _cravings(summary: Summary) -> str:
    figures = summary.cravings
    if not figures.count:
        return "none"
    parts = [str(figures.count)]
    if figures.mean_intensity is not None:
        parts.append(f"strength {figures.mean_intensity:.1f} out of 10 on average")
    if figures.mean_drop is not None:
        parts.append(f"came down by {figures.mean_drop:.1f} on average")
    return "; ".join(parts)
