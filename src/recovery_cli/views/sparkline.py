"""Sparklines: a row of eight-level block characters for a series of daily values."""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
MISSING = "·"


def sparkline(values: Sequence[float | None], low: float, high: float) -> str:
    """One character a value on the fixed scale low..high; a missing value is a dot.

    The scale is fixed (not the series' own minimum and maximum) so that a calm fortnight
    does not look like a storm.
    """
    span = high - low
    top = len(BLOCKS) - 1
    return "".join(
        MISSING if value is None else BLOCKS[min(top, max(0, round((value - low) / span * top)))]
        for value in values
    )
