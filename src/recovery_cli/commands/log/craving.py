"""`recovery craving`: record a craving as it happens (by flags), or ride it out with a
guided urge-surf on a terminal; `craving list` reads them back."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated

import typer

from recovery_cli.commands import session as common
from recovery_cli.commands.log.lapse import after_use, ready_to_restart, restart
from recovery_cli.commands.log.prompts import offer_new_names, pick_names, score
from recovery_cli.commands.options import Json, Since, Until, number_parser
from recovery_cli.commands.session import ask, console, print_json, store_of
from recovery_cli.log import logbook
from recovery_cli.log.logbook import Craving
from recovery_cli.store.dates import parse_datetime, parse_period
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.files import Store
from recovery_cli.store.profile import here, load_profile

app = typer.Typer(help="Record a craving, or ride one out.", rich_markup_mode=None)

SURF_MINUTES = 15


@app.callback(invoke_without_command=True)
def craving_command(
    ctx: typer.Context,
    intensity: Annotated[
        int | None,
        typer.Option(
            parser=number_parser("intensity", 0, 10),
            help="How strong it is, 0 (none) to 10 (strongest).",
        ),
    ] = None,
    trigger: Annotated[str | None, typer.Option(help="What set it off.")] = None,
    coped: Annotated[
        list[str] | None, typer.Option(help="A coping strategy you tried (repeatable).")
    ] = None,
    after: Annotated[
        int | None,
        typer.Option(
            parser=number_parser("after", 0, 10), help="How strong it was afterwards, 0-10."
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            parser=number_parser("minutes", 0, 24 * 60),
            help="How long it lasted; on a terminal, the length of the urge-surf timer.",
        ),
    ] = None,
    used: Annotated[
        bool, typer.Option("--used/--no-used", help="Whether you used (default: no).")
    ] = False,
    note: Annotated[str | None, typer.Option(help="A note about it.")] = None,
    at: Annotated[
        str | None, typer.Option(help="When (default now): 21:30, yesterday 21:30, ...")
    ] = None,
    reset_clean_date: Annotated[
        bool, typer.Option(help="With --used: count clean time again from that day.")
    ] = False,
) -> None:
    """Record a craving. On a terminal without --intensity, a guided urge-surf."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx)
    now = _now(store)
    when = _when(at, now)
    if reset_clean_date and not used:
        raise RecoveryError("--reset-clean-date goes with --used")
    interactive = common.is_interactive()
    if intensity is None:
        if not interactive:
            raise RecoveryError("--intensity is needed: how strong the craving is, 0-10")
        craving = _urge_surf(store, when, trigger, minutes or SURF_MINUTES)
        if craving is None:
            return
    else:
        craving = Craving(
            at=when,
            intensity=intensity,
            trigger=(trigger or "").strip(),
            coped=logbook.with_names([], coped or []),
            after=after,
            minutes=minutes,
            used=used,
            note=note or "",
        )
    with store.transaction():
        # Run again with --reset-clean-date, as the lapse response suggests: the craving is
        # in the log already, so only the clean date changes.
        earlier = logbook.recorded_already(store, craving) if reset_clean_date else None
        if reset_clean_date:
            ready_to_restart(store, craving.at.date())
        if earlier is None:
            logbook.add_craving(store, craving)
        if reset_clean_date:
            restart(store, craving.at.date())
    from recovery_cli.views.log import render_craving_kept, render_craving_saved

    if earlier is None:
        render_craving_saved(console(), craving)
    else:
        render_craving_kept(console(), earlier)
    if interactive:
        offer_new_names(store, [craving.trigger] if craving.trigger else [], craving.coped)
    if craving.used:
        after_use(store, craving.at.date(), restarted=reset_clean_date, interactive=interactive)


@app.command("list")
def list_command(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    json_output: Json = False,
) -> None:
    """The cravings you recorded."""
    store = store_of(ctx)
    period = parse_period(since, until, _now(store).date())
    cravings = [
        c for c in logbook.load_cravings(store, since=period.since) if c.at.date() in period
    ]
    if json_output:
        print_json([c.to_dict() for c in cravings])
        return
    from recovery_cli.views.log import render_craving_list

    render_craving_list(console(), cravings)


def _now(store: Store) -> datetime:
    profile = load_profile(store)
    return here(profile).now


def _when(text: str | None, now: datetime) -> datetime:
    if text is None:
        return now
    when = parse_datetime(text, now)
    if when > now:
        raise InvalidValue(f"a craving cannot be recorded for a time still to come, got {text!r}")
    return when


def _urge_surf(store: Store, when: datetime, trigger: str | None, minutes: int) -> Craving | None:
    """Guide the person through riding the craving out; the craving to record, or None when
    they stopped before saying how strong it was. Ctrl-C later keeps what was entered."""
    from recovery_cli.log.insights import stored_coping_effectiveness
    from recovery_cli.plan import helplines
    from recovery_cli.plan.plan import load_plan
    from recovery_cli.plan.plan_sheet import reachable_first
    from recovery_cli.views.log import render_numbered, render_stopped
    from recovery_cli.views.urgesurf import countdown, render_surf_intro

    if minutes <= 0:
        raise InvalidValue(f"the urge-surf timer needs at least 1 minute, got {minutes}")
    out = console()
    plan = load_plan(store)
    ranked = [effect.name for effect in stored_coping_effectiveness(store)]
    coping_names = logbook.with_names(ranked, [c.name for c in plan.coping])
    strategies = [s for name in coping_names for s in plan.coping if s.name == name]
    profile = load_profile(store)
    region = profile.region if profile else ""
    render_surf_intro(
        out,
        plan.reasons,
        strategies,
        reachable_first(plan.contacts, here(profile).now),
        helplines.for_person(region, plan.helplines),
    )
    try:
        intensity = ask("How strong is the craving right now? (0-10)", score("craving", 0), "5")
    except typer.Abort:
        render_stopped(out, saving=False)
        return None
    craving = Craving(at=when, intensity=intensity, trigger=(trigger or "").strip())
    try:
        if not craving.trigger:
            trigger_names = [t.name for t in plan.triggers]
            render_numbered(out, "Your triggers:", trigger_names)
            picked = ask(
                "What set it off? (a number or a name; Enter to skip)",
                lambda answer: pick_names(answer, trigger_names),
                "",
            )
            craving.trigger = ", ".join(picked)
        timer = countdown(out, minutes * 60)
        ran = math.ceil(timer.elapsed / 60)
        craving.minutes = minutes if timer.elapsed >= minutes * 60 else ran
        if timer.interrupted:
            raise typer.Abort
        craving.after = ask("How strong is it now? (0-10)", score("craving", 0), str(intensity))
        render_numbered(out, "Your coping strategies:", coping_names)
        craving.coped = ask(
            "What helped? (numbers or names, comma-separated; Enter to skip)",
            lambda answer: pick_names(answer, coping_names),
            "",
        )
    except typer.Abort:
        render_stopped(out, saving=True)
    return craving
