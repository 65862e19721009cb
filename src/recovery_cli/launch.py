"""Starting `recovery`: the installed entry point, which hands every run to the Typer app.

There is one way in. `plan show`, read in a craving, once had a hand-written parser here
to skip Typer; with typer pinned below 0.29 (no pydantic at start-up, see pyproject.toml)
and each command loaded on first use, the whole command line starts as quickly.
"""

from __future__ import annotations


def main() -> None:
    from recovery_cli.cli import main as cli_main

    cli_main()
