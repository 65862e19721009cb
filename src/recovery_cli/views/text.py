"""Text every view shares: the person's own text made safe to show (no Rich markup, no raw
control characters), numbered lines, and sparklines.

`plain` and `one_line` live in `store.sanitise` (exporters need them too, without Rich);
they are offered here as well so that a view has one place to import from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from recovery_cli.store.sanitise import one_line, plain

if TYPE_CHECKING:
    from rich.console import Console, OverflowMethod
    from rich.table import Table

__all__ = ["add_columns", "numbered", "one_line", "plain", "print_as_is", "safe", "sparkline"]

# Table columns whose values are never broken across lines: dates, times and numbers.
WHOLE_COLUMNS = frozenset(
    {"date", "day", "when", "time", "mood", "craving", "sleep", "before", "after", "minutes"}
)

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_MISSING = "·"


def safe(text: str) -> str:
    """The text ready to put inside Rich markup: controls replaced, brackets escaped."""
    from rich.markup import escape

    return escape(plain(text))


def add_columns(
    table: Table, headings: Sequence[str], *, overflow: OverflowMethod = "fold"
) -> None:
    """The table's columns; dates, times and numbers kept whole on a narrow terminal (the
    other columns wrap to make room)."""
    for heading in headings:
        whole = heading.casefold() in WHOLE_COLUMNS
        table.add_column(heading, no_wrap=whole, overflow="ignore" if whole else overflow)


def numbered(out: Console, lines: Sequence[str]) -> None:
    """The person's lines, numbered from 1 and indented."""
    for number, line in enumerate(lines, start=1):
        out.print(f"  {number}. {safe(line)}")


def print_as_is(out: Console, text: str) -> None:
    """Print the text as print() would: no markup read, no wrapping at the console width
    (for messages that name a file path or quote an error, best kept on one line)."""
    from rich.text import Text

    out.print(Text(plain(text)), soft_wrap=True)


def sparkline(values: Sequence[float | None], low: float, high: float) -> str:
    """One eight-level block character a value on the fixed scale low..high; a missing
    value is a dot.

    The scale is fixed (not the series' own minimum and maximum) so that a calm fortnight
    does not look like a storm.
    """
    span = high - low
    top = len(SPARK_BLOCKS) - 1
    return "".join(
        SPARK_MISSING
        if value is None
        else SPARK_BLOCKS[min(top, max(0, round((value - low) / span * top)))]
        for value in values
    )
