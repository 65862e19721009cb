"""Goals on screen: each with its progress bar and its next step first, and the ideas to
start from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console

from recovery_cli.life.goals import Goal, Step
from recovery_cli.store.words import counted
from recovery_cli.views.text import safe

BAR_WIDTH = 10
BAR_DONE, BAR_LEFT = "█", "░"


def progress_bar(goal: Goal) -> str:
    """`████░░░░░░ 2 of 5 steps`; a goal without steps shows its bar alone."""
    filled = round(goal.progress * BAR_WIDTH)
    bar = BAR_DONE * filled + BAR_LEFT * (BAR_WIDTH - filled)
    if not goal.steps:
        return bar
    return f"{bar} {goal.steps_done} of {counted(len(goal.steps), 'step')}"


def render_goals(out: Console, goals: Sequence[Goal]) -> None:
    if not goals:
        out.print(
            "No goals yet. Add one with [bold]recovery goals add TITLE[/bold], "
            "or find a place to start with [bold]recovery goals ideas[/bold]."
        )
        return
    for number, goal in enumerate(goals, start=1):
        _render_goal(out, number, goal)


def _render_goal(out: Console, number: int, goal: Goal) -> None:
    by = f", by {_day(goal.by)}" if goal.by else ""
    out.print(f"{number}. [bold]{safe(goal.title)}[/bold] ({goal.area}{by})  {progress_bar(goal)}")
    if goal.done is not None:
        out.print(f"   Reached on {_day(goal.done)}. Well done.")
    if goal.why:
        out.print(f"   Why: {safe(goal.why)}")
    upcoming = goal.next_step
    if upcoming is not None:
        out.print(f"   Next: {goal.steps.index(upcoming) + 1}. {safe(upcoming.text)}")
    for index, step in enumerate(goal.steps, start=1):
        if step is not upcoming:
            out.print(f"   {_mark(step)} {index}. {safe(step.text)}{_when(step)}")


def _mark(step: Step) -> str:
    return "✓" if step.done is not None else " "


def _when(step: Step) -> str:
    return f" (done {_day(step.done)})" if step.done is not None else ""


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def render_goal_added(out: Console, goal: Goal) -> None:
    out.print(
        f"Added the goal [bold]{safe(goal.title)}[/bold] ({goal.area}). A first small step: "
        f"recovery goals step add {safe(_quoted(goal.title))} TEXT"
    )


def render_goal_changed(out: Console, goal: Goal) -> None:
    out.print(f"Changed the goal [bold]{safe(goal.title)}[/bold].")


def render_goal_removed(out: Console, goal: Goal) -> None:
    out.print(f"Removed the goal [bold]{safe(goal.title)}[/bold] and its steps.")


def render_goal_done(out: Console, goal: Goal) -> None:
    out.print(f"[bold]{safe(goal.title)}[/bold]: reached. That took work; well done.")


def render_step_added(out: Console, goal: Goal, number: int) -> None:
    out.print(f"Step {number} added to [bold]{safe(goal.title)}[/bold].")


def render_step_done(out: Console, goal: Goal, step: Step) -> None:
    out.print(f"Done: {safe(step.text)}. {progress_bar(goal)}")
    upcoming = goal.next_step
    if upcoming is not None:
        out.print(f"Next: {safe(upcoming.text)}")
    elif goal.steps and goal.done is None:
        out.print(
            "Every step is done. When the goal feels reached: "
            f"recovery goals done {safe(_quoted(goal.title))}"
        )


def render_ideas(out: Console, by_area: Sequence[tuple[str, Sequence[str]]]) -> None:
    for area, ideas in by_area:
        out.print(f"[bold]{area}[/bold]")
        for number, idea in enumerate(ideas, start=1):
            out.print(f"  {number}. {safe(idea)}")
    example = by_area[0][0] if len(by_area) == 1 else "money"
    out.print(f"Make one your own goal: recovery goals ideas {example} --add NUMBER")


def _quoted(title: str) -> str:
    return f'"{title}"' if " " in title else title
