"""The built-in helplines per region and the person's own numbers."""

from __future__ import annotations

import tomllib

import pytest

from recovery_cli.plan import helplines
from recovery_cli.plan.plan import Helpline


@pytest.mark.parametrize(
    ("region", "numbers"),
    [
        ("US", ["1-800-662-4357", "988", "1-800-484-3731", "911"]),
        ("GB", ["0300 123 6600", "116 123", "999"]),
        ("CA", ["1-888-688-6677", "988", "911"]),
        ("AU", ["13 11 14", "000"]),
        ("IE", ["116 123", "112"]),
    ],
)
def test_each_region_has_its_checked_numbers(region: str, numbers: list[str]) -> None:
    lines = helplines.for_region(region)
    assert [line.number for line in lines] == numbers
    assert lines[-1].kind == "emergency"
    assert all(line.source for line in lines)


@pytest.mark.parametrize(
    ("region", "number"),
    [("US", "911"), ("gb", "999"), ("CA", "911"), ("AU", "000"), ("IE", "112")],
)
def test_emergency_number(region: str, number: str) -> None:
    assert helplines.emergency_number(region) == number


@pytest.mark.parametrize("region", ["", "FR", "ZZ"])
def test_a_region_without_a_list_has_none(region: str) -> None:
    assert helplines.for_region(region) == []
    assert helplines.emergency_number(region) is None


def test_the_data_file_is_well_formed() -> None:
    with helplines.DATA_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    for region, entries in data.items():
        assert len(region) == 2
        assert region.isupper()
        assert [e["kind"] for e in entries].count("emergency") == 1
        for entry in entries:
            assert entry["kind"] in helplines.KINDS
            assert all(entry[key] for key in ("name", "number", "source"))
    assert helplines.regions() == sorted(data)


def test_the_persons_own_numbers_come_first() -> None:
    own = [Helpline(name="Riverside clinic", number="555-0100", note="weekdays")]
    lines = helplines.for_person("GB", own)
    assert lines[0] == helplines.Line("Riverside clinic", "555-0100", "own", "weekdays")
    assert [line.number for line in lines[1:]] == ["0300 123 6600", "116 123", "999"]


def test_own_numbers_are_offered_without_a_region() -> None:
    own = [Helpline(name="Crisis team", number="555-0199")]
    assert [line.name for line in helplines.for_person("", own)] == ["Crisis team"]
