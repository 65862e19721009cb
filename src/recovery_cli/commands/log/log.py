"""`recovery log`: record or update a day's check-in (by flags, or by questions on a
terminal), and `log list`, `log show`, `log delete` to read it back."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import typer

from recovery_cli.commands import session as common
from recovery_cli.commands.log.lapse import after_use, ready_to_restart, restart
from recovery_cli.commands.log.prompts import offer_new_names, pick_names, score
from recovery_cli.commands.options import Since, Until
from recovery_cli.commands.session import ask, console, print_json, store_of
from recovery_cli.log import logbook
from recovery_cli.log.logbook import CheckIn
from recovery_cli.store.dates import parse_date, parse_period
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store
from recovery_cli.store.profile import here, load_profile

app = typer.Typer(help="Your daily check-in.", rich_markup_mode=None)

DEFAULT_MOOD = 5
DEFAULT_CRAVING = 5
DEFAULT_SLEEP = 7.0


@app.callback(invoke_without_command=True)
def log_command(
    ctx: typer.Context,
    day_text: Annotated[
        str | None, typer.Option("--date", help="The day (default today): 2026-11-20, yesterday.")
    ] = None,
    mood: Annotated[int | None, typer.Option(help="Mood, 1 (very low) to 10 (very good).")] = None,
    craving: Annotated[
        int | None, typer.Option(help="Craving, 0 (none) to 10 (strongest).")
    ] = None,
    sleep: Annotated[float | None, typer.Option(help="Hours slept, 0-24 (halves allowed).")] = None,
    trigger: Annotated[
        list[str] | None, typer.Option(help="A trigger you met (repeatable).")
    ] = None,
    coped: Annotated[
        list[str] | None, typer.Option(help="A coping strategy you used (repeatable).")
    ] = None,
    used: Annotated[
        bool | None, typer.Option("--used/--no-used", help="Whether you used (default: no).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="A note about the day.")] = None,
    share_note: Annotated[
        bool,
        typer.Option("--share-note", help="Let the day's note go on your supporter page."),
    ] = False,
    reset_clean_date: Annotated[
        bool,
        typer.Option(help="With --used: count clean time again from this day."),
    ] = False,
) -> None:
    """Record today's check-in, or update a day's. On a terminal with no values, it asks."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx)
    today = _today(store)
    day = _day(day_text, today)
    given = _given(mood, craving, sleep, trigger, coped, used, note)
    if share_note:
        given["share_note"] = True
    if reset_clean_date and not given.get("used"):
        raise RecoveryError("--reset-clean-date goes with --used")
    interactive = common.is_interactive()
    asked = not given
    if asked:
        if not interactive:
            raise RecoveryError(
                "nothing to record; give --mood, --craving, --sleep, --trigger, --coped, "
                "--used or --note (or run recovery log on a terminal to be asked)"
            )
        given = _questions(store, day, today)
    with store.transaction():
        if reset_clean_date:
            ready_to_restart(store, day)
        before, after = logbook.update_checkin(
            store, day, lambda previous: logbook.merged(previous, day, given, add_names=not asked)
        )
        if reset_clean_date:
            restart(store, day)
    from recovery_cli.views.log import render_checkin_saved

    render_checkin_saved(console(), before, after, logbook.changes(before, after))
    if interactive:
        offer_new_names(store, given.get("triggers", []), given.get("coped", []))
    if reset_clean_date or (after.used and not (before is not None and before.used)):
        after_use(store, day, restarted=reset_clean_date, interactive=interactive)


def _day(text: str | None, today: date) -> date:
    if text is None:
        return today
    day = parse_date(text, today)
    if day > today:
        raise InvalidValue(f"a check-in cannot be for a day still to come, got {day.isoformat()}")
    return day


def _given(
    mood: int | None,
    craving: int | None,
    sleep: float | None,
    trigger: list[str] | None,
    coped: list[str] | None,
    used: bool | None,
    note: str | None,
) -> dict[str, Any]:
    """The values given as flags, checked now so that a mistake writes nothing."""
    values: dict[str, Any] = {
        "mood": mood,
        "craving": craving,
        "sleep": sleep,
        "triggers": trigger,
        "coped": coped,
        "used": used,
        "note": note,
    }
    given = {name: value for name, value in values.items() if value is not None}
    CheckIn(day=date.min, **{k: v for k, v in given.items() if k in ("mood", "craving", "sleep")})
    return given


