"""`recovery appointments`: what is coming up, the list, and what happened at each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from recovery_cli.commands.options import Json
from recovery_cli.commands.session import confirm, console, is_interactive, print_json, store_of
from recovery_cli.store import clock
from recovery_cli.store.dates import parse_date
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store
from recovery_cli.store.profile import load_profile

if TYPE_CHECKING:
    from recovery_cli.care.appointments import Appointment, AppointmentBook, Visit

app = typer.Typer(
    help="Your appointments: counselling, groups, prescriber, clinic, injections, tests.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)

Title = Annotated[str, typer.Argument(metavar="TITLE", help="The appointment's title.")]
At = Annotated[
    str | None,
    typer.Option("--at", metavar='"DATE HH:MM"', help='When: "2026-11-24 14:00" (24-hour).'),
]
Kind = Annotated[
    str | None,
    typer.Option(
        metavar="KIND",
        help="counselling, group, prescriber, clinic, injection, drug-test or other.",
    ),
]
With = Annotated[
    str | None, typer.Option("--with", metavar="NAME", help="Who it is with, e.g. Dr Ahmed.")
]
Where = Annotated[str | None, typer.Option(metavar="TEXT", help="The place.")]
Url = Annotated[str | None, typer.Option(metavar="URL", help="A link, for a video call.")]
Duration = Annotated[
    int | None, typer.Option(metavar="MINUTES", help="Length in minutes (default 60).")
]
Every = Annotated[
    str | None,
    typer.Option(
        metavar="none|week|2weeks|4weeks|month",
        help="How often (default none); month is the same n-th weekday, e.g. 3rd Friday.",
    ),
]
Zone = Annotated[
    str | None,
    typer.Option("--timezone", metavar="ZONE", help="IANA time zone (default: your profile's)."),
]
OnDate = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="DATE", help="Which occurrence (default: the latest up to today)."
    ),
]
MAX_DAYS = 3660


class _Here(NamedTuple):
    """The person's time zone and the present moment in it."""

    zone: str
    now: datetime

    @property
    def today(self) -> date:
        return self.now.date()


def _here(store: Store) -> _Here:
    profile = load_profile(store)
    zone = profile.timezone if profile and profile.timezone else clock.system_timezone()
    return _Here(zone, clock.now(zone))


@app.callback()
def upcoming_command(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(metavar="N", help="How many days ahead (1-3660).")] = 14,
    json_output: Json = False,
) -> None:
    """The appointments coming up (14 days by default), in your time zone."""
    if ctx.invoked_subcommand is not None:
        return
    from recovery_cli.care.appointments import load_book, upcoming_visits
    from recovery_cli.store.fields import in_range

    in_range("--days", days, 1, MAX_DAYS)
    store = store_of(ctx)
    here = _here(store)
    visits = upcoming_visits(load_book(store), here.now, days, here.zone)
    if json_output:
        print_json([visit.to_dict() for visit in visits])
        return
    from recovery_cli.views.care.appointments import render_upcoming

    render_upcoming(console(), visits, here.now, days)


def _moment(text: str, zone: str) -> tuple[date, time]:
    """The local date and time of ``--at`` in the appointment's zone ``zone``."""
    from zoneinfo import ZoneInfo

    from recovery_cli.store.dates import parse_datetime

    moment = parse_datetime(text, clock.now(zone)).astimezone(ZoneInfo(zone))
    return moment.date(), moment.time()


def _zone(text: str) -> str:
    from recovery_cli.store.clock import check_timezone

    return check_timezone(text.strip())


@app.command("add")
def add_command(
    ctx: typer.Context,
    title: Title,
    at: At = None,
    kind: Kind = None,
    with_whom: With = None,
    where: Where = None,
    url: Url = None,
    duration: Duration = None,
    every: Every = None,
    timezone: Zone = None,
) -> None:
    """Add an appointment: once, or every week, 2 weeks, 4 weeks or month."""
    from recovery_cli.care.appointments import Appointment, changing, rule_for

    if at is None:
        raise InvalidValue('say when it is, for example --at "2026-11-24 14:00"')
    store = store_of(ctx)
    with changing(store) as book:
        if book.find(title) is not None:
            raise RecoveryError(
                f"there is already an appointment called {title.strip()!r}; choose another "
                "title or change it with `recovery appointments edit`"
            )
        zone = _zone(timezone) if timezone is not None else _here(store).zone
        starts, clock_time = _moment(at, zone)
        appointment = Appointment(
            title=title,
            kind=kind or "other",
            rrule=rule_for((every or "none").strip().lower(), starts),
            starts=starts,
            time=clock_time,
            timezone=zone,
            duration=60 if duration is None else duration,
            with_whom=with_whom or "",
            where=where or "",
            url=url or "",
        )
        book.appointments.append(appointment)
    from recovery_cli.views.care.appointments import render_saved

    render_saved(console(), appointment, "Added")


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    title: Title,
    new_title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help="A new title.")
    ] = None,
    at: At = None,
    kind: Kind = None,
    with_whom: With = None,
    where: Where = None,
    url: Url = None,
    duration: Duration = None,
    every: Every = None,
    timezone: Zone = None,
) -> None:
    """Change an appointment; only what you give changes (an empty --where "" clears it)."""
    from recovery_cli.care.appointments import changing

    store = store_of(ctx)
    with changing(store) as book:
        old = book.existing(title)
        if new_title is not None:
            _check_free(book, new_title, old)
        zone = old.timezone if timezone is None else _zone(timezone)
        starts, clock_time = (old.starts, old.time) if at is None else _moment(at, zone)
        updated = replace(
            old,
            title=old.title if new_title is None else new_title,
            kind=old.kind if kind is None else kind,
            rrule=_rule(old, every, starts),
            starts=starts,
            time=clock_time,
            timezone=zone,
            duration=old.duration if duration is None else duration,
            with_whom=old.with_whom if with_whom is None else with_whom,
            where=old.where if where is None else where,
            url=old.url if url is None else url,
        )
        book.appointments[book.appointments.index(old)] = updated
    from recovery_cli.views.care.appointments import render_saved

    render_saved(console(), updated, "Updated")


