"""The benchmark generator writes data the core reads back whole."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate
from recovery_cli.log.logbook import load_checkins, load_cravings
from recovery_cli.meetings.meetings import load_attendance, load_meetings
from recovery_cli.plan.plan import load_plan
from recovery_cli.store.files import Store
from recovery_cli.store.profile import load_profile


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
