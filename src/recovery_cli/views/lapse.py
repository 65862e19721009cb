"""The response to a recorded lapse: kind words, the person's own lapse-plan steps, the
people to call, and the safety information that matters most after time without opioids."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.text import Text

from recovery_cli.care import medicine
from recovery_cli.care.naloxone import Kit
from recovery_cli.plan.helplines import Line
from recovery_cli.plan.plan import Plan
from recovery_cli.views.text import plain


def render_lapse(
    out: Console,
    plan: Plan,
    lines: Sequence[Line],
    emergency: str | None,
    kits: Sequence[Kit],
    region: str,
) -> None:
    """Meet a lapse with the plan, the people and the safety facts, and where the person's
    naloxone is (`kits`: the current ones); never with blame."""
    out.print()
    out.print(
        "[bold]Thank you for writing that down honestly.[/bold] A lapse is not the end of "
        "your recovery; it is something to learn from, and you do not have to handle it alone."
    )
    if plan.lapse_steps:
        out.print("\n[bold]Your lapse plan[/bold]")
        for number, step in enumerate(plan.lapse_steps, start=1):
            out.print(Text(f"  {number}. {plain(step)}"))
    people = [c for c in plan.contacts if c.phone]
    if people:
        out.print("\n[bold]People you can call[/bold]")
        for contact in people:
            role = f" ({contact.role})" if contact.role else ""
            out.print(Text(f"  {plain(contact.name)}{role}: {plain(contact.phone)}"))
    helplines = [line for line in lines if line.kind != "emergency"]
    if helplines:
        out.print("\n[bold]Helplines[/bold]")
        for line in helplines:
            out.print(Text(f"  {plain(line.name)}: {plain(line.number)}"))
    call = f"call {emergency}" if emergency else "call your local emergency number"
    out.print("\n[bold]Staying safe[/bold]")
    for fact in (
        "After time without opioids your tolerance is lower, so the risk of overdose is "
        "much higher, even with an amount you used to take.",
        "Don't use alone. If you do use, have someone with you who knows what to do.",
        "Have naloxone (Narcan) with you and tell people where it is.",
        f"If someone is very drowsy, cannot be woken or is breathing slowly: {call} "
        "straight away and give naloxone.",
    ):
        out.print(Text(f"  - {fact}"))
    for kit_line in _naloxone_lines(kits, region):
        out.print(Text(f"  {kit_line}"))
    out.print()


def _naloxone_lines(kits: Sequence[Kit], region: str) -> list[str]:
    if not kits:
        return [medicine.no_naloxone_line(region)]
    return [medicine.naloxone_kit_line(k.kind, plain(k.where), k.expires) for k in kits]


def render_restarted(out: Console, day: date, *, by_flag: bool) -> None:
    """Clean time counts from `day` now; after --reset-clean-date, also where the time
    before it went (when the person was asked, they were told so in the question)."""
    if not by_flag:
        out.print(f"Your clean time now counts from {day:%d %B %Y}.")
        return
    out.print(
        f"Your clean time now counts from {day:%d %B %Y}. The time before it is kept in "
        "your history (see [bold]recovery status[/bold])."
    )


def render_clean_date_kept(out: Console, *, can_ask: bool) -> None:
    """The clean date stays; when no one could be asked, how to start it again from the day."""
    if can_ask:
        out.print("Your clean date was left as it is.")
        return
    out.print(
        "Your clean date was left as it is. To count clean time from this day, run the "
        "same command again with --reset-clean-date."
    )
