"""Whole-process timings of `recovery` commands beside a Typer + Rich hello world.

    python -m benchmarks.run [--runs 15] [--only NAME ...]

For each scenario the hello-world baseline and the command run alternately, `--runs` times
each after one warm-up, so that a busy machine slows both alike; the table gives both
medians and their ratio. A scenario that writes gets a fresh copy of its data every run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import generate, meeting_feed

HERE = Path(__file__).resolve().parent
HELLO = [sys.executable, str(HERE / "hello.py")]
RECOVERY = [sys.executable, "-m", "recovery_cli"]


@dataclass(frozen=True)
class Scenario:
    name: str
    years: int  # of synthetic data; 0 = a set-up profile and nothing else
    args: tuple[str, ...]
    writes: bool = False
    feed: int = 0  # records in a generated Meeting Guide feed, given as the last argument
    meetings: int = 0  # more meetings on the schedule


LOG_FLAGS = ("log", "--mood", "6", "--craving", "3", "--sleep", "7", "--trigger", "stress")

SCENARIOS = [
    Scenario("status, empty store", 0, ("status",)),
    Scenario("status, 10 years", 10, ("status",)),
    Scenario("status --json, 10 years", 10, ("status", "--json")),
    Scenario("log (flags), empty store", 0, LOG_FLAGS, writes=True),
    Scenario("log (flags), 10 years", 10, LOG_FLAGS, writes=True),
    Scenario("plan show, 1 year", 1, ("plan", "show")),
    Scenario("plan show --trigger payday, 1 year", 1, ("plan", "show", "--trigger", "payday")),
    Scenario("plan show --json, 1 year", 1, ("plan", "show", "--json")),
    Scenario("plan show, 10 years", 10, ("plan", "show")),
    Scenario("summary, 1 year", 1, ("summary",)),
    Scenario("export html, 1 year", 1, ("export", "--format", "html")),
    Scenario("export html, 10 years", 10, ("export", "--format", "html")),
    Scenario(
        "export html of a whole year, 1 year", 1, ("export", "--format", "html", "--since", "364d")
    ),
    Scenario("backup, 1 year", 1, ("backup",)),
    Scenario("meetings, 10 years", 10, ("meetings",)),
    Scenario("meetings --json, 10 years", 10, ("meetings", "--json")),
    Scenario(
        "meetings import of 20,000 records", 0, ("meetings", "import"), writes=True, feed=20_000
    ),
    Scenario(
        "meetings --days 400, 2,000 meetings", 1, ("meetings", "--days", "400"), meetings=2000
    ),
    Scenario("meetings --days 7, 20,000 meetings", 1, ("meetings", "--days", "7"), meetings=20_000),
]


def _timed(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(
    command: Sequence[str], runs: int, env: dict[str, str], seed: Path, work: Path, writes: bool
) -> tuple[float, float]:
    """Medians (baseline, command) in seconds over alternating runs; the first pair warms up."""
    baseline, timings = [], []
    shutil.copytree(seed, work)
    for run in range(runs + 1):
        if writes:
            shutil.rmtree(work)
            shutil.copytree(seed, work)
        pair = (_timed(HELLO, env), _timed(command, env))
        if run:
            baseline.append(pair[0])
            timings.append(pair[1])
    shutil.rmtree(work)
    return statistics.median(baseline), statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", nargs="*", default=None, help="scenario names to run")
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    # An installed package runs from compiled bytecode; without this every timed run would
    # compile recovery's sources again while the baseline's libraries run compiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    print(f"{'scenario':44} {'hello world':>12} {'recovery':>10} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for scenario in SCENARIOS:
            if args.only and scenario.name not in args.only:
                continue
            seed = root / f"seed-{scenario.years}-{scenario.meetings}"
            if not seed.exists():
                generate(seed, scenario.years, meetings=scenario.meetings)
            work = root / "work"
            command = [*RECOVERY, "--home", str(work), *scenario.args]
            if scenario.feed:
                command.append(str(meeting_feed(root / "feed.json", scenario.feed)))
            hello, median = measure(command, args.runs, env, seed, work, scenario.writes)
            print(
                f"{scenario.name:44} {hello * 1000:10.1f}ms {median * 1000:8.1f}ms "
                f"{median / hello:6.2f}x"
            )


if __name__ == "__main__":
    main()
