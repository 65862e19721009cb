"""Making the person's own text safe to show: no Rich markup, no raw control characters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

_SHOWN_INSTEAD = "\N{REPLACEMENT CHARACTER}"
# C0 controls except tab and newline, DEL, and the C1 controls (ESC starts terminal sequences).
_CONTROLS = {
    code: _SHOWN_INSTEAD
    for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))
    if chr(code) not in "\t\n"
}


def plain(text: str) -> str:
    """The text with every control character (ESC included) shown as U+FFFD."""
    return text.translate(_CONTROLS)


def safe(text: str) -> str:
    """The text ready to put inside Rich markup: controls replaced, brackets escaped."""
    from rich.markup import escape

    return escape(plain(text))


def one_line(text: str, width: int = 40) -> str:
    """The text on one line, shortened with an ellipsis to at most `width` characters."""
    flat = " ".join(plain(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def numbered(out: Console, lines: Sequence[str]) -> None:
    """The person's lines, numbered from 1 and indented."""
    for number, line in enumerate(lines, start=1):
        out.print(f"  {number}. {safe(line)}")


def print_as_is(out: Console, text: str) -> None:
    """Print the text as print() would: no markup read, no wrapping at the console width
    (for messages that name a file path or quote an error, best kept on one line)."""
    from rich.text import Text

    out.print(Text(plain(text)), soft_wrap=True)
