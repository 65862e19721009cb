"""Home on screen: the house, who to call there, the curfew, the rules, a planned move."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.console import Console

from recovery_cli.life.home import Curfew, Home, Move, days_until_move, next_curfew
from recovery_cli.store.words import counted
from recovery_cli.views.text import one_line, print_as_is, safe

KIND_WORDS = {
    "sober-living": "a sober-living house",
    "family": "with family",
    "own": "your own place",
}


def time_left(left: timedelta) -> str:
    """`1 h 10 min`, `45 min`, `3 h`."""
    minutes = int(left.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes or not hours else ""]
    return " ".join(part for part in parts if part)


def curfew_line(curfew: Curfew) -> str:
    """`home by 22:00, in 1 h 10 min`."""
    return f"home by {curfew.at:%H:%M}, in {time_left(curfew.left)}"


def move_line(move: Move) -> str:
    """`Moving out of Harbour House in 12 days (Mon 14 Dec).`, `... tomorrow (...)`, `...
    today.`: the home's name escaped for Rich."""
    place = safe(one_line(move.name, 60)) or "your home"
    day = f"({move.on:%a} {move.on.day} {move.on:%b})"
    when = {0: "today", 1: f"tomorrow {day}"}.get(move.days, f"in {move.days} days {day}")
    return f"Moving out of {place} {when}."


def render_home(out: Console, home: Home | None, now: datetime) -> None:
    if home is None:
        out.print("No home is set yet. Add it with [bold]recovery home set --name TEXT[/bold].")
        return
    kind = KIND_WORDS.get(home.kind, "")
    title = safe(one_line(home.name, 60)) or "Your home"
    out.print(f"[bold]{title}[/bold]{f' ({kind})' if kind else ''}")
    if home.contact or home.phone:
        who = " on ".join(safe(one_line(text, 40)) for text in (home.contact, home.phone) if text)
        out.print(f"Who to call there: {who}")
    if home.curfew is not None:
        out.print(f"Curfew: {curfew_line(next_curfew(home.curfew, now))}")
    if home.rules:
        out.print("House rules:")
        print_as_is(out, f"  {home.rules}")
    days = days_until_move(home, now.date())
    if days is not None:
        when = "today" if days == 0 else f"in {counted(days, 'day')}"
        out.print(f"Planned move: {home.until:%d %B %Y}, {when}.")


def render_home_saved(out: Console) -> None:
    out.print("Saved your home. [bold]recovery home[/bold] shows it.")
