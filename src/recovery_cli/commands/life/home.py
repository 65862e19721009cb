"""`recovery home` and `recovery home set`: where you live, who to call there, the curfew,
the house rules and a planned move."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from recovery_cli.commands.options import Json
from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.life.home import KINDS, Home, days_until_move, load_home, next_curfew, save_home
from recovery_cli.store.dates import parse_date, parse_time
from recovery_cli.store.profile import here, load_profile

app = typer.Typer(
    help="Where you live: the house, who to call there, the curfew and the house rules.",
    invoke_without_command=True,
)


@app.callback()
def home_command(
    ctx: typer.Context,
    json_output: Json = False,
) -> None:
    """Your home: the house, who to call there, the curfew, the rules, a planned move."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx)
    home, now = load_home(store), here(load_profile(store)).now
    if json_output:
        print_json(_jsonable(home, now) if home else None)
        return
    from recovery_cli.views.life.home import render_home

    render_home(console(), home, now)


@app.command("set")
def set_command(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(metavar="TEXT", help="The house's name.")] = None,
    kind: Annotated[
        str | None, typer.Option(metavar="|".join(KINDS), help="What kind of home.")
    ] = None,
    contact: Annotated[
        str | None, typer.Option(metavar="NAME", help="Who to call there (house manager, ...).")
    ] = None,
    phone: Annotated[str | None, typer.Option(metavar="TEXT", help="Their phone.")] = None,
    curfew: Annotated[
        str | None, typer.Option(metavar="HH:MM", help="When to be home by ('' for none).")
    ] = None,
    rules: Annotated[str | None, typer.Option(metavar="TEXT", help="The house rules.")] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="The day of a planned move ('' for none).")
    ] = None,
) -> None:
    """Set or change your home's details; what you leave out stays as it was."""
    store = store_of(ctx)
    today = here(load_profile(store)).today
    new_curfew = None if not curfew else parse_time(curfew)
    new_until = None if not until else parse_date(until, today)
    with store.transaction():
        home = load_home(store) or Home()
        home = Home(
            name=_kept(home.name, name),
            kind=_kept(home.kind, kind),
            contact=_kept(home.contact, contact),
            phone=_kept(home.phone, phone),
            rules=_kept(home.rules, rules),
            curfew=home.curfew if curfew is None else new_curfew,
            until=home.until if until is None else new_until,
        )
        save_home(store, home)
    from recovery_cli.views.life.home import render_home_saved

    render_home_saved(console())


def _kept(old: str, new: str | None) -> str:
    return old if new is None else new.strip()


def _jsonable(home: Home, now: Any) -> dict[str, Any]:
    curfew = next_curfew(home.curfew, now) if home.curfew else None
    return {
        "name": home.name,
        "kind": home.kind,
        "contact": home.contact,
        "phone": home.phone,
        "curfew": home.curfew.strftime("%H:%M") if home.curfew else None,
        "minutes_to_curfew": int(curfew.left.total_seconds() // 60) if curfew else None,
        "rules": home.rules,
        "until": home.until.isoformat() if home.until else None,
        "days_until_move": days_until_move(home, now.date()),
    }
