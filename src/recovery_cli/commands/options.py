"""Command-line options shared by several commands, defined once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from recovery_cli.store.dates import PERIOD_DAYS

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
PassphraseFile = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        metavar="FILE",
        dir_okay=False,
        help="Read the passphrase from FILE (default: $RECOVERY_PASSPHRASE_FILE, else ask).",
    ),
]
