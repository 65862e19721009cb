"""Small pieces of plain English shared by every view and export."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 day`, `2 days`, `1,200 days`; `plural` for words that do not just add an s."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}"


def times(count: int) -> str:
    """`once`, `twice`, `3 times`."""
    return {1: "once", 2: "twice"}.get(count) or counted(count, "time")


TOO_FEW = "too few to rank yet"


def tried(count: int) -> str:
    """A coping strategy used in too few cravings to rank: `tried twice, too few to rank yet`."""
    return f"tried {times(count)}, {TOO_FEW}"


def time_left(seconds: float) -> str:
    """`14 minutes and 30 seconds left`, `1 minute left`, whole seconds only."""
    from datetime import timedelta
    from math import ceil

    from humanize import precisedelta

    return f"{precisedelta(timedelta(seconds=ceil(max(seconds, 0))), format='%0.0f')} left"


def number(value: float) -> str:
    """A mean or an amount as it is said: `7`, `6.5`, `6.3` (one decimal at most)."""
    rounded = round(value, 1)
    return f"{rounded:g}" if rounded != int(rounded) else str(int(rounded))


def hours(value: float) -> str:
    """`1 hour`, `6.5 hours`, `7 hours`."""
    shown = number(value)
    return f"{shown} hour" if shown == "1" else f"{shown} hours"


def change(before: float, after: float) -> str:
    """How a craving moved: `went up from 4 to 6`, `came down from 6 to 2`, `stayed at 5`."""
    if after > before:
        return f"went up from {number(before)} to {number(after)}"
    if after < before:
        return f"came down from {number(before)} to {number(after)}"
    return f"stayed at {number(after)}"


def moved_by(drop: float) -> str:
    """A mean drop (before minus after) in words: `came down by 2.5`, `went up by 1`."""
    if drop > 0:
        return f"came down by {number(drop)}"
    if drop < 0:
        return f"went up by {number(-drop)}"
    return "stayed the same"
