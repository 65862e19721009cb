"""The insights on small data sets whose answers were worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from recovery_cli.log.insights import (
    CopingEffect,
    averages,
    checkin_on,
    coping_effectiveness,
    daily_series,
    days_used,
    streak,
    trend,
    trigger_stats,
)
from recovery_cli.log.logbook import CheckIn, Craving

TODAY = date(2026, 3, 20)


def day(offset: int) -> date:
    """`offset` days before TODAY."""
    return TODAY - timedelta(days=offset)


def checkins_on(*offsets: int) -> list[CheckIn]:
    return [CheckIn(day=day(o), mood=5) for o in offsets]


def craving(intensity: int, after: int | None, *coped: str, used: bool = False) -> Craving:
    at = datetime(2026, 3, 19, 21, 0, tzinfo=UTC)
    return Craving(at=at, intensity=intensity, after=after, coped=list(coped), used=used)


class TestStreak:
    def test_no_checkins_is_zero(self) -> None:
        assert streak([], TODAY) == 0

    def test_a_single_day_today_is_one(self) -> None:
        assert streak(checkins_on(0), TODAY) == 1

    def test_a_single_day_yesterday_is_one(self) -> None:
        assert streak(checkins_on(1), TODAY) == 1

    def test_today_not_yet_logged_keeps_the_run_up_to_yesterday(self) -> None:
        assert streak(checkins_on(1, 2, 3), TODAY) == 3

    def test_today_logged_counts_today(self) -> None:
        assert streak(checkins_on(0, 1, 2, 3), TODAY) == 4

    def test_a_gap_ends_the_streak(self) -> None:
        assert streak(checkins_on(0, 1, 3, 4, 5), TODAY) == 2

    def test_two_days_without_a_checkin_is_zero(self) -> None:
        assert streak(checkins_on(2, 3, 4), TODAY) == 0

    def test_order_does_not_matter(self) -> None:
        assert streak(checkins_on(2, 0, 1), TODAY) == 3


class TestAveragesAndTrend:
    # Mood over the last 7 days (offsets 0-6): 6, 7, 8 and three days without a mood;
    # the 7 days before (offsets 7-13): 3, 4, 5. Craving: 2, 2, 5 against 6, 6, 6.
    DATA = (
        CheckIn(day(0), mood=6, craving=2),
        CheckIn(day(2), mood=7, craving=2),
        CheckIn(day(6), mood=8, craving=5),
        CheckIn(day(4), mood=None, craving=None, note="only a note"),
        CheckIn(day(7), mood=3, craving=6),
        CheckIn(day(10), mood=4, craving=6),
        CheckIn(day(13), mood=5, craving=6),
        CheckIn(day(14), mood=1, craving=10),
    )

    def test_seven_day_averages_skip_missing_values(self) -> None:
        result = averages(list(self.DATA), TODAY, 7)
        assert result.mood == pytest.approx(7.0)
        assert result.craving == pytest.approx(3.0)
        assert result.checkins == 4

    def test_thirty_day_averages_take_everything(self) -> None:
        result = averages(list(self.DATA), TODAY, 30)
        assert result.mood == pytest.approx(34 / 7)
        assert result.craving == pytest.approx(37 / 7)

    def test_no_checkins_average_to_none(self) -> None:
        result = averages([], TODAY, 7)
        assert (result.mood, result.craving, result.checkins) == (None, None, 0)

    def test_mood_rising_and_craving_falling(self) -> None:
        mood = trend(list(self.DATA), TODAY, 7, "mood")
        assert (mood.current, mood.previous) == (pytest.approx(7.0), pytest.approx(4.0))
        assert mood.change == pytest.approx(3.0)
        assert mood.direction == "rising"
        craving_trend = trend(list(self.DATA), TODAY, 7, "craving")
        assert craving_trend.change == pytest.approx(-3.0)
        assert craving_trend.direction == "falling"

    def test_a_small_change_is_steady(self) -> None:
        # 5.5 now against (5 + 5 + 6) / 3 before: a sixth of a point.
        data = [CheckIn(day(o), mood=m) for o, m in ((0, 5), (1, 6), (8, 5), (9, 5), (10, 6))]
        assert trend(data, TODAY, 7, "mood").direction == "steady"

    def test_without_an_earlier_period_the_direction_is_unknown(self) -> None:
        result = trend([CheckIn(day(0), mood=5)], TODAY, 7, "mood")
        assert result.change is None
        assert result.direction == "unknown"

    def test_daily_series_is_oldest_first_with_gaps(self) -> None:
        assert daily_series(list(self.DATA), TODAY, 7, "mood") == [8, None, None, None, 7, None, 6]

    def test_checkin_on_finds_the_day(self) -> None:
        assert checkin_on(self.DATA, day(2)) == self.DATA[1]
        assert checkin_on(self.DATA, day(1)) is None


def test_days_used_counts_distinct_days_in_range() -> None:
    checkins = [
        CheckIn(day(0), used=True),
        CheckIn(day(1)),
        CheckIn(day(40), used=True),
    ]
    cravings = [craving(8, None, used=True), craving(8, None, used=True)]  # both on day(1)
    assert days_used(checkins, cravings) == 3
    assert days_used(checkins, cravings, since=day(29), until=TODAY) == 2
    assert days_used(checkins) == 2


def test_trigger_stats_compare_days_with_and_without() -> None:
    checkins = [
        CheckIn(day(0), craving=8, triggers=["Stress"]),
        CheckIn(day(1), craving=6, triggers=["stress", "payday"]),
        CheckIn(day(2), craving=2),
        CheckIn(day(3), craving=4, triggers=["payday"]),
        CheckIn(day(4), craving=None, triggers=["payday"]),
    ]
    stress, payday = trigger_stats(checkins)
    # stress: with (8 + 6) / 2 = 7; without (2 + 4) / 2 = 3; difference 4.
    assert (stress.name, stress.count) == ("Stress", 2)
    assert stress.craving_with == pytest.approx(7.0)
    assert stress.craving_without == pytest.approx(3.0)
    assert stress.difference == pytest.approx(4.0)
    # payday: met three times, with (6 + 4) / 2 = 5; without (8 + 2) / 2 = 5.
    assert (payday.name, payday.count) == ("payday", 3)
    assert payday.difference == pytest.approx(0.0)


def test_trigger_never_without_has_no_difference() -> None:
    (only,) = trigger_stats([CheckIn(day(0), craving=5, triggers=["work"])])
    assert only.craving_without is None
    assert only.difference is None


def test_coping_effectiveness_ranks_by_mean_drop() -> None:
    cravings = [
        craving(8, 3, "Called sponsor", "walk"),  # drop 5
        craving(6, 2, "called sponsor"),  # drop 4
        craving(7, 6, "walk"),  # drop 1
        craving(5, 5, "shower"),  # drop 0
        craving(9, None, "shower"),  # no after: not counted
        craving(4, 1, "music"),  # drop 3
        craving(7, 4, "music"),  # drop 3
    ]
    assert coping_effectiveness(cravings) == [
        CopingEffect("Called sponsor", 4.5, 2),
        CopingEffect("music", 3.0, 2),
        CopingEffect("walk", 3.0, 2),
        CopingEffect("shower", 0.0, 1),
    ]


def test_coping_effectiveness_counts_a_strategy_once_per_craving() -> None:
    assert coping_effectiveness([craving(6, 2, "walk", "Walk ")]) == [CopingEffect("walk", 4, 1)]


def test_coping_effectiveness_of_nothing_is_empty() -> None:
    assert coping_effectiveness([craving(6, None, "walk")]) == []
