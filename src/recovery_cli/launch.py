"""Starting `recovery`: `plan show` at once, everything else through the Typer app.

`plan show` is read in a craving and must appear at once. Loading Typer (and the pydantic
it brings) takes longer than everything `plan show` itself does, so the plain forms of that
one command are recognised here and run without it:

    recovery [--home DIR] [--debug] plan show [--trigger NAME] [--json]

Anything else (help, a mistake, any other command) goes to the Typer app in cli.py, which
stays the one place for usage, help and completion. Both end a failed run through exits.py.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PlanShow:
    home: Path | None = None
    debug: bool = False
    trigger: str | None = None
    as_json: bool = False


def main() -> None:
    request = plan_show_request(sys.argv[1:])
    if request is None:
        from recovery_cli.cli import main as typer_main

        typer_main()
        return
    run_plan_show(request)


def run_plan_show(request: PlanShow) -> None:
    from recovery_cli.commands.plan.plan_sheet import show_plan
    from recovery_cli.exits import failures_reported
    from recovery_cli.store.files import Store
    from recovery_cli.store.paths import data_home

    with failures_reported(debug=request.debug):
        show_plan(Store(data_home(request.home)), request.trigger, request.as_json)


def plan_show_request(argv: Sequence[str]) -> PlanShow | None:
    """The request when `argv` is a plain `plan show`; None for anything else.

    Hand-written rather than argparse: it only has to recognise a handful of exact forms,
    and anything it does not recognise is Typer's to parse and explain.
    """
    words = list(argv)
    home: Path | None = None
    debug = False
    while words and words[0].startswith("-"):
        option, value = _split(words)
        if option == "--debug" and value is None:
            debug = True
        elif option == "--home" and value:
            home = Path(value)
        else:
            return None
    if words[:2] != ["plan", "show"]:
        return None
    del words[:2]
    trigger: str | None = None
    as_json = False
    while words:
        option, value = _split(words)
        if option == "--json" and value is None:
            as_json = True
        elif option == "--trigger" and value is not None:
            trigger = value
        else:
            return None
    if home is not None and home.expanduser().is_file():
        return None  # Typer explains that --home must be a folder
    return PlanShow(home, debug, trigger, as_json)


def _split(words: list[str]) -> tuple[str, str | None]:
    """Take the next option off `words`: ("--home", "DIR") from `--home DIR` or
    `--home=DIR`, ("--json", None) from a flag."""
    word = words.pop(0)
    if "=" in word:
        option, _, value = word.partition("=")
        return option, value
    if word in ("--home", "--trigger"):
        return word, words.pop(0) if words else None
    return word, None
