"""Shared fixtures: a temporary data folder and a way to run `recovery` against it."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from recovery_cli.cli import app
from recovery_cli.store.files import Store

Run = Callable[..., Result]

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
FEEDS = ROOT / "tests" / "fixtures" / "meetings"

# CI runs the same property-test examples every time, so that a submission's result does
# not depend on chance; a developer's runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(home: Path) -> Store:
    return Store(home)


@pytest.fixture(autouse=True)
def _no_ambient_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Keep every test away from the real data folder, the real unlocked session, a
    passphrase file named outside, and colour codes."""
    monkeypatch.delenv("RECOVERY_HOME", raising=False)
    monkeypatch.delenv("RECOVERY_PASSPHRASE_FILE", raising=False)
    runtime = tmp_path_factory.mktemp("runtime")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")


PASSPHRASE = "correct horse battery"


@pytest.fixture
def phrase_file(tmp_path: Path) -> Path:
    """A file holding the passphrase the privacy tests lock their stores with."""
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def run(home: Path) -> Run:
    """Run `recovery --home <tmp> ARGS...`; keyword `input` feeds standard input."""

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(app, ["--home", str(home), *args], input=input)

    return invoke


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set the date the commands believe it is (the clock module is the only one asked)."""
    from datetime import datetime, time

    from recovery_cli.store import clock

    def freeze(day: date, at: time = time(12, 0)) -> None:
        def fixed_now(timezone: str | None = None) -> datetime:
            tz = clock.zone(timezone)
            return datetime.combine(day, at, tz) if tz else datetime.combine(day, at).astimezone()

        monkeypatch.setattr(clock, "now", fixed_now)

    return freeze


@pytest.fixture
def set_up(run: Run) -> Run:
    """A store after `recovery init` for Sam, clean since 14 August 2025, in the US."""
    result = run(
        "init",
        "--name",
        "Sam",
        "--clean-date",
        "2025-08-14",
        "--region",
        "US",
        "--timezone",
        "America/New_York",
        "--yes",
    )
    assert result.exit_code == 0, result.output
    return run
