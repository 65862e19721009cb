"""The summary's numbers on a small period worked out by hand, and the period's edges."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from recovery_cli.errors import RecoveryError
from recovery_cli.logbook import CheckIn, Craving
from recovery_cli.profile import Profile
from recovery_cli.summary import Period, Summary, build_summary, period_of

SAM = Profile(name="Sam", clean_date=date(2025, 8, 14))
PERIOD = Period(date(2026, 11, 10), date(2026, 11, 13))
MADE = date(2026, 11, 14)


def checkins() -> list[CheckIn]:
    return [
        CheckIn(date(2026, 11, 9), mood=1, note="outside the period"),
        CheckIn(date(2026, 11, 10), 6, 2, 7, ["payday"], ["walk"], note="first note"),
        CheckIn(date(2026, 11, 11), 4, 6, 5, ["payday", "Stress"], used=True, note="second"),
        CheckIn(date(2026, 11, 13), 8, 1, 8),
    ]


def cravings() -> list[Craving]:
    return [
        Craving(datetime(2026, 11, 11, 20), 8, "payday", ["walk", "call Jo"], 3, note="rode it"),
        Craving(datetime(2026, 11, 13, 9), 6, "", ["shower"], 6),
        Craving(datetime(2026, 11, 14, 9), 10, "", ["walk"], 0, note="after the period"),
    ]


def summary(include_notes: bool = True) -> Summary:
    return build_summary(
        SAM,
        PERIOD,
        MADE,
        checkins(),
        cravings(),
        include_notes=include_notes,
        attended_days=[date(2026, 11, 1), date(2026, 11, 10)],
    )


def test_counts_and_averages_of_the_period() -> None:
    made = summary()
    assert made.name == "Sam"
    assert made.clean_time is not None
    assert made.clean_time.total_days == 457
    assert (made.checkins_made, made.period.days) == (3, 4)
    assert made.mood_average == pytest.approx(6.0)  # (6 + 4 + 8) / 3
    assert made.craving_average == pytest.approx(3.0)  # (2 + 6 + 1) / 3
    assert made.mood_series == [6, 4, None, 8]
    assert made.craving_series == [2, 6, None, 1]
    assert made.days_used == 1
    assert made.meetings_attended == 1


def test_halves_of_the_period_give_the_direction() -> None:
    made = summary()
    assert made.mood_trend is not None
    assert made.craving_trend is not None
    assert (made.mood_trend.previous, made.mood_trend.current) == (5.0, 8.0)
    assert made.mood_trend.direction == "rising"
    assert (made.craving_trend.previous, made.craving_trend.current) == (4.0, 1.0)
    assert made.craving_trend.direction == "falling"


def test_cravings_triggers_and_what_helped() -> None:
    made = summary()
    assert made.cravings.count == 2
    assert made.cravings.mean_intensity == pytest.approx(7.0)
    assert made.cravings.mean_drop == pytest.approx(2.5)  # (5 + 0) / 2
    assert [(t.name, t.count, t.craving_with, t.craving_without) for t in made.triggers] == [
        ("payday", 2, 4.0, 1.0),
        ("Stress", 1, 6.0, 1.5),
    ]
    # "shower" brought nothing down, so it is not listed as helping.
    assert [(e.name, e.mean_drop, e.count) for e in made.coping] == [
        ("call Jo", 5.0, 1),
        ("walk", 5.0, 1),
    ]


def test_things_to_watch_as_of_the_end_of_the_period() -> None:
    assert [(w.kind, w.dates) for w in summary().watch] == [("use", (date(2026, 11, 11),))]


def test_notes_of_check_ins_and_cravings_in_the_period() -> None:
    made = summary()
    assert [(n.day.day, n.source, n.text) for n in made.notes] == [
        (10, "check-in", "first note"),
        (11, "check-in", "second"),
        (11, "craving", "rode it"),
    ]
    assert made.days[0].note == "first note"


def test_without_notes_the_summary_holds_no_note_text() -> None:
    made = summary(include_notes=False)
    assert made.notes == ()
    assert not made.notes_included
    assert all(day.note == "" for day in made.days)
    assert not any(text in repr(made) for text in ("first note", "second", "rode it"))


def test_a_one_day_period_has_no_halves() -> None:
    day = date(2026, 11, 11)
    made = build_summary(SAM, Period(day, day), MADE, checkins(), cravings())
    assert (made.checkins_made, made.period.days) == (1, 1)
    assert made.mood_average == 4.0
    assert made.mood_trend is None
    assert made.cravings.count == 1
    assert made.meetings_attended is None  # no meetings kept


def test_an_empty_period() -> None:
    made = build_summary(SAM, Period(date(2026, 6, 1), date(2026, 6, 30)), MADE, [], [])
    assert made.checkins_made == 0
    assert made.mood_average is None
    assert made.cravings.count == 0
    assert made.cravings.mean_intensity is None
    assert made.triggers == ()
    assert made.coping == ()
    assert made.watch == ()
    assert len(made.days) == 30


def test_period_defaults_and_order() -> None:
    today = date(2026, 11, 20)
    assert period_of(None, None, today) == Period(date(2026, 10, 22), today)
    assert period_of(None, date(2026, 10, 31), today) == Period(
        date(2026, 10, 2), date(2026, 10, 31)
    )
    assert period_of(today, today, today).days == 1
    with pytest.raises(RecoveryError, match="after it ends"):
        period_of(today, date(2026, 11, 19), today)


def test_weeks_end_on_the_last_day_and_the_first_may_be_shorter() -> None:
    period = Period(date(2026, 11, 5), date(2026, 11, 13))  # 9 days: 2 + 7
    made = build_summary(SAM, period, MADE, checkins(), cravings())
    assert not made.by_week
    weeks = [(w.first.day, w.last.day, w.mood, w.craving, w.used) for w in made.weeks]
    assert weeks == [(5, 6, None, None, False), (7, 13, 4.75, 3.0, True)]  # (1+6+4+8)/4


def test_a_long_period_is_charted_week_by_week() -> None:
    assert not build_summary(SAM, Period(date(2026, 9, 14), MADE), MADE, [], []).by_week  # 62
    assert build_summary(SAM, Period(date(2026, 9, 13), MADE), MADE, [], []).by_week
