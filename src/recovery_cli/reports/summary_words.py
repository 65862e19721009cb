"""The summary in plain words, shared by the terminal view and the Markdown and HTML exports
so that they all say the same thing the same way."""

from __future__ import annotations

from datetime import date

from recovery_cli.care.dose_counts import DoseDays
from recovery_cli.care.prescriptions import DoseChange
from recovery_cli.life.goals import StepDone
from recovery_cli.life.reflection import Reflection
from recovery_cli.log.cleantime import CleanTime, describe
from recovery_cli.log.insights import CopingEffect, TriggerStat
from recovery_cli.reports.summary import (
    SUPPORTER_EXTRAS,
    AppointmentDay,
    AppointmentFigures,
    LivingSituation,
    MedicationInPeriod,
    Summary,
)
from recovery_cli.store.dates import Period
from recovery_cli.store.words import TOO_FEW, counted, hours, moved_by, times, tried


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
    if summary.audience == "supporter":
        return f"How {summary.name} is doing" if summary.name else "How recovery is going"
    name = f" for {summary.name}" if summary.name else ""
    return f"Recovery summary{name}"


def made_line(summary: Summary) -> str:
    """`Made on Mon 23 Nov 2026. Shared by Sam.`, and on a supporter page what it holds."""
    made = f"Made on {day_label(summary.generated)}. {summary.shared_by}."
    return f"{made} {parts_line(summary.parts)}" if summary.audience == "supporter" else made


def parts_line(parts: tuple[str, ...]) -> str:
    """`This page holds: clean time, meetings, shared notes.`"""
    return f"This page holds: {', '.join(parts)}."


def more_line(parts: tuple[str, ...]) -> str:
    """`Add more with --include meds or cravings.`, naming only what is not on the page yet
    ("" when everything is)."""
    left = [part for part in SUPPORTER_EXTRAS if part not in parts]
    return f"Add more with --include {' or '.join(left)}." if left else ""


def facts(summary: Summary) -> list[tuple[str, str]]:
    """The headline figures as (label, value) pairs, in the order a counsellor reads them."""
    rows = [("Period", period_label(summary.period)), ("Clean time", _clean(summary))]
    if summary.money_not_spent:
        rows.append(("What recovery gives back", summary.money_not_spent))
    if summary.audience == "supporter":
        return rows + _supporter_facts(summary)
    rows += [
        ("Check-ins", f"{summary.checkins_made} of {summary.period.days} days"),
        ("Mood", _average(summary.mood_average, "out of 10 on average")),
        ("Craving", _average(summary.craving_average, "out of 10 on average")),
        ("Sleep", _sleep(summary.sleep_average)),
        ("Days with use", _use(summary)),
        ("Cravings recorded", _cravings(summary)),
        ("Meetings attended", str(summary.meetings_attended)),
    ]
    return rows


def _supporter_facts(summary: Summary) -> list[tuple[str, str]]:
    rows = [("Meetings attended", str(summary.meetings_attended))]
    if "cravings" in summary.parts:
        rows += [("Cravings recorded", _cravings(summary)), ("Days with use", _use(summary))]
    return rows


def trigger_line(stat: TriggerStat) -> str:
    """`met 6 times (1 day, 5 cravings); craving 6.2 when met, 3.1 otherwise`."""
    met = f"met {times(stat.count)} ({stat.records})"
    if stat.craving_with is None:
        return met
    others = "" if stat.craving_without is None else f", {stat.craving_without:.1f} otherwise"
    return f"{met}; craving {stat.craving_with:.1f} when met{others}"


TRIGGER_COLUMNS = ("Trigger", "Times met", "Days", "Cravings", "Craving when met", "Otherwise")
COPING_COLUMNS = ("Coping strategy", "Cravings", "On average (0-10)")


def coping_line(effect: CopingEffect) -> str:
    """`came down by 4.2 on average over 5 cravings`; used in fewer cravings than it takes
    to rank it, `tried twice, too few to rank yet`."""
    if not effect.ranked:
        return tried(effect.count)
    return f"{coping_average(effect)} over {counted(effect.count, 'craving')}"


def coping_average(effect: CopingEffect) -> str:
    """`came down by 4.2 on average`, or (not ranked) that it was used too few times."""
    return f"{moved_by(effect.mean_drop)} on average" if effect.ranked else TOO_FEW


NONE_IN_PERIOD = "None in this period."
MEDICATION = "Medication"
APPOINTMENTS = "Appointments"
DOSE_CHANGES = "Doses set in this period"
DOSE_CHANGE_COLUMNS = ("Date", "Dose", "Set by", "Reason")
APPOINTMENT_COLUMNS = ("Date", "Appointment", "Kind", "What happened")


def medication_rows(medication: MedicationInPeriod) -> list[tuple[str, str]]:
    """One medication's facts as (label, value) pairs; doses exactly as they were typed."""
    rows = [(_dose_label(medication), _dose(medication)), ("Schedule", medication.schedule)]
    if medication.started is not None:
        rows.append(("Started", day_label(medication.started)))
    if medication.stopped is not None:
        reason = f" ({medication.stop_reason})" if medication.stop_reason else ""
        rows.append(("Stopped", f"{day_label(medication.stopped)}{reason}"))
    rows += [
        ("Days taken", _taken(medication.days)),
        ("Days missed", _dated(medication.days.missed)),
    ]
    if medication.days.takehome_given:
        rows.append(("Take-home doses given", str(medication.days.takehome_given)))
    return rows


def dose_change_cells(change: DoseChange) -> tuple[str, str, str, str]:
    """Date, dose (as typed), who set it, why."""
    return (day_label(change.day), change.dose, change.by, change.reason)


