"""The person's own text made safe to print or write out: no raw control characters.

Plain Python, so that views (which also escape Rich markup, see `views.text.safe`),
exporters and error messages can all use it.
"""

from __future__ import annotations

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


def one_line(text: str, width: int = 40) -> str:
    """The text on one line, shortened with an ellipsis to at most `width` characters."""
    flat = " ".join(plain(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
