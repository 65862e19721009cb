"""Exports of the counsellor summary: Markdown, HTML, JSON and CSV, each a module with a
`render(summary) -> str`. `exporter(name)` imports only the one asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recovery_cli.summary import Summary

FORMATS = {"markdown": "markdown", "html": "html", "json": "json_export", "csv": "csv_export"}
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
}


def format_of(path: Path) -> str | None:
    """The format a file name asks for (`summary.html` -> "html"), if any."""
    return SUFFIXES.get(path.suffix.lower())


def exporter(name: str) -> Callable[[Summary], str]:
    """The `render` function of the format `name` (one of FORMATS)."""
    module = importlib.import_module(f"recovery_cli.exporters.{FORMATS[name]}")
    render: Callable[[Summary], str] = module.render
    return render
