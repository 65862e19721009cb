"""The `recovery` command line: global options, the command list, and every failure turned
into an exit (see exits.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from recovery_cli import __version__
from recovery_cli.commands.session import Session, unlocker
from recovery_cli.exits import INTERRUPTED, OK, STOPPED, USAGE, fail, failures_reported
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
    "meds": "recovery_cli.commands.care.meds:app",
    "naloxone": "recovery_cli.commands.care.naloxone:app",
    "appointments": "recovery_cli.commands.care.appointments:app",
    "calendar": "recovery_cli.commands.care.calendar:app",
    "home": "recovery_cli.commands.life.home:app",
    "goals": "recovery_cli.commands.life.goals:app",
    "reflect": "recovery_cli.commands.life.reflect:app",
    "summary": "recovery_cli.commands.summary:summary_command",
    "export": "recovery_cli.commands.summary:export_command",
    "backup": "recovery_cli.commands.backup:backup_command",
    "restore": "recovery_cli.commands.backup:restore_command",
    "doctor": "recovery_cli.commands.backup:doctor_command",
    "lock": "recovery_cli.commands.backup:lock_command",
    "unlock": "recovery_cli.commands.backup:unlock_command",
}


# What a value looks like in help, for options that do not name it themselves; any other
# option shows its own name in capitals (--note NOTE), never a type such as <str>.
METAVARS = {
    "date": "DATE",
    "since": "DATE",
    "until": "DATE",
    "clean_date": "DATE",
    "mood": "1-10",
    "craving": "0-10",
    "intensity": "0-10",
    "after": "0-10",
    "sleep": "HOURS",
    "minutes": "MINUTES",
    "trigger": "NAME",
    "coped": "NAME",
    "name": "NAME",
    "note": "TEXT",
    "text": "TEXT",
    "output": "FILE",
    "path": "FILE",
    "file": "FILE",
}

# Shell completion is offered once, in the top-level help.
COMPLETION_OPTIONS = ("install_completion", "show_completion")


def _load_command(name: str) -> Any:
    """The Click command for `name`, built from its module on first use."""
    import importlib

    module, _, attribute = COMMANDS[name].partition(":")
    target = getattr(importlib.import_module(module), attribute)
    if not isinstance(target, typer.Typer):
        single = typer.Typer()
        single.command(name)(target)
        target = single
    target.rich_markup_mode = None  # plain help, as the top level has: no boxes, no <bool>
    command = typer.main.get_command(target)
    command.name = name
    _readable_help(command)
    return command


def _readable_help(command: Any) -> None:
    """Name each value the way a person would (DATE, 0-10, TEXT; nothing for a flag) and
    leave the completion options to the top level, in `command` and its subcommands."""
    command.params = [p for p in command.params if p.name not in COMPLETION_OPTIONS]
    for param in command.params:
        if param.metavar is None and not getattr(param, "is_flag", False):
            param.metavar = METAVARS.get(param.name or "", (param.name or "value").upper())
        if param.param_type_name == "argument":
            # Typer lists an argument as "NAME <str>"; its name and help say enough.
            param.display_type_rich = lambda ctx: None
    for sub in getattr(command, "commands", {}).values():
        _readable_help(sub)


def _unknown_command(name: str, known: list[str]) -> str:
    """What to say for a mistyped command: the nearest one, when one is near."""
    from difflib import get_close_matches

    near = get_close_matches(name, known, n=1)
    hint = f"; did you mean {near[0]!r}?" if near else "; see recovery --help"
    return f"no command {name!r}{hint}"


class _RecoveryGroup(TyperGroup):
    """Loads commands on demand, and turns every failure into one line on stderr and an
    exit code; never a traceback unless --debug was given."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return _load_command(cmd_name) if cmd_name in COMMANDS else None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            ctx.fail(_unknown_command(name, list(COMMANDS)))
        return super().resolve_command(ctx, args)

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
            _refuse_undecodable(argv)
            try:
                result = super().main(*args, **kwargs)
            except typer.TyperException as exc:  # usage mistakes (USAGE): unknown option, ...
                fail(exc.format_message(), exc.exit_code)
            except typer.Abort:
                fail(STOPPED, INTERRUPTED)
        sys.exit(result if isinstance(result, int) else OK)


def _refuse_undecodable(argv: list[str]) -> None:
    """Refuse, before anything runs, a word on the command line that was not UTF-8 text
    (Python hands its bytes on as lone surrogates, which no file can hold)."""
    before = ""
    for word in argv:
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            option, joined, _ = word.partition("=")
            if joined and option.startswith("-"):
                before = option
            if not before.startswith("-"):
                before = f"the value after {before or 'recovery'!r}"
            fail(f"{before}: not valid UTF-8 text", USAGE)
        before = word


app = typer.Typer(
    cls=_RecoveryGroup,
    name="recovery",
    help="A private, local companion for your recovery: your plan, check-ins and meetings.",
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # Every subcommand inherits this from the top-level context.
    context_settings={"help_option_names": ["-h", "--help"]},
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
            metavar="DIR",
            help="Data folder (default: $RECOVERY_HOME, else your user data folder).",
            file_okay=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show full details of errors.")] = False,
    passphrase_file: Annotated[
        Path | None,
        typer.Option(
            "--passphrase-file",
            metavar="FILE",
            dir_okay=False,
            help="For locked records: read the passphrase from FILE "
            "(default: $RECOVERY_PASSPHRASE_FILE, else ask).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Your recovery companion. Run with no command for today's dashboard."""
    folder = data_home(home)
    store = Store(folder, on_wait=_say_waiting, unlock=unlocker(folder, passphrase_file))
    ctx.obj = Session(store=store, debug=debug, passphrase_file=passphrase_file)
    if ctx.invoked_subcommand is None:
        from recovery_cli.commands.dashboard import show_dashboard

        show_dashboard(ctx)


def main() -> None:
    app()
