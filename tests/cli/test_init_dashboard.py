"""`recovery init`, the dashboard, and the conventions every command keeps."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pexpect
import pytest

from recovery_cli.commands import init as init_command
from recovery_cli.exits import DATA_ERROR, INTERRUPTED
from recovery_cli.plan.plan import load_plan
from recovery_cli.store.files import Store
from recovery_cli.store.profile import load_profile
from tests.conftest import SRC, Run


def test_before_init_the_dashboard_points_to_init(run: Run, home: Path) -> None:
    result = run()
    assert result.exit_code == 0
    assert "recovery init" in result.output
    assert not home.exists()


def test_init_with_flags_then_status_json(
    run: Run, store: Store, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 11, 22))
    result = run(
        "init", "--name", "Sam", "--clean-date", "2025-08-14", "--substance", "heroin",
        "--region", "gb", "--timezone", "Europe/London", "--yes",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    status = json.loads(run("status", "--json").stdout)
    assert status["clean_date"] == "2025-08-14"
    assert status["clean_days"] == (date(2026, 11, 22) - date(2025, 8, 14)).days == 465
    assert status["clean_time"] == {"years": 1, "months": 3, "days": 8}
    assert status["next_milestone"] == {"name": "18 months", "date": "2027-02-14", "days_to_go": 84}
    assert status["last_milestone"]["name"] == "1 year"
    profile = load_profile(store)
    assert profile is not None
    assert (profile.region, profile.timezone, profile.substances) == (
        "GB", "Europe/London", ["heroin"],
    )  # fmt: skip


def test_init_again_changes_only_what_is_given(set_up: Run, store: Store) -> None:
    result = set_up("init", "--substance", "alcohol", "--yes")
    assert result.exit_code == 0, result.output
    set_up("init", "--substance", "Alcohol", "--substance", "opioids")
    profile = load_profile(store)
    assert profile is not None
    assert profile.name == "Sam"
    assert profile.clean_date == date(2025, 8, 14)
    assert profile.region == "US"
    assert profile.substances == ["alcohol", "opioids"]


def test_dashboard_shows_clean_time_and_milestones(
    set_up: Run, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 11, 22))
    output = set_up().output
    assert "Hello, Sam." in output
    assert "1 year, 3 months, 8 days" in output
    assert "465 days" in output
    assert "Next milestone: 18 months on 14 February 2027 (84 days to go)" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--clean-date", "soon"], "could not read 'soon' as a date"),
        (["--clean-date", "2199-01-01"], "the clean date cannot be in the future"),
        (["--region", "Narnia"], "region must be a two-letter country code"),
        (["--timezone", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_init_mistakes_are_one_line_and_write_nothing(
    run: Run, home: Path, args: list[str], message: str
) -> None:
    result = run("init", *args, "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (home / "profile.toml").exists()


def test_usage_errors_exit_2_with_one_line(run: Run) -> None:
    result = run("status", "--colour")
    assert result.exit_code == 2
    assert result.stderr == "error: No such option: --colour\n"


def test_version(run: Run) -> None:
    from recovery_cli import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"recovery {__version__}\n"


def test_unreadable_profile_is_named_and_left_unchanged(run: Run, home: Path) -> None:
    home.mkdir()
    broken = b'schema_version = 1\nname = "Sam\nclean_date = 2025-08-14\n'
    (home / "profile.toml").write_bytes(broken)
    for args in (["status"], ["init", "--name", "Alex", "--yes"]):
        result = run(*args)
        assert result.exit_code == DATA_ERROR
        assert f"cannot read {home / 'profile.toml'}, line 2" in result.stderr
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.output
    assert (home / "profile.toml").read_bytes() == broken


def test_unreadable_check_in_log_is_named_and_left_unchanged(store: Store, home: Path) -> None:
    from recovery_cli.log.logbook import load_checkins
    from recovery_cli.store.errors import DataFileError

    home.mkdir()
    broken = b'{"schema_version": 1}\n{"date": "2026-11-20", "mood": 5}\n{"date": \n'
    (home / "checkins.jsonl").write_bytes(broken)
    with pytest.raises(DataFileError, match=r"checkins.jsonl, line 3"):
        load_checkins(store)
    assert (home / "checkins.jsonl").read_bytes() == broken


def test_a_bad_value_in_the_profile_names_its_line(run: Run, home: Path) -> None:
    home.mkdir()
    (home / "profile.toml").write_text('schema_version = 1\nname = "Sam"\nregion = "Narnia"\n')
    result = run("status")
    assert result.exit_code == DATA_ERROR
    assert "profile.toml, line 3: region must be" in result.stderr


def test_a_bad_value_in_the_plan_names_its_table_line(run: Run, home: Path, store: Store) -> None:
    from recovery_cli.store.errors import DataFileError

    home.mkdir()
    (home / "plan.toml").write_text(
        'schema_version = 1\n\n[[triggers]]\nname = "payday"\n\n'
        '[[triggers]]\nname = "old friends"\nrisk = "extreme"\n'
    )
    with pytest.raises(DataFileError, match=r"plan.toml, line 8: risk must be one of"):
        load_plan(store)


def test_unexpected_failures_show_no_traceback_without_debug(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr("recovery_cli.commands.dashboard.load_dashboard", broken)
    result = run("status")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "--debug" in result.stderr
    debug = run("--debug", "status")
    assert isinstance(debug.exception, KeyError)


def test_wizard_through_prompts(
    run: Run, store: Store, monkeypatch: pytest.MonkeyPatch, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 11, 22))
    monkeypatch.setattr(init_command, "is_interactive", lambda: True)
    answers = [
        "Sam", "next week", "2025-08-14", "heroin, opioids", "us", "Europe/Dublin",
        "Jo", "+1 555 0100", "my daughter",
    ]  # fmt: skip
    result = run("init", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "could not read 'next week' as a date" in result.output
    profile = load_profile(store)
    assert profile is not None
    assert (profile.name, profile.clean_date, profile.region) == ("Sam", date(2025, 8, 14), "US")
    assert profile.substances == ["heroin", "opioids"]
    plan = load_plan(store)
    assert [(c.name, c.phone) for c in plan.contacts] == [("Jo", "+1 555 0100")]
    assert plan.reasons == ["my daughter"]


def test_wizard_in_a_real_terminal(home: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1", "TZ": "UTC"}
    child = pexpect.spawn(
        sys.executable, ["-m", "recovery_cli", "--home", str(home), "init"],
        env=env, encoding="utf-8", timeout=20,
    )  # fmt: skip
    for prompt, answer in [
        ("called", "Alex"),
        ("clean date", "2026-01-31"),
        ("recovery from", "opioids"),
        ("country", "CA"),
        ("time zone", ""),
        ("call when things get hard", ""),
        ("reason", "to be there for my friends"),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect("set up")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    profile = load_profile(Store(home))
    assert profile is not None
    assert (profile.name, profile.clean_date, profile.region) == ("Alex", date(2026, 1, 31), "CA")
    assert load_plan(Store(home)).reasons == ["to be there for my friends"]


def test_user_text_is_shown_as_typed(set_up: Run) -> None:
    set_up("init", "--name", "[bold red]Sam\x1b[2J[/]", "--yes")
    output = set_up().stdout
    assert "[bold red]Sam" in output
    assert "\x1b" not in output


def test_shell_completion_offers_commands() -> None:
    import subprocess

    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "_RECOVERY_COMPLETE": "complete_bash",
        "COMP_WORDS": "recovery sta",
        "COMP_CWORD": "1",
    }
    code = "import sys; sys.argv[0] = 'recovery'; from recovery_cli.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert "status" in done.stdout.split()


def test_a_command_loads_no_other_command_module(home: Path) -> None:
    import subprocess

    code = (
        "import sys\n"
        f"sys.argv = ['recovery', '--home', {str(home)!r}, 'status']\n"
        "from recovery_cli.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('recovery_cli.commands.'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    loaded = done.stdout.strip().splitlines()[-1].split()
    assert "recovery_cli.commands.dashboard" in loaded
    assert not {"recovery_cli.commands.meetings", "recovery_cli.commands.plan.plan"} & set(loaded)


def test_ctrl_c_anywhere_is_one_calm_line_and_exit_130(
    set_up: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("recovery_cli.commands.dashboard.load_dashboard", interrupted)
    result = set_up("status")
    assert result.exit_code == INTERRUPTED
    assert result.stderr == "error: stopped; nothing more was saved\n"


def test_init_again_offers_what_is_kept(
    run: Run, store: Store, monkeypatch: pytest.MonkeyPatch, frozen_today: Callable[..., None]
) -> None:
    frozen_today(date(2026, 11, 22))
    monkeypatch.setattr(init_command, "is_interactive", lambda: True)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    answers = ["Sam", "2025-08-14", "heroin", "gb", "", "Jo", "+44 20 7946 0000", "Maya"]
    first = run("init", input="\n".join(answers) + "\n")
    assert first.exit_code == 0, first.output
    assert "[Europe/London]" in first.output  # GB's zone, not the computer's
    again = run("init", input="\n" * 8)
    assert again.exit_code == 0, again.output
    for offered in ("[Sam]", "[2025-08-14]", "[heroin]", "[GB]", "[Europe/London]", "[Jo]"):
        assert offered in again.output
    assert "[+44 20 7946 0000]" in again.output
    profile = load_profile(store)
    assert profile is not None
    assert (profile.name, profile.clean_date, profile.substances) == (
        "Sam", date(2025, 8, 14), ["heroin"]
    )  # fmt: skip
    assert (profile.region, profile.timezone) == ("GB", "Europe/London")
    plan = load_plan(store)
    assert [(c.name, c.phone) for c in plan.contacts] == [("Jo", "+44 20 7946 0000")]
    assert plan.reasons == ["Maya"]


@pytest.mark.parametrize(
    ("computer", "region", "typed", "kept"),
    [
        ("Asia/Tokyo", "DE", "", "Asia/Tokyo"),  # the computer's own zone on a first run
        ("America/Chicago", "US", "", "America/Chicago"),
        ("Asia/Tokyo", "US", "", "America/New_York"),
        ("Asia/Tokyo", "AU", "", "Australia/Sydney"),
        ("Asia/Tokyo", "GB", "London", "Europe/London"),  # a city naming one zone
        ("Asia/Tokyo", "CA", "new york", "America/New_York"),
    ],
)
def test_the_first_run_proposes_a_zone_and_takes_a_city(
    run: Run,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    computer: str,
    region: str,
    typed: str,
    kept: str,
) -> None:
    monkeypatch.setattr(init_command, "is_interactive", lambda: True)
    monkeypatch.setenv("TZ", computer)
    answers = ["Sam", "2025-08-14", "", region, typed, "", ""]
    result = run("init", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    profile = load_profile(store)
    assert profile is not None
    assert profile.timezone == kept


def test_a_city_is_a_time_zone_where_it_names_one(run: Run, store: Store) -> None:
    assert run("init", "--name", "Sam", "--timezone", "sydney").exit_code == 0
    profile = load_profile(store)
    assert profile is not None
    assert profile.timezone == "Australia/Sydney"
    result = run("init", "--timezone", "Nowhere Town")
    assert result.exit_code == 1
    assert "unknown time zone 'Nowhere Town'" in result.stderr