def _rule(old: Appointment, every: str | None, starts: date) -> str:
    """The rule after an edit: from --every, or the same "every" from the new date; a rule
    written by hand is kept as it is."""
    from recovery_cli.care.appointments import rule_for

    if every is not None:
        return rule_for(every.strip().lower(), starts)
    return old.rrule if old.every is None else rule_for(old.every, starts)


def _check_free(book: AppointmentBook, title: str, current: Appointment) -> None:
    other = book.find(title)
    if other is not None and other is not current:
        raise RecoveryError(f"there is already an appointment called {title.strip()!r}")


def _note(ctx: typer.Context, title: str, on_date: str | None, outcome: str) -> None:
    """Note done, missed or cancelled for one occurrence, and say which date it was."""
    from recovery_cli.care.appointments import changing, latest_on_or_before
    from recovery_cli.store.fields import check_day

    store = store_of(ctx)
    with changing(store) as book:
        appointment = book.existing(title)
        today = _here(store).today
        day = parse_date(on_date, today) if on_date else latest_on_or_before(appointment, today)
        if day is None:
            raise RecoveryError(
                f"{appointment.title} has not happened yet; give the date with --date"
            )
        check_day("the date", day)
        if outcome != "cancelled" and day > today:
            raise InvalidValue(f"this can be noted once it has happened, got {day}")
        book.record(appointment, day, outcome)
    from recovery_cli.views.care.appointments import render_noted

    render_noted(console(), appointment, day, outcome)


@app.command("done")
def done_command(ctx: typer.Context, title: Title, on_date: OnDate = None) -> None:
    """Note that you went (the latest occurrence up to today, unless --date says)."""
    _note(ctx, title, on_date, "done")


@app.command("missed")
def missed_command(ctx: typer.Context, title: Title, on_date: OnDate = None) -> None:
    """Note that an appointment was missed (the latest up to today, unless --date says)."""
    _note(ctx, title, on_date, "missed")


@app.command("cancel")
def cancel_command(
    ctx: typer.Context,
    title: Title,
    on_date: Annotated[
        str, typer.Option("--date", metavar="DATE", help="The occurrence that is cancelled.")
    ],
) -> None:
    """Cancel one occurrence; the others stay."""
    _note(ctx, title, on_date, "cancelled")


@app.command("list")
def list_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Your appointments, with when the next one is (for an injection: when it is due)."""
    from recovery_cli.care.appointments import load_book, next_visit

    store = store_of(ctx)
    book = load_book(store)
    now = _here(store).now
    rows = [(a, next_visit(book, a, now)) for a in sorted(book.appointments, key=_by_title)]
    if json_output:
        print_json([_appointment_json(appointment, visit) for appointment, visit in rows])
        return
    from recovery_cli.views.care.appointments import render_list

    render_list(console(), rows)


def _by_title(appointment: Appointment) -> str:
    return appointment.title.casefold()


def _appointment_json(appointment: Appointment, visit: Visit | None) -> dict[str, object]:
    from recovery_cli.meetings.schedule import describe_rule

    data = appointment.to_dict()
    data["starts"] = appointment.starts.isoformat()
    data["time"] = appointment.time.strftime("%H:%M")
    data["every"] = appointment.every
    data["recurrence"] = describe_rule(appointment)
    data["next"] = None if visit is None else visit.start.isoformat()
    return data


@app.command("remove")
def remove_command(
    ctx: typer.Context,
    title: Title,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Remove an appointment (what you noted about it is kept)."""
    from recovery_cli.care.appointments import changing, load_book

    store = store_of(ctx)
    shown = load_book(store).existing(title).title
    if not yes:
        if not is_interactive():
            raise RecoveryError("removing asks first; add --yes to remove it without a question")
        if not confirm(f"Remove the appointment {shown!r}?", default=False):
            from recovery_cli.views.care.appointments import render_nothing_removed

            render_nothing_removed(console())
            return
    with changing(store) as book:
        appointment = book.existing(title)
        book.appointments.remove(appointment)
    from recovery_cli.views.care.appointments import render_removed

    render_removed(console(), appointment)
