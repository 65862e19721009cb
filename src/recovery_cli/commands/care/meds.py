"""`recovery meds ...`: prescriptions as the prescriber set them, and each day's dose."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any

import typer

from recovery_cli.care import medicine
from recovery_cli.care import prescriptions as rx
from recovery_cli.care.doses import (
    NEITHER,
    OBSERVED,
    TAKE_HOME,
    DoseRecord,
    Missed,
    TakeHomeGiven,
    Taken,
    add_dose,
    load_doses,
)
from recovery_cli.care.meds import (
    already_taken,
    local_today,
    meds_today,
    status_of,
    unmatched_doses,
)
from recovery_cli.commands.options import Json
from recovery_cli.commands.session import confirm, console, is_interactive, print_json, store_of
from recovery_cli.plan import hours as clinic_hours
from recovery_cli.store import fields
from recovery_cli.store.dates import DATE_FORMS, parse_date, parse_time
from recovery_cli.store.errors import RecoveryError
from recovery_cli.store.files import Store
from recovery_cli.views.care import meds as views

app = typer.Typer(
    help=(
        "Your medication: what your prescriber gave you, and each day's dose. "
        + medicine.CLINIC_FIRST
    ),
    invoke_without_command=True,
)

NameArgument = Annotated[str, typer.Argument(help="The medication's name.")]
MaybeName = Annotated[
    str | None,
    typer.Argument(help="The medication's name (not needed when you have just one)."),
]
DoseOption = Annotated[
    str, typer.Option(metavar="TEXT", help="The dose as your prescriber wrote it, with its unit.")
]
DateOption = Annotated[
    str | None, typer.Option("--date", metavar="DATE", help=f"The day ({DATE_FORMS}).")
]
TimeOption = Annotated[str | None, typer.Option("--time", metavar="HH:MM", help="The time.")]


@app.callback()
def today_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Today's medication: due or taken, the last dose, missed days, what is next."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx)
    today = local_today(store)
    statuses = meds_today(store, today)
    if json_output:
        print_json([status.to_dict() for status in statuses])
        return
    views.render_today(console(), statuses, unmatched_doses(store, today))


@app.command("add")
def add_command(
    ctx: typer.Context,
    name: NameArgument,
    dose: DoseOption,
    form: Annotated[str, typer.Option(help=f"One of {', '.join(rx.FORMS)}.")] = "",
    schedule: Annotated[
        str | None,
        typer.Option(help=f"One of {rx.SCHEDULES} (daily when not given)."),
    ] = None,
    when: TimeOption = None,
    prescriber: Annotated[str, typer.Option(metavar="TEXT", help="Who prescribed it.")] = "",
    clinic: Annotated[str, typer.Option(metavar="TEXT", help="Your clinic or pharmacy.")] = "",
    phone: Annotated[str, typer.Option(metavar="NUMBER", help="The clinic's phone.")] = "",
    hours: Annotated[
        str, typer.Option(metavar="HOURS", help=f"When the clinic answers: {clinic_hours.FORMS}.")
    ] = "",
    starts: Annotated[
        str | None, typer.Option(metavar="DATE", help="The first day (default today).")
    ] = None,
    missed_alert: Annotated[
        int | None,
        typer.Option(
            "--missed-alert",
            metavar="DAYS",
            help="Missed days in a row after which to contact the clinic (3 for methadone "
            "and buprenorphine unless your clinic says otherwise).",
        ),
    ] = None,
) -> None:
    """Add a medication as your prescriber gave it."""
    store = store_of(ctx)
    today = local_today(store)
    prescription = rx.Prescription(
        name=name,
        dose=dose,
        starts=parse_date(starts, today) if starts is not None else today,
        form=form,
        schedule=schedule or medicine.default_schedule(medicine.kind_of(name)),
        time=parse_time(when) if when is not None else None,
        prescriber=prescriber.strip(),
        clinic=clinic.strip(),
        phone=phone.strip(),
        hours=hours.strip(),
        missed_alert=missed_alert,
    )
    with rx.changing(store) as medications:
        rx.add(medications, prescription)
    views.render_added(console(), prescription)


@app.command("list")
def list_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Every medication, stopped ones included."""
    prescriptions = rx.load_medications(store_of(ctx)).prescriptions
    if json_output:
        print_json([_jsonable(p.to_dict()) for p in prescriptions])
        return
    views.render_list(console(), prescriptions)


@app.command("change")
def change_command(
    ctx: typer.Context,
    name: NameArgument,
    dose: DoseOption,
    day_text: DateOption = None,
    by: Annotated[str, typer.Option(metavar="TEXT", help="Who changed it.")] = "",
    reason: Annotated[str, typer.Option(metavar="TEXT", help="Why.")] = "",
) -> None:
    """Record a new dose your prescriber set; the earlier ones are kept as history."""
    store = store_of(ctx)
    today = local_today(store)
    day = _day(day_text, today)
    with rx.changing(store) as medications:
        prescription = medications.named(name)
        rx.change_dose(prescription, day, today, dose, by, reason)
    views.render_changed(console(), prescription, day)


@app.command("stop")
def stop_command(
    ctx: typer.Context,
    name: NameArgument,
    day_text: DateOption = None,
    reason: Annotated[str, typer.Option(metavar="TEXT", help="Why.")] = "",
) -> None:
    """Note that a medication stopped; its history is kept."""
    store = store_of(ctx)
    day = _day(day_text, local_today(store))
    with rx.changing(store) as medications:
        prescription = medications.named(name)
        rx.stop(prescription, day, reason)
    views.render_stopped(console(), prescription, day)


