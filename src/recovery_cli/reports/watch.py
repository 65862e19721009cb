"""Things to watch: the signs in the person's own records that a harder stretch may be
coming, each with the dates behind it.

The rules (each a small function returning a `Watch` or None):

- no check-in for 3 or more whole days (today is not counted while it is still open);
- the 7-day craving average up by 2 or more over the 7 days before;
- a 7-day mood average of 4 or less;
- sleep under 6 hours a night on average over the last 7 days;
- no meeting attended in the last 14 days while meetings were on the schedule;
- any use recorded;
- doses missed in a row, an appointment missed in the last 14 days, a prescription that
  ended in the last 14 days with nothing of its kind after it, a naloxone kit that expires
  within 60 days or has expired.

Shown by the dashboard (with a nudge to call someone), the summary and the export. The
words describe, never judge: they are read by the person, and by their counsellor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from recovery_cli.log.digest import Run
from recovery_cli.log.insights import averages, trend, use_days, window
from recovery_cli.log.logbook import CheckIn, Craving
from recovery_cli.store.words import counted, hours

if TYPE_CHECKING:
    from recovery_cli.care.appointments import Outcome
    from recovery_cli.care.meds import MedStatus
    from recovery_cli.care.naloxone import Kit
    from recovery_cli.care.prescriptions import Prescription
    from recovery_cli.meetings.meetings import Attendance, Meeting
    from recovery_cli.plan.plan import Contact

Kind = Literal[
    "no_checkin",
    "cravings_rising",
    "low_mood",
    "short_sleep",
    "no_meetings",
    "use",
    "missed_doses",
    "missed_appointments",
    "prescription_ended",
    "naloxone_expiring",
]

QUIET_DAYS = 3
WEEK = 7
CRAVING_RISE = 2.0
LOW_MOOD = 4.0
SHORT_SLEEP = 6.0
MEETING_DAYS = 14
# The rules look back this far: the craving rule compares two weeks.
LOOK_BACK_DAYS = 2 * WEEK


@dataclass(frozen=True)
class Watch:
    """One thing to watch: what kind, a plain message, the days it looks at (`since` to
    `until`) and the dates behind it (days missed, days with use, days counted, ...)."""

    kind: Kind
    message: str
    since: date
    until: date
    dates: tuple[date, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "dates": [day.isoformat() for day in self.dates],
        }


def no_checkin(checkin_run: Run | None, today: date) -> Watch | None:
    """3 or more whole days without a check-in since the last one (none ever: nothing);
    `checkin_run` is the last run of days with a check-in up to today (`insights.last_run`)."""
    if checkin_run is None:
        return None
    last = checkin_run[1]
    missed = tuple(last + timedelta(days=n) for n in range(1, (today - last).days))
    if len(missed) < QUIET_DAYS:
        return None
    return Watch(
        "no_checkin",
        f"No check-in for {len(missed)} days; the last one was on {_day(last)}.",
        missed[0],
        missed[-1],
        missed,
    )


def cravings_rising(checkins: Sequence[CheckIn], today: date) -> Watch | None:
    """The craving average of the last 7 days 2 or more above that of the 7 days before."""
    change = trend(checkins, today, WEEK, "craving")
    if change.change is None or change.change < CRAVING_RISE:
        return None
    since = today - timedelta(days=LOOK_BACK_DAYS - 1)
    return Watch(
        "cravings_rising",
        f"Cravings have been stronger: {change.current:.1f} out of 10 on average over the "
        f"last 7 days, up from {change.previous:.1f} the week before.",
        since,
        today,
        _days_with(window(checkins, today, LOOK_BACK_DAYS), "craving"),
    )


def low_mood(checkins: Sequence[CheckIn], today: date) -> Watch | None:
    """A mood average of 4 or less over the last 7 days."""
    mood = averages(checkins, today, WEEK).mood
    if mood is None or mood > LOW_MOOD:
        return None
    days = _days_with(window(checkins, today, WEEK), "mood")
    return Watch(
        "low_mood",
        f"Mood has been low: {mood:.1f} out of 10 {_over_the_week(days)}.",
        _week_start(today),
        today,
        days,
    )


def short_sleep(checkins: Sequence[CheckIn], today: date) -> Watch | None:
    """Under 6 hours of sleep a night on average over the last 7 days."""
    sleep = averages(checkins, today, WEEK).sleep
    if sleep is None or sleep >= SHORT_SLEEP:
        return None
    days = _days_with(window(checkins, today, WEEK), "sleep")
    return Watch(
        "short_sleep",
        f"Sleep has been short: {hours(sleep)} a night {_over_the_week(days)}.",
        _week_start(today),
        today,
        days,
    )


def no_meetings(attended: Iterable[date], scheduled: Sequence[date], today: date) -> Watch | None:
    """No meeting attended in the 14 days ending today while `scheduled` (the days of the
    sittings on the schedule in those days) is not empty."""
    since = today - timedelta(days=MEETING_DAYS - 1)
    if not scheduled or any(since <= day <= today for day in attended):
        return None
    count = len(scheduled)
    return Watch(
        "no_meetings",
        f"No meeting attended in the last {MEETING_DAYS} days, while "
        f"{count} {'was' if count == 1 else 'were'} on the schedule.",
        since,
        today,
        tuple(sorted(scheduled)),
    )


def use_recorded(
    checkins: Iterable[CheckIn], cravings: Iterable[Craving], since: date, until: date
) -> Watch | None:
    """Use recorded in a check-in or a craving from `since` to `until`."""
    days = tuple(use_days(checkins, cravings, since, until))
    if not days:
        return None
    when = ", ".join(_day(day) for day in days)
    return Watch(
        "use",
        f"Use was recorded on {when}. A lapse is something to learn from, "
        "and a good thing to talk through.",
        since,
        until,
        days,
    )


def things_to_watch(
    today: date,
    checkin_run: Run | None,
    checkins: Sequence[CheckIn],
    cravings: Sequence[Craving] = (),
    attended: Sequence[Attendance] = (),
    scheduled: Sequence[date] = (),
    use_since: date | None = None,
) -> list[Watch]:
    """Every rule, as of `today`. `checkin_run` is the last run of days with a check-in up to
    today (`insights.last_run`); `checkins` needs the last LOOK_BACK_DAYS days only;
    use counts from `use_since` (default: the last LOOK_BACK_DAYS days)."""
    found = (
        no_checkin(checkin_run, today),
        cravings_rising(checkins, today),
        low_mood(checkins, today),
        short_sleep(checkins, today),
        no_meetings((a.day for a in attended), scheduled, today),
        use_recorded(checkins, cravings, use_since or look_back_start(today), today),
    )
    return [item for item in found if item is not None]


def missed_doses(statuses: Iterable[MedStatus], today: date) -> list[Watch]:
    """One item for each medication with doses missed in a row, ending today."""
    found = []
    for status in statuses:
        missed = status.missed_days_in_a_row
        if not missed:
            continue
        first = today - timedelta(days=missed)
        days = tuple(first + timedelta(days=n) for n in range(missed))
        found.append(
            Watch(
                "missed_doses",
                f"{status.prescription.name}: {counted(missed, 'day')} without a dose in a row.",
                days[0],
                today,
                days,
            )
        )
    return found


def missed_appointments(outcomes: Iterable[Outcome], today: date) -> Watch | None:
    """Appointments noted as missed in the last 14 days."""
    since = today - timedelta(days=LOOK_BACK_DAYS - 1)
    missed = sorted((o for o in outcomes if o.outcome == "missed" and since <= o.day <= today),
                    key=lambda o: o.day)  # fmt: skip
    if not missed:
        return None
    which = "; ".join(f"{o.title} on {_day(o.day)}" for o in missed)
    return Watch(
        "missed_appointments",
        f"Missed appointment{'s' if len(missed) > 1 else ''}: {which}. "
        "Booking the next one is a good step.",
        since,
        today,
        tuple(o.day for o in missed),
    )


def prescription_ended(prescriptions: Sequence[Prescription], today: date) -> list[Watch]:
    """Prescriptions that ended in the last 14 days with no other of their kind active."""
    from recovery_cli.care import medicine

    since = today - timedelta(days=LOOK_BACK_DAYS - 1)
    active_kinds = {p.kind for p in prescriptions if p.active_on(today)}
    found = []
    for p in prescriptions:
        ended = p.stopped
        if ended is None or not since <= ended <= today or p.kind in active_kinds:
            continue
        message = f"{p.name} ended on {_day(ended)}. {medicine.PRESCRIPTION_ENDED}"
        found.append(Watch("prescription_ended", message, ended, today, (ended,)))
    return found


def naloxone_expiring(kits: Sequence[Kit], today: date) -> list[Watch]:
    """Unused naloxone kits that expire within 60 days, or have expired."""
    from recovery_cli.care import medicine
    from recovery_cli.care.naloxone import EXPIRING_WITHIN_DAYS, expiring

    return [
        Watch(
            "naloxone_expiring",
            medicine.naloxone_expiry_line(kit.kind, kit.where, kit.expires, today),
            today,
            today + timedelta(days=EXPIRING_WITHIN_DAYS),
            (kit.expires,),
        )
        for kit in expiring(kits, today)
    ]


def care_to_watch(
    today: date,
    statuses: Sequence[MedStatus] = (),
    outcomes: Sequence[Outcome] = (),
    prescriptions: Sequence[Prescription] = (),
    kits: Sequence[Kit] = (),
) -> list[Watch]:
    """The rules about medication, appointments and naloxone, as of `today`."""
    appointments = missed_appointments(outcomes, today)
    return [
        *missed_doses(statuses, today),
        *([appointments] if appointments else []),
        *prescription_ended(prescriptions, today),
        *naloxone_expiring(kits, today),
    ]


def look_back_start(today: date) -> date:
    """The first day whose check-ins and cravings the rules need, as of `today`."""
    return today - timedelta(days=LOOK_BACK_DAYS - 1)


def scheduled_days(meetings: Iterable[Meeting], until: datetime, zone: str) -> list[date]:
    """The days (in `zone`) of the sittings on the schedule in the 14 days up to `until`."""
    from recovery_cli.meetings.schedule import occurrences

    tz = ZoneInfo(zone)
    local_until = until.astimezone(tz)
    start = datetime.combine(local_until.date() - timedelta(days=MEETING_DAYS - 1), time(0), tz)
    return sorted(
        occurrence.in_zone(zone).start.date()
        for meeting in meetings
        if meeting.active
        for occurrence in occurrences(meeting, start, local_until)
        if occurrence.start >= start
    )


def who_to_call(contacts: Sequence[Contact], now: datetime) -> Contact | None:
    """The person the nudge names: the first with a phone number, those reachable now
    first (the order of the plan sheet)."""
    from recovery_cli.plan.plan_sheet import reachable_first

    return next(
        (item.contact for item in reachable_first(contacts, now) if item.contact.phone.strip()),
        None,
    )


def _days_with(checkins: Iterable[CheckIn], measure: str) -> tuple[date, ...]:
    return tuple(sorted(c.day for c in checkins if getattr(c, measure) is not None))


def _over_the_week(days: Sequence[date]) -> str:
    """What a 7-day figure stands on: one check-in is named as one, not as an average."""
    if len(days) == 1:
        return "at the one check-in of the last 7 days"
    return f"on average over {counted(len(days), 'check-in')} in the last 7 days"


def _week_start(today: date) -> date:
    return today - timedelta(days=WEEK - 1)


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"
