"""`recovery coping ...`: the coping strategies, and the triggers each answers."""

from __future__ import annotations

from typing import Annotated

import typer

from recovery_cli.commands.options import Json
from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.log.insights import stored_coping_effectiveness
from recovery_cli.plan import plan
from recovery_cli.plan.plan_sheet import rank_strategies
from recovery_cli.views import plan as views

app = typer.Typer(help="What you do when a craving comes.", no_args_is_help=True)

NameArgument = Annotated[str, typer.Argument(help="The strategy's name, e.g. 'call my sponsor'.")]
StepsOption = Annotated[str | None, typer.Option(metavar="TEXT", help="What to do, step by step.")]
ForOption = Annotated[
    list[str] | None,
    typer.Option("--for", metavar="TRIGGER", help="A trigger it answers (repeatable)."),
]


@app.command("add")
def add_command(
    ctx: typer.Context, name: NameArgument, steps: StepsOption = None, for_: ForOption = None
) -> None:
    """Add a coping strategy, or update the one with this name."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        strategy, added = plan.put(the_plan.coping, name, plan.CopingStrategy, {"steps": steps})
        new_triggers = plan.link(the_plan, strategy, for_ or [])
    out = console()
    views.render_added(out, strategy, added=added)
    views.render_linked(out, new_triggers)


@app.command("list")
def list_command(
    ctx: typer.Context,
    json_output: Json = False,
) -> None:
    """Your coping strategies, with how much each has brought your cravings down."""
    store = store_of(ctx)
    the_plan = plan.load_plan(store)
    measured = {
        id(r.strategy): r
        for r in rank_strategies(the_plan.coping, stored_coping_effectiveness(store))
    }
    rows = [measured[id(s)] for s in the_plan.coping]
    if json_output:
        print_json([r.to_dict() for r in rows])
        return
    views.render_coping(console(), rows)


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    name: NameArgument,
    rename: Annotated[str | None, typer.Option(metavar="NEW", help="A new name.")] = None,
    steps: StepsOption = None,
    for_: ForOption = None,
    unlink: Annotated[
        list[str] | None,
        typer.Option(metavar="TRIGGER", help="A trigger it no longer answers (repeatable)."),
    ] = None,
) -> None:
    """Change a coping strategy: its name, its steps, the triggers it answers."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        strategy = plan.edit(the_plan.coping, name, {"name": rename, "steps": steps}, "strategy")
        plan.unlink(strategy, unlink or [])
        new_triggers = plan.link(the_plan, strategy, for_ or [])
    out = console()
    views.render_edited(out, strategy)
    views.render_linked(out, new_triggers)


@app.command("remove")
def remove_command(ctx: typer.Context, name: NameArgument) -> None:
    """Remove a coping strategy (what your craving log says about it is kept)."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        strategy = plan.remove(the_plan.coping, name, "coping strategy")
    views.render_removed(console(), strategy)