@app.command("history")
def history_command(ctx: typer.Context, name: NameArgument, json_output: Json = False) -> None:
    """The doses your prescriber set for a medication, oldest first."""
    prescription = rx.load_medications(store_of(ctx)).named(name)
    history = rx.dose_history(prescription)
    if json_output:
        print_json(_jsonable([change.to_dict() for change in history]))
        return
    views.render_history(console(), prescription, history)


@app.command("take")
def take_command(
    ctx: typer.Context,
    name: MaybeName = None,
    day_text: DateOption = None,
    when: TimeOption = None,
    observed: Annotated[bool, typer.Option("--observed", help="Taken at the clinic.")] = False,
    take_home: Annotated[
        bool, typer.Option("--take-home", help="One of your take-home doses.")
    ] = False,
    note: Annotated[str, typer.Option(metavar="TEXT", help="A note for yourself.")] = "",
    yes: Annotated[
        bool, typer.Option("--yes", help="Record it even if this dose is already ticked.")
    ] = False,
) -> None:
    """Tick a dose you took."""
    if observed and take_home:
        raise RecoveryError("a dose is either --observed or --take-home, not both")
    store = store_of(ctx)
    today = local_today(store)
    day = _dose_day(day_text, today)
    at = parse_time(when) if when is not None else None
    how = OBSERVED if observed else TAKE_HOME if take_home else NEITHER
    if not store.readable(rx.MEDICATIONS_FILE):
        _record_unread(store, Taken(_typed(name), day, time=at, how=how, note=note.strip()), today)
        return
    prescription = rx.load_medications(store).chosen(name, today)
    record = Taken(prescription.name, day, time=at, how=how, note=note.strip())
    _check_day(prescription, day)
    if not yes and already_taken(prescription, load_doses(store), day):
        _confirm_second(prescription, day)
    _record(store, prescription, record, today)


@app.command("missed")
def missed_command(
    ctx: typer.Context,
    name: MaybeName = None,
    day_text: DateOption = None,
    reason: Annotated[str, typer.Option(metavar="TEXT", help="What happened, if you like.")] = "",
) -> None:
    """Note a dose you missed."""
    store = store_of(ctx)
    today = local_today(store)
    day = _dose_day(day_text, today)
    if not store.readable(rx.MEDICATIONS_FILE):
        _record_unread(store, Missed(_typed(name), day, reason=reason.strip()), today)
        return
    prescription = rx.load_medications(store).chosen(name, today)
    record = Missed(prescription.name, day, reason=reason.strip())
    _check_day(prescription, day)
    _record(store, prescription, record, today)


@app.command("takehome")
def takehome_command(
    ctx: typer.Context,
    name: NameArgument,
    doses: Annotated[
        int, typer.Option("--doses", metavar="N", help="How many the clinic gave you (1-60).")
    ],
    day_text: DateOption = None,
) -> None:
    """Note take-home doses the clinic gave you."""
    store = store_of(ctx)
    today = local_today(store)
    day = _dose_day(day_text, today)
    if not store.readable(rx.MEDICATIONS_FILE):
        _record_unread(store, TakeHomeGiven(_typed(name), day, doses=doses), today)
        return
    prescription = rx.load_medications(store).named(name)
    record = TakeHomeGiven(prescription.name, day, doses=doses)
    _check_day(prescription, day)
    _record(store, prescription, record, today)


def _record(store: Store, prescription: rx.Prescription, record: DoseRecord, today: date) -> None:
    """Save the record, then say what was noted and show the medication's status."""
    with store.transaction():
        add_dose(store, record)
    status = status_of(prescription, load_doses(store, until=today), today)
    views.render_noted(console(), record, status, today)


def _record_unread(store: Store, record: DoseRecord, today: date) -> None:
    """In a locked store without the key at hand (a write never asks): save the record
    under the name as typed, sealed on its own, and say it will be matched when read."""
    with store.transaction():
        add_dose(store, record)
    views.render_noted(console(), record, None, today)


def _typed(name: str | None) -> str:
    """The medication's name as the person typed it ("" for none given)."""
    return " ".join((name or "").split())


def _confirm_second(prescription: rx.Prescription, day: date) -> None:
    already = f"{prescription.name} is already ticked for {day.isoformat()}"
    if not is_interactive():
        raise RecoveryError(f"{already}; nothing was recorded (give --yes to record it anyway)")
    if not confirm(f"{already}. Record another one?", default=False):
        views.render_nothing_recorded(console())
        raise typer.Exit(0)


def _day(text: str | None, today: date) -> date:
    if text is None:
        return today
    day = parse_date(text, today)
    fields.check_day("the date", day)
    return day


def _dose_day(text: str | None, today: date) -> date:
    """The day of a dose record: not in the future."""
    day = _day(text, today)
    if day > today:
        raise RecoveryError(f"{day.isoformat()} is still to come; doses are noted once they happen")
    return day


def _check_day(prescription: rx.Prescription, day: date) -> None:
    """A dose record falls while the medication was prescribed."""
    if day < prescription.starts:
        raise RecoveryError(
            f"{prescription.name} started on {prescription.starts.isoformat()}; "
            f"{day.isoformat()} is before that"
        )
    if not prescription.active_on(day):
        stopped = prescription.stopped.isoformat() if prescription.stopped else ""
        raise RecoveryError(f"{prescription.name} stopped on {stopped}")


def _jsonable(value: Any) -> Any:
    """Dates and times as ISO text, for --json."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, date | time):
        return value.isoformat()
    return value
