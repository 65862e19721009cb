"""The entry point: every run goes through the Typer app, `plan show` included."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from recovery_cli import launch
from recovery_cli.exits import DATA_ERROR
from recovery_cli.log.logbook import CheckIn, save_checkins
from recovery_cli.store.files import Store
from tests.conftest import Run


def launched(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["recovery", *argv])
    code = 0
    try:
        launch.main()
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("extra", [[], ["--json"], ["--trigger", "payday"], ["--trigger", "nope"]])
def test_the_entry_point_shows_what_the_app_shows(
    set_up: Run,
    home: Path,
    extra: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert set_up("coping", "add", "walk", "--for", "payday").exit_code == 0
    through_typer = set_up("plan", "show", *extra)
    code, out, err = launched(["--home", str(home), "plan", "show", *extra], monkeypatch, capsys)
    assert (code, out, err) == (0, through_typer.stdout, through_typer.stderr)


def test_failures_are_one_line_through_the_entry_point(
    run: Run, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir()
    (home / "plan.toml").write_text("reasons = [\n")
    through_typer = run("plan", "show")
    code, out, err = launched(["--home", str(home), "plan", "show"], monkeypatch, capsys)
    assert (code, out, err) == (DATA_ERROR, "", through_typer.stderr)
    assert err.startswith("error: cannot read")


def test_unexpected_failures_hide_the_traceback_unless_debug(
    set_up: Run, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr("recovery_cli.commands.plan.plan_sheet.build_sheet", broken)
    code, _, err = launched(["--home", str(home), "plan", "show"], monkeypatch, capsys)
    assert code == 1
    assert "(KeyError); run the same command with --debug" in err
    assert "Traceback" not in err
    with pytest.raises(KeyError):
        launched(["--home", str(home), "--debug", "plan", "show"], monkeypatch, capsys)


def test_plan_show_does_not_load_pydantic(set_up: Run, home: Path) -> None:
    """What keeps every command quick: the typer pinned in pyproject.toml coerces
    parameters without pydantic, which took about a third of each run."""
    check = (
        "import sys; from recovery_cli import launch\n"
        "try:\n    launch.main()\nexcept SystemExit as done:\n    code = done.code\n"
        "sys.exit('loaded pydantic' if 'pydantic' in sys.modules else code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", check, "--home", str(home), "plan", "show"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "911" in done.stdout


# The installed `recovery` command (pyproject.toml's script), run as a person runs it.
INSTALLED = [sys.executable, "-c", "from recovery_cli.launch import run; run()"]


def installed(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INSTALLED, *argv], capture_output=True, text=True, check=False)


def test_the_installed_command_ends_with_each_runs_exit_code_and_whole_output(
    set_up: Run, home: Path
) -> None:
    shown = installed("--home", str(home), "plan", "show")
    assert (shown.returncode, shown.stdout, shown.stderr) == (0, set_up("plan", "show").stdout, "")
    mistake = installed("--home", str(home), "log", "--mood", "11")
    assert mistake.returncode == 1
    assert mistake.stderr == "error: mood must be a number from 1 to 10, got '11'\n"
    assert installed("--home", str(home), "nope").returncode == 2
    (home / "plan.toml").write_text("reasons = [\n")
    assert installed("--home", str(home), "plan", "show").returncode == DATA_ERROR


def test_what_the_installed_command_writes_is_on_disk_when_it_ends(set_up: Run, home: Path) -> None:
    for argv in (("log", "--mood", "6", "--note", "steady"), ("craving", "--intensity", "5")):
        assert installed("--home", str(home), *argv).returncode == 0
    assert '"note": "steady"' in (home / "checkins.jsonl").read_text()
    assert '"intensity": 5' in (home / "cravings.jsonl").read_text()
    listed = set_up("log", "list", "--json")
    assert [entry["mood"] for entry in json.loads(listed.stdout)] == [6]


@pytest.mark.parametrize("argv", [["backup"], ["log", "list", "--json", "--since", "2026-01-01"]])
def test_a_reader_that_stops_early_ends_the_installed_command_quietly(
    set_up: Run, home: Path, store: Store, argv: list[str]
) -> None:
    """Output larger than a pipe holds, read for ten bytes (`recovery backup | head`): no
    error, and the run counts as a success."""
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(200)]
    with store.transaction():
        save_checkins(store, [CheckIn(day, mood=5, note="x" * 500) for day in days])
    with subprocess.Popen(
        [*INSTALLED, "--home", str(home), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        assert process.wait() == 0
        assert process.stderr.read() == b""
