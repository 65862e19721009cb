"""The launcher: plain `plan show` runs without Typer, everything else goes to Typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from recovery_cli import launch
from recovery_cli.exits import DATA_ERROR
from recovery_cli.launch import PlanShow, plan_show_request
from tests.conftest import Run


@pytest.mark.parametrize(
    ("argv", "request_"),
    [
        (["plan", "show"], PlanShow()),
        (["--home", "d", "plan", "show"], PlanShow(home=Path("d"))),
        (["--home=d", "--debug", "plan", "show", "--json"], PlanShow(Path("d"), True, None, True)),
        (["plan", "show", "--trigger", "pay day"], PlanShow(trigger="pay day")),
        (["plan", "show", "--trigger=x", "--json"], PlanShow(trigger="x", as_json=True)),
    ],
)
def test_plain_plan_show_is_recognised(argv: list[str], request_: PlanShow) -> None:
    assert plan_show_request(argv) == request_


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["status"],
        ["plan"],
        ["plan", "add", "reason", "x"],
        ["plan", "show", "--help"],
        ["--help", "plan", "show"],
        ["--version"],
        ["plan", "show", "--trigger"],
        ["plan", "show", "--json=yes"],
        ["plan", "show", "extra"],
        ["--home", "plan", "show"],
        ["--home"],
        ["plan", "show", "--tri", "x"],
    ],
)
def test_everything_else_goes_to_typer(argv: list[str]) -> None:
    assert plan_show_request(argv) is None


def test_a_file_given_as_home_goes_to_typer_to_be_explained(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("")
    assert plan_show_request(["--home", str(a_file), "plan", "show"]) is None


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
def test_both_ways_in_show_the_same(
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


def test_failures_are_one_line_on_both_ways_in(
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
    with pytest.raises(KeyError):
        launched(["--home", str(home), "--debug", "plan", "show"], monkeypatch, capsys)


def test_plan_show_loads_neither_typer_nor_pydantic(set_up: Run, home: Path) -> None:
    """What keeps `plan show` quick: the launcher never imports the command-line framework."""
    check = (
        "import sys; from recovery_cli import launch; launch.main(); "
        "loaded = [m for m in ('typer', 'pydantic', 'click') if m in sys.modules]; "
        "sys.exit(f'loaded {loaded}' if loaded else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", check, "--home", str(home), "plan", "show"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "911" in done.stdout
