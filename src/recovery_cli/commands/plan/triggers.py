"""`recovery triggers ...`: what can set off a craving."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from recovery_cli.commands.options import Json
from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.plan import plan
from recovery_cli.views import plan as views

app = typer.Typer(
    help="What can set off a craving.",
    no_args_is_help=True,
)

NameArgument = Annotated[str, typer.Argument(help="The trigger's name, in your own words.")]
CategoryOption = Annotated[
    str | None, typer.Option(metavar="CATEGORY", help=f"One of {', '.join(plan.CATEGORIES)}.")
]
RiskOption = Annotated[str | None, typer.Option(metavar="RISK", help="low, medium or high.")]
NoteOption = Annotated[str | None, typer.Option(metavar="TEXT", help="A note for yourself.")]


@app.command("add")
def add_command(
    ctx: typer.Context,
    name: NameArgument,
    category: CategoryOption = None,
    risk: RiskOption = None,
    note: NoteOption = None,
) -> None:
    """Add a trigger, or update the one with this name."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        changes = {"category": category, "risk": risk, "note": note}
        trigger, added = plan.put(the_plan.triggers, name, plan.Trigger, changes)
    views.render_added(console(), trigger, added=added)


@app.command("list")
def list_command(
    ctx: typer.Context,
    json_output: Json = False,
) -> None:
    """Your triggers, and the coping strategies that answer each."""
    the_plan = plan.load_plan(store_of(ctx))
    rows = [(t, plan.answered_by(the_plan, t.name)) for t in the_plan.triggers]
    if json_output:
        print_json([{**asdict(t), "answered_by": names} for t, names in rows])
        return
    views.render_triggers(console(), rows)


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    name: NameArgument,
    rename: Annotated[str | None, typer.Option(metavar="NEW", help="A new name.")] = None,
    category: CategoryOption = None,
    risk: RiskOption = None,
    note: NoteOption = None,
) -> None:
    """Change a trigger; a new name is followed by the strategies that answer it."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        changes = {"name": rename, "category": category, "risk": risk, "note": note}
        trigger = plan.edit(the_plan.triggers, name, changes, "trigger")
        if rename is not None:
            plan.rename_trigger(the_plan, name, trigger.name)
    views.render_edited(console(), trigger)


@app.command("remove")
def remove_command(ctx: typer.Context, name: NameArgument) -> None:
    """Remove a trigger; the coping strategies that answered it are kept."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        trigger, unlinked = plan.remove_trigger(the_plan, name)
    out = console()
    views.render_removed(out, trigger)
    views.render_unlinked(out, unlinked)
