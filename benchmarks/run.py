"""Whole-process timings of `recovery` commands beside a Typer + Rich hello world.

    python -m benchmarks.run [--runs 10] [--years 1 10 30] [--only NAME ...] [--app-path DIR]
                             [--hello-path DIR] [--scale]

For each command and each amount of synthetic data (benchmarks/generate.py), the hello-world
baseline and the command run alternately, `--runs` times each after one warm-up, so that a
busy machine slows both alike. The table gives both medians, the median of the ratios of
the pairs (each command run over the hello-world run just before it: a machine that speeds
up or slows down between pairs moves it least) and the goal for that ratio (issue 14), then
each command's growth: its ratio with the most years of data against its ratio with the
fewest. A command that writes gets a fresh copy of its data every run. `--scale` adds the
meetings at scale (issue 12), once each at one size: a 20,000-record feed imported, and the
schedule's sittings over many meetings. `--app-path`
puts a folder first on recovery's import path only (for example one holding the typer that
pyproject.toml pins, when the environment has a newer one); `--hello-path` does the same for
the hello world only (for example one holding typer 0.29, the baseline issue 14 names, when
the environment has the pinned one).
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
# What the `recovery` command pip installs runs (its console script, launch.run), rather
# than `python -m recovery_cli`, whose runpy start-up a person never pays.
RECOVERY = [sys.executable, "-c", "from recovery_cli.launch import run; run()"]
# Each command's cost may grow by this much from the fewest years of data to the most.
GROWTH_GOAL = 1.15


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    goal: float  # the most its time may be, as a multiple of the hello world's
    writes: bool = False


COMMANDS = [
    Command("plan show", ("plan", "show"), 0.70),
    Command("dashboard", (), 0.90),
    Command("log list", ("log", "list"), 0.90),
    Command("meetings", ("meetings",), 0.90),
    Command(
        "log (write)",
        ("log", "--mood", "6", "--craving", "3", "--sleep", "7", "--trigger", "stress"),
        1.00,
        writes=True,
    ),
    Command("craving (write)", ("craving", "--intensity", "6"), 1.00, writes=True),
    Command("backup", ("backup",), 1.50),
]


@dataclass(frozen=True)
class Scale:
    """A meetings command at one size: a generated feed of `feed` records given as its last
    argument, or `meetings` more meetings on a year's schedule."""

    name: str
    args: tuple[str, ...]
    feed: int = 0
    meetings: int = 0
    writes: bool = False


SCALES = [
    Scale("meetings import of 20,000 records", ("meetings", "import"), feed=20_000, writes=True),
    Scale("meetings --days 400, 2,000 meetings", ("meetings", "--days", "400"), meetings=2_000),
    Scale("meetings --days 7, 20,000 meetings", ("meetings", "--days", "7"), meetings=20_000),
]