def dose_change_line(change: DoseChange) -> str:
    """`from Tue 10 Mar 2026: 50 mg, set by Dr Ahmed (reason: as planned)`."""
    by = f", set by {change.by}" if change.by else ""
    reason = f" (reason: {change.reason})" if change.reason else ""
    return f"from {day_label(change.day)}: {change.dose}{by}{reason}"


def appointment_counts(figures: AppointmentFigures) -> str:
    """`1 kept, 1 missed, 1 cancelled`."""
    kept, missed, cancelled = (
        len(found) for found in (figures.kept, figures.missed, figures.cancelled)
    )
    return f"{kept} kept, {missed} missed, {cancelled} cancelled"


def appointment_cells(visit: AppointmentDay) -> tuple[str, str, str, str]:
    """Date, title, kind, and kept, missed or cancelled."""
    return (day_label(visit.day), visit.title, visit.kind or "-", visit.outcome)


STEPS_DONE = "Steps toward goals"
STEP_COLUMNS = ("Date", "Goal", "Step done")
REFLECTIONS = "Evening reflections"
REFLECTION_COLUMNS = ("Date", "Went well", "To put right", "Grateful for")


def step_cells(step: StepDone) -> tuple[str, str, str]:
    """Date, the goal's title, the step done."""
    return (day_label(step.day), step.goal, step.step)


def reflection_cells(reflection: Reflection) -> tuple[str, str, str, str]:
    """Date and the answers, the things to be grateful for joined with "; "."""
    return (
        day_label(reflection.day),
        reflection.went_well,
        reflection.put_right,
        "; ".join(reflection.grateful),
    )


HOME = "Living situation"
HOME_KINDS = {"sober-living": "sober-living house", "family": "with family", "own": "own place"}


def home_rows(home: LivingSituation) -> list[tuple[str, str]]:
    """`Home: Harbour House (sober-living house)`, `Curfew: 22:00`, `Planned move: Wed 1 Apr
    2026, in 27 days`: only the parts the person gave."""
    kind = HOME_KINDS.get(home.kind, "")
    where = f"{home.name} ({kind})" if home.name and kind else home.name or kind
    rows = [("Home", where)] if where else []
    if home.curfew is not None:
        rows.append(("Curfew", f"{home.curfew:%H:%M}"))
    if home.moves_on is not None:
        rows.append(("Planned move", _move(home.moves_on, home.days_until_move)))
    return rows


def _move(day: date, days: int | None) -> str:
    """The day, and while it is ahead how soon: `today` or `in 27 days`."""
    if days is None:
        return day_label(day)
    soon = "today" if days == 0 else f"in {counted(days, 'day')}"
    return f"{day_label(day)}, {soon}"


def notes_left_out(summary: Summary) -> str:
    if summary.audience == "supporter":
        return "" if summary.notes else "No notes were shared for this period."
    return "" if summary.with_notes else "Notes were left out of this summary."


def _clean(summary: Summary) -> str:
    """Clean time as of the period's end and, when that is not today, as of today."""
    today, at_end, since = summary.clean_time, summary.clean_time_at_end, summary.clean_date
    if today is None or since is None:
        return "no clean date set"
    if since > summary.period.until:
        return f"counted from {day_label(since)}, after this period: {_clean_words(today)}"
    if at_end is None or at_end == today:
        return f"{_clean_words(today)}, since {day_label(since)}"
    end = day_label(summary.period.until)
    return f"{_clean_words(at_end)} on {end}; {_clean_words(today)} today; since {day_label(since)}"


def _clean_words(time: CleanTime) -> str:
    """`3 months, 8 days (98 days)`; on the clean date itself, `the first day`."""
    if not time.total_days:
        return "the first day"
    total = counted(time.total_days, "day")
    described = describe(time)
    return described if described == total else f"{described} ({total})"


def _sleep(value: float | None) -> str:
    return "not recorded" if value is None else f"{hours(value)} a night on average"


def _average(value: float | None, unit: str) -> str:
    return "not recorded" if value is None else f"{value:.1f} {unit}"


def _use(summary: Summary) -> str:
    return _dated(summary.used_on)


def _dated(days: tuple[date, ...]) -> str:
    """`2 (Thu 12 Mar 2026, Fri 13 Mar 2026)`, or none."""
    if not days:
        return "none"
    return f"{len(days)} ({', '.join(day_label(day) for day in days)})"


def _dose_label(medication: MedicationInPeriod) -> str:
    return "Last dose" if medication.stopped is not None else "Current dose"


def _dose(medication: MedicationInPeriod) -> str:
    since = medication.dose_since
    return medication.dose if since is None else f"{medication.dose} (since {day_label(since)})"


def _taken(days: DoseDays) -> str:
    """`9 (5 observed at the clinic, 4 take-home)`."""
    if not days.taken:
        return "none"
    parts = [f"{len(days.observed)} observed at the clinic"] if days.observed else []
    parts += [f"{len(days.take_home)} take-home"] if days.take_home else []
    return f"{len(days.taken)} ({', '.join(parts)})" if parts else str(len(days.taken))


def _cravings(summary: Summary) -> str:
    figures = summary.cravings
    if not figures.count:
        return "none"
    parts = [str(figures.count)]
    if figures.mean_intensity is not None:
        parts.append(f"strength {figures.mean_intensity:.1f} out of 10 on average")
    if figures.mean_drop is not None:
        parts.append(f"{moved_by(figures.mean_drop)} on average")
    return "; ".join(parts)
