"""The `recovery` command line: global options, the command list, and every failure turned
into an exit (see exits.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from recovery_cli import __version__
from recovery_cli.commands.session import Session
from recovery_cli.exits import INTERRUPTED, OK, STOPPED, fail, failures_reported
from recovery_cli.store.files import Store
from recovery_cli.store.paths import data_home

# Each command's module, loaded only when that command runs (or help lists them all), so
# that no command pays at start-up for the imports of the others. `module:attribute` names
# a Typer sub-app or a single command function.
COMMANDS = {
    "init": "recovery_cli.commands.init:init_command",
    "status": "recovery_cli.commands.dashboard:dashboard_command",
    "log": "recovery_cli.commands.log.log:app",
    "craving": "recovery_cli.commands.log.craving:app",
    "plan": "recovery_cli.commands.plan.plan:app",
    "triggers": "recovery_cli.commands.plan.triggers:app",
    "coping": "recovery_cli.commands.plan.coping:app",
    "contacts": "recovery_cli.commands.plan.contacts:app",
    "helplines": "recovery_cli.commands.plan.helplines:app",
    "meetings": "recovery_cli.commands.meetings:meetings_app",
    "meds": "recovery_cli.commands.meds:app",
    "naloxone": "recovery_cli.commands.naloxone:app",
    "appointments": "recovery_cli.commands.appointments:app",
    "calendar": "recovery_cli.commands.calendar:app",
    "summary": "recovery_cli.commands.summary:summary_command",
    "export": "recovery_cli.commands.summary:export_command",
    "backup": "recovery_cli.commands.backup:backup_command",
    "restore": "recovery_cli.commands.backup:restore_command",
    "doctor": "recovery_cli.commands.backup:doctor_command",
}


def _load_command(name: str) -> Any:
    """The Click command for `name`, built from its module on first use."""
    import importlib

    module, _, attribute = COMMANDS[name].partition(":")
    target = getattr(importlib.import_module(module), attribute)
    if not isinstance(target, typer.Typer):
        single = typer.Typer()
        single.command(name)(target)
        target = single
    command = typer.main.get_command(target)
    command.name = name
    return command


class _RecoveryGroup(TyperGroup):
    """Loads commands on demand, and turns every failure into one line on stderr and an
    exit code; never a traceback unless --debug was given."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return _load_command(cmd_name) if cmd_name in COMMANDS else None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Typer would end the run silently with 130
            raise typer.Abort from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        argv = kwargs.get("args") or (args[0] if args else None) or sys.argv[1:]
        result = None
        with failures_reported(debug="--debug" in argv):
            try:
                result = super().main(*args, **kwargs)
            except typer.TyperException as exc:  # usage mistakes (USAGE): unknown option, ...
                fail(exc.format_message(), exc.exit_code)
            except typer.Abort:
                fail(STOPPED, INTERRUPTED)
        sys.exit(result if isinstance(result, int) else OK)


app = typer.Typer(
    cls=_RecoveryGroup,
    name="recovery",
    help="A private, local companion for your recovery: your plan, check-ins and meetings.",
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _say_waiting() -> None:
    """Told by the store when a write has waited a while for another command's lock."""
    from recovery_cli.commands.session import console
    from recovery_cli.views.data import render_waiting

    render_waiting(console(stderr=True))


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
    ctx.obj = Session(store=Store(data_home(home), on_wait=_say_waiting), debug=debug)
    if ctx.invoked_subcommand is None:
        from recovery_cli.commands.dashboard import show_dashboard

        show_dashboard(ctx)


def main() -> None:
    app()
