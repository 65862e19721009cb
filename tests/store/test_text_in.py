"""Text checked where it comes in: bytes that are not UTF-8 on the command line, links,
dates outside 1900-2200, days ahead and an empty time zone are refused with one line, and
nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_cli.exits import USAGE
from recovery_cli.store.errors import InvalidValue
from recovery_cli.store.fields import check_url
from tests.conftest import Run

# What Python puts in sys.argv for the bytes ff fe, which are not UTF-8.
NOT_UTF8 = b"\xff\xfe".decode("utf-8", "surrogateescape")


def files_of(home: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in home.iterdir() if path.is_file()}


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("log", "--mood", "5", "--craving", "2", "--note", NOT_UTF8), "--note"),
        (("log", "--mood", "5", "--craving", "2", f"--note=a{NOT_UTF8}"), "--note"),
        (("meetings", "add", NOT_UTF8, "--day", "tue", "--time", "19:00"), "the value after 'add'"),
    ],
)
def test_text_that_is_not_utf8_is_refused_naming_the_option(
    set_up: Run, home: Path, args: tuple[str, ...], named: str
) -> None:
    before = files_of(home)
    result = set_up(*args)
    assert result.exit_code == USAGE
    assert result.stderr == f"error: {named}: not valid UTF-8 text\n"
    assert files_of(home) == before


def test_init_refuses_an_empty_time_zone(run: Run, home: Path) -> None:
    result = run("init", "--name", "Sam", "--timezone", "", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: unknown time zone ''; use an IANA name such as Europe/London\n"
    )
    assert not (home / "profile.toml").exists()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://x.org/\r\nSet-Cookie: a", "control characters"),
        ("https://x.org/\x1b]8;;", "control characters"),
        ("https://x.org/a b", "spaces"),
        ("file:///etc/passwd", "https://"),
        ("https://" + "a" * 2000, "at most 2000"),
    ],
)
def test_links_are_http_without_spaces_or_controls(url: str, why: str) -> None:
    with pytest.raises(InvalidValue, match=why):
        check_url(url)


def test_a_plain_link_is_kept() -> None:
    assert check_url(" https://meet.example.org/na?id=7 ") == "https://meet.example.org/na?id=7"
    assert check_url("") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("appointments", "--days", "100000"), "--days must be 1-3660"),
        (
            ("appointments", "add", "Visit", "--at", "9999-12-31 10:00"),
            "the date must be between 1900 and 2200, got 9999-12-31",
        ),
        (
            ("appointments", "add", "Visit", "--at", "2026-03-03 10:00", "--url", "https://a/\nb"),
            "a link cannot hold spaces or control characters",
        ),
        (("log", "--mood", "5", "--date", "0001-01-01"), "between 1900 and 2200"),
    ],
)
def test_bounds_at_input_are_one_line_and_write_nothing(
    set_up: Run, home: Path, args: tuple[str, ...], message: str
) -> None:
    before = files_of(home)
    result = set_up(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert files_of(home) == before
