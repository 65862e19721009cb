"""The parts of the plan as their own commands show them: the numbered lines (reasons,
warning signs, lapse steps), triggers, coping strategies, people to call and helplines;
what was added, changed or removed; and what `plan check` and `plan edit` say.

The whole plan on one screen (`recovery plan show`) is views/plan_sheet.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console

from recovery_cli.plan import hours
from recovery_cli.plan.helplines import Line
from recovery_cli.plan.plan import (
    LINE_PARTS,
    Contact,
    CopingStrategy,
    Helpline,
    Plan,
    Trigger,
    lines_of,
)
from recovery_cli.plan.plan_sheet import RankedStrategy, ReachableContact
from recovery_cli.views.plan_sheet import describe_effect
from recovery_cli.views.text import numbered, print_as_is, safe

if TYPE_CHECKING:  # only `plan edit` reads the plan file by hand
    from recovery_cli.plan.edit import Problem

Item = Trigger | CopingStrategy | Contact | Helpline

TITLES = {"reason": "Your reasons", "warning-sign": "Warning signs", "lapse-step": "Lapse plan"}

# How to fill in each part that `plan check` finds empty.
HOW_TO_FILL = {
    "reasons": "recovery plan add reason TEXT",
    "triggers": "recovery triggers add NAME",
    "warning signs": "recovery plan add warning-sign TEXT",
    "coping strategies": "recovery coping add NAME --steps TEXT",
    "people to call": "recovery contacts add NAME --phone NUMBER",
    "lapse plan": "recovery plan add lapse-step TEXT",
}


def render_added(out: Console, item: Item, *, added: bool) -> None:
    """After an `add`: the item was added, or the one already called so was updated."""
    verb = "Added" if added else "Updated"
    if isinstance(item, Contact):
        out.print(f"{verb} {_named(item)} in your people to call.")
    elif isinstance(item, Helpline):
        out.print(f"{verb} {_named(item)}: {safe(item.number)}.")
    else:
        out.print(f"{verb} {_named(item)}.")


def render_edited(out: Console, item: Item) -> None:
    out.print(f"Updated {_named(item)}.")


def render_removed(out: Console, item: Item) -> None:
    where = " from your people to call" if isinstance(item, Contact) else ""
    out.print(f"Removed {_named(item)}{where}.")


def render_linked(out: Console, new_triggers: Sequence[str]) -> None:
    """The triggers that naming them for a coping strategy added to the plan."""
    if new_triggers:
        out.print(f"Added to your triggers too: {_names(new_triggers)}.")


def render_unlinked(out: Console, strategies: Sequence[str]) -> None:
    """The coping strategies that no longer answer a removed trigger."""
    if strategies:
        out.print(f"It is no longer linked to {_names(strategies)} (those strategies are kept).")


def render_unread_hours(out: Console, contact: Contact) -> None:
    """Hours that could not be read are kept as written; say so gently, with the forms."""
    out.print(
        f"I could not read the hours '{safe(contact.hours)}', so they are kept as you "
        f"wrote them and {safe(contact.name)} is listed after the people reachable now. "
        f"Forms I can read: {safe(hours.FORMS)}."
    )


def render_triggers(out: Console, rows: Sequence[tuple[Trigger, Sequence[str]]]) -> None:
    """Each trigger with the names of the coping strategies that answer it."""
    if not rows:
        out.print("No triggers yet. Add one with [bold]recovery triggers add NAME[/bold].")
    for trigger, answered_by in rows:
        about = [safe(trigger.category)] if trigger.category else []
        if trigger.risk:
            about.append(f"{safe(trigger.risk)} risk")
        details = [safe(trigger.note)] if trigger.note else []
        details.append(f"answered by: {_names(answered_by) or 'no coping strategy yet'}")
        _entry(out, trigger.name, f" ({', '.join(about)})" if about else "", details)


def render_coping(out: Console, rows: Sequence[RankedStrategy]) -> None:
    """Each strategy with how much it has brought cravings down, its steps and triggers."""
    if not rows:
        out.print("No coping strategies yet. Add one with [bold]recovery coping add NAME[/bold].")
    for row in rows:
        strategy = row.strategy
        details = [safe(strategy.steps)] if strategy.steps else []
        if strategy.triggers:
            details.append(f"for: {_names(strategy.triggers)}")
        _entry(out, strategy.name, f" [dim]({describe_effect(row)})[/dim]", details)


def render_contacts(out: Console, rows: Sequence[ReachableContact]) -> None:
    """The people to call in the order given (those reachable now first), with their details."""
    if not rows:
        out.print("No one yet. Add someone with [bold]recovery contacts add NAME --phone N[/bold].")
    for row in rows:
        contact = row.contact
        role = f" ({safe(contact.role)})" if contact.role else ""
        now = "  [green]available now[/green]" if row.available_now else ""
        ways = (
            ("phone", contact.phone),
            ("email", contact.email),
            ("hours", contact.hours),
            ("note", contact.note),
        )
        details = [f"{label}: {safe(value)}" for label, value in ways if value]
        _entry(out, contact.name, role + now, details)


def render_helplines(
    out: Console, lines: Sequence[Line], region: str, regions: Sequence[str]
) -> None:
    """The lines for `region`, after a word when it is not set or has no built-in list
    (`regions` are those that have one)."""
    if region and region not in regions:
        out.print(
            f"There is no built-in list for {safe(region)} yet ({', '.join(regions)} have "
            "one). In an emergency, call your local emergency number. You can add numbers "
            "with [bold]recovery helplines add NAME NUMBER[/bold]."
        )
    elif not region:
        out.print("Set your country with [bold]recovery init --region CODE[/bold] to see yours.")
    for line in lines:
        _entry(out, line.name, f"  {safe(line.number)}", [safe(line.note)] if line.note else [])


def render_lines(out: Console, plan: Plan, parts: Sequence[str]) -> None:
    """The numbered parts asked for ("reason", "warning-sign", "lapse-step"), each titled."""
    for part in parts:
        lines = lines_of(plan, part)
        out.print(f"[bold]{TITLES[part]}[/bold]")
        if not lines:
            out.print(f"  none yet; add one with recovery plan add {part} TEXT")
        numbered(out, lines)


def render_line_added(out: Console, part: str, number: int, line: str) -> None:
    out.print(f"Added {LINE_PARTS[part][1]} {number}: {safe(line)}")


def render_line_removed(out: Console, part: str, number: int, line: str, *, moved_up: bool) -> None:
    """The line removed; `moved_up` when lines came after it (their numbers changed)."""
    out.print(f"Removed {LINE_PARTS[part][1]} {number}: {safe(line)}")
    if moved_up:
        out.print("The ones after it have moved up a number.")


def render_check(out: Console, missing: Sequence[str]) -> None:
    """The parts still empty (as `missing_parts` names them), each with how to fill it in."""
    if not missing:
        out.print("Every part of your plan has something in it. Well done.")
        return
    out.print("These parts of your plan are still empty; you could fill them in together:")
    for part in missing:
        out.print(f"  {part}: [bold]{HOW_TO_FILL[part]}[/bold]")


def render_plan_edited(out: Console, *, changed: bool) -> None:
    out.print("Your plan is saved." if changed else "No changes; your plan is as it was.")


def render_not_a_plan(err: Console, problem: Problem) -> None:
    """Why the edited file was not saved (before offering to open it again)."""
    print_as_is(err, f"That is not quite a plan yet: {problem}")


def _named(item: Item) -> str:
    """The item as the messages name it: "trigger payday", "coping strategy walk", "Dana"."""
    kind = {Trigger: "trigger ", CopingStrategy: "coping strategy "}.get(type(item), "")
    return f"{kind}{safe(item.name)}"


def _names(names: Sequence[str]) -> str:
    return ", ".join(safe(name) for name in names)


def _entry(out: Console, name: str, after: str, details: Sequence[str]) -> None:
    """One entry of a list: the name in bold followed by `after`, then each detail indented
    under it (`after` and `details` are markup, the person's text in them already safe)."""
    out.print(f"[bold]{safe(name)}[/bold]{after}")
    for detail in details:
        out.print(f"  {detail}")
