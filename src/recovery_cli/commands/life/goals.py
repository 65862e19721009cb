"""`recovery goals ...`: goals of your own, the steps that reach them, and ideas to start
from."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated

import typer

from recovery_cli.care.meds import local_today
from recovery_cli.commands.options import Json
from recovery_cli.commands.session import console, print_json, store_of
from recovery_cli.life import goals as core
from recovery_cli.life import ideas
from recovery_cli.store.errors import RecoveryError
from recovery_cli.views.life import goals as views

app = typer.Typer(
    help="Goals of your own and the steps toward them: work, money, home, health and more.",
    invoke_without_command=True,
)
step_app = typer.Typer(help="The steps of a goal: add one, or mark one done.")
app.add_typer(step_app, name="step")

GoalName = Annotated[str, typer.Argument(help="The goal's title, or its number in `goals list`.")]
AREA_CHOICES = "|".join(core.AREAS)
Area = Annotated[str, typer.Option("--area", metavar=AREA_CHOICES, help="The area of life.")]
By = Annotated[str, typer.Option("--by", metavar="DATE", help="When you hope to reach it.")]
Why = Annotated[str, typer.Option("--why", metavar="TEXT", help="Why it matters to you.")]


@app.callback()
def goals_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Your goals with their steps and progress, the next step first."""
    if ctx.invoked_subcommand is None:
        list_command(ctx, json_output)


@app.command("list")
def list_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Every goal, numbered, the nearest target date first and the goals reached last."""
    shown = core.ordered(core.load_goals(store_of(ctx)).goals)
    if json_output:
        print_json([_jsonable(number, goal) for number, goal in enumerate(shown, 1)])
        return
    views.render_goals(console(), shown)


@app.command("add")
def add_command(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What you want to reach, in your own words.")],
    area: Area = "other",
    by: By = "",
    why: Why = "",
) -> None:
    """Add a goal."""
    store = store_of(ctx)
    today = local_today(store)
    goal = core.Goal(
        title, today, area=core.parse_area(area), by=core.target_date(by, today), why=why
    )
    with core.changing(store) as kept:
        kept.add(goal)
    views.render_goal_added(console(), goal)


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    goal: GoalName,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="A new title.")] = "",
    area: Area = "",
    by: By = "",
    why: Why = "",
) -> None:
    """Change a goal's title, area, target date or reason (`--by none` takes the date away)."""
    store = store_of(ctx)
    today = local_today(store)
    area = core.parse_area(area)
    with core.changing(store) as kept:
        found = kept.named(goal)
        changed = replace(
            found,
            title=title or found.title,
            area=area or found.area,
            by=core.target_date(by, today) if by else found.by,
            why=why or found.why,
        )
        kept.replace(found, changed)
    views.render_goal_changed(console(), changed)


@app.command("remove")
def remove_command(ctx: typer.Context, goal: GoalName) -> None:
    """Remove a goal and its steps."""
    with core.changing(store_of(ctx)) as kept:
        found = kept.named(goal)
        kept.goals.remove(found)
    views.render_goal_removed(console(), found)


@app.command("done")
def done_command(ctx: typer.Context, goal: GoalName) -> None:
    """Mark a goal reached."""
    store = store_of(ctx)
    today = local_today(store)
    with core.changing(store) as kept:
        found = kept.named(goal)
        found.done = found.done or today
    views.render_goal_done(console(), found)


@app.command("ideas")
def ideas_command(
    ctx: typer.Context,
    area: Annotated[str, typer.Argument(help=f"Only this area: {', '.join(core.AREAS)}.")] = "",
    add: Annotated[
        int | None,
        typer.Option("--add", metavar="N", help="Add idea N of AREA as a goal of your own."),
    ] = None,
) -> None:
    """Ideas for small goals that build skills, by area; `--add N` makes one your goal."""
    chosen = core.parse_area(area)
    if add is None:
        areas = [chosen] if chosen else list(core.AREAS)
        views.render_ideas(console(), [(a, ideas.ideas_for(a)) for a in areas])
        return
    if not chosen:
        raise RecoveryError("please name the idea's area, e.g. recovery goals ideas money --add 1")
    store = store_of(ctx)
    goal = core.Goal(ideas.idea(chosen, add), local_today(store), area=chosen)
    with core.changing(store) as kept:
        kept.add(goal)
    views.render_goal_added(console(), goal)


@step_app.command("add")
def step_add_command(
    ctx: typer.Context,
    goal: GoalName,
    text: Annotated[str, typer.Argument(help="The step, small enough to do soon.")],
) -> None:
    """Add a step to a goal."""
    with core.changing(store_of(ctx)) as kept:
        found = kept.named(goal)
        found.steps.append(core.Step(text))
        number = len(found.steps)
    views.render_step_added(console(), found, number)


@step_app.command("done")
def step_done_command(
    ctx: typer.Context,
    goal: GoalName,
    number: Annotated[int, typer.Argument(help="The step's number under its goal.")],
) -> None:
    """Mark a step done (today)."""
    store = store_of(ctx)
    today = local_today(store)
    with core.changing(store) as kept:
        found = kept.named(goal)
        step = found.step(number)
        step.done = step.done or today
    views.render_step_done(console(), found, step)


def _jsonable(number: int, goal: core.Goal) -> dict[str, object]:
    upcoming = goal.next_step
    return {
        "number": number,
        "title": goal.title,
        "area": goal.area,
        "by": _iso(goal.by),
        "why": goal.why,
        "added": goal.added.isoformat(),
        "done": _iso(goal.done),
        "progress": round(goal.progress, 2),
        "next_step": goal.steps.index(upcoming) + 1 if upcoming else None,
        "steps": [
            {
                "number": index,
                "text": step.text,
                "done": step.done.isoformat() if step.done else None,
            }
            for index, step in enumerate(goal.steps, start=1)
        ],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
