"""The guided urge-surf on screen: the person's reasons and first coping steps, the people
to call and the helplines, and a countdown (its time left in words beside the bar) that
Enter ends early and Ctrl-C stops."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from recovery_cli.plan.helplines import Line
from recovery_cli.plan.plan import CopingStrategy
from recovery_cli.plan.plan_sheet import ReachableContact
from recovery_cli.store.words import time_left
from recovery_cli.views.plan_sheet import contact_line, helpline_line
from recovery_cli.views.text import plain

SHOWN_REASONS = 3
SHOWN_STRATEGIES = 3


@dataclass(frozen=True)
class Countdown:
    """How a countdown went: seconds it ran, and whether Ctrl-C stopped it."""

    elapsed: float
    interrupted: bool


def render_surf_intro(
    out: Console,
    reasons: Sequence[str],
    coping: Sequence[CopingStrategy],
    contacts: Sequence[ReachableContact] = (),
    lines: Sequence[Line] = (),
) -> None:
    """The reasons, the strategies that have helped most (`coping` is in that order), the
    people to call (`contacts`: those reachable now first) and the helplines."""
    out.print(
        "[bold]Let's ride this craving out together.[/bold] Urges rise, peak and pass, "
        "like a wave. You do not have to act on this one."
    )
    if reasons:
        out.print("\n[bold]Why this matters to you[/bold]")
        for reason in reasons[:SHOWN_REASONS]:
            out.print(Text(f"  - {plain(reason)}"))
    if coping:
        out.print("\n[bold]Things that help you[/bold]")
        for strategy in coping[:SHOWN_STRATEGIES]:
            steps = f": {plain(strategy.steps)}" if strategy.steps else ""
            out.print(Text(f"  - {plain(strategy.name)}{steps}"))
    if contacts:
        out.print("\n[bold]People you can call[/bold]")
        for contact in contacts:
            out.print(f"  {contact_line(contact)}")
    if lines:
        out.print("\n[bold]Helplines[/bold]")
        for line in lines:
            out.print(f"  {helpline_line(line)}")
    out.print()


def countdown(out: Console, seconds: int) -> Countdown:
    """Count down `seconds` with a progress bar; Enter ends it early, Ctrl-C stops it.

    Standard input is read on a background thread because waiting for a line cannot be
    combined with a timer portably (select() does not work on Windows consoles or on the
    streams tests feed in). When the time runs out, Enter is still asked for, so the thread
    never swallows the answer to the next question.
    """
    from rich.progress import BarColumn, Progress, TextColumn

    pressed = threading.Event()

    def wait_for_enter() -> None:
        sys.stdin.readline()
        pressed.set()

    reader = threading.Thread(target=wait_for_enter, daemon=True)
    started = time.monotonic()
    try:
        reader.start()
        out.print("Breathe slowly and notice the craving without acting on it.")
        out.print("Press Enter when you are ready to stop the timer; Ctrl-C stops it too.")
        with Progress(
            TextColumn("riding it out"),
            BarColumn(),
            TextColumn("{task.fields[left]}"),
            console=out,
            transient=True,
        ) as progress:
            task = progress.add_task("surf", total=seconds, left=time_left(seconds))
            while not pressed.wait(0.2):
                elapsed = time.monotonic() - started
                progress.update(
                    task, completed=min(elapsed, seconds), left=time_left(seconds - elapsed)
                )
                if elapsed >= seconds:
                    break
        if not pressed.is_set():
            out.print("The time is up. Press Enter to go on.")
            pressed.wait()
    except KeyboardInterrupt:
        return Countdown(time.monotonic() - started, interrupted=True)
    return Countdown(min(time.monotonic() - started, seconds), interrupted=False)
