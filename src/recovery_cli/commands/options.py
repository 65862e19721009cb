"""Command-line options shared by several commands, defined once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import click
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


class Number(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """A numeric option read by the core's own rule (store.fields.typed_number), so that
    `--mood x` says "mood must be a number from 1 to 10" as a prompt would, in one line."""

    name = "number"

    def __init__(self, label: str, low: float, high: float, *, whole: bool = True) -> None:
        self.label, self.low, self.high, self.whole = label, low, high, whole

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = typed_number(self.label, str(value), self.low, self.high, whole=self.whole)
        except InvalidValue as exc:  # click would answer a ValueError in its own words
            raise RecoveryError(str(exc)) from None
        return int(number) if self.whole else number
