"""The interactive check-in and urge-surf in a real pseudo-terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from recovery_cli.log.logbook import load_checkins, load_cravings
from recovery_cli.store.files import Store
from tests.conftest import SRC


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1", "TERM": "dumb"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "recovery_cli", "--home", str(home), *args],
        env=env,
        encoding="utf-8",
        timeout=20,
    )


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
