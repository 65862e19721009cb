"""The dashboard brings the pieces together: clean time, check-ins and meetings."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, time

from tests.conftest import Run


def test_next_meeting_and_attendance_on_the_dashboard(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 11, 24), time(17, 30))  # a Tuesday, New York time
    added = set_up(
        "meetings", "add", "Tuesday Night [NA]", "--fellowship", "NA", "--day", "tue",
        "--time", "19:00", "--where", "St Mark's Hall",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert set_up("meetings", "attend", "tuesday night [na]", "--date", "2026-11-17").exit_code == 0
    output = set_up().stdout
    assert (
        "Next meeting: Tuesday Night [NA] (NA), Today at 19:00 (in 1 h), St Mark's Hall." in output
    )
    assert "Meetings: 1 meeting in the last 30 days, 1 in the last 90." in output
    status = json.loads(set_up("status", "--json").stdout)
    assert status["next_meeting"]["name"] == "Tuesday Night [NA]"
    assert status["next_meeting"]["start"] == "2026-11-24T19:00:00-05:00"
    assert status["meetings_attended"]["last_30_days"] == 1


def test_no_meeting_lines_without_meetings(set_up: Run) -> None:
    output = set_up().stdout
    assert "Next meeting" not in output
    assert "Meetings:" not in output
    assert json.loads(set_up("status", "--json").stdout)["next_meeting"] is None


def test_day_one_is_one_day(run: Run, frozen_today: Callable[..., None]) -> None:
    frozen_today(date(2026, 11, 22))
    run("init", "--name", "Sam", "--clean-date", "yesterday", "--yes")
    assert "Clean time: 1 day since 21 November 2026 (1 day)." in run().stdout
