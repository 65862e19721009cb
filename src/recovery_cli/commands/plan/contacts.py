"""`recovery contacts ...`: the people to call, and when they can be reached."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from recovery_cli.commands.options import Json
from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.plan import hours, plan
from recovery_cli.plan.plan_sheet import reachable_first
from recovery_cli.store import clock
from recovery_cli.store.profile import here, load_profile
from recovery_cli.views import plan as views

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(help="The people you can call.", no_args_is_help=True)

NameArgument = Annotated[str, typer.Argument(help="Their name.")]
PhoneOption = Annotated[str | None, typer.Option(metavar="NUMBER", help="Phone number.")]
EmailOption = Annotated[str | None, typer.Option(metavar="ADDRESS", help="Email address.")]
RoleOption = Annotated[
    str | None, typer.Option(metavar="ROLE", help=f"One of {', '.join(plan.ROLES)}.")
]
HoursOption = Annotated[
    str | None,
    typer.Option("--hours", metavar="HOURS", help=f"When to reach them: {hours.FORMS}."),
]
NoteOption = Annotated[str | None, typer.Option(metavar="TEXT", help="A note for yourself.")]


@app.command("add")
def add_command(
    ctx: typer.Context,
    name: NameArgument,
    phone: PhoneOption = None,
    email: EmailOption = None,
    role: RoleOption = None,
    when: HoursOption = None,
    note: NoteOption = None,
) -> None:
    """Add someone to call, or update the person with this name."""
    store = store_of(ctx)
    changes = {"phone": phone, "email": email, "role": role, "hours": when, "note": note}
    with plan.changing(store) as the_plan:
        contact, added = plan.put(the_plan.contacts, name, plan.Contact, changes)
    out = console()
    views.render_added(out, contact, added=added)
    _note_unread_hours(out, contact)


@app.command("list")
def list_command(
    ctx: typer.Context,
    json_output: Json = False,
) -> None:
    """The people you can call, those reachable now first."""
    store = store_of(ctx)
    profile = load_profile(store)
    now = here(profile).now
    rows = reachable_first(plan.load_plan(store).contacts, now)
    if json_output:
        print_json([row.to_dict() for row in rows])
        return
    views.render_contacts(console(), rows)


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    name: NameArgument,
    rename: Annotated[str | None, typer.Option(metavar="NEW", help="A new name.")] = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    role: RoleOption = None,
    when: HoursOption = None,
    note: NoteOption = None,
) -> None:
    """Change someone's details (give "" to clear one)."""
    store = store_of(ctx)
    changes = {
        "name": rename,
        "phone": phone,
        "email": email,
        "role": role,
        "hours": when,
        "note": note,
    }
    with plan.changing(store) as the_plan:
        contact = plan.edit(the_plan.contacts, name, changes, "contact")
    out = console()
    views.render_edited(out, contact)
    _note_unread_hours(out, contact)


@app.command("remove")
def remove_command(ctx: typer.Context, name: NameArgument) -> None:
    """Remove someone from your people to call."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        contact = plan.remove(the_plan.contacts, name, "contact")
    views.render_removed(console(), contact)


def _note_unread_hours(out: Console, contact: plan.Contact) -> None:
    if contact.hours and hours.covers(contact.hours, clock.now()) is None:
        views.render_unread_hours(out, contact)
