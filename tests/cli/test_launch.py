"""The entry point: every run goes through the Typer app, `plan show` included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from recovery_cli import launch
from recovery_cli.exits import DATA_ERROR
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
