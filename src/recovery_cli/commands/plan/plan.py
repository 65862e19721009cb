"""`recovery plan ...`: read the plan, add and remove its numbered parts, check what is
still empty, and edit the whole file by hand."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from enum import StrEnum
from typing import Annotated

import typer

from recovery_cli.commands.options import Json
from recovery_cli.commands.plan.plan_sheet import show_plan
from recovery_cli.commands.session import confirm, console, print_json, store_of
from recovery_cli.plan.plan import (
    LINE_PARTS,
    add_line,
    changing,
    lines_of,
    load_plan,
    missing_parts,
    remove_line,
)
from recovery_cli.store.errors import RecoveryError
from recovery_cli.views import plan as views

app = typer.Typer(
    help="Your relapse-prevention plan: read it, fill it in, check it.",
    no_args_is_help=True,
)


class Part(StrEnum):
    reason = "reason"
    warning_sign = "warning-sign"
    lapse_step = "lapse-step"


@app.command("show")
def show_command(
    ctx: typer.Context,
    trigger: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Put this trigger's strategies and warning signs first."),
    ] = None,
    json_output: Json = False,
    everything: Annotated[
        bool, typer.Option("--all", help="Every line of every part, however long.")
    ] = False,
) -> None:
    """Your plan on one screen, to read in a craving.

    Your reasons, what helps you most, who to call now and helplines first; then your
    lapse plan, and what --all shows beyond one screen.
    """
    show_plan(store_of(ctx), trigger, json_output, everything)


@app.command("add")
def add_command(
    ctx: typer.Context,
    part: Annotated[Part, typer.Argument(help="reason, warning-sign or lapse-step.")],
    text: Annotated[str, typer.Argument(help="The text, in your own words.")],
) -> None:
    """Add a reason, a warning sign or a step of your lapse plan."""
    store = store_of(ctx)
    with changing(store) as plan:
        number = add_line(plan, part.value, text)
    views.render_line_added(console(), part.value, number, text.strip())


@app.command("remove")
def remove_command(
    ctx: typer.Context,
    part: Annotated[Part, typer.Argument(help="reason, warning-sign or lapse-step.")],
    number: Annotated[int, typer.Argument(help="Its number, as `recovery plan list` shows.")],
) -> None:
    """Remove a reason, warning sign or lapse-plan step by number."""
    store = store_of(ctx)
    with changing(store) as plan:
        removed = remove_line(plan, part.value, number)
    moved_up = number <= len(lines_of(plan, part.value))
    views.render_line_removed(console(), part.value, number, removed, moved_up=moved_up)


@app.command("list")
def list_command(
    ctx: typer.Context,
    part: Annotated[Part | None, typer.Argument(help="Only this part.")] = None,
    json_output: Json = False,
) -> None:
    """Your reasons, warning signs and lapse-plan steps, numbered."""
    plan = load_plan(store_of(ctx))
    parts = [part.value] if part is not None else list(LINE_PARTS)
    if json_output:
        print_json({LINE_PARTS[p][0]: lines_of(plan, p) for p in parts})
        return
    views.render_lines(console(), plan, parts)


@app.command("check")
def check_command(ctx: typer.Context, json_output: Json = False) -> None:
    """Which parts of your plan are still empty."""
    missing = missing_parts(load_plan(store_of(ctx)))
    if json_output:
        print_json({"complete": not missing, "missing": missing})
        return
    views.render_check(console(), missing)


@app.command("edit")
def edit_command(ctx: typer.Context) -> None:
    """Edit your whole plan in your text editor.

    Uses $VISUAL, else $EDITOR, else nano, else vi. The plan is saved only when it
    reads as a valid plan; otherwise you are shown what is wrong and can fix it.
    """
    from recovery_cli.plan import edit  # here: `plan show`, read in a craving, need not load it

    store = store_of(ctx)
    editor = editor_command()
    copy = edit.start(store)
    try:
        while True:
            _run_editor(editor, str(copy.path))
            if copy.unchanged():
                views.render_plan_edited(console(), changed=False)
                return
            problem = edit.check(store, copy)
            if problem is None:
                edit.finish(store, copy)
                views.render_plan_edited(console(), changed=True)
                return
            views.render_not_a_plan(console(stderr=True), problem)
            if not confirm("Open it again to fix this?", default=True):
                copy.keep = True  # the person's edits, for another try
                raise RecoveryError(
                    "your plan was not changed; the one you had is kept as it was, and your "
                    f"edited copy is kept at {copy.path}"
                )
    finally:
        edit.discard(copy)


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR (either may hold options, "code --wait"), else nano, else vi
    (those two only on a terminal)."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value)
    if not sys.stdin.isatty():  # nano or vi would wait for keys that never come
        raise RecoveryError(
            "plan edit needs a terminal, or an editor named in EDITOR; your plan is unchanged"
        )
    for fallback in ("nano", "vi"):
        found = shutil.which(fallback)
        if found:
            return [found]
    raise RecoveryError("no text editor was found; set EDITOR, e.g. EDITOR=nano")


def _run_editor(editor: list[str], path: str) -> None:
    try:
        finished = subprocess.run([*editor, path], check=False)
    except OSError as exc:
        raise RecoveryError(f"could not start the editor {editor[0]!r}: {exc.strerror}") from None
    if finished.returncode != 0:
        raise RecoveryError("the editor stopped with an error, so your plan was not changed")
