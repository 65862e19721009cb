"""Small pieces of plain English shared by every view and export."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 day`, `2 days`, `1,200 days`; `plural` for words that do not just add an s."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}"
