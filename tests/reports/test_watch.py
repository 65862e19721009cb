"""The things to watch, each rule at its edges on small hand-made data."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from recovery_cli.log.insights import last_run
from recovery_cli.log.logbook import CheckIn, Craving
from recovery_cli.meetings.meetings import Attendance, Meeting
from recovery_cli.plan.plan import Contact
from recovery_cli.reports.watch import (
    cravings_rising,
    low_mood,
    no_checkin,
    no_meetings,
    scheduled_days,
    short_sleep,
    things_to_watch,
    use_recorded,
    who_to_call,
)
from tests.conftest import Run

TODAY = date(2026, 3, 20)  # a Friday


def day(offset: int) -> date:
    """`offset` days before TODAY."""
    return TODAY - timedelta(days=offset)


def week(offsets: range, **values: float) -> list[CheckIn]:
    return [CheckIn(day=day(o), **values) for o in offsets]  # type: ignore[arg-type]


class TestNoCheckin:
    def test_two_whole_days_missed_is_not_yet_a_sign(self) -> None:
        assert no_checkin(last_run([day(3)], TODAY), TODAY) is None

    def test_three_whole_days_missed_is(self) -> None:
        found = no_checkin(last_run([day(10), day(4)], TODAY), TODAY)
        assert found is not None
        assert found.kind == "no_checkin"
        assert found.dates == (day(3), day(2), day(1))
        assert (found.since, found.until) == (day(3), day(1))
        assert found.message == "No check-in for 3 days; the last one was on Mon 16 Mar."

    def test_today_still_open_is_not_counted(self) -> None:
        assert no_checkin(last_run([day(0)], TODAY), TODAY) is None
        assert no_checkin(last_run([day(1)], TODAY), TODAY) is None

    def test_nothing_before_the_first_check_in(self) -> None:
        assert no_checkin(last_run([], TODAY), TODAY) is None

    def test_a_check_in_after_the_day_judged_is_ignored(self) -> None:
        assert no_checkin(last_run([day(5), day(-1)], TODAY), TODAY) is not None


class TestCravingsRising:
    def test_a_rise_of_exactly_two_is_a_sign(self) -> None:
        data = week(range(7, 14), craving=3) + week(range(7), craving=5)
        found = cravings_rising(data, TODAY)
        assert found is not None
        assert found.message == (
            "Cravings have been stronger: 5.0 out of 10 on average over the last 7 days, "
            "up from 3.0 the week before."
        )
        assert (found.since, found.until) == (day(13), TODAY)
        assert len(found.dates) == 14

    def test_a_rise_just_under_two_is_not(self) -> None:
        earlier = week(range(7, 14), craving=3)
        recent = [*week(range(1, 7), craving=5), CheckIn(day=TODAY, craving=4)]  # mean 4.857
        assert cravings_rising(earlier + recent, TODAY) is None

    def test_no_earlier_week_means_no_comparison(self) -> None:
        assert cravings_rising(week(range(7), craving=9), TODAY) is None

    def test_the_fourteenth_day_back_is_the_earliest_counted(self) -> None:
        data = [CheckIn(day=day(14), craving=0), CheckIn(day=day(13), craving=2)]
        data += week(range(7), craving=4)
        assert cravings_rising(data, TODAY) is not None


class TestLowMood:
    def test_an_average_of_four_is_low(self) -> None:
        found = low_mood(week(range(3), mood=4), TODAY)
        assert found is not None
        assert found.dates == (day(2), day(1), day(0))
        assert found.message == (
            "Mood has been low: 4.0 out of 10 on average over 3 check-ins in the last 7 days."
        )

    def test_one_check_in_is_named_as_one_not_as_an_average(self) -> None:
        found = low_mood([CheckIn(day=day(1), mood=2)], TODAY)
        assert found is not None
        assert (
            found.message
            == "Mood has been low: 2.0 out of 10 at the one check-in of the last 7 days."
        )

    def test_just_above_four_is_not(self) -> None:
        data = [*week(range(2), mood=4), CheckIn(day=day(2), mood=5)]
        assert low_mood(data, TODAY) is None

    def test_a_low_day_eight_days_back_is_outside_the_week(self) -> None:
        data = [CheckIn(day=day(7), mood=1), CheckIn(day=day(1), mood=6)]
        assert low_mood(data, TODAY) is None

    def test_no_moods_no_sign(self) -> None:
        assert low_mood(week(range(7), craving=2), TODAY) is None


class TestShortSleep:
    def test_under_six_hours_on_average(self) -> None:
        found = short_sleep(week(range(2), sleep=5.5) + week(range(2, 4), sleep=6), TODAY)
        assert found is not None
        assert found.message == (
            "Sleep has been short: 5.8 hours a night on average over 4 check-ins "
            "in the last 7 days."
        )

    def test_one_hour_is_said_as_one_hour(self) -> None:
        found = short_sleep([CheckIn(day=day(0), sleep=1)], TODAY)
        assert found is not None
        assert found.message == (
            "Sleep has been short: 1 hour a night at the one check-in of the last 7 days."
        )

    def test_six_hours_exactly_is_enough(self) -> None:
        assert short_sleep(week(range(7), sleep=6), TODAY) is None

    def test_no_sleep_recorded_no_sign(self) -> None:
        assert short_sleep(week(range(7), mood=5), TODAY) is None


class TestNoMeetings:
    def test_scheduled_and_none_attended(self) -> None:
        found = no_meetings([day(14)], [day(10), day(3)], TODAY)
        assert found is not None
        assert found.dates == (day(10), day(3))
        assert (
            found.message
            == "No meeting attended in the last 14 days, while 2 were on the schedule."
        )

    def test_one_attended_on_the_thirteenth_day_back_is_enough(self) -> None:
        assert no_meetings([day(13)], [day(10)], TODAY) is None

    def test_nothing_scheduled_no_sign(self) -> None:
        assert no_meetings([], [], TODAY) is None

    def test_scheduled_days_come_from_the_rule_in_the_persons_zone(self) -> None:
        tuesdays = Meeting(
            "Tuesday Night", "NA", "FREQ=WEEKLY;BYDAY=TU", date(2026, 1, 6), time(19, 0),
            "America/New_York",
        )  # fmt: skip
        now = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
        assert scheduled_days([tuesdays], now, "America/New_York") == [
            date(2026, 3, 10),
            date(2026, 3, 17),
        ]
        assert scheduled_days([tuesdays], now, "Asia/Tokyo") == [
            date(2026, 3, 11),
            date(2026, 3, 18),
        ]


class TestUse:
    def test_use_in_a_check_in_or_a_craving(self) -> None:
        at = datetime(2026, 3, 18, 22, 0, tzinfo=UTC)
        found = use_recorded(
            [CheckIn(day=day(5), used=True), CheckIn(day=day(4))],
            [Craving(at=at, intensity=8, used=True)],
            day(13),
            TODAY,
        )
        assert found is not None
        assert found.dates == (day(5), day(2))
        assert found.message.startswith("Use was recorded on Sun 15 Mar, Wed 18 Mar.")
        assert "something to learn from" in found.message

    def test_use_before_the_window_is_not_shown(self) -> None:
        assert use_recorded([CheckIn(day=day(14), used=True)], [], day(13), TODAY) is None

    def test_no_use_no_sign(self) -> None:
        assert use_recorded(week(range(7), mood=5), [], day(13), TODAY) is None


def test_all_rules_together_in_order() -> None:
    checkins = [
        *week(range(7, 14), craving=1, mood=3),
        CheckIn(day=day(4), craving=6, mood=2, sleep=4, used=True),
    ]
    found = things_to_watch(
        TODAY,
        last_run((c.day for c in checkins), TODAY),
        checkins,
        attended=[Attendance("Tuesday Night", day(20))],
        scheduled=[day(6)],
    )
    assert [w.kind for w in found] == [
        "no_checkin",
        "cravings_rising",
        "low_mood",
        "short_sleep",
        "no_meetings",
        "use",
    ]


def test_a_calm_fortnight_has_nothing_to_watch() -> None:
    checkins = week(range(14), mood=7, craving=2, sleep=7.5)
    assert things_to_watch(TODAY, last_run((c.day for c in checkins), TODAY), checkins) == []


def test_the_nudge_names_someone_with_a_phone() -> None:
    now = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
    contacts = [Contact("Email only", email="a@example.org"), Contact("Jo", phone="555 0100")]
    found = who_to_call(contacts, now)
    assert found is not None
    assert found.name == "Jo"
    assert who_to_call([Contact("Email only")], now) is None


def test_the_dashboard_shows_things_to_watch_with_a_call(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 3, 20))
    assert set_up("contacts", "add", "Jo [sponsor]", "--phone", "+1 555 0100").exit_code == 0
    for offset in range(4, 8):
        logged = set_up("log", "--date", day(offset).isoformat(), "--mood", "3", "--craving", "2")
        assert logged.exit_code == 0, logged.output
    output = set_up().stdout
    assert "Worth keeping an eye on:" in output
    assert "No check-in for 3 days; the last one was on Mon 16 Mar." in output
    assert "Mood has been low: 3.0 out of 10" in output
    assert "A call can help: Jo [sponsor], on +1 555 0100." in output
    status = json.loads(set_up("status", "--json").stdout)
    assert [w["kind"] for w in status["watch"]] == ["no_checkin", "low_mood"]
    assert status["watch"][0]["dates"] == ["2026-03-17", "2026-03-18", "2026-03-19"]


def test_the_dashboard_is_quiet_when_there_is_nothing_to_watch(set_up: Run) -> None:
    assert "Worth keeping an eye on" not in set_up().stdout
    assert json.loads(set_up("status", "--json").stdout)["watch"] == []


def test_without_a_number_to_call_the_nudge_points_to_the_helplines(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 3, 20))
    assert set_up("log", "--date", day(1).isoformat(), "--used").exit_code == 0
    output = set_up().stdout
    assert "Use was recorded on Thu 19 Mar." in output
    assert "A call to someone you trust can help; recovery plan show has your helplines." in output
