"""The evening reflection on screen: the questions, what was kept, and past reflections."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from recovery_cli.life.reflection import Reflection
from recovery_cli.views.text import safe

WENT_WELL = "What went well today?"
PUT_RIGHT = "Anything to put right, and with whom?"
OFFER = "This evening, a few quiet minutes with [bold]recovery reflect[/bold] can close the day."


def grateful_question(number: int) -> str:
    return "Something you are grateful for?" if number == 1 else "And another?"


def render_opening(out: Console) -> None:
    out.print("A few quiet minutes to look back on the day. Any question can be left blank.")


def render_nothing_kept(out: Console) -> None:
    out.print("Nothing kept this time, and that is fine.")


def render_kept(out: Console, reflection: Reflection) -> None:
    day = reflection.day
    out.print(f"Kept your reflection for {day:%A} {day.day} {day:%B}. Rest well.")


def render_reflections(out: Console, reflections: Sequence[Reflection]) -> None:
    if not reflections:
        out.print("No reflections yet. [bold]recovery reflect[/bold] asks three short questions.")
        return
    for reflection in reflections:
        day = reflection.day
        out.print(f"[bold]{day:%a} {day.day} {day:%b %Y}[/bold]")
        for line in reflection_lines(reflection):
            out.print(f"  {safe(line)}")


def reflection_lines(reflection: Reflection) -> list[str]:
    """The answers given, each with its question's short label."""
    lines = [f"Went well: {reflection.went_well}"] if reflection.went_well else []
    lines += [f"To put right: {reflection.put_right}"] if reflection.put_right else []
    lines += [f"Grateful for: {'; '.join(reflection.grateful)}"] if reflection.grateful else []
    return lines