def _timed(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


@dataclass(frozen=True)
class Timing:
    """A command's timings beside the hello world's: both medians in seconds, and the
    median of the ratios of the runs paired in time (each command run with the hello-world
    run just before it), which a machine that speeds up or slows down between pairs moves
    least."""

    hello: float
    command: float
    ratio: float


def measure(
    command: Sequence[str],
    runs: int,
    envs: tuple[dict[str, str], dict[str, str]],
    seed: Path,
    work: Path,
    writes: bool,
) -> Timing:
    """The command's timing over alternating runs; the first pair warms up."""
    pairs = []
    shutil.copytree(seed, work)
    for run in range(runs + 1):
        if writes:
            shutil.rmtree(work)
            shutil.copytree(seed, work)
        pair = (_timed(HELLO, envs[0]), _timed(command, envs[1]))
        if run:
            pairs.append(pair)
    shutil.rmtree(work)
    return Timing(
        statistics.median(hello for hello, _ in pairs),
        statistics.median(timed for _, timed in pairs),
        statistics.median(timed / hello for hello, timed in pairs),
    )


def environments(
    app_path: Path | None, hello_path: Path | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """The hello world's environment and recovery's."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    # An installed package runs from compiled bytecode; without this every timed run would
    # compile recovery's sources again while the baseline's libraries run compiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPATH", None)
    first = [str(app_path)] if app_path else []
    app = {**env, "PYTHONPATH": os.pathsep.join([*first, str(HERE.parent / "src")])}
    hello = {**env, "PYTHONPATH": str(hello_path)} if hello_path else env
    return hello, app


def typer_version(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import typer; print(typer.__version__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--only", nargs="*", default=None, help="command names to run")
    parser.add_argument("--app-path", type=Path, default=None)
    parser.add_argument("--hello-path", type=Path, default=None)
    parser.add_argument("--scale", action="store_true", help="also the meetings at scale")
    args = parser.parse_args()
    envs = environments(args.app_path, args.hello_path)
    print(
        f"hello world on typer {typer_version(envs[0])}, recovery on typer "
        f"{typer_version(envs[1])}; {args.runs} alternating runs, medians\n"
    )
    print("| command | years | hello world | recovery | ratio | goal | within |")
    print("|---|---:|---:|---:|---:|---:|:---:|")
    ratios: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for years in args.years:
            seed = root / f"seed-{years}"
            generate(seed, years)
            # A person's folder holds the summaries beside the records (log/digest.py),
            # drawn by the first command that reads them; copies keep them valid.
            subprocess.run(
                [*RECOVERY, "--home", str(seed), "plan", "show"],
                env=envs[1],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            subprocess.run(
                [*RECOVERY, "--home", str(seed)], env=envs[1], check=True, stdout=subprocess.DEVNULL
            )
            for command in COMMANDS:
                if args.only and command.name not in args.only:
                    continue
                work = root / "work"
                argv = [*RECOVERY, "--home", str(work), *command.args]
                timing = measure(argv, args.runs, envs, seed, work, command.writes)
                ratio = timing.ratio
                ratios.setdefault(command.name, {})[years] = ratio
                print(
                    f"| {command.name} | {years} | {timing.hello * 1000:.0f} ms "
                    f"| {timing.command * 1000:.0f} ms "
                    f"| {ratio:.2f}x | {command.goal:.2f}x | {_mark(ratio <= command.goal)} |",
                    flush=True,
                )
            shutil.rmtree(seed)
        _print_growth(ratios, min(args.years), max(args.years))
        if args.scale:
            _print_scales(root, args.runs, envs)


def _print_scales(root: Path, runs: int, envs: tuple[dict[str, str], dict[str, str]]) -> None:
    print("\n| meetings at scale | hello world | recovery | ratio |")
    print("|---|---:|---:|---:|")
    for scale in SCALES:
        seed = root / f"scale-{scale.meetings}"
        if not seed.exists():
            generate(seed, 1, meetings=scale.meetings)
        argv = [*RECOVERY, "--home", str(root / "work"), *scale.args]
        if scale.feed:
            argv.append(str(meeting_feed(root / "feed.json", scale.feed)))
        timing = measure(argv, runs, envs, seed, root / "work", scale.writes)
        print(
            f"| {scale.name} | {timing.hello * 1000:.0f} ms | {timing.command * 1000:.0f} ms "
            f"| {timing.ratio:.2f}x |",
            flush=True,
        )


def _print_growth(ratios: dict[str, dict[int, float]], fewest: int, most: int) -> None:
    if fewest == most:
        return
    print(f"\n| command | ratio at {most} years / at {fewest} | goal | within |")
    print("|---|---:|---:|:---:|")
    for name, by_years in ratios.items():
        growth = by_years[most] / by_years[fewest]
        print(f"| {name} | {growth:.2f} | {GROWTH_GOAL:.2f} | {_mark(growth <= GROWTH_GOAL)} |")


def _mark(within: bool) -> str:
    return "yes" if within else "NO"


if __name__ == "__main__":
    main()
