"""`recovery contacts ...`: the people to call, and when they can be reached."""

from __future__ import annotations

from typing import Annotated

import typer

from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.plan import hours, plan
from recovery_cli.plan.plan_sheet import reachable_first
from recovery_cli.store import clock
from recovery_cli.store.profile import here, load_profile
from recovery_cli.views.text import safe

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
    verb = "Added" if added else "Updated"
    _said(f"{verb} {safe(contact.name)} in your people to call.", contact)


@app.command("list")
def list_command(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The people you can call, those reachable now first."""
    store = store_of(ctx)
    profile = load_profile(store)
    now = here(profile).now
    rows = reachable_first(plan.load_plan(store).contacts, now)
    if json_output:
        print_json([row.to_dict() for row in rows])
        return
    out = console()
    if not rows:
        out.print("No one yet. Add someone with [bold]recovery contacts add NAME --phone N[/bold].")
    for row in rows:
        contact = row.contact
        role = f" ({contact.role})" if contact.role else ""
        now_text = "  [green]available now[/green]" if row.available_now else ""
        out.print(f"[bold]{safe(contact.name)}[/bold]{role}{now_text}")
        for label, value in (
            ("phone", contact.phone),
            ("email", contact.email),
            ("hours", contact.hours),
            ("note", contact.note),
        ):
            if value:
                out.print(f"  {label}: {safe(value)}")


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
    _said(f"Updated {safe(contact.name)}.", contact)


@app.command("remove")
def remove_command(ctx: typer.Context, name: NameArgument) -> None:
    """Remove someone from your people to call."""
    store = store_of(ctx)
    with plan.changing(store) as the_plan:
        contact = plan.remove(the_plan.contacts, name, "contact")
    console().print(f"Removed {safe(contact.name)} from your people to call.")


def _said(message: str, contact: plan.Contact) -> None:
    out = console()
    out.print(message)
    if contact.hours and hours.covers(contact.hours, clock.now()) is None:
        out.print(
            f"I could not read the hours '{safe(contact.hours)}', so they are kept as you "
            f"wrote them and {safe(contact.name)} is listed after the people reachable now. "
            f"Forms I can read: {safe(hours.FORMS)}."
        )
