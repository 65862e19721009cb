"""What the dashboard shows, worked out from the person's data.

`build_dashboard` works on records already read; `load_dashboard` reads only what it needs
from the store (the last two weeks of the log, today's medication, the schedules).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from recovery_cli.log.cleanhistory import CleanPeriod
from recovery_cli.log.cleantime import (
    CleanTime,
    Milestone,
    clean_time,
    last_milestone,
    next_milestone,
)
from recovery_cli.log.digest import Run
from recovery_cli.log.insights import daily_series, streak_of_run
from recovery_cli.log.logbook import CheckIn
from recovery_cli.meetings.attendance import MeetingGlance
from recovery_cli.plan.plan import Contact
from recovery_cli.reports.watch import (
    Watch,
    care_to_watch,
    look_back_start,
    scheduled_days,
    things_to_watch,
    who_to_call,
)
from recovery_cli.store.profile import Profile

if TYPE_CHECKING:
    from recovery_cli.care.appointments import Visit
    from recovery_cli.care.meds import MedStatus
    from recovery_cli.life.goals import Goal, Step
    from recovery_cli.life.home import Curfew, Move
    from recovery_cli.store.files import Store
    from recovery_cli.store.profile import Here

SPARKLINE_DAYS = 14


@dataclass(frozen=True)
class Dashboard:
    today: date
    name: str = ""
    clean_date: date | None = None
    clean_time: CleanTime | None = None
    next_milestone: Milestone | None = None
    last_milestone: Milestone | None = None
    checked_in_today: bool = False
    streak_days: int = 0
    moods: tuple[int | None, ...] = ()
    cravings: tuple[int | None, ...] = ()
    clean_periods: tuple[CleanPeriod, ...] = ()
    meetings: MeetingGlance | None = None
    watch: tuple[Watch, ...] = ()
    call: Contact | None = None
    medications: tuple[MedStatus, ...] = ()
    next_appointment: Visit | None = None
    naloxone_nudge: str | None = None
    money_not_spent: str | None = None
    milestone_today: str | None = None
    curfew: Curfew | None = None
    move: Move | None = None
    next_step: tuple[Goal, Step] | None = None
    offer_reflection: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The `status --json` object."""
        time = self.clean_time
        return {
            "name": self.name,
            "clean_date": _iso(self.clean_date),
            "clean_days": time.total_days if time else None,
            "clean_time": (
                {"years": time.years, "months": time.months, "days": time.days} if time else None
            ),
            "next_milestone": _milestone_dict(self.next_milestone, self.today),
            "last_milestone": _milestone_dict(self.last_milestone, self.today),
            "checked_in_today": self.checked_in_today,
            "streak_days": self.streak_days,
            "clean_history": [
                {
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "days": p.days,
                    "note": p.note,
                }
                for p in self.clean_periods
            ],
            "next_meeting": _next_meeting_dict(self.meetings),
            "meetings_attended": self.meetings.attendance.to_dict() if self.meetings else None,
            "watch": [item.to_dict() for item in self.watch],
            "medications": [status.to_dict() for status in self.medications],
            "naloxone_nudge": self.naloxone_nudge,
            "money_not_spent": self.money_not_spent,
            "milestone_today": self.milestone_today,
            "curfew": (
                {
                    "at": self.curfew.at.isoformat(),
                    "minutes_left": int(self.curfew.left.total_seconds() // 60),
                }
                if self.curfew
                else None
            ),
            "planned_move": _move_dict(self.move),
            "next_appointment": (
                self.next_appointment.to_dict() if self.next_appointment else None
            ),
            "next_step": _next_step_dict(self.next_step),
            "offer_reflection": self.offer_reflection,
        }


def build_dashboard(
    profile: Profile | None,
    today: date,
    checkin_run: Run | None = None,
    recent: Sequence[CheckIn] = (),
    clean_periods: Sequence[CleanPeriod] = (),
    meetings: MeetingGlance | None = None,
    watch: Sequence[Watch] = (),
    call: Contact | None = None,
    medications: Sequence[MedStatus] = (),
    next_appointment: Visit | None = None,
) -> Dashboard:
    """The dashboard; `checkin_run` is the last run of days with a check-in up to today
    (`insights.last_run`), `recent` needs the check-ins of the last SPARKLINE_DAYS days only.
    `call` is the person the nudge beside the things to watch names."""
    if profile is None:
        return Dashboard(today=today)
    dashboard = Dashboard(today=today, name=profile.name)
    if profile.clean_date is not None:
        dashboard = replace(
            dashboard,
            clean_date=profile.clean_date,
            clean_time=clean_time(profile.clean_date, today),
            next_milestone=next_milestone(profile.clean_date, today),
            last_milestone=last_milestone(profile.clean_date, today),
        )
        money, milestone = _gives_back(profile, profile.clean_date, today)
        dashboard = replace(dashboard, money_not_spent=money, milestone_today=milestone)
    return replace(
        dashboard,
        checked_in_today=checkin_run is not None and checkin_run[1] == today,
        streak_days=streak_of_run(checkin_run, today),
        moods=tuple(daily_series(recent, today, SPARKLINE_DAYS, "mood")),
        cravings=tuple(daily_series(recent, today, SPARKLINE_DAYS, "craving")),
        clean_periods=tuple(clean_periods),
        meetings=meetings,
        watch=tuple(watch),
        call=call if watch else None,
        medications=tuple(medications),
        next_appointment=next_appointment,
    )


def _gives_back(profile: Profile, clean_date: date, today: date) -> tuple[str | None, str | None]:
    """The money not spent since the clean date (when the person gave what using cost them),
    and the kind line of a milestone reached today."""
    from recovery_cli.life.gives_back import milestone_today, milestone_words, money_not_spent

    per_day, days = profile.spend_per_day, clean_time(clean_date, today).total_days
    money = None
    if per_day is not None:
        money = money_not_spent(per_day, days, profile.currency, profile.region)
    milestone = milestone_today(clean_date, today)
    return money, milestone_words(milestone) if milestone else None


def load_dashboard(store: Store, profile: Profile | None, here: Here) -> Dashboard:
    """The dashboard as of `here`, read from the store."""
    from recovery_cli.log.cleanhistory import load_history
    from recovery_cli.log.logbook import checkin_run, load_checkins

    today = here.today
    since = min(sparkline_start(today), look_back_start(today))
    run, recent = checkin_run(store, today), load_checkins(store, since)
    dashboard = build_dashboard(
        profile,
        today,
        checkin_run=run,
        recent=recent,
        clean_periods=load_history(store).periods,
    )
    if profile is None:
        return dashboard
    dashboard = _with_schedules_and_care(store, profile, dashboard, here, since, run, recent)
    return _with_life(store, dashboard, here)


def _with_life(store: Store, dashboard: Dashboard, here: Here) -> Dashboard:
    """The next step of the nearest goal, the evening reflection if not done today, the
    curfew in the evening and a planned move that is near."""
    from recovery_cli.life.goals import load_goals, nearest_next_step
    from recovery_cli.life.home import curfew_soon, load_home, move_soon
    from recovery_cli.life.reflection import EVENING_HOUR, reflected_on

    evening = here.now.hour >= EVENING_HOUR
    home = load_home(store)
    return replace(
        dashboard,
        curfew=curfew_soon(home, here.now),
        move=move_soon(home, here.today),
        next_step=nearest_next_step(load_goals(store).goals),
        offer_reflection=evening and not reflected_on(store, here.today),
    )


def _with_schedules_and_care(
    store: Store,
    profile: Profile,
    dashboard: Dashboard,
    here: Here,
    since: date,
    run: Run | None,
    recent: Sequence[CheckIn],
) -> Dashboard:
    """Meetings, medication, appointments, and the things to watch drawn from them all."""
    from recovery_cli.care import medicine
    from recovery_cli.care.appointments import load_book, next_appointment
    from recovery_cli.care.meds import meds_today
    from recovery_cli.care.naloxone import load_kits, needs_kit
    from recovery_cli.care.prescriptions import load_medications
    from recovery_cli.log.logbook import load_cravings
    from recovery_cli.meetings.attendance import meeting_glance
    from recovery_cli.meetings.meetings import load_attendance, load_meetings

    zone, now, today = here.zone, here.now, here.today
    book, attended = load_meetings(store), load_attendance(store)
    scheduled = scheduled_days(book.meetings, now, zone) if book.meetings else []
    medications = meds_today(store, today)
    appointments = load_book(store)
    kits = load_kits(store).kits
    watch = [
        *things_to_watch(
            today,
            run,
            recent,
            load_cravings(store, since=since),
            attended,
            scheduled,
        ),
        *care_to_watch(
            today,
            medications,
            appointments.outcomes,
            load_medications(store).prescriptions,
            kits,
        ),
    ]
    return replace(
        dashboard,
        meetings=meeting_glance(book, attended, now, zone),
        watch=tuple(watch),
        call=_who_to_call(store, now) if watch else None,
        medications=tuple(medications),
        next_appointment=next_appointment(appointments, now, zone),
        naloxone_nudge=medicine.no_naloxone_line(profile.region)
        if needs_kit(profile.substances, kits, today)
        else None,
    )


def _who_to_call(store: Store, now: datetime) -> Contact | None:
    from recovery_cli.plan.plan import load_plan

    return who_to_call(load_plan(store).contacts, now)


def sparkline_start(today: date) -> date:
    """The first day the dashboard's sparklines show."""
    return today - timedelta(days=SPARKLINE_DAYS - 1)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _milestone_dict(milestone: Milestone | None, today: date) -> dict[str, Any] | None:
    if milestone is None:
        return None
    return {
        "name": milestone.name,
        "date": milestone.date.isoformat(),
        "days_to_go": max((milestone.date - today).days, 0),
    }


def _move_dict(move: Move | None) -> dict[str, Any] | None:
    if move is None:
        return None
    return {"home": move.name, "date": move.on.isoformat(), "days_to_go": move.days}


def _next_step_dict(found: tuple[Goal, Step] | None) -> dict[str, Any] | None:
    if found is None:
        return None
    goal, step = found
    return {"goal": goal.title, "step": step.text, "by": _iso(goal.by)}


def _next_meeting_dict(glance: MeetingGlance | None) -> dict[str, Any] | None:
    if glance is None or glance.next is None:
        return None
    meeting = glance.next.meeting
    return {
        "name": meeting.name,
        "fellowship": meeting.fellowship,
        "start": glance.next.start.isoformat(),
        "where": meeting.where,
        "url": meeting.url,
    }
