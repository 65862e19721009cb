"""The `recovery` command line: global options, the command list, and every failure turned
into an exit (see exits.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup, TyperOption
from typer.models import DefaultPlaceholder

from recovery_cli import __version__
from recovery_cli.commands.session import Session, unlocker
from recovery_cli.exits import (
    INTERRUPTED,
    OK,
    STOPPED,
    USAGE,
    fail,
    failures_reported,
    reader_stopped_early,
)
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

# The commands that may read private records (sealed once the store is locked, the plan
# too with `lock --include plan`) or need the passphrase: each of them, and every one of
# their subcommands, takes --passphrase-file FILE after its name as well as before it.
PASSPHRASE_COMMANDS = frozenset(COMMANDS) - {"goals", "home", "naloxone", "meetings", "doctor"}
PASSPHRASE_HELP = "Read the passphrase from FILE (default: $RECOVERY_PASSPHRASE_FILE, else ask)."


# What a value looks like in help, for options that do not name it themselves; any other
# option shows its own name in capitals (--note NOTE), never a type such as <str>.
METAVARS = {
    "date": "DATE",
    "day_text": "DATE",
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

# One or two examples ending each command's help, written as typed after `recovery`
# (tests/cli/test_readable.py checks that every command has them and that they parse).
EXAMPLES = {
    "init": ["init", "init --name Sam --clean-date 2026-09-01 --region GB --yes"],
    "status": ["status", "status --json"],
    "log": ["log", "log --mood 6 --craving 3 --sleep 7 --trigger payday"],
    "log list": ["log list --since 2w"],
    "log show": ["log show yesterday"],
    "log delete": ["log delete 2026-11-20"],
    "craving": ["craving", "craving --intensity 7 --trigger payday --coped Walk --after 3"],
    "craving list": ["craving list --since 30d"],
    "plan": ["plan show", "plan check"],
    "plan show": ["plan show", "plan show --all"],
    "plan add": ["plan add reason 'My daughter Maya'", "plan add lapse-step 'Call Dana'"],
    "plan remove": ["plan remove reason 2"],
    "plan list": ["plan list reason"],
    "plan check": ["plan check"],
    "plan edit": ["plan edit"],
    "triggers": ["triggers list", "triggers add payday --risk high"],
    "triggers add": ["triggers add payday --category situations --risk high"],
    "triggers list": ["triggers list"],
    "triggers edit": ["triggers edit payday --risk medium"],
    "triggers remove": ["triggers remove payday"],
    "coping": ["coping list", "coping add Walk --steps 'Twenty minutes outside'"],
    "coping add": ["coping add Walk --steps 'Twenty minutes outside' --for payday"],
    "coping list": ["coping list"],
    "coping edit": ["coping edit Walk --for boredom"],
    "coping remove": ["coping remove Walk"],
    "contacts": ["contacts list", "contacts add Dana --phone 555-0101 --role sponsor"],
    "contacts add": ["contacts add Dana --phone 555-0101 --role sponsor --hours 'any time'"],
    "contacts list": ["contacts list"],
    "contacts edit": ["contacts edit Dana --hours 'Mon-Fri 09:00-17:00'"],
    "contacts remove": ["contacts remove Dana"],
    "helplines": ["helplines", "helplines --region GB"],
    "helplines add": ["helplines add 'Clinic nurse' 555-0199 --note 'weekdays'"],
    "helplines remove": ["helplines remove 'Clinic nurse'"],
    "meetings": ["meetings", "meetings --days 14"],
    "meetings add": ["meetings add 'Tuesday NA' --day tue --time 19:30 --fellowship NA"],
    "meetings list": ["meetings list"],
    "meetings remove": ["meetings remove 'Tuesday NA'"],
    "meetings edit": ["meetings edit 'Tuesday NA' --time 20:00"],
    "meetings attend": ["meetings attend 'Tuesday NA' --date yesterday"],
    "meetings goal": ["meetings goal on"],
    "meetings export": ["meetings export -o meetings.ics"],
    "meetings import": ["meetings import meetings.json", "meetings import feed.ics --dry-run"],
    "meds": ["meds", "meds take"],
    "meds add": ["meds add methadone --dose 'as on the label' --form liquid --time 08:00"],
    "meds list": ["meds list"],
    "meds change": ["meds change methadone --dose 'as on the label' --by 'Dr Ahmed'"],
    "meds stop": ["meds stop methadone --reason 'finished the taper'"],
    "meds history": ["meds history methadone"],
    "meds take": ["meds take", "meds take methadone --observed"],
    "meds missed": ["meds missed methadone --date yesterday"],
    "meds takehome": ["meds takehome methadone --doses 6"],
    "naloxone": ["naloxone", "naloxone add --expires 2027-08 --where 'kitchen drawer'"],
    "naloxone list": ["naloxone list"],
    "naloxone add": ["naloxone add --expires 2027-08 --where 'kitchen drawer'"],
    "naloxone used": ["naloxone used 1"],
    "appointments": ["appointments", "appointments --days 30"],
    "appointments add": ["appointments add Counselling --at '2026-11-24 14:00' --every week"],
    "appointments edit": ["appointments edit Counselling --at '2026-11-25 15:00'"],
    "appointments done": ["appointments done Counselling"],
    "appointments missed": ["appointments missed Counselling --date yesterday"],
    "appointments cancel": ["appointments cancel Counselling --date 2026-12-01"],
    "appointments list": ["appointments list"],
    "appointments remove": ["appointments remove Counselling"],
    "calendar": ["calendar export -o recovery.ics"],
    "calendar export": ["calendar export -o recovery.ics --remind 30"],
    "summary": ["summary", "summary --since 2026-11-01 --until 2026-11-14"],
    "export": ["export -o summary.html", "export --format csv --since 30d --no-notes"],
    "backup": ["backup -o recovery-backup.json"],
    "restore": ["restore recovery-backup.json"],
    "doctor": ["doctor", "doctor --fix"],
    "lock": ["lock", "lock --now"],
    "unlock": ["unlock", "unlock --for 2h"],
    "goals": ["goals", "goals ideas money"],
    "goals list": ["goals list --json"],
    "goals add": ["goals add 'Update my CV' --area work --by 2027-01-31"],
    "goals edit": ["goals edit 'Update my CV' --by 2027-02-28"],
    "goals remove": ["goals remove 'Update my CV'"],
    "goals done": ["goals done 'Update my CV'"],
    "goals ideas": ["goals ideas money", "goals ideas money --add 1"],
    "goals step": ["goals step add 'Update my CV' 'Find the old file'", "goals step done 1 1"],
    "goals step add": ["goals step add 'Update my CV' 'Ask Dana to read it'"],
    "goals step done": ["goals step done 'Update my CV' 1"],
    "reflect": ["reflect", "reflect --went-well 'Went to my meeting' --grateful 'my sister'"],
    "reflect list": ["reflect list --since 2w"],
    "home": ["home", "home --json"],
    "home set": ["home set --name 'Harbour House' --kind sober-living --curfew 22:00"],
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
    if isinstance(target.info.cls, DefaultPlaceholder):
        target.info.cls = _NearestCommandGroup  # a sub-app's typo is answered as the top's
    command = typer.main.get_command(target)
    command.name = name
    if name in PASSPHRASE_COMMANDS:
        _offer_passphrase_file(command)
    _readable_help(command, name)
    return command


def _offer_passphrase_file(command: Any) -> None:
    """Give `command` and its subcommands --passphrase-file FILE, handed to the session
    rather than to the command (no command's signature names it)."""
    command.params.append(
        TyperOption(
            param_decls=["--passphrase-file"],
            metavar="FILE",
            expose_value=False,
            callback=_passphrase_file_given,
            help=PASSPHRASE_HELP,
        )
    )
    for sub in getattr(command, "commands", {}).values():
        _offer_passphrase_file(sub)


def _passphrase_file_given(ctx: Any, param: Any, value: str | None) -> None:
    session = ctx.find_object(Session)
    if value is not None and session is not None:
        session.read_passphrase_from(Path(value))


def _readable_help(command: Any, path: str) -> None:
    """Name each value the way a person would (DATE, 0-10, TEXT; nothing for a flag), leave
    the completion options to the top level and end with examples, in `command` (the
    words `path` after `recovery`) and its subcommands."""
    command.params = [p for p in command.params if p.name not in COMPLETION_OPTIONS]
    examples = EXAMPLES.get(path, [])  # none yet: the help test names the command
    if examples:
        # \b keeps the lines as written instead of joining them into one paragraph.
        command.epilog = "\b\nExamples:\n" + "\n".join(f"  recovery {e}" for e in examples)
    for param in command.params:
        if param.metavar is None and not getattr(param, "is_flag", False):
            param.metavar = METAVARS.get(param.name or "", (param.name or "value").upper())
        if param.param_type_name == "argument":
            # Typer lists an argument as "NAME <str>"; its name and help say enough.
            param.display_type_rich = lambda ctx: None
    for sub_name, sub in getattr(command, "commands", {}).items():
        _readable_help(sub, f"{path} {sub_name}")


def _unknown_command(name: str, known: list[str], command_path: str) -> str:
    """What to say for a mistyped command: the nearest one, when one is near."""
    from difflib import get_close_matches

    near = get_close_matches(name, known, n=1)
    hint = f"; did you mean {near[0]!r}?" if near else f"; see {command_path} --help"
    return f"no command {name!r}{hint}"


class _NearestCommandGroup(TyperGroup):
    """A group that answers a mistyped command with the nearest one (every sub-app is one,
    set in _load_command)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        known = self.list_commands(ctx)
        if name and not name.startswith("-") and name not in known:
            ctx.fail(_unknown_command(name, known, ctx.command_path))
        return super().resolve_command(ctx, args)


class _RecoveryGroup(_NearestCommandGroup):
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
        except BrokenPipeError:  # Typer would end the run with 1; nothing is wrong
            reader_stopped_early()
            return None

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
            help=PASSPHRASE_HELP,
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
