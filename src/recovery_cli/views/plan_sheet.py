"""`recovery plan show`: the plan on one screen, to read in a craving.

Short lines, one heading a part, no tables or panels (they cost start-up time and lines).
"""

from __future__ import annotations

from rich.console import Console

from recovery_cli.log.insights import TriggerStat
from recovery_cli.plan.helplines import Line
from recovery_cli.plan.plan import Trigger
from recovery_cli.plan.plan_sheet import RankedStrategy, ReachableContact, Sheet
from recovery_cli.store import words
from recovery_cli.store.words import moved_by, times, tried
from recovery_cli.views.text import numbered, print_as_is, safe


def render_sheet(out: Console, sheet: Sheet) -> None:
    out.print(f"[bold]{sheet.calm}[/bold]")
    if sheet.trigger is not None:
        _trigger(out, sheet.trigger, sheet.warning_signs, sheet.trigger_met)
    if sheet.reasons:
        out.print("[bold]Your reasons[/bold]")
        numbered(out, sheet.reasons)
    if sheet.strategies:
        first = f" (for {safe(sheet.trigger.name)} first)" if sheet.trigger is not None else ""
        out.print(f"[bold]What helps you[/bold]{first}")
        for number, item in enumerate(sheet.strategies, start=1):
            out.print(f"  {number}. {_strategy(item)}")
    if sheet.contacts:
        out.print("[bold]People to call[/bold]")
        for contact in sheet.contacts:
            out.print(f"  {contact_line(contact)}")
    _helplines(out, sheet)
    if sheet.lapse_steps:
        out.print("[bold]If you slip[/bold] (a lapse is something to learn from)")
        numbered(out, sheet.lapse_steps)
    if sheet.missing:
        out.print(
            f"[dim]Still empty: {', '.join(sheet.missing)}. "
            "See [bold]recovery plan check[/bold].[/dim]"
        )


def render_unknown_trigger(err: Console, name: str) -> None:
    """Said gently, and the whole plan still shown: this is read in a hard moment."""
    print_as_is(err, f"There is no trigger called {name!r} in your plan, so here is all of it.")


def describe_effect(item: RankedStrategy) -> str:
    """How much this strategy has brought the person's cravings down, in plain words."""
    effect = item.effect
    if effect is None:
        return "not measured yet"
    if not effect.ranked:
        return tried(effect.count)
    return f"{moved_by(effect.mean_drop)} on average, {times(effect.count)}"


def _trigger(
    out: Console, trigger: Trigger, warning_signs: list[str], met: TriggerStat | None
) -> None:
    risk = f" ({trigger.risk} risk)" if trigger.risk else ""
    out.print(f"[bold]When {safe(trigger.name)} comes up{risk}[/bold]")
    if trigger.note:
        out.print(f"  {safe(trigger.note)}")
    if met is not None:
        out.print(f"  [dim]{trigger_met_line(met)}[/dim]")
    if warning_signs:
        out.print("[bold]Warning signs to watch for[/bold]")
        numbered(out, warning_signs)


def trigger_met_line(met: TriggerStat) -> str:
    """`Met 6 times in your records (1 day, 5 cravings); craving 7 then, 3 otherwise.`"""
    line = f"Met {times(met.count)} in your records ({met.records})"
    if met.craving_with is None:
        return f"{line}."
    without = met.craving_without
    others = "" if without is None else f", {words.number(without)} otherwise"
    return f"{line}; craving {words.number(met.craving_with)} then{others}."


def _strategy(item: RankedStrategy) -> str:
    steps = f": {safe(item.strategy.steps)}" if item.strategy.steps else ""
    return f"[bold]{safe(item.strategy.name)}[/bold]{steps} [dim]({describe_effect(item)})[/dim]"


def contact_line(item: ReachableContact) -> str:
    """A person to call: name, role, phone and email, and whether they are available now."""
    contact = item.contact
    role = f" ({safe(contact.role)})" if contact.role else ""
    how = "  ".join(safe(way) for way in (contact.phone, contact.email) if way)
    if item.available_now:
        when = "[green]available now[/green]"
    else:
        when = f"[dim]{safe(contact.hours)}[/dim]" if contact.hours else ""
    return "  ".join(
        part for part in (f"[bold]{safe(contact.name)}[/bold]{role}", how, when) if part
    )


def _helplines(out: Console, sheet: Sheet) -> None:
    if not sheet.helplines:
        out.print(
            "[bold]Helplines[/bold]: set your country with "
            "[bold]recovery init --region CODE[/bold] to see them here."
        )
        return
    region = f" ({sheet.region})" if sheet.region else ""
    out.print(f"[bold]Helplines{region}[/bold]")
    for line in sheet.helplines:
        out.print(f"  {helpline_line(line)}")


def helpline_line(line: Line) -> str:
    return f"{safe(line.name)}  [bold]{safe(line.number)}[/bold]"


def _numbered(out: Console, lines: list[str]) -> None:
    for number, line in enumerate(lines, start=1):
        out.print(f"  {number}. {safe(line)}")
