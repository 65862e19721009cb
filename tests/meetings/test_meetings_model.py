"""The Meeting and Attendance records: checks, and the TOML / JSON forms they are kept in."""

from __future__ import annotations

import tomllib
from datetime import date, time

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from recovery_cli.meetings.meetings import Attendance, Meeting, MeetingBook
from recovery_cli.meetings.rules import ONE_OFF_RULE
from recovery_cli.store.errors import InvalidValue


def tuesday(**changes: object) -> Meeting:
    values: dict[str, object] = {
        "name": "Tuesday Night NA",
        "fellowship": "NA",
        "rrule": "FREQ=WEEKLY;BYDAY=TU",
        "starts": date(2026, 11, 24),
        "time": time(19, 0),
        "timezone": "America/New_York",
    }
    values.update(changes)
    return Meeting(**values)  # type: ignore[arg-type]


def test_fellowship_is_normalised_and_name_tidied() -> None:
    meeting = tuesday(fellowship="smart", name="  Tuesday   Night  NA ")
    assert meeting.fellowship == "SMART"
    assert meeting.name == "Tuesday Night NA"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "needs a name"),
        ({"fellowship": "XA"}, "fellowship must be one of"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"duration": 0}, "duration must be 1-1440"),
        ({"rrule": "every tuesday"}, "does not look like an RFC 5545 RRULE"),
        ({"rrule": "BYDAY=TU"}, "needs a FREQ"),
        ({"rrule": "FREQ=SOMETIMES"}, "could not be read"),
        ({"url": "zoom.us/j/1"}, "https://"),
    ],
)
def test_invalid_meetings_are_refused_plainly(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        tuesday(**changes)


def test_rrule_prefix_and_case_are_normalised() -> None:
    assert tuesday(rrule="rrule:freq=weekly;byday=tu").rrule == "FREQ=WEEKLY;BYDAY=TU"


def test_floating_until_becomes_utc_as_rfc5545_asks() -> None:
    meeting = tuesday(rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231")
    # The end of 31 December in New York is 04:59:59 UTC on 1 January.
    assert meeting.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270101T045959Z"


def test_uid_is_stable_and_follows_the_source_when_there_is_one() -> None:
    assert tuesday().uid == tuesday().uid
    assert tuesday().uid.endswith("@recovery")
    assert tuesday(source="bmlt:1").uid != tuesday().uid
    assert tuesday(source="bmlt:1").uid == tuesday(source="bmlt:1", name="Renamed").uid


def test_toml_round_trip_keeps_every_field_and_writes_no_none() -> None:
    meeting = tuesday(where="St Mark's Hall", url="https://example.org/na", notes="Side door")
    book = MeetingBook([meeting, tuesday(name="Once", rrule=ONE_OFF_RULE)], date(2026, 11, 1))
    text = tomli_w.dumps(book.to_dict())
    assert "None" not in text
    assert MeetingBook.from_dict(tomllib.loads(text)) == book


def test_iso_strings_are_accepted_when_hand_edited() -> None:
    data = tuesday().to_dict() | {"starts": "2026-11-24", "time": "19:00"}
    assert Meeting.from_dict(data) == tuesday()


def test_a_bad_table_is_named_with_its_position() -> None:
    data = {"meetings": [tuesday().to_dict(), tuesday().to_dict() | {"time": "late"}]}
    with pytest.raises(InvalidValue) as caught:
        MeetingBook.from_dict(data)
    assert caught.value.key == "meetings[1].time"


def test_attendance_round_trip() -> None:
    record = Attendance(" Tuesday  Night NA", date(2026, 11, 17))
    assert record.to_dict() == {"meeting": "Tuesday Night NA", "date": "2026-11-17"}
    assert Attendance.from_dict(record.to_dict()) == record
    with pytest.raises(InvalidValue, match="needs a date"):
        Attendance.from_dict({"meeting": "x"})


@given(
    name=st.text(min_size=1, max_size=30).filter(lambda text: text.strip()),
    where=st.text(max_size=30),
    notes=st.text(max_size=60),
    minutes=st.integers(1, 1440),
    at=st.times(),
)
def test_any_meeting_survives_the_toml_file(
    name: str, where: str, notes: str, minutes: int, at: time
) -> None:
    meeting = tuesday(name=name, where=where, notes=notes, duration=minutes, time=at)
    text = tomli_w.dumps(MeetingBook([meeting]).to_dict())
    assert MeetingBook.from_dict(tomllib.loads(text)).meetings == [meeting]
