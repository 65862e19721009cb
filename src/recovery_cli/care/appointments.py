"""Appointments with counsellors, groups, prescribers and clinics (injections included):
the records, their checks, their files, their dates, and what happened at each.

The appointments are kept in appointments.toml, which the person curates and may edit by
hand, like meetings.toml. Their recurrence is one RFC 5545 RRULE string, the same as a
meeting's, so meetings/schedule.py works out every date and time zone for both. What
happened at each occurrence (done, missed, cancelled) accumulates, so it is kept apart in
appointment_outcomes.jsonl: a note of a kept appointment then never rewrites (and never
drops the comments of) the hand-edited TOML, and the record outlives an appointment that
is removed. An outcome names its appointment by UID (which survives a new title) and
keeps the title it had, for reading and for summaries.

An occurrence's date is its date in the appointment's own time zone, as the person
entered it. :func:`changing` is the locked read-modify-write every command uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from recovery_cli.meetings.meetings import MAX_DURATION_MINUTES, stable_uid, stored_duration
from recovery_cli.meetings.rules import ONE_OFF_RULE, check_rule
from recovery_cli.meetings.schedule import meeting_rule, nth_weekday_code, sittings
from recovery_cli.store import fields
from recovery_cli.store.clock import check_timezone
from recovery_cli.store.dates import WEEKDAYS
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import JsonLinesFile, Store, TomlFile

if TYPE_CHECKING:
    from recovery_cli.meetings.calendar import CalendarEntry

APPOINTMENTS_FILE = TomlFile("appointments.toml", private=True)
OUTCOMES_FILE = JsonLinesFile("appointment_outcomes.jsonl", private=True)
KINDS: tuple[str, ...] = (
    "counselling",
    "group",
    "prescriber",
    "clinic",
    "injection",
    "drug-test",
    "other",
)
EVERY: tuple[str, ...] = ("none", "week", "2weeks", "4weeks", "month")
OUTCOMES: tuple[str, ...] = ("done", "missed", "cancelled")
MAX_TEXT = 200
_WEEKS = {"week": 1, "2weeks": 2, "4weeks": 4}


def _bounded(name: str, value: str) -> str:
    """The text on one line, refused when longer than MAX_TEXT."""
    return fields.bounded(name, " ".join(value.split()), MAX_TEXT)


def rule_for(every: str, first: date) -> str:
    """The RRULE for ``every`` (none | week | 2weeks | 4weeks | month) from ``first``: the
    same weekday every 1, 2 or 4 weeks, or the same n-th weekday each month."""
    if every not in EVERY:
        raise InvalidValue(f"--every must be one of {', '.join(EVERY)}, got {every!r}", "every")
    if every == "none":
        return ONE_OFF_RULE
    if every == "month":
        return f"FREQ=MONTHLY;BYDAY={nth_weekday_code(first)}"
    interval = "" if _WEEKS[every] == 1 else f";INTERVAL={_WEEKS[every]}"
    return f"FREQ=WEEKLY{interval};BYDAY={WEEKDAYS[first.weekday()].code}"


@dataclass(frozen=True)
class Appointment:
    """One appointment, once or recurring: what, with whom, where, when, in which zone."""

    title: str
    kind: str
    rrule: str
    starts: date
    time: time
    timezone: str
    duration: int = 60
    with_whom: str = ""
    where: str = ""
    url: str = ""
    uid: str = field(default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", _bounded("title", self.title))
        if not self.title:
            raise InvalidValue("an appointment needs a title", "title")
        object.__setattr__(self, "kind", fields.choice("kind", self.kind, KINDS, "kind"))
        if not self.kind:
            raise InvalidValue(f"kind must be one of {', '.join(KINDS)}", "kind")
        fields.check_day("the date", self.starts, "starts")
        object.__setattr__(self, "time", self.time.replace(second=0, microsecond=0, tzinfo=None))
        check_timezone(self.timezone)
        rule = check_rule(self.rrule, self.timezone, self.starts, self.time)
        object.__setattr__(self, "rrule", rule)
        fields.in_range("duration", self.duration, 1, MAX_DURATION_MINUTES, "duration")
        object.__setattr__(self, "with_whom", _bounded("with", self.with_whom))
        object.__setattr__(self, "where", _bounded("where", self.where))
        object.__setattr__(self, "url", fields.check_url(self.url))
        if not self.uid:
            object.__setattr__(self, "uid", stable_uid(f"appointment {self.title}"))

    @property
    def is_one_off(self) -> bool:
        """True when the appointment happens only once."""
        return self.rrule == ONE_OFF_RULE

    @property
    def every(self) -> str | None:
        """none, week, 2weeks, 4weeks or month; None for a rule written by hand."""
        return next((e for e in EVERY if rule_for(e, self.starts) == self.rrule), None)

    def to_dict(self) -> dict[str, Any]:
        """A TOML-ready table: native date and time, empty text left out."""
        data: dict[str, Any] = {
            "title": self.title,
            "kind": self.kind,
            "starts": self.starts,
            "time": self.time,
            "timezone": self.timezone,
            "duration": self.duration,
            "rrule": self.rrule,
        }
        for key, value in (("with", self.with_whom), ("where", self.where), ("url", self.url)):
            if value:
                data[key] = value
        data["uid"] = self.uid
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Appointment:
        """Build an appointment from :meth:`to_dict` output (ISO strings are accepted too)."""
        starts = fields.optional_date(data, "starts")
        if starts is None:
            raise InvalidValue("starts (the date) is missing", "starts")
        return cls(
            title=fields.required_text(data, "title"),
            kind=fields.text(data, "kind") or "other",
            rrule=fields.text(data, "rrule") or ONE_OFF_RULE,
            starts=starts,
            time=fields.clock_time(data.get("time")),
            timezone=fields.required_text(data, "timezone"),
            duration=stored_duration(data),
            with_whom=fields.text(data, "with"),
            where=fields.text(data, "where"),
            url=fields.text(data, "url"),
            uid=fields.text(data, "uid"),
        )


@dataclass(frozen=True)
class Outcome:
    """What happened at one occurrence of an appointment: done, missed or cancelled."""

    uid: str
    title: str
    day: date
    outcome: str

    def __post_init__(self) -> None:
        if not self.uid.strip():
            raise InvalidValue("an outcome needs its appointment's uid", "uid")
        fields.check_day("date", self.day, "date")
        if self.outcome not in OUTCOMES:
            raise InvalidValue(f"outcome must be one of {', '.join(OUTCOMES)}", "outcome")

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready object with the date as an ISO string."""
        return {
            "uid": self.uid,
            "appointment": self.title,
            "date": self.day.isoformat(),
            "outcome": self.outcome,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Outcome:
        """Build a record from :meth:`to_dict` output."""
        day = fields.optional_date(data, "date")
        if day is None:
            raise InvalidValue("an outcome needs a date", "date")
        return cls(
            uid=fields.required_text(data, "uid"),
            title=fields.text(data, "appointment"),
            day=day,
            outcome=fields.required_text(data, "outcome"),
        )


@dataclass
class AppointmentBook:
    """The appointments (appointments.toml) and their outcomes (appointment_outcomes.jsonl)."""

    appointments: list[Appointment] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AppointmentBook:
        """Read appointments.toml; a bad value names its table ("appointments[2].time")."""
        appointments = []
        for number, table in enumerate(fields.table_list(data, "appointments")):
            with fields.located(f"appointments[{number}]."):
                appointments.append(Appointment.from_dict(table))
        return cls(appointments)

    def to_dict(self) -> dict[str, Any]:
        """The TOML document (without its schema version, which the store adds)."""
        return {"appointments": [appointment.to_dict() for appointment in self.appointments]}

    def find(self, title: str) -> Appointment | None:
        """The appointment called ``title`` (ignoring case and extra spaces), if any."""
        wanted = " ".join(title.split()).casefold()
        return next((a for a in self.appointments if a.title.casefold() == wanted), None)

    def existing(self, title: str) -> Appointment:
        """The appointment called ``title``; the error names the ones there are."""
        found = self.find(title)
        if found is not None:
            return found
        names = ", ".join(repr(a.title) for a in self.appointments)
        there = f"the ones you have: {names}" if names else "you have none yet"
        raise RecoveryError(f"there is no appointment called {title.strip()!r}; {there}")

    def outcome_of(self, appointment: Appointment, day: date) -> Outcome | None:
        """What was noted for the occurrence of ``appointment`` on ``day``, if anything."""
        return next((o for o in self.outcomes if (o.uid, o.day) == (appointment.uid, day)), None)

    def cancelled(self, appointment: Appointment) -> set[date]:
        """The dates of the occurrences of ``appointment`` that were cancelled."""
        return {
            o.day for o in self.outcomes if o.uid == appointment.uid and o.outcome == "cancelled"
        }

    def record(self, appointment: Appointment, day: date, outcome: str) -> Outcome | None:
        """Note ``outcome`` for the occurrence on ``day`` (replacing an earlier note, which
        is returned). The date must be one of the appointment's occurrences."""
        check_occurrence(appointment, day)
        before = self.outcome_of(appointment, day)
        if before is not None:
            self.outcomes.remove(before)
        self.outcomes.append(Outcome(appointment.uid, appointment.title, day, outcome))
        self.outcomes.sort(key=lambda o: (o.day, o.title.casefold()))
        return before


def load_book(store: Store) -> AppointmentBook:
    """The appointments and their outcomes; empty before any appointment was added."""
    book = store.load(APPOINTMENTS_FILE, AppointmentBook.from_dict) or AppointmentBook()
    book.outcomes = store.load_records(OUTCOMES_FILE, Outcome.from_dict)
    return book


@contextmanager
def changing(store: Store) -> Iterator[AppointmentBook]:
    """The appointments and outcomes to change in place; each file is saved when the block
    ends without an error and only if it changed, so noting an outcome leaves the
    hand-edited TOML as it is. The store's lock is held throughout."""
    with store.transaction():
        book = load_book(store)
        appointments, outcomes = list(book.appointments), list(book.outcomes)
        yield book
        if book.appointments != appointments:
            store.save(APPOINTMENTS_FILE, book.to_dict())
        if book.outcomes != outcomes:
            store.save_records(OUTCOMES_FILE, [outcome.to_dict() for outcome in book.outcomes])


# When they happen


@dataclass(frozen=True)
class Visit:
    """One occurrence of an appointment: its aware start and end."""

    appointment: Appointment
    start: datetime
    end: datetime

    def in_zone(self, zone: str) -> Visit:
        """The same occurrence with start and end in another time zone."""
        tz = ZoneInfo(zone)
        return Visit(self.appointment, self.start.astimezone(tz), self.end.astimezone(tz))

    def to_dict(self) -> dict[str, str]:
        """The `appointments --json` item (and the dashboard's next appointment)."""
        appointment = self.appointment
        return {
            "title": appointment.title,
            "kind": appointment.kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "with": appointment.with_whom,
            "where": appointment.where,
            "url": appointment.url,
        }


def _day_bounds(appointment: Appointment, day: date) -> tuple[datetime, datetime]:
    tz = ZoneInfo(appointment.timezone)
    return datetime.combine(day, time.min, tz), datetime.combine(day, time.max, tz)


def is_occurrence(appointment: Appointment, day: date) -> bool:
    """True when the appointment happens on ``day`` (in its own zone)."""
    first, last = _day_bounds(appointment, day)
    return bool(meeting_rule(appointment).between(first, last, inc=True))


def latest_on_or_before(appointment: Appointment, day: date) -> date | None:
    """The date of the last occurrence on or before ``day``; None if none is that early."""
    found = meeting_rule(appointment).before(_day_bounds(appointment, day)[1], inc=True)
    return None if found is None else found.date()


def nearest(appointment: Appointment, day: date) -> tuple[date | None, date | None]:
    """The occurrence dates just before and just after ``day``."""
    first, last = _day_bounds(appointment, day)
    rule = meeting_rule(appointment)
    before, after = rule.before(first), rule.after(last)
    return (before.date() if before else None, after.date() if after else None)


def check_occurrence(appointment: Appointment, day: date) -> date:
    """``day`` when the appointment happens that day; the error names the nearest dates."""
    fields.check_day("the date", day)
    if is_occurrence(appointment, day):
        return day
    near = [f"{d:%a %d %b %Y}" for d in nearest(appointment, day) if d is not None]
    hint = f"; the nearest: {' and '.join(near)}" if near else ""
    raise InvalidValue(f"{appointment.title} is not on {day:%a %d %b %Y}{hint}")


def visits(
    book: AppointmentBook, appointment: Appointment, after: datetime, before: datetime
) -> list[Visit]:
    """The occurrences under way or starting between ``after`` and ``before`` (aware), in
    the appointment's zone, cancelled ones left out."""
    cancelled = book.cancelled(appointment)
    return [
        Visit(appointment, start, end)
        for start, end in sittings(appointment, after, before)
        if start.date() not in cancelled
    ]


def upcoming_visits(book: AppointmentBook, now: datetime, days: int, zone: str) -> list[Visit]:
    """Occurrences from ``now`` for ``days`` days, cancelled ones left out, sorted, shown in
    the time zone ``zone``."""
    before = now + timedelta(days=days)
    found = [
        visit.in_zone(zone)
        for appointment in book.appointments
        for visit in visits(book, appointment, now, before)
    ]
    return sorted(found, key=lambda visit: (visit.start, visit.appointment.title.casefold()))


def next_visit(book: AppointmentBook, appointment: Appointment, now: datetime) -> Visit | None:
    """The next occurrence of ``appointment`` not over yet and not cancelled, if any. It
    looks a month ahead, then ever further (a one-off may be years away)."""
    length = timedelta(minutes=appointment.duration)
    if meeting_rule(appointment).after(now - length) is None:
        return None
    days = 31
    while now.year + days // 365 <= fields.LAST_DAY.year:
        found = visits(book, appointment, now, now + timedelta(days=days))
        if found:
            return found[0]
        days *= 4
    return None


def next_appointment(book: AppointmentBook, now: datetime, zone: str) -> Visit | None:
    """For the dashboard: the soonest coming occurrence of any appointment, in ``zone``."""
    visits = [v for a in book.appointments if (v := next_visit(book, a, now)) is not None]
    return min(visits, key=lambda v: v.start).in_zone(zone) if visits else None


# What happened


@dataclass(frozen=True)
class OutcomeCounts:
    """Appointments kept, missed and cancelled in a period, oldest first."""

    kept: tuple[Outcome, ...] = ()
    missed: tuple[Outcome, ...] = ()
    cancelled: tuple[Outcome, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready object."""
        return {
            name: [outcome.to_dict() for outcome in getattr(self, name)]
            for name in ("kept", "missed", "cancelled")
        }


def outcomes_between(outcomes: Iterable[Outcome], first: date, last: date) -> OutcomeCounts:
    """The outcomes noted for occurrences from ``first`` to ``last``, both included."""
    inside = sorted((o for o in outcomes if first <= o.day <= last), key=lambda o: o.day)
    return OutcomeCounts(*(tuple(o for o in inside if o.outcome == wanted) for wanted in OUTCOMES))


def missed_since(book: AppointmentBook, first: date, today: date) -> list[Outcome]:
    """Missed appointments from ``first`` to ``today``, for the things to watch."""
    return list(outcomes_between(book.outcomes, first, today).missed)


def calendar_entries(book: AppointmentBook) -> list[CalendarEntry]:
    """Every appointment as a calendar entry; cancelled occurrences are its EXDATEs."""
    from recovery_cli.meetings.calendar import CalendarEntry

    entries = []
    for appointment in book.appointments:
        skipped = tuple(
            start
            for day in sorted(book.cancelled(appointment))
            for start, _ in sittings(appointment, *_day_bounds(appointment, day))
            if start.date() == day
        )
        entries.append(
            CalendarEntry(
                uid=appointment.uid,
                summary=appointment.title,
                when=appointment,
                category=appointment.kind,
                description=describe(appointment),
                where=appointment.where,
                url=appointment.url,
                skipped=skipped,
            )
        )
    return entries


def describe(appointment: Appointment) -> str:
    """ "counselling appointment with Dr Ahmed" and the like."""
    words = f"{appointment.kind} appointment"
    return f"{words} with {appointment.with_whom}" if appointment.with_whom else words
