"""The interactive check-in and urge-surf in a real pseudo-terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from recovery_cli.log.logbook import load_checkins, load_cravings
from recovery_cli.store.files import Store
from tests.conftest import SRC, Run


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("COLUMNS", None)  # the terminal's own size, as a person's would be
    return pexpect.spawn(
        sys.executable,
        ["-m", "recovery_cli", "--home", str(home), *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )


def test_a_full_plan_fits_one_80_by_24_screen(set_up: Run, home: Path) -> None:
    for reason in ("My daughter Maya and her birthdays", "My health", "The job I got back"):
        set_up("plan", "add", "reason", reason)
    for name in ("Walk", "Call", "Shower", "Music", "Tea"):
        set_up("coping", "add", name, "--steps", f"{name} for twenty minutes, slowly, and breathe")
    for name, hours in (("Dana", "any time"), ("Lee", "Mon-Fri 09:00-17:00"), ("Mum", "")):
        set_up("contacts", "add", name, "--phone", "555-0101", "--role", "friend", "--hours", hours)
    for step in ("Stop, and get safe", "Call Dana", "Go to a meeting within a day"):
        set_up("plan", "add", "lapse-step", step)

    child = spawn(home, "plan", "show")
    child.expect(pexpect.EOF)
    lines = child.before.rstrip("\r\n").split("\r\n")
    assert len(lines) <= 23, child.before  # and a row left for the prompt
    assert all(len(line) <= 80 for line in lines)
    shown = "\n".join(lines)
    for part in ("Your reasons", "What helps you", "Who to call now", "911", "--all"):
        assert part in shown
    assert "" in lines  # a blank line between parts


def test_checkin_at_a_real_terminal(home: Path) -> None:
    child = spawn(home, "log")
    child.expect(r"Mood, 1 \(very low\) to 10 \(very good\) \[5\]:")
    child.sendline("7")
    child.expect(r"Craving.*\[5\]:")
    child.sendline("2")
    child.expect(r"Hours of sleep \[7\]:")
    child.sendline("8")
    child.expect("Triggers you met")
    child.sendline("")
    child.expect("Coping you used")
    child.sendline("")
    child.expect(r"Did you use today\? \[y/N\]:")
    child.sendline("")
    child.expect("A note")
    child.sendline("steady")
    child.expect("Saved your check-in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (checkin,) = load_checkins(Store(home))
    assert (checkin.mood, checkin.craving, checkin.sleep, checkin.note) == (7, 2, 8.0, "steady")


def test_ctrl_c_in_a_checkin_keeps_the_answers_for_next_time(home: Path) -> None:
    child = spawn(home, "log")
    child.expect(r"Mood.*\[5\]:")
    child.sendline("8")
    child.expect(r"Craving.*\[5\]:")
    child.sendline("1")
    child.expect(r"Hours of sleep \[7\]:")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    said = child.before.rstrip("\r\n").split("\r\n")[-1]
    assert said.startswith("Stopped. Your answers so far are kept"), child.before
    assert "error" not in child.before
    assert load_checkins(Store(home)) == []

    again = spawn(home, "log")
    again.expect(r"You began a check-in for .* Carry on from there\? \[Y/n\]:")
    again.sendline("maybe")  # asked again, kindly
    again.expect("please answer yes or no")
    again.sendline("y es")
    again.expect("please answer yes or no")
    again.sendline("yes")
    again.expect(r"Mood.*\[8\]:")  # the kept answers are the suggestions
    again.sendline("")
    again.expect(r"Craving.*\[1\]:")
    for _ in range(4):
        again.sendline("")
    again.expect("Did you use today")
    again.sendline("n")
    again.expect("A note")
    again.sendline("")
    again.expect("Saved your check-in")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
    (checkin,) = load_checkins(Store(home))
    assert (checkin.mood, checkin.craving) == (8, 1)
    assert not (home / "checkin-draft.toml").exists()


def test_urge_surf_at_a_real_terminal(home: Path) -> None:
    surf = spawn(home, "craving", "--minutes", "1")
    surf.expect(r"How strong is the craving right now\? \(0-10\) \[5\]:")
    surf.sendline("6")
    surf.expect("What set it off")
    surf.sendline("")
    surf.expect("Press Enter when you are ready")
    surf.sendline("")
    surf.expect(r"How strong is it now\? \(0-10\) \[6\]:")
    surf.sendline("3")
    surf.expect("What helped")
    surf.sendline("")
    surf.expect("came down from 6 to 3")
    surf.expect(pexpect.EOF)
    surf.close()
    assert surf.exitstatus == 0

    stopped = spawn(home, "craving")
    stopped.expect(r"right now\? \(0-10\) \[5\]:")
    stopped.sendline("9")
    stopped.expect("What set it off")
    stopped.sendline("")
    stopped.expect("Press Enter when you are ready")
    stopped.sendintr()  # Ctrl-C during the timer keeps what was entered
    stopped.expect("saving what you entered")
    stopped.expect(pexpect.EOF)
    stopped.close()
    assert stopped.exitstatus == 0

    surfed, interrupted = load_cravings(Store(home))
    assert (surfed.intensity, surfed.after, surfed.minutes) == (6, 3, 1)
    assert (interrupted.intensity, interrupted.after) == (9, None)