def _questions(store: Store, day: date, today: date) -> dict[str, Any]:
    """Ask for the day's check-in, offering what is there already (or yesterday's values)."""
    from recovery_cli.plan.plan import load_plan
    from recovery_cli.views.log import render_checkin_heading, render_numbered

    out = console()
    existing = logbook.checkin_for(store, day)
    earlier = existing or logbook.checkin_for(store, day - timedelta(days=1))
    plan = load_plan(store)
    render_checkin_heading(out, day, updating=existing is not None)
    mood = ask("Mood, 1 (very low) to 10 (very good)", score("mood", 1), _default(earlier, "mood"))
    craving = ask(
        "Craving, 0 (none) to 10 (strongest)", score("craving", 0), _default(earlier, "craving")
    )
    sleep = ask("Hours of sleep", _sleep, _default(earlier, "sleep"))
    trigger_names = logbook.with_names([t.name for t in plan.triggers], _list(existing, "triggers"))
    render_numbered(out, "Your triggers:", trigger_names)
    triggers = ask(
        "Triggers you met (numbers or names, comma-separated; Enter for none)",
        lambda answer: pick_names(answer, trigger_names),
        ", ".join(_list(existing, "triggers")),
    )
    coping_names = logbook.with_names([c.name for c in plan.coping], _list(existing, "coped"))
    render_numbered(out, "Your coping strategies:", coping_names)
    coped = ask(
        "Coping you used (numbers or names, comma-separated; Enter for none)",
        lambda answer: pick_names(answer, coping_names),
        ", ".join(_list(existing, "coped")),
    )
    when = "today" if day == today else "that day"
    used = typer.confirm(f"Did you use {when}?", default=bool(existing and existing.used))
    note = ask("A note (Enter for none)", str.strip, existing.note if existing else "")
    return {
        "mood": mood,
        "craving": craving,
        "sleep": sleep,
        "triggers": triggers,
        "coped": coped,
        "used": used,
        "note": note,
    }


def _sleep(answer: str) -> float:
    try:
        hours = float(answer.strip())
    except ValueError:
        raise InvalidValue(f"sleep must be hours such as 7 or 6.5, got {answer!r}") from None
    return CheckIn(day=date.min, sleep=hours).sleep or 0.0


def _default(earlier: CheckIn | None, name: str) -> str:
    """The suggested answer: the day's or yesterday's value, else the middle of the scale."""
    value = getattr(earlier, name) if earlier is not None else None
    if value is None:
        value = {"mood": DEFAULT_MOOD, "craving": DEFAULT_CRAVING, "sleep": DEFAULT_SLEEP}[name]
    return f"{value:g}"


def _list(checkin: CheckIn | None, name: str) -> list[str]:
    return list(getattr(checkin, name)) if checkin is not None else []


@app.command("list")
def list_command(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Your check-ins, with a mood and craving trend line."""
    from recovery_cli.log.insights import daily_series

    store = store_of(ctx)
    period = parse_period(since, until, _today(store))
    shown = [c for c in logbook.load_checkins(store, since=period.since) if c.day in period]
    if json_output:
        print_json([c.to_dict() for c in shown])
        return
    from recovery_cli.views.log import render_checkin_list

    render_checkin_list(
        console(),
        shown,
        daily_series(shown, period.until, period.days, "mood"),
        daily_series(shown, period.until, period.days, "craving"),
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    day_text: Annotated[str, typer.Argument(metavar="DATE", help="The day: 2026-11-20, ...")],
) -> None:
    """One day's check-in in full."""
    from recovery_cli.views.log import render_checkin

    store = store_of(ctx)
    day = parse_date(day_text, _today(store))
    checkin = logbook.checkin_for(store, day)
    if checkin is None:
        raise RecoveryError(f"there is no check-in for {day.isoformat()}")
    render_checkin(console(), checkin)


@app.command("delete")
def delete_command(
    ctx: typer.Context,
    day_text: Annotated[str, typer.Argument(metavar="DATE", help="The day: 2026-11-20, ...")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete one day's check-in (it asks first)."""
    from recovery_cli.views.log import render_deleted

    store = store_of(ctx)
    day = parse_date(day_text, _today(store))
    if logbook.checkin_for(store, day) is None:
        raise RecoveryError(f"there is no check-in for {day.isoformat()}")
    if not yes:
        if not common.is_interactive():
            raise RecoveryError("deleting asks first; add --yes to delete without a question")
        if not typer.confirm(f"Delete your check-in for {day:%d %B %Y}?", default=False):
            render_deleted(console(), None)
            return
    with store.transaction():
        logbook.delete_checkin(store, day)
    render_deleted(console(), day)


def _today(store: Store) -> date:
    profile = load_profile(store)
    return here(profile).today
