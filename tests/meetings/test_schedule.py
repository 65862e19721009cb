"""Occurrences: weekly, fortnightly, monthly n-th weekday, one-off, raw rules, DST and zones."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_cli.meetings.meetings import Meeting
from recovery_cli.meetings.rules import RuleSet, _plain, check_rule
from recovery_cli.meetings.schedule import (
    build_rule,
    describe_rule,
    first_start,
    next_occurrence,
    nth_weekday_code,
    occurrences,
    one_off_rule,
    parse_day,
    parse_days,
    upcoming,
)
from recovery_cli.store.errors import InvalidValue

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


def meeting(
    rule: str, starts: date, at: time = time(19), zone: str = "America/New_York"
) -> Meeting:
    return Meeting("M", "NA", rule, starts, at, zone)


def starts_between(m: Meeting, first: date, last: date) -> list[datetime]:
    tz = ZoneInfo(m.timezone)
    after = datetime.combine(first, time(0), tz)
    before = datetime.combine(last, time(23, 59), tz)
    return [occ.start for occ in occurrences(m, after, before)]


@pytest.mark.parametrize(
    ("text", "day"), [("mon", 0), ("Tue", 1), ("tues", 1), ("Wednesday", 2), ("su", 6)]
)
def test_day_names(text: str, day: int) -> None:
    assert parse_day(text) == day


def test_unknown_day_is_explained() -> None:
    with pytest.raises(InvalidValue, match="day of the week"):
        parse_day("t")
    assert parse_days(["mon,thu", "mon"]) == [0, 3]


def test_weekly_on_tuesday_starts_on_the_first_tuesday() -> None:
    rule, first = build_rule([1], "week", date(2026, 11, 23))  # a Monday
    assert (rule, first) == ("FREQ=WEEKLY;BYDAY=TU", date(2026, 11, 24))
    found = starts_between(meeting(rule, first), date(2026, 11, 1), date(2026, 12, 31))
    assert [s.date() for s in found] == [date(2026, 11, 24) + timedelta(weeks=n) for n in range(6)]
    assert all(s.hour == 19 and s.weekday() == 1 for s in found)


def test_fortnightly_skips_every_other_week() -> None:
    rule, first = build_rule([3], "2weeks", date(2026, 1, 1))
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    found = starts_between(meeting(rule, first), date(2026, 1, 1), date(2026, 2, 28))
    assert [s.date() for s in found] == [
        date(2026, 1, 1) + timedelta(weeks=2 * n) for n in range(5)
    ]


def test_monthly_keeps_the_same_nth_weekday() -> None:
    rule, first = build_rule([1], "month", date(2026, 9, 1))  # the first Tuesday of September
    assert (rule, first) == ("FREQ=MONTHLY;BYDAY=1TU", date(2026, 9, 1))
    found = starts_between(meeting(rule, first), date(2026, 9, 1), date(2026, 12, 31))
    assert [s.date() for s in found] == [
        date(2026, 9, 1),
        date(2026, 10, 6),
        date(2026, 11, 3),
        date(2026, 12, 1),
    ]


def test_a_fifth_weekday_becomes_the_last_one() -> None:
    assert nth_weekday_code(date(2026, 9, 29)) == "-1TU"
    assert nth_weekday_code(date(2026, 9, 15)) == "3TU"


def test_monthly_needs_a_single_day() -> None:
    with pytest.raises(InvalidValue, match="single --day"):
        build_rule([0, 1], "month", date(2026, 9, 1))


def test_one_off_happens_once() -> None:
    m = meeting(one_off_rule(), date(2026, 12, 5), time(10, 30))
    assert starts_between(m, date(2026, 1, 1), date(2027, 12, 31)) == [
        datetime(2026, 12, 5, 10, 30, tzinfo=NY)
    ]
    assert describe_rule(m) == "once, on Sat 05 Dec 2026"


def test_raw_rrule_last_friday_until_a_date() -> None:
    m = meeting("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231", date(2026, 10, 1))
    found = starts_between(m, date(2026, 1, 1), date(2027, 12, 31))
    assert [s.date() for s in found] == [date(2026, 10, 30), date(2026, 11, 27), date(2026, 12, 25)]
    assert describe_rule(m) == m.rrule


def test_new_york_meeting_stays_at_19_across_both_dst_changes() -> None:
    m = meeting("FREQ=WEEKLY;BYDAY=TU", date(2026, 3, 3))
    spring = starts_between(m, date(2026, 3, 1), date(2026, 3, 15))
    assert [(s.hour, s.utcoffset()) for s in spring] == [
        (19, timedelta(hours=-5)),
        (19, timedelta(hours=-4)),
    ]
    autumn = starts_between(m, date(2026, 10, 27), date(2026, 11, 4))
    assert [(s.hour, s.utcoffset()) for s in autumn] == [
        (19, timedelta(hours=-4)),
        (19, timedelta(hours=-5)),
    ]


def test_london_meeting_stays_at_1930_across_the_clocks_going_back() -> None:
    m = meeting("FREQ=WEEKLY;BYDAY=SU", date(2026, 10, 18), time(19, 30), "Europe/London")
    found = starts_between(m, date(2026, 10, 18), date(2026, 11, 1))
    assert [s.strftime("%d %H:%M %Z") for s in found] == [
        "18 19:30 BST",
        "25 19:30 GMT",
        "01 19:30 GMT",
    ]


def test_a_meeting_in_a_skipped_hour_moves_to_the_real_time() -> None:
    m = meeting("FREQ=WEEKLY;BYDAY=SU", date(2026, 3, 1), time(2, 30))
    found = starts_between(m, date(2026, 3, 8), date(2026, 3, 8))
    assert [s.strftime("%H:%M %Z") for s in found] == ["03:30 EDT"]


def test_another_zone_is_shown_in_the_persons_zone() -> None:
    london = meeting("FREQ=WEEKLY;BYDAY=TU", date(2026, 3, 3), time(19), "Europe/London")
    now = datetime(2026, 3, 2, 9, 0, tzinfo=NY)
    shown = upcoming([london], now, 30, "America/New_York")
    # London 19:00 is 14:00 in New York, except in the weeks between the two DST changes.
    assert [o.start.strftime("%d %H:%M") for o in shown] == [
        "03 14:00",
        "10 15:00",
        "17 15:00",
        "24 15:00",
        "31 14:00",
    ]
    assert all(o.start.tzinfo == NY for o in shown)
    assert all(o.end - o.start == timedelta(hours=1) for o in shown)


def test_upcoming_is_sorted_and_includes_the_meeting_on_now() -> None:
    early = Meeting("Early", "AA", "FREQ=DAILY", date(2026, 1, 1), time(7), "America/New_York")
    late = Meeting("Late", "NA", "FREQ=DAILY", date(2026, 1, 1), time(19), "America/New_York")
    now = datetime(2026, 5, 5, 7, 30, tzinfo=NY)
    shown = upcoming([late, early], now, 1, "America/New_York")
    assert [(o.meeting.name, o.start.day) for o in shown] == [
        ("Early", 5),
        ("Late", 5),
        ("Early", 6),
    ]


def test_next_and_first_occurrence() -> None:
    m = meeting("FREQ=WEEKLY;BYDAY=TU", date(2026, 11, 23))  # a Monday; first sitting Tuesday
    assert first_start(m) == datetime(2026, 11, 24, 19, tzinfo=NY)
    after = next_occurrence(m, datetime(2026, 11, 24, 19, 59, tzinfo=NY))
    assert after is not None
    assert after.start == datetime(2026, 11, 24, 19, tzinfo=NY)
    later = next_occurrence(m, datetime(2026, 11, 24, 20, 0, tzinfo=NY))
    assert later is not None
    assert later.start.day == 1


def test_finished_rule_has_no_next_occurrence() -> None:
    m = meeting(one_off_rule(), date(2020, 1, 1))
    assert next_occurrence(m, datetime(2026, 1, 1, tzinfo=NY)) is None


@pytest.mark.parametrize(
    ("every", "days", "text"),
    [
        ("week", [1], "every Tuesday"),
        ("week", [0, 3], "every Monday and Thursday"),
        ("2weeks", [4], "every 2 weeks on Friday"),
        ("month", [1], "the first Tuesday of each month"),
    ],
)
def test_rules_are_described_in_plain_words(every: str, days: list[int], text: str) -> None:
    rule, first = build_rule(days, every, date(2026, 9, 1))
    assert describe_rule(meeting(rule, first)) == text


def _exists(wall: datetime) -> bool:
    """True when the wall-clock time really happens in its zone (not skipped by DST)."""
    utc = ZoneInfo("UTC")
    back = wall.astimezone(utc).astimezone(wall.tzinfo)
    return back.replace(tzinfo=None) == wall.replace(tzinfo=None)


@given(
    days=st.sets(st.integers(0, 6), min_size=1, max_size=7),
    start=st.dates(date(2000, 1, 1), date(2036, 12, 31)),
    hour=st.integers(0, 23),
    zone=st.sampled_from(["America/New_York", "Europe/London", "Australia/Sydney", "UTC"]),
)
def test_weekly_sittings_fall_on_the_chosen_days_at_the_same_wall_time(
    days: set[int], start: date, hour: int, zone: str
) -> None:
    rule, first = build_rule(sorted(days), "week", start)
    m = Meeting("M", "NA", rule, first, time(hour, 15), zone)
    found = starts_between(m, start, start + timedelta(days=60))
    assert found
    assert found[0].date() == first
    for sitting in found:
        assert sitting.weekday() in days
        # A wall time skipped by a DST jump moves forward; otherwise it is kept exactly.
        assert sitting.time() == time(hour, 15) or not _exists(
            sitting.replace(hour=hour, minute=15)
        )
    assert len(found) >= 8 * len(days)


_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
Window = tuple[RuleSet, datetime, datetime]


@st.composite
def plain_rule_sets(draw: st.DrawFn) -> Window:
    """Weekly and monthly rules of the kind listed without dateutil, with their window."""
    days = draw(st.lists(st.sampled_from(_CODES), min_size=1, max_size=3, unique=True))
    parts = [f"INTERVAL={draw(st.integers(1, 4))}"] if draw(st.booleans()) else []
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(_CODES))}")
    if draw(st.booleans()):
        byday = [] if draw(st.integers(0, 5)) == 0 else ["BYDAY=" + ",".join(days)]
        rule = ";".join(["FREQ=WEEKLY", *parts, *byday])
    else:
        nths = draw(st.lists(st.sampled_from(("1", "2", "3", "4", "5", "-1", "-2")), min_size=1))
        codes = [f"{n}{draw(st.sampled_from(_CODES))}" for n in nths]
        rule = ";".join(["FREQ=MONTHLY", *parts, "BYDAY=" + ",".join(codes)])
    zone = draw(st.sampled_from(("America/New_York", "Australia/Sydney", "Europe/London")))
    starts = draw(st.dates(date(1995, 1, 1), date(2030, 12, 31)))
    at = time(draw(st.integers(0, 23)), draw(st.sampled_from((0, 30, 59))))
    if draw(st.booleans()):
        rule += f";UNTIL={draw(st.dates(starts, date(2032, 1, 1))):%Y%m%d}"
    rule = check_rule(rule, zone, starts, at)
    first = datetime.combine(starts, at)
    skipped = tuple(first + timedelta(days=d) for d in draw(st.lists(st.integers(0, 900))))
    added = tuple(first + timedelta(days=d, hours=1) for d in draw(st.lists(st.integers(0, 900))))
    offset = draw(st.one_of(st.integers(-14, 30), st.integers(30, 400), st.integers(400, 12000)))
    after = datetime.combine(starts + timedelta(days=offset), time(draw(st.integers(0, 23))), UTC)
    before = after + timedelta(days=draw(st.integers(0, 400)), hours=draw(st.integers(0, 23)))
    return RuleSet((rule,), starts, at, zone, added, skipped), after, before


@settings(max_examples=600, deadline=None)
@given(plain_rule_sets())
def test_plain_rules_give_the_dates_dateutil_gives(
    case: tuple[RuleSet, datetime, datetime],
) -> None:
    rules, after, before = case
    assert _plain(rules.rules[0]) is not None  # the rule is listed without dateutil
    assert rules.between(after, before) == rules.by_dateutil(after, before)
