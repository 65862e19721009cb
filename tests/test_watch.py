"""Things to watch: each rule at its edges, on small hand-made data, and on the dashboard."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from recovery_cli.logbook import CheckIn, Craving
from recovery_cli.watch import (
    cravings_rising,
    low_mood,
    meetings_dropped,
    no_recent_checkin,
    short_sleep,
    things_to_watch,
    use_recorded,
)
from tests.conftest import Run

TODAY = date(2026, 11, 20)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def week(first_ago: int, **values: Any) -> list[CheckIn]:
    """Seven check-ins, from `first_ago` days ago to `first_ago - 6`, with the same values."""
    return [CheckIn(day=ago(n), **values) for n in range(first_ago, first_ago - 7, -1)]


def test_no_checkin_for_two_days_is_not_yet_a_sign() -> None:
    assert no_recent_checkin([ago(2)], TODAY) is None
    assert no_recent_checkin([ago(0)], TODAY) is None


def test_no_checkin_for_three_days_names_the_days_without() -> None:
    watch = no_recent_checkin([ago(10), ago(3)], TODAY)
    assert watch is not None
    assert watch.kind == "no_checkin"
    assert watch.dates == (ago(2), ago(1), ago(0))
    assert "3 days since the last check-in (Tue 17 Nov)" in watch.message


def test_no_checkin_rule_needs_some_checkin_to_count_from() -> None:
    assert no_recent_checkin([], TODAY) is None
    assert no_recent_checkin([ago(-1)], TODAY) is None


def test_cravings_up_by_exactly_two_is_a_sign() -> None:
    checkins = week(13, craving=3) + week(6, craving=5)
    watch = cravings_rising(checkins, TODAY)
    assert watch is not None
    assert watch.kind == "cravings_rising"
    assert "5.0 on average over the last 7 days, up from 3.0" in watch.message
    assert watch.dates == tuple(ago(n) for n in range(13, -1, -1))


def test_cravings_up_by_less_than_two_is_not() -> None:
    # 3.0 before; 6 x 5 + 4 = 34 / 7 = 4.86 now: a rise of 1.86.
    checkins = week(13, craving=3) + week(6, craving=5)
    checkins[-1] = CheckIn(day=TODAY, craving=4)
    assert cravings_rising(checkins, TODAY) is None


def test_cravings_rise_needs_both_weeks() -> None:
    assert cravings_rising(week(6, craving=9), TODAY) is None
    assert cravings_rising(week(13, craving=1) + week(6, craving=None), TODAY) is None


def test_falling_cravings_are_not_a_sign() -> None:
    assert cravings_rising(week(13, craving=8) + week(6, craving=2), TODAY) is None


def test_mood_average_of_four_is_low_and_just_above_is_not() -> None:
    watch = low_mood(week(6, mood=4), TODAY)
    assert watch is not None
    assert watch.kind == "low_mood"
    assert "4.0 out of 10" in watch.message
    assert len(watch.dates) == 7
    above = week(6, mood=4)
    above[0] = CheckIn(day=ago(6), mood=5)  # 29 / 7 = 4.14
    assert low_mood(above, TODAY) is None


def test_low_mood_looks_only_at_the_last_seven_days() -> None:
    assert low_mood(week(13, mood=2) + week(6, mood=7), TODAY) is None
    assert low_mood([CheckIn(day=ago(7), mood=1)], TODAY) is None


def test_sleep_just_under_six_hours_is_short_and_six_is_not() -> None:
    assert short_sleep(week(6, sleep=6), TODAY) is None
    under = week(6, sleep=6)
    under[3] = CheckIn(day=ago(3), sleep=5.5)
    watch = short_sleep(under, TODAY)
    assert watch is not None
    assert watch.kind == "short_sleep"
    assert "5.9 hours a night" in watch.message


def test_sleep_rule_ignores_days_without_sleep() -> None:
    assert short_sleep([CheckIn(day=TODAY, mood=5)], TODAY) is None
    watch = short_sleep([CheckIn(day=TODAY, sleep=4), CheckIn(day=ago(1))], TODAY)
    assert watch is not None
    assert watch.dates == (TODAY,)


def test_meetings_dropped_at_fourteen_days() -> None:
    scheduled = [ago(12), ago(5)]
    assert meetings_dropped(scheduled, [ago(13)], TODAY) is None
    watch = meetings_dropped(scheduled, [ago(14)], TODAY)
    assert watch is not None
    assert watch.kind == "meetings_dropped"
    assert watch.dates == (ago(12), ago(5))
    assert "on 2 days" in watch.message


def test_no_meetings_scheduled_means_no_sign() -> None:
    assert meetings_dropped([], [], TODAY) is None
    assert meetings_dropped([ago(14), ago(30)], [], TODAY) is None


def test_any_use_is_named_with_its_days() -> None:
    assert use_recorded([]) is None
    watch = use_recorded([ago(2), ago(2), ago(5)])
    assert watch is not None
    assert watch.kind == "use"
    assert watch.dates == (ago(5), ago(2))
    assert "2 days (Sun 15 Nov, Wed 18 Nov)" in watch.message
    assert "something to learn from" in watch.message


def test_things_to_watch_finds_use_in_cravings_within_the_period_only() -> None:
    checkins = [CheckIn(day=ago(n), mood=7, craving=2, sleep=8) for n in range(14)]
    lapse = Craving(at=datetime(2026, 11, 18, 21, 0), intensity=9, used=True)
    older = Craving(at=datetime(2026, 11, 1, 21, 0), intensity=9, used=True)
    found = things_to_watch(checkins, TODAY, ago(6), cravings=[lapse, older])
    assert [(w.kind, w.dates) for w in found] == [("use", (ago(2),))]


def test_a_calm_fortnight_has_nothing_to_watch() -> None:
    checkins = [CheckIn(day=ago(n), mood=7, craving=2, sleep=8) for n in range(14)]
    assert things_to_watch(checkins, TODAY, ago(13)) == []


def test_dashboard_shows_things_to_watch_and_someone_to_call(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(TODAY)
    assert set_up("contacts", "add", "Jo [sponsor]", "--phone", "555 0100").exit_code == 0
    for n in range(3, 10):
        result = set_up("log", "--date", ago(n).isoformat(), "--mood", "3", "--craving", "2")
        assert result.exit_code == 0, result.output
    output = set_up().stdout
    assert "Worth keeping an eye on:" in output
    assert "It has been 3 days since the last check-in (Tue 17 Nov)." in output
    assert "Mood has been low: 3.0 out of 10" in output
    assert "talk it over with Jo [sponsor] (555 0100)" in output
    status = json.loads(set_up("status", "--json").stdout)
    assert [w["kind"] for w in status["things_to_watch"]] == ["no_checkin", "low_mood"]


def test_dashboard_without_signs_or_contacts(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(TODAY)
    assert set_up("log", "--mood", "7", "--craving", "1").exit_code == 0
    assert "keeping an eye" not in set_up().stdout
    assert set_up("log", "--date", ago(4).isoformat(), "--mood", "2", "--used").exit_code == 0
    output = set_up().stdout
    assert "Use was recorded on 1 day (Mon 16 Nov)." in output
    assert "someone you trust" in output


def test_use_recorded_with_a_craving_shows_on_the_dashboard(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(TODAY)
    assert set_up("log", "--mood", "7", "--craving", "1").exit_code == 0
    old = set_up("craving", "--intensity", "8", "--used", "--at", "2026-11-01 21:00")
    assert old.exit_code == 0, old.output
    assert "keeping an eye" not in set_up().stdout  # more than two weeks ago
    recent = set_up("craving", "--intensity", "8", "--used", "--at", "yesterday 21:00")
    assert recent.exit_code == 0, recent.output
    assert "Use was recorded on 1 day (Thu 19 Nov)." in set_up().stdout
