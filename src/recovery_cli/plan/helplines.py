"""The helplines to offer: the built-in, checked list per region (helplines.toml, shipped
inside the package) and the person's own numbers kept in their plan."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from recovery_cli.plan import plan

DATA_FILE = Path(__file__).with_name("helplines.toml")
KINDS = ("drug", "crisis", "overdose", "emergency", "own")


@dataclass(frozen=True)
class Line:
    """One number to call. `kind` is one of KINDS ("own" for a number the person added);
    `source` says where a built-in number was confirmed ("" for the person's own)."""

    name: str
    number: str
    kind: str
    note: str = ""
    source: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "number": self.number,
            "kind": self.kind,
            "note": self.note,
            "source": self.source,
        }


@cache
def _builtin() -> dict[str, tuple[Line, ...]]:
    with DATA_FILE.open("rb") as handle:
        data: dict[str, list[dict[str, Any]]] = tomllib.load(handle)
    return {
        region: tuple(
            Line(
                name=entry["name"],
                number=entry["number"],
                kind=entry["kind"],
                note=entry.get("note", ""),
                source=entry["source"],
            )
            for entry in entries
        )
        for region, entries in data.items()
    }


def regions() -> list[str]:
    """The region codes that have a built-in list."""
    return sorted(_builtin())


def for_region(region: str) -> list[Line]:
    """The built-in helplines for a region, emergency number last; [] for a region
    without a list (or none given)."""
    lines = _builtin().get(region.strip().upper(), ())
    return sorted(lines, key=lambda line: line.kind == "emergency")


def emergency_number(region: str) -> str | None:
    """The region's emergency number ("911", "999", ...), or None when it is not known."""
    return next((line.number for line in for_region(region) if line.kind == "emergency"), None)


def own(helplines: Sequence[plan.Helpline]) -> list[Line]:
    """The numbers the person added themselves (their clinic, a local crisis team)."""
    return [Line(name=h.name, number=h.number, kind="own", note=h.note) for h in helplines]


def for_person(region: str, helplines: Sequence[plan.Helpline]) -> list[Line]:
    """Everything to offer: the person's own numbers first (they chose them), then the
    region's built-in helplines, its emergency number last."""
    return own(helplines) + for_region(region)
