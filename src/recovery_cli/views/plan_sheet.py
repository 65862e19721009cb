"""`recovery plan show`: the plan on one screen, to read in a craving.

Short lines, one heading a part, no tables or panels (they cost start-up time and lines).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console

from recovery_cli.log.insights import TriggerStat
from recovery_cli.plan.helplines import Line
from recovery_cli.plan.plan import Trigger
from recovery_cli.plan.plan_sheet import RankedStrategy, ReachableContact, Sheet
from recovery_cli.store import words
from recovery_cli.store.words import moved_by, times, tried
from recovery_cli.views.text import print_as_is, safe

# The one-screen view (80x24): at most this many lines of each part (helplines: all), and
# this many rows in all before the closing line, which leaves a row for the shell's prompt.
SHOWN = 3
SCREEN_ROWS = 22
MISSING_ROWS = 3  # a blank line and the list of empty parts


@dataclass(frozen=True)
class _Part:
    """A part of the sheet: what the closing line calls it when it is left out, its heading
    and its lines (markup, the person's text already safe)."""

    name: str
    heading: str
    lines: list[str]
    # Given room on the one-screen view in this order: helplines, then what helps and who
    # to call, then the reasons and a named trigger, then the lapse plan.
    rank: int = 1


def render_sheet(out: Console, sheet: Sheet, *, everything: bool = False) -> None:
    """The sheet, most important first, a blank line between parts. Unless `everything`,
    it fits one 80x24 screen: the first lines of each part, as many as fit, one row each,
    and a closing line naming what `plan show --all` adds."""
    out.print(f"[bold]{sheet.calm}[/bold]")
    parts = _parts(sheet)
    missing = _missing(sheet)
    if everything:
        for part in parts:
            out.print()
            out.print(part.heading)
            for line in part.lines:
                out.print(line)
        if missing:
            out.print()
            out.print(missing)
        return
    shown, used = _fit(parts)
    left_out = []
    for part in parts:
        if part.name not in shown:
            left_out.append(part.name)
            continue
        lines = part.lines[: shown[part.name]]
        out.print()
        for line in (part.heading, *lines):
            _one_row(out, line)
        if len(part.lines) > len(lines):
            left_out.append(f"{len(part.lines) - len(lines)} more of {part.name}")
    if missing and used + MISSING_ROWS <= SCREEN_ROWS:
        out.print()
        out.print(missing)
    elif missing:
        left_out.append("what is still empty")
    if left_out:
        more = (
            f"[dim][bold]recovery plan show --all[/bold] for the rest: {', '.join(left_out)}.[/dim]"
        )
        _one_row(out, more)


def _one_row(out: Console, line: str) -> None:
    """The line cut to one row of a terminal (whole when the output goes to a file)."""
    out.print(line, no_wrap=True, overflow=None if out.soft_wrap else "ellipsis")


def _fit(parts: list[_Part]) -> tuple[dict[str, int], int]:
    """How many lines of each part the one-screen view shows (a part left out has none),
    and the rows they take: every helpline, up to SHOWN lines of the rest, the most urgent
    parts served first, until the screen is full."""
    used = 1
    shown = {}
    for part in sorted(parts, key=lambda part: part.rank):
        room = SCREEN_ROWS - used - 2
        if room < 0 or (part.lines and room == 0):
            continue
        most = len(part.lines) if part.rank == 0 else SHOWN
        shown[part.name] = min(most, len(part.lines), room)
        used += 2 + shown[part.name]
    return shown, used


def _missing(sheet: Sheet) -> str:
    """The parts still empty, in one dim line (two rows at most on a narrow screen)."""
    if not sheet.missing:
        return ""
    check = "See [bold]recovery plan check[/bold]."
    return f"[dim]Still empty: {', '.join(sheet.missing)}. {check}[/dim]"


def _parts(sheet: Sheet) -> list[_Part]:
    """The parts there is something to show for, most important first."""
    parts = [
        _Part(
            "your reasons",
            "[bold]Your reasons[/bold]",
            _numbered([safe(line) for line in sheet.reasons]),
            rank=2,
        )
    ]
    first = f" (for {safe(sheet.trigger.name)} first)" if sheet.trigger is not None else ""
    strategies = [_strategy(item) for item in sheet.strategies]
    parts.append(
        _Part("what helps you", f"[bold]What helps you[/bold]{first}", _numbered(strategies))
    )
    contacts = [f"  {contact_line(contact)}" for contact in sheet.contacts]
    parts.append(_Part("people to call", "[bold]Who to call now[/bold]", contacts))
    parts.append(_helplines(sheet))
    lapse = "[bold]If you slip[/bold] (a lapse is something to learn from)"
    steps = _numbered([safe(line) for line in sheet.lapse_steps])
    parts.append(_Part("your lapse plan", lapse, steps, rank=3))
    parts = [part for part in parts if part.lines]
    if sheet.trigger is not None:  # its heading is shown even with nothing under it
        parts.insert(0, _trigger(sheet.trigger, sheet.warning_signs, sheet.trigger_met))
    return parts


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


def _trigger(trigger: Trigger, warning_signs: list[str], met: TriggerStat | None) -> _Part:
    risk = f" ({trigger.risk} risk)" if trigger.risk else ""
    note = [f"  {safe(trigger.note)}"] if trigger.note else []
    seen = [f"  [dim]{trigger_met_line(met)}[/dim]"] if met is not None else []
    signs = [f"  Watch for: {safe(sign)}" for sign in warning_signs]
    heading = f"[bold]When {safe(trigger.name)} comes up{risk}[/bold]"
    name = f"what to do when {safe(trigger.name)} comes up"
    return _Part(name, heading, [*note, *seen, *signs], rank=2)


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


def _helplines(sheet: Sheet) -> _Part:
    if not sheet.helplines:
        how = "  Set your country with [bold]recovery init --region CODE[/bold] to see them here."
        return _Part("helplines", "[bold]Helplines[/bold]", [how])
    region = f" ({sheet.region})" if sheet.region else ""
    lines = [f"  {helpline_line(line)}" for line in sheet.helplines]
    return _Part("helplines", f"[bold]Helplines{region}[/bold]", lines, rank=0)


def helpline_line(line: Line) -> str:
    return f"{safe(line.name)}  [bold]{safe(line.number)}[/bold]"


def _numbered(lines: list[str]) -> list[str]:
    """Lines already made safe, numbered from 1 and indented."""
    return [f"  {number}. {line}" for number, line in enumerate(lines, start=1)]
