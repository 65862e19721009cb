"""`recovery reflect`: a few quiet minutes at the end of the day, and `reflect list`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from recovery_cli.care.meds import local_today
from recovery_cli.commands.options import Json, Since
from recovery_cli.commands.session import ask, console, is_interactive, print_json, store_of
from recovery_cli.life import reflection as core
from recovery_cli.store.dates import parse_date
from recovery_cli.store.errors import RecoveryError
from recovery_cli.views.life import reflection as views

app = typer.Typer(
    help="An evening reflection: what went well, anything to put right, what you are grateful for.",
    invoke_without_command=True,
)


@app.callback()
def reflect_command(
    ctx: typer.Context,
    went_well: Annotated[
        str, typer.Option("--went-well", metavar="TEXT", help="What went well today.")
    ] = "",
    put_right: Annotated[
        str,
        typer.Option("--put-right", metavar="TEXT", help="Anything to put right, and with whom."),
    ] = "",
    grateful: Annotated[
        list[str] | None,
        typer.Option("--grateful", metavar="TEXT", help="Something you are grateful for (repeat)."),
    ] = None,
    day: Annotated[
        str, typer.Option("--date", metavar="DATE", help="The day (default: today).")
    ] = "",
) -> None:
    """Reflect on the day. On a terminal it asks; every question may be left blank. Private:
    kept out of summaries and exports unless you include them."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx)
    today = local_today(store)
    when = parse_date(day, today) if day else today
    given = bool(went_well or put_right or grateful)
    if not given and not is_interactive():
        raise RecoveryError("nothing to keep; give --went-well, --put-right or --grateful")
    if given:
        reflection = core.new_reflection(when, today, went_well, put_right, tuple(grateful or ()))
    else:
        reflection = _asked(when, today)
    if reflection.empty:
        views.render_nothing_kept(console())
        return
    views.render_kept(console(), core.keep_reflection(store, reflection))


@app.command("list")
def list_command(
    ctx: typer.Context,
    since: Since = None,
    json_output: Json = False,
) -> None:
    """Your reflections, the oldest first."""
    store = store_of(ctx)
    first = parse_date(since, local_today(store)) if since else None
    found = core.load_reflections(store, since=first)
    if json_output:
        print_json([r.to_dict() for r in found])
        return
    views.render_reflections(console(), found)


def _asked(day: date, today: date) -> core.Reflection:
    views.render_opening(console())
    went_well = ask(views.WENT_WELL, _answer)
    put_right = ask(views.PUT_RIGHT, _answer)
    grateful: list[str] = []
    for number in range(1, core.GRATEFUL_THINGS + 1):
        thing = ask(views.grateful_question(number), _answer)
        if not thing:
            break
        grateful.append(thing)
    return core.new_reflection(day, today, went_well, put_right, tuple(grateful))


def _answer(text: str) -> str:
    return core.tidy_answer("answer", text)
