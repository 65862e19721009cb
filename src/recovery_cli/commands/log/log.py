"""`recovery log`: record or update a day's check-in (by flags, or by questions on a
terminal), and `log list`, `log show`, `log delete` to read it back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated, Any

import typer

from recovery_cli.commands import session as common
from recovery_cli.commands.log.prompts import offer_new_names, pick_names, score
from recovery_cli.commands.options import Json, Since, Until, number_parser
from recovery_cli.commands.session import ask, confirm, console, print_json, store_of
from recovery_cli.log import logbook
from recovery_cli.log.draft import Draft, drop_draft, keep_draft, load_draft
from recovery_cli.log.logbook import CheckIn
from recovery_cli.store.dates import parse_date, parse_period
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.fields import typed_number
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
    mood: Annotated[
        int | None,
        typer.Option(
            parser=number_parser("mood", 1, 10), help="Mood, 1 (very low) to 10 (very good)."
        ),
    ] = None,
    craving: Annotated[
        int | None,
        typer.Option(
            parser=number_parser("craving", 0, 10), help="Craving, 0 (none) to 10 (strongest)."
        ),
    ] = None,
    sleep: Annotated[
        float | None,
        typer.Option(
            parser=number_parser("sleep", 0, 24, whole=False),
            help="Hours slept, 0-24 (halves allowed).",
        ),
    ] = None,
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
        day, given = _asked_with_draft(store, day, today)
    # Here, not at the top: `log list` and `log show` need not load the lapse plan.
    from recovery_cli.commands.log import lapse

    with store.transaction():
        if asked:
            drop_draft(store)
        if reset_clean_date:
            lapse.ready_to_restart(store, day)
        before, after = logbook.update_checkin(
            store, day, lambda previous: logbook.merged(previous, day, given, add_names=not asked)
        )
        if reset_clean_date:
            lapse.restart(store, day)
    from recovery_cli.views.log import render_checkin_saved

    render_checkin_saved(console(), before, after, logbook.changes(before, after))
    if interactive:
        offer_new_names(store, given.get("triggers", []), given.get("coped", []))
    if reset_clean_date or (after.used and not (before is not None and before.used)):
        lapse.after_use(store, day, restarted=reset_clean_date, interactive=interactive)


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


def _asked_with_draft(store: Store, day: date, today: date) -> tuple[date, dict[str, Any]]:
    """The day and the answers to its questions; a check-in stopped half-way is offered
    back, and one stopped now keeps what was answered as a draft (exit 130)."""
    answers: dict[str, Any] = {}
    draft = load_draft(store)
    if draft is not None:
        if confirm(
            f"You began a check-in for {draft.day:%A %d %B} and stopped. Carry on from there?",
            default=True,
        ):
            day, answers = draft.day, dict(draft.answers)
        else:
            drop_draft(store)
    try:
        return day, _questions(store, day, today, answers)
    except (typer.Abort, KeyboardInterrupt):
        if not answers:
            raise
        keep_draft(store, Draft(day, answers))
        from recovery_cli.views.log import render_draft_kept

        render_draft_kept(console(stderr=True))
        raise typer.Exit(130) from None  # exits.INTERRUPTED, which commands/ may not import


def _questions(store: Store, day: date, today: date, answers: dict[str, Any]) -> dict[str, Any]:
    """Ask for the day's check-in, offering what is there already (or yesterday's values,
    or the draft's `answers`); `answers` fills as each question is answered."""
    from recovery_cli.plan.plan import load_plan
    from recovery_cli.views.log import render_checkin_heading, render_numbered

    out = console()
    existing = logbook.checkin_for(store, day)
    earlier = existing or logbook.checkin_for(store, day - timedelta(days=1))
    suggested = {name: _default(earlier, name) for name in ("mood", "craving", "sleep")}
    suggested |= {name: ", ".join(_list(existing, name)) for name in ("triggers", "coped")}
    suggested["note"] = existing.note if existing else ""
    for name, value in answers.items():
        suggested[name] = ", ".join(value) if isinstance(value, list) else f"{value}"
    used = answers.get("used", bool(existing and existing.used))
    plan = load_plan(store)
    render_checkin_heading(out, day, updating=existing is not None)

    def answer(name: str, question: str, parse: Callable[[str], Any]) -> None:
        answers[name] = ask(question, parse, suggested[name])

    answer("mood", "Mood, 1 (very low) to 10 (very good)", score("mood", 1))
    answer("craving", "Craving, 0 (none) to 10 (strongest)", score("craving", 0))
    answer("sleep", "Hours of sleep", _sleep)
    trigger_names = logbook.with_names([t.name for t in plan.triggers], _list(existing, "triggers"))
    render_numbered(out, "Your triggers:", trigger_names)
    answer(
        "triggers",
        "Triggers you met (numbers or names, comma-separated; Enter for none)",
        lambda text: pick_names(text, trigger_names),
    )
    coping_names = logbook.with_names([c.name for c in plan.coping], _list(existing, "coped"))
    render_numbered(out, "Your coping strategies:", coping_names)
    answer(
        "coped",
        "Coping you used (numbers or names, comma-separated; Enter for none)",
        lambda text: pick_names(text, coping_names),
    )
    when = "today" if day == today else "that day"
    answers["used"] = confirm(f"Did you use {when}?", default=bool(used))
    answer("note", "A note (Enter for none)", str.strip)
    return dict(answers)


def _sleep(answer: str) -> float:
    hours = typed_number("sleep", answer, 0, 24, whole=False)
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
    json_output: Json = False,
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
        if not confirm(f"Delete your check-in for {day:%d %B %Y}?", default=False):
            render_deleted(console(), None)
            return
    with store.transaction():
        logbook.delete_checkin(store, day)
    render_deleted(console(), day)


def _today(store: Store) -> date:
    profile = load_profile(store)
    return here(profile).today
