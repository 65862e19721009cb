"""The person's own text made safe to print or write out: no raw control characters.

Plain Python, so that views (which also escape Rich markup, see `views.text.safe`),
exporters and error messages can all use it. One function per way out: the terminal
(`plain`, `one_line`), CSV (`csv_cell`, with `defusedcsv` prefixing formula starts), Markdown
(`markdown`), JSON (`json_text`), iCalendar (`ical_text`) and HTML (`html`).
"""

from __future__ import annotations

import re

_SHOWN_INSTEAD = "\N{REPLACEMENT CHARACTER}"
_C0 = range(0x00, 0x20)
_DEL_AND_C1 = range(0x7F, 0xA0)
# C0 controls except tab and newline, DEL, and the C1 controls (ESC starts terminal sequences).
_CONTROLS = {code: _SHOWN_INSTEAD for code in (*_C0, *_DEL_AND_C1) if chr(code) not in "\t\n"}
# In a file: every control removed, a tab read as a space, a newline kept.
_REMOVED: dict[int, str | None] = dict.fromkeys((*_C0, *_DEL_AND_C1))
_REMOVED |= {ord("\t"): " ", ord("\n"): "\n"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_RAW_IN_JSON = re.compile("[\x7f-\x9f]")


def plain(text: str) -> str:
    """The text with every control character (ESC included) shown as U+FFFD."""
    return text.translate(_CONTROLS)


def one_line(text: str, width: int = 40) -> str:
    """The text on one line, shortened with an ellipsis to at most `width` characters."""
    flat = " ".join(plain(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def removed(text: str) -> str:
    """The text with every control character removed; tabs become spaces, newlines stay."""
    return text.translate(_REMOVED)


def csv_cell(text: str) -> str:
    """A CSV cell: controls removed, so that no cell can start with a tab or CR; the writer
    (`defusedcsv`) puts `'` before a cell starting with =, +, -, @ (the OWASP rule)."""
    return removed(text)


def markdown(text: str) -> str:
    """One line of Markdown: controls removed, the characters that start Markdown or HTML
    markup (and table cells) escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(removed(text).split()))


def json_text(value: object, indent: int | None = 2) -> str:
    """`value` as JSON, non-ASCII text kept readable and every control character written as
    a `\\u` escape (json.dumps escapes C0 itself, but leaves DEL and C1 raw)."""
    import json

    text = json.dumps(value, indent=indent, ensure_ascii=False)
    # Outside strings JSON is printable ASCII, so these can only be inside a string.
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def ical_text(text: str, *, lines: bool = True) -> str:
    """An iCalendar value: controls removed (icalendar escapes the rest); without `lines`,
    newlines too (a URI may hold none)."""
    kept = removed(text)
    return kept if lines else kept.replace("\n", "")


def html(text: str) -> str:
    """HTML (and XML) text: controls removed (XML forbids them), the rest escaped."""
    import html as markup

    return markup.escape(removed(text), quote=True)
