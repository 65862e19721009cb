"""Commands that change a file refuse to touch one they cannot read, and say where."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_cli.exits import DATA_ERROR
from tests.conftest import SRC, Run


@pytest.mark.parametrize(
    ("filename", "content", "args"),
    [
        (
            "checkins.jsonl",
            '{"schema_version": 1}\n{"date": "2026-01-02", "mood": 5, "note": "unfinish\n',
            ("log", "--date", "2026-01-05", "--mood", "6"),
        ),
        (
            "cravings.jsonl",
            '{"schema_version": 1}\n{"at": "2026-01-02T10:00:00", "intensity": 4,\n',
            ("craving", "--intensity", "5", "--at", "2026-01-03T10:00"),
        ),
        (
            "plan.toml",
            'schema_version = 1\nreasons = ["my kids"\n',
            ("plan", "add", "reason", "to stay well"),
        ),
        (
            "meetings.toml",
            'schema_version = 1\n[[meetings]]\nname = "Tuesday NA\n',
            ("meetings", "add", "Friday SMART", "--day", "fri", "--time", "18:00"),
        ),
    ],
)
def test_a_damaged_file_is_left_byte_for_byte(
    set_up: Run, home: Path, filename: str, content: str, args: tuple[str, ...]
) -> None:
    (home / filename).write_text(content)
    result = set_up(*args)
    assert result.exit_code == DATA_ERROR, result.output
    assert f"cannot read {home / filename}, line " in result.stderr
    assert "Traceback" not in result.output
    assert (home / filename).read_text() == content


def test_a_reader_that_stops_early_is_not_an_error(set_up: Run, home: Path) -> None:
    import os
    import subprocess
    import sys

    src = SRC
    for number in range(30):
        set_up("meetings", "add", f"Meeting {number}", "--day", "mon", "--time", "19:00")
    command = f"{sys.executable} -m recovery_cli --home {home} meetings list | head -n 1"
    done = subprocess.run(
        command, shell=True, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(src)},
    )  # fmt: skip
    assert done.stdout.strip()
    assert "error" not in done.stderr


def test_error_lines_carry_no_control_characters(set_up: Run) -> None:
    assert set_up("triggers", "add", "pay\x1b[2Jday").exit_code == 0
    result = set_up("triggers", "remove", "rent day")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: there is no trigger called 'rent day'")
    assert "pay\ufffd[2Jday" in result.stderr
    assert "\x1b" not in result.stderr
