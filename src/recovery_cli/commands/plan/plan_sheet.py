"""`recovery plan show`: the plan on one screen, read in a craving (the Typer command in
commands/plan/plan.py calls `show_plan`)."""

from __future__ import annotations

from recovery_cli.commands.session import console, print_json
from recovery_cli.log.insights import stored_coping_effectiveness
from recovery_cli.log.logbook import CHECKINS_FILE, CRAVINGS_FILE, load_checkins, load_cravings
from recovery_cli.plan.plan import load_plan
from recovery_cli.plan.plan_sheet import build_sheet
from recovery_cli.store.fields import find
from recovery_cli.store.files import Store
from recovery_cli.store.profile import here, load_profile


def show_plan(
    store: Store, trigger_name: str | None = None, as_json: bool = False, everything: bool = False
) -> None:
    """The sheet as JSON, or on one screen; `everything` shows every line of every part."""
    profile = load_profile(store)
    plan = load_plan(store)
    trigger = find(plan.triggers, trigger_name) if trigger_name else None
    if trigger_name and trigger is None:
        from recovery_cli.views.plan_sheet import render_unknown_trigger

        render_unknown_trigger(console(stderr=True), trigger_name)
    records = store.readable(CHECKINS_FILE) and store.readable(CRAVINGS_FILE)
    sheet = build_sheet(
        plan,
        region=profile.region if profile else "",
        # The log ranks strategies (from the summary kept beside it) and, for a named
        # trigger, counts how often the records met it; a locked log is left out rather
        # than ask for a passphrase in a craving.
        effects=stored_coping_effectiveness(store) if plan.coping and records else [],
        now=here(profile).now,
        trigger=trigger,
        checkins=load_checkins(store) if trigger and records else [],
        cravings=load_cravings(store) if trigger and records else [],
    )
    if as_json:
        print_json(sheet.to_dict())
        return
    from recovery_cli.views.plan_sheet import render_sheet

    render_sheet(console(), sheet, everything=everything)
