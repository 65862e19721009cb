"""Reading when a contact can be reached."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery_cli.plan import hours
from recovery_cli.store.errors import InvalidValue

# Saturday 21 November 2026; Friday is the 20th, Monday the 23rd.
SAT = datetime(2026, 11, 21)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the week of 16-22 November 2026 (Monday = 0)."""
    return datetime(2026, 11, 16 + day, hour, minute)


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("any time", [at(6, 3)], []),
        ("24/7", [at(0, 0)], []),
        ("9-17", [at(5, 9), at(2, 16, 59)], [at(5, 17), at(1, 8, 59)]),
        ("Mon-Fri 9:00-17:30", [at(4, 17, 29)], [at(4, 17, 30), at(5, 10)]),
        ("weekdays 9am-5pm", [at(0, 12)], [at(6, 12), at(0, 18)]),
        ("weekends 10am to 4pm", [at(6, 15)], [at(6, 16), at(3, 12)]),
        ("Sat,Sun", [at(5, 0), at(6, 23, 59)], [at(4, 23, 59)]),
        ("Mon, Wed 12-13", [at(2, 12, 30)], [at(1, 12, 30)]),
        ("Mon-Fri 9-17; Sat 10-12", [at(5, 11), at(0, 9)], [at(5, 13), at(6, 11)]),
        ("Fri 22-6", [at(4, 23), at(5, 5, 59)], [at(4, 21), at(5, 6), at(3, 23)]),
        ("Sat-Mon 8-9", [at(6, 8), at(0, 8)], [at(1, 8)]),
        ("12am-12pm", [at(3, 0)], [at(3, 12)]),
        ("0-24", [at(3, 23, 59)], []),
    ],
)
def test_hours_cover_the_moments_they_say(
    text: str, inside: list[datetime], outside: list[datetime]
) -> None:
    parsed = hours.parse(text)
    assert all(parsed.covers(moment) for moment in inside)
    assert not any(parsed.covers(moment) for moment in outside)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("soon", "use a form such as"),
        ("9-", "use a form such as"),
        ("mon-xyz 9-5", "use a form such as"),
        ("13pm-2", "use a form such as"),
        ("25-26", "use a form such as"),
        ("9:75-10", "use a form such as"),
        ("9-9", "start and end at the same time"),
    ],
)
def test_unreadable_hours_say_why(text: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        hours.parse(text)
    assert hours.covers(text, SAT) is None


def test_no_hours_given_is_unknown_not_unavailable() -> None:
    assert hours.covers("  ", SAT) is None


@given(
    days=st.sets(st.integers(0, 6), min_size=1),
    start=st.integers(0, 23),
    end=st.integers(1, 24),
    moment=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1)),
)
def test_written_rules_mean_what_they_say(
    days: set[int], start: int, end: int, moment: datetime
) -> None:
    if start == end:
        return
    text = f"{','.join(DAYS[d] for d in sorted(days))} {start}-{end}"
    minute = moment.hour * 60 + moment.minute
    if start < end:
        expected = moment.weekday() in days and start * 60 <= minute < end * 60
    else:  # overnight: from `start` on a listed day to `end` the next morning
        yesterday = (moment - timedelta(days=1)).weekday()
        expected = (moment.weekday() in days and minute >= start * 60) or (
            yesterday in days and minute < end * 60
        )
    assert hours.parse(text).covers(moment) == expected


@given(st.text(max_size=30))
def test_any_text_is_read_or_refused_plainly(text: str) -> None:
    refusals = []
    try:
        parsed = hours.parse(text)
    except InvalidValue as exc:
        refusals.append(str(exc))
    else:
        assert parsed.rules
    assert all("hours" in message for message in refusals)
