"""Starting `recovery`: the installed entry point, which hands every run to the Typer app.

There is one way in. `plan show`, read in a craving, once had a hand-written parser here
to skip Typer; with typer pinned below 0.29 (no pydantic at start-up, see pyproject.toml)
and each command loaded on first use, the whole command line starts as quickly.

`run` (the installed command) also ends quickly: see its docstring.
"""

from __future__ import annotations

import atexit
import os
import sys
from contextlib import suppress
from typing import NoReturn


def main() -> None:
    """Run the command line; it ends with SystemExit, as any Python program may."""
    from recovery_cli.cli import main as cli_main

    cli_main()


def run() -> NoReturn:
    """The `recovery` command: `main`, then the process ends at once with its exit code.

    Python's own ending frees every module and object one by one, which for a command this
    short costs about a fifth of its run (35-50 ms on this project's machine, measured with
    `benchmarks/run.py`) and leaves nothing better behind: each command has written its
    files (flushed to disk, replaced atomically) and released its lock before it returns.
    The exit handlers libraries registered still run, and the output is flushed first. An
    error that escapes `main` (only with --debug) ends the usual way, with its traceback.
    """
    try:
        main()
        status = 0
    except SystemExit as done:
        status = _status(done.code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a reader that stopped early, a closed stream
            stream.flush()
    os._exit(status)


def _status(code: object) -> int:
    """The exit status SystemExit(code) gives: 0 for None, the number, else 1 once the
    message is shown (as Python does)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
