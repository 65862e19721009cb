"""The counsellor summary: one period of the person's records, worked out once for the
terminal (`recovery summary`) and for every export format.

`build_summary` works on records already read; `load_summary` reads what it needs from the
store. The medication and appointment sections are None when the person keeps no
medications or no appointments at all. Without notes (`notes=False`) the Summary holds no
note text at all (the check-ins it carries have theirs blanked), so no exporter can leak
one; dose notes and the reasons given for a missed dose are never in it.

`for_supporter` makes the shorter page for family or a friend the same way: what it leaves
out is taken out of the Summary itself, not merely hidden by the exporters.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from statistics import fmean
from typing import Literal
from zoneinfo import ZoneInfo

from recovery_cli.care.appointments import Appointment, Outcome, outcomes_between
from recovery_cli.care.dose_counts import DoseDays, dose_days
from recovery_cli.care.doses import DoseRecord
from recovery_cli.care.prescriptions import DoseChange, Prescription, dose_history
from recovery_cli.life.goals import Goal, StepDone, steps_done_between
from recovery_cli.life.home import Home, planned_move
from recovery_cli.life.reflection import Reflection
from recovery_cli.log.cleantime import CleanTime, clean_time
from recovery_cli.log.digest import Run
from recovery_cli.log.insights import (
    CopingEffect,
    TriggerStat,
    averages,
    coping_effectiveness,
    craving_triggers,
    daily_series,
    trigger_stats,
    use_days,
)
from recovery_cli.log.logbook import CheckIn, Craving
from recovery_cli.meetings.attendance import count_between
from recovery_cli.meetings.meetings import Attendance, Meeting
from recovery_cli.reports.watch import (
    Watch,
    care_to_watch,
    look_back_start,
    scheduled_days,
    things_to_watch,
)
from recovery_cli.store.dates import Period
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.files import Store
from recovery_cli.store.profile import Profile

TOP = 5
AUDIENCES = ("counsellor", "supporter")
# The parts kept out by default that `--include` adds back.
INCLUDABLE = ("reflections", "meds", "cravings")
SUPPORTER_PARTS = ("clean time", "meetings", "shared notes")
# What the supporter export offers to add; never the reflections, the most private part.
SUPPORTER_EXTRAS = ("meds", "cravings")


@dataclass(frozen=True)
class CravingFigures:
    """The craving events of the period: how many, how strong, how much they came down
    (the mean drop over those with an intensity afterwards)."""

    count: int
    mean_intensity: float | None
    mean_drop: float | None


@dataclass(frozen=True)
class CravingDay:
    """The cravings recorded on one day: how many, and the triggers they named."""

    day: date
    count: int
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class MeetingCount:
    name: str
    count: int


@dataclass(frozen=True)
class Note:
    day: date
    source: Literal["check-in", "craving"]
    text: str
    shared: bool = False


@dataclass(frozen=True)
class MedicationInPeriod:
    """One prescription active at some time in the period. Doses are the text typed:
    `dose` is the current one (set on `dose_since`), `changes` those set within the
    period; `started` and `stopped` only when they fall within it."""

    name: str
    dose: str
    dose_since: date | None
    schedule: str
    changes: tuple[DoseChange, ...]
    started: date | None
    stopped: date | None
    stop_reason: str
    days: DoseDays


@dataclass(frozen=True)
class AppointmentDay:
    """One occurrence of an appointment with what happened: kept, missed or cancelled."""

    day: date
    title: str
    kind: str
    outcome: Literal["kept", "missed", "cancelled"]


@dataclass(frozen=True)
class AppointmentFigures:
    """The occurrences of the period with an outcome noted, oldest first."""

    kept: tuple[AppointmentDay, ...]
    missed: tuple[AppointmentDay, ...]
    cancelled: tuple[AppointmentDay, ...]

    @property
    def every(self) -> tuple[AppointmentDay, ...]:
        return tuple(sorted((*self.kept, *self.missed, *self.cancelled), key=lambda a: a.day))


@dataclass(frozen=True)
class LivingSituation:
    """Where the person lives, as the counsellor summary shows it: the kind of home, its
    name, the curfew and a planned move (`days_until_move` only while it is ahead). Never
    the contact, phone or house rules."""

    kind: str
    name: str
    curfew: time | None
    moves_on: date | None
    days_until_move: int | None


@dataclass(frozen=True)
class Summary:
    """`clean_time` is as of the day it was made, `clean_time_at_end` as of the period's
    last day (or the day it was made, if that is earlier)."""

    name: str
    period: Period
    generated: date
    clean_date: date | None
    clean_time: CleanTime | None
    checkins_made: int
    mood_average: float | None
    craving_average: float | None
    sleep_average: float | None
    moods: tuple[int | None, ...]
    cravings_by_day: tuple[int | None, ...]
    used_on: tuple[date, ...]
    cravings: CravingFigures
    top_triggers: tuple[TriggerStat, ...]
    helped_most: tuple[CopingEffect, ...]
    meetings_attended: int
    meetings: tuple[MeetingCount, ...]
    watch: tuple[Watch, ...]
    notes: tuple[Note, ...]
    checkins: tuple[CheckIn, ...]
    with_notes: bool
    medications: tuple[MedicationInPeriod, ...] | None = None
    appointments: AppointmentFigures | None = None
    clean_time_at_end: CleanTime | None = None
    craving_days: tuple[CravingDay, ...] = ()
    money_not_spent: str | None = None
    audience: Literal["counsellor", "supporter"] = "counsellor"
    parts: tuple[str, ...] = ()
    steps_done: tuple[StepDone, ...] = ()
    # None unless the person asked for them (`--include reflections`): they are private.
    reflections: tuple[Reflection, ...] | None = None
    home: LivingSituation | None = None

    @property
    def days_used(self) -> int:
        return len(self.used_on)

    @property
    def shared_by(self) -> str:
        return f"Shared by {self.name or 'the person whose records these are'}"


def build_summary(
    profile: Profile,
    period: Period,
    generated: date,
    checkin_run: Run | None,
    checkins: Sequence[CheckIn],
    cravings: Sequence[Craving],
    attended: Sequence[Attendance],
    scheduled: Sequence[date],
    *,
    notes: bool = True,
    prescriptions: Sequence[Prescription] = (),
    doses: Sequence[DoseRecord] = (),
    appointments: Sequence[Appointment] = (),
    outcomes: Sequence[Outcome] = (),
    goals: Sequence[Goal] = (),
    reflections: Sequence[Reflection] | None = None,
    home: Home | None = None,
) -> Summary:
    """The summary of `period`. `checkin_run` is the last run of days with a check-in up to
    its end (`insights.last_run`). `checkins` and `cravings` must cover the period and the
    two weeks before its end (for the things to watch); `scheduled` holds the days of
    meeting sittings in the two weeks before its end; `doses` must cover the period.
    `reflections` (None: not included) are kept for the days of the period."""
    since, until = period.since, period.until
    inside = [c for c in checkins if since <= c.day <= until]
    craved = [c for c in cravings if since <= c.at.date() <= until]
    figures = averages(inside, until, period.days)
    kept = tuple(inside if notes else (replace(c, note="") for c in inside))
    return Summary(
        name=profile.name,
        period=period,
        generated=generated,
        clean_date=profile.clean_date,
        clean_time=clean_time(profile.clean_date, generated) if profile.clean_date else None,
        clean_time_at_end=(
            clean_time(profile.clean_date, min(until, generated)) if profile.clean_date else None
        ),
        checkins_made=len(inside),
        mood_average=figures.mood,
        craving_average=figures.craving,
        sleep_average=figures.sleep,
        moods=tuple(daily_series(inside, until, period.days, "mood")),
        cravings_by_day=tuple(daily_series(inside, until, period.days, "craving")),
        used_on=tuple(use_days(inside, craved, since, until)),
        cravings=_craving_figures(craved),
        craving_days=_craving_days(craved),
        top_triggers=tuple(sorted(trigger_stats(inside, craved), key=lambda s: -s.count)[:TOP]),
        helped_most=tuple(coping_effectiveness(craved)[:TOP]),
        meetings_attended=count_between(attended, since, until),
        meetings=_meeting_counts(a for a in attended if since <= a.day <= until),
        watch=(
            *things_to_watch(
                until, checkin_run, checkins, cravings, attended, scheduled, use_since=since
            ),
            *care_to_watch(until, outcomes=outcomes, prescriptions=prescriptions),
        ),
        notes=_notes(inside, craved) if notes else (),
        checkins=kept,
        with_notes=notes,
        medications=_medications(prescriptions, doses, period, generated),
        appointments=_appointments(appointments, outcomes, period),
        money_not_spent=_money(profile, generated),
        steps_done=tuple(steps_done_between(goals, since, until)),
        reflections=(
            None
            if reflections is None
            else tuple(r for r in reflections if since <= r.day <= until)
        ),
        home=_living(home, generated),
    )


def check_includes(parts: Sequence[str] | None) -> tuple[str, ...]:
    """The parts `--include` names, each once; an unknown one is refused."""
    chosen: list[str] = []
    for part in parts or ():
        word = part.strip().lower()
        if word not in INCLUDABLE:
            raise InvalidValue(f"--include takes {', '.join(INCLUDABLE)}, got {part!r}", "include")
        if word not in chosen:
            chosen.append(word)
    return tuple(chosen)


def supporter_parts(include: Sequence[str]) -> tuple[str, ...]:
    """What a supporter page holds: always clean time, meetings and shared notes, then the
    parts the person added."""
    return (*SUPPORTER_PARTS, *(part for part in INCLUDABLE if part in include))


def for_supporter(summary: Summary, include: Sequence[str] = ()) -> Summary:
    """The shorter page for family or a friend: clean time, what recovery gives back,
    meetings and only the check-in notes the person marked shareable. Cravings (with their
    triggers, what helped and days with use) and medication only when included; the day by
    day records, the things to watch and appointments never. The steps done toward goals
    stay; reflections only when included (the summary holds them only then). The living
    situation never: it says where the person lives, which is theirs to tell."""
    blank = tuple(None for _ in summary.moods)
    page = replace(
        summary,
        audience="supporter",
        parts=supporter_parts(include),
        mood_average=None,
        sleep_average=None,
        moods=blank,
        checkins=(),
        watch=(),
        appointments=None,
        home=None,
        notes=tuple(note for note in summary.notes if note.shared),
        medications=summary.medications if "meds" in include else None,
    )
    if "cravings" in include:
        return page
    return replace(
        page,
        craving_average=None,
        cravings_by_day=blank,
        used_on=(),
        cravings=CravingFigures(0, None, None),
        top_triggers=(),
        helped_most=(),
        craving_days=(),
    )


def _living(home: Home | None, today: date) -> LivingSituation | None:
    """The living situation as of `today`; None without a home or with none of its parts."""
    if home is None or not (home.kind or home.name or home.curfew or home.until):
        return None
    move = planned_move(home, today)
    days = None if move is None else move.days
    return LivingSituation(home.kind, home.name, home.curfew, home.until, days)


def _money(profile: Profile, today: date) -> str | None:
    from recovery_cli.life.gives_back import money_not_spent

    if profile.spend_per_day is None or profile.clean_date is None:
        return None
    days = clean_time(profile.clean_date, today).total_days
    return money_not_spent(profile.spend_per_day, days, profile.currency, profile.region)


def load_summary(
    store: Store,
    profile: Profile,
    period: Period,
    now: datetime,
    zone: str,
    *,
    notes: bool = True,
    include: Collection[str] = (),
) -> Summary:
    """Read what the summary of `period` needs and build it; `now` in the time zone `zone`.
    `include` names the private sections asked for ("reflections")."""
    from recovery_cli.care.appointments import load_book
    from recovery_cli.care.doses import load_doses
    from recovery_cli.care.prescriptions import load_medications
    from recovery_cli.life.goals import load_goals
    from recovery_cli.life.home import load_home
    from recovery_cli.life.reflection import load_reflections
    from recovery_cli.log.logbook import checkin_run, load_checkins, load_cravings
    from recovery_cli.meetings.meetings import load_attendance, load_meetings

    first = min(period.since, look_back_start(period.until))
    run, checkins = checkin_run(store, period.until), load_checkins(store, first)
    end = min(now, datetime.combine(period.until, time(23, 59, 59), ZoneInfo(zone)))
    book = load_book(store)
    return build_summary(
        profile,
        period,
        now.date(),
        run,
        checkins,
        load_cravings(store, since=first),
        load_attendance(store),
        _scheduled(load_meetings(store).meetings, end, zone),
        notes=notes,
        prescriptions=load_medications(store).prescriptions,
        doses=load_doses(store, since=period.since, until=period.until),
        appointments=book.appointments,
        outcomes=book.outcomes,
        goals=load_goals(store).goals,
        reflections=(
            load_reflections(store, period.since, period.until)
            if "reflections" in include
            else None
        ),
        home=load_home(store),
    )


def _scheduled(meetings: Sequence[Meeting], end: datetime, zone: str) -> list[date]:
    return scheduled_days(meetings, end, zone) if meetings else []


def _craving_figures(cravings: Sequence[Craving]) -> CravingFigures:
    drops = [c.drop for c in cravings if c.drop is not None]
    return CravingFigures(
        count=len(cravings),
        mean_intensity=fmean(c.intensity for c in cravings) if cravings else None,
        mean_drop=fmean(drops) if drops else None,
    )


def _craving_days(cravings: Sequence[Craving]) -> tuple[CravingDay, ...]:
    by_day: dict[date, list[Craving]] = {}
    for craving in cravings:
        by_day.setdefault(craving.at.date(), []).append(craving)
    return tuple(
        CravingDay(day, len(found), tuple(t for c in found for t in craving_triggers(c)))
        for day, found in sorted(by_day.items())
    )


def _meeting_counts(records: Iterable[Attendance]) -> tuple[MeetingCount, ...]:
    counts: dict[str, int] = {}
    for record in records:
        counts[record.meeting] = counts.get(record.meeting, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    return tuple(MeetingCount(name, count) for name, count in ordered)


def _notes(checkins: Sequence[CheckIn], cravings: Sequence[Craving]) -> tuple[Note, ...]:
    found = [
        Note(c.day, "check-in", c.note.strip(), c.share_note) for c in checkins if c.note.strip()
    ]
    found += [Note(c.at.date(), "craving", c.note.strip()) for c in cravings if c.note.strip()]
    return tuple(sorted(found, key=lambda note: note.day))


def _medications(
    prescriptions: Sequence[Prescription],
    doses: Sequence[DoseRecord],
    period: Period,
    today: date,
) -> tuple[MedicationInPeriod, ...] | None:
    """Each prescription active on some day of the period (or stopped on its first day),
    in the order they were added; None when the person keeps no medications."""
    if not prescriptions:
        return None
    since, until = period.since, period.until
    return tuple(
        _medication(p, doses, period, today)
        for p in prescriptions
        if p.starts <= until and (p.stopped is None or p.stopped >= since)
    )


def _medication(
    prescription: Prescription, doses: Sequence[DoseRecord], period: Period, today: date
) -> MedicationInPeriod:
    since, until = period.since, period.until
    history = dose_history(prescription)
    stopped = prescription.stopped
    stopped_inside = stopped is not None and stopped <= until
    return MedicationInPeriod(
        name=prescription.name,
        dose=prescription.dose,
        dose_since=history[-1].day if history else None,
        schedule=prescription.schedule,
        changes=tuple(c for c in history if since <= c.day <= until),
        started=prescription.starts if since <= prescription.starts else None,
        stopped=stopped if stopped_inside else None,
        stop_reason=prescription.stop_reason if stopped_inside else "",
        days=dose_days(prescription, doses, since, until, today),
    )


def _appointments(
    appointments: Sequence[Appointment], outcomes: Sequence[Outcome], period: Period
) -> AppointmentFigures | None:
    """What happened at the appointments of the period; None when the person keeps no
    appointments (and no record of any). The kind comes from the appointment, while it
    is still kept."""
    if not appointments and not outcomes:
        return None
    kinds = {a.uid: a.kind for a in appointments}
    counts = outcomes_between(outcomes, period.since, period.until)

    return AppointmentFigures(
        kept=_outcome_days(counts.kept, kinds, "kept"),
        missed=_outcome_days(counts.missed, kinds, "missed"),
        cancelled=_outcome_days(counts.cancelled, kinds, "cancelled"),
    )


def _outcome_days(
    found: Sequence[Outcome], kinds: dict[str, str], word: Literal["kept", "missed", "cancelled"]
) -> tuple[AppointmentDay, ...]:
    return tuple(AppointmentDay(o.day, o.title, kinds.get(o.uid, ""), word) for o in found)
