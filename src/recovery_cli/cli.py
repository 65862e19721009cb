"""The `recovery` command line: global options, error reporting and the command list."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from recovery_cli import __version__
from recovery_cli.commands import (
    contacts,
    coping,
    craving,
    helplines,
    init,
    log,
    meetings,
    plan,
    status,
    summary,
    triggers,
)
from recovery_cli.commands.common import Session
from recovery_cli.errors import RecoveryError
from recovery_cli.launch import crash_message, reader_stopped_early
from recovery_cli.launch import fail as _fail
from recovery_cli.paths import data_home
from recovery_cli.store import Store


class _RecoveryGroup(TyperGroup):
    """Turns every failure into one line on stderr and an exit code; never a traceback
    unless --debug was given."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        argv = kwargs.get("args") or (args[0] if args else None) or sys.argv[1:]
        try:
            result = super().main(*args, **kwargs)
        except typer.TyperException as exc:  # usage mistakes: unknown option, missing value, ...
            _fail(exc.format_message(), exc.exit_code)
        except typer.Abort:
            _fail("stopped; nothing more was saved", 130)
        except RecoveryError as exc:
            _fail(str(exc), 1)
        except BrokenPipeError:
            reader_stopped_early()
            return None
        except Exception as exc:
            if "--debug" in argv:
                raise
            _fail(crash_message(exc), 1)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=_RecoveryGroup,
    name="recovery",
    help="A private, local companion for your recovery: your plan, check-ins and meetings.",
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"recovery {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            help="Data folder (default: $RECOVERY_HOME, else your user data folder).",
            file_okay=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show full details of errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Your recovery companion. Run with no command for today's dashboard."""
    ctx.obj = Session(store=Store(data_home(home)), debug=debug)
    if ctx.invoked_subcommand is None:
        status.show_dashboard(ctx)


app.command("init")(init.init_command)
app.command("status")(status.status_command)
app.add_typer(meetings.meetings_app, name="meetings")
app.add_typer(log.app, name="log")
app.add_typer(craving.app, name="craving")
app.add_typer(plan.app, name="plan")
app.add_typer(triggers.app, name="triggers")
app.add_typer(coping.app, name="coping")
app.add_typer(contacts.app, name="contacts")
app.add_typer(helplines.app, name="helplines")
app.command("summary")(summary.summary_command)
app.command("export")(summary.export_command)


def main() -> None:
    app()
