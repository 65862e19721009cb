"""Command-line options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from recovery_cli.store.dates import PERIOD_DAYS
from recovery_cli.store.errors import InvalidValue, RecoveryError
from recovery_cli.store.fields import typed_number

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead (for scripts).")]
Since = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help=f"First day (default: {PERIOD_DAYS} days ago)."),
]
Until = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Last day (default: today).")
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="File to write (default: standard output).",
    ),
]
Remind = Annotated[
    int | None, typer.Option(metavar="MINUTES", help="Add a reminder this many minutes before.")
]


class Included(StrEnum):
    """What a summary or an export leaves out unless the person asks for it: private by
    default."""

    REFLECTIONS = "reflections"
    MEDS = "meds"
    CRAVINGS = "cravings"


Include = Annotated[
    list[Included] | None,
    typer.Option(
        "--include",
        metavar="|".join(Included),
        case_sensitive=False,
        help="Add a private section (repeat for more); left out unless asked for.",
    ),
]


def number_parser(
    label: str, low: float, high: float, *, whole: bool = True
) -> Callable[[str], int | float]:
    """A numeric option's parser (Typer's `parser=`), read by the core's own rule
    (store.fields.typed_number), so that `--mood x` says "mood must be a number from 1 to
    10" as a prompt would, in one line. (Typer's own int and float types would answer in
    click's words; a click ParamType would import click at every start.)"""

    def number(text: str) -> int | float:  # its name is the option's metavar, NUMBER
        try:
            value = typed_number(label, text, low, high, whole=whole)
        except InvalidValue as exc:  # a ValueError, which Typer would answer in its own words
            raise RecoveryError(str(exc)) from None
        return int(value) if whole else value

    return number
