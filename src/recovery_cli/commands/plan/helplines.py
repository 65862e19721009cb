"""`recovery helplines`: the built-in helplines for a region and the person's own numbers."""

from __future__ import annotations

from typing import Annotated

import typer

from recovery_cli.commands.options import Json
from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.plan import helplines, plan
from recovery_cli.store.profile import check_region, load_profile
from recovery_cli.views import plan as views

app = typer.Typer(help="Helplines for your region, and numbers of your own.")


@app.callback(invoke_without_command=True)
def list_command(
    ctx: typer.Context,
    region: Annotated[
        str | None,
        typer.Option(metavar="CODE", help="Country code (default: your profile's): US, GB, ..."),
    ] = None,
    json_output: Json = False,
) -> None:
    """The helplines for your region (or another), after your own numbers."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx)
    profile = load_profile(store)
    code = check_region(region) if region is not None else (profile.region if profile else "")
    lines = helplines.for_person(code, plan.load_plan(store).helplines)
    if json_output:
        print_json({"region": code, "helplines": [line.to_dict() for line in lines]})
        return
    views.render_helplines(console(), lines, code, helplines.regions())


@app.command("add")
def add_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="e.g. 'Riverside clinic' or 'crisis team'.")],
    number: Annotated[str, typer.Argument(help="The number to call.")],
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="e.g. its hours.")] = None,
) -> None:
    """Add a number of your own (your treatment centre, a local crisis team), or update it."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        changes = {"number": number, "note": note}
        line, added = plan.put(the_plan.helplines, name, plan.Helpline, changes)
    views.render_added(console(), line, added=added)


@app.command("remove")
def remove_command(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The name you gave it.")]
) -> None:
    """Remove a number you added (the built-in helplines stay)."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        line = plan.remove(the_plan.helplines, name, "helpline of your own")
    views.render_removed(console(), line)
