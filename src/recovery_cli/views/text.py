"""Making the person's own text safe to show: no Rich markup, no raw control characters.

`plain` and `one_line` live in `store.sanitise` (exporters need them too, without Rich);
they are offered here as well so that a view has one place to import from.
"""

from __future__ import annotations

from recovery_cli.store.sanitise import one_line, plain

__all__ = ["one_line", "plain", "safe"]


def safe(text: str) -> str:
    """The text ready to put inside Rich markup: controls replaced, brackets escaped."""
    from rich.markup import escape

    return escape(plain(text))
