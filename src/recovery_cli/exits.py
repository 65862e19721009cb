"""How a run ends: the exit codes, and a failure as one plain line on stderr.

Both ways in (the quick `plan show` in launch.py and the Typer app in cli.py) end a failed
run here, so a failure looks the same whichever way the command came in:

    OK           0    done
    USER_ERROR   1    something the person can fix (a value out of range, an unknown name),
                      or a fault inside recovery (the message suggests --debug)
    USAGE        2    a mistake on the command line itself (unknown option, missing value);
                      the code Typer gives its usage errors, passed on as it comes
    DATA_ERROR   3    a data file that cannot be read; the message names the file and the
                      line, and the file is left exactly as it was
    INTERRUPTED  130  stopped with Ctrl-C, or input ended, at a prompt or a timer
                      (128 + SIGINT, as shells do)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from recovery_cli.store.errors import DataFileError, RecoveryError
from recovery_cli.store.sanitise import plain

OK = 0
USER_ERROR = 1
USAGE = 2
DATA_ERROR = 3
INTERRUPTED = 130


STOPPED = "stopped; nothing more was saved"


@contextmanager
def failures_reported(*, debug: bool) -> Iterator[None]:
    """End the run inside with the exit code its failure calls for, as one plain line;
    with `debug`, a fault inside recovery shows its traceback instead."""
    try:
        yield
    except DataFileError as exc:
        fail(str(exc), DATA_ERROR)
    except RecoveryError as exc:
        fail(str(exc), USER_ERROR)
    except BrokenPipeError:
        reader_stopped_early()
    except KeyboardInterrupt:
        fail(STOPPED, INTERRUPTED)
    except Exception as exc:
        if debug:
            raise
        fail(crash_message(exc), USER_ERROR)


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr and the exit code; never a traceback, nor a control character
    from the person's data."""
    print(f"error: {plain(message)}", file=sys.stderr)
    sys.exit(code)


def crash_message(exc: BaseException) -> str:
    """What to say when something went wrong inside recovery rather than in what was asked."""
    return (
        f"something went wrong inside recovery ({type(exc).__name__}); "
        "run the same command with --debug to see the details"
    )


def reader_stopped_early() -> None:
    """The reader of our output stopped early (`| head`); nothing is wrong. Keep the
    interpreter's final flush from failing again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
