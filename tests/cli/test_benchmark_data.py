"""The benchmark generator writes data the core reads back whole, and every command accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from recovery_cli.log.logbook import load_checkins, load_cravings
from recovery_cli.meetings.meetings import load_attendance, load_meetings
from recovery_cli.plan.plan import load_plan
from recovery_cli.store.files import Store
from recovery_cli.store.profile import load_profile
from tests.conftest import Run


def test_one_year_of_synthetic_data_reads_back(tmp_path: Path) -> None:
    generate(tmp_path, years=1, cravings_per_day=2)
    store = Store(tmp_path)
    profile = load_profile(store)
    assert profile is not None
    assert profile.name == "Sam"
    assert len(load_checkins(store)) == 365
    assert len(load_cravings(store)) == 730
    assert len(load_plan(store).coping) == 6
    assert len(load_meetings(store).meetings) == 3
    assert len(load_attendance(store)) in (104, 105, 106)


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("status", "--json"),
        ("log", "--mood", "6", "--craving", "3", "--sleep", "7", "--trigger", "stress"),
        ("log", "list"),
        ("craving", "--intensity", "6"),
        ("craving", "--intensity", "6", "--after", "2", "--coped", "walk"),
        ("craving", "list"),
        ("plan", "show"),
        ("plan", "show", "--trigger", "payday", "--json"),
        ("coping", "list"),
        ("triggers", "list"),
        ("contacts", "list"),
        ("meetings",),
        ("meetings", "--json"),
        ("summary",),
        ("export", "--format", "html"),
        ("backup",),
    ],
)
def test_every_command_runs_on_generated_data(run: Run, home: Path, args: tuple[str, ...]) -> None:
    generate(home, years=1, cravings_per_day=2)
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stdout.strip()
