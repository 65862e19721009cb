"""`recovery naloxone ...`: the naloxone kits you have, where they are, and when they expire."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from recovery_cli.care import naloxone
from recovery_cli.care.meds import local_today
from recovery_cli.commands.options import Json
from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.plan import helplines
from recovery_cli.store.profile import load_profile
from recovery_cli.views.care import meds as views

app = typer.Typer(
    help="Your naloxone kits: where each one is, and when it expires.",
    invoke_without_command=True,
)


@app.callback()
def naloxone_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Your naloxone kits (the same as `naloxone list`)."""
    if ctx.invoked_subcommand is None:
        list_command(ctx, json_output)


@app.command("list")
def list_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Every kit, numbered, used and expired ones included."""
    store = store_of(ctx)
    kits = naloxone.load_kits(store).kits
    today = local_today(store)
    if json_output:
        print_json([_jsonable(number, kit, today) for number, kit in enumerate(kits, start=1)])
        return
    views.render_kits(console(), kits, today)


@app.command("add")
def add_command(
    ctx: typer.Context,
    expires: Annotated[
        str,
        typer.Option(
            metavar="YYYY-MM[-DD]",
            help="The expiry date on the label (a month means its last day).",
        ),
    ],
    where: Annotated[
        str, typer.Option(metavar="TEXT", help="Where you keep it, in your own words.")
    ] = "",
    kind: Annotated[
        str, typer.Option(metavar="|".join(naloxone.KINDS), help="Nasal spray or injection.")
    ] = "nasal",
) -> None:
    """Note a naloxone kit you have."""
    store = store_of(ctx)
    today = local_today(store)
    kit = naloxone.Kit(naloxone.parse_expiry(expires), today, where=where, kind=kind)
    with naloxone.changing(store) as kits:
        kits.kits.append(kit)
        number = len(kits.kits)
    views.render_kit_added(console(), number, kit, today)


@app.command("used")
def used_command(
    ctx: typer.Context,
    number: Annotated[
        int | None,
        typer.Argument(
            help="The kit's number in `naloxone list` (not needed when you have just one)."
        ),
    ] = None,
) -> None:
    """Note that a kit was used; then what to do next."""
    store = store_of(ctx)
    today = local_today(store)
    with naloxone.changing(store) as kits:
        naloxone.mark_used(kits.chosen(number, today), today)
    profile = load_profile(store)
    emergency = helplines.emergency_number(profile.region if profile else "")
    views.render_kit_used(console(), emergency)


def _jsonable(number: int, kit: naloxone.Kit, today: date) -> dict[str, object]:
    return {
        "number": number,
        "expires": kit.expires.isoformat(),
        "where": kit.where,
        "kind": kit.kind,
        "added": kit.added.isoformat(),
        "used": kit.used.isoformat() if kit.used else None,
        "current": kit.current_on(today),
    }
