"""Editing plan.toml by hand, safely: the person edits a private copy inside the data
folder; the copy replaces the plan only once it reads as a valid plan.

The lock is not held while the editor is open (that can take minutes, and every other
command would wait). Instead the plan is compared, under the lock, with the version the
copy was made from: if another command changed it meanwhile, nothing is overwritten and
the edited copy is kept for the person to merge.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from contextlib import suppress
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from recovery_cli.plan.plan import PLAN_FILE, Contact, CopingStrategy, Helpline, Plan, Trigger
from recovery_cli.store.errors import DataFileError, RecoveryError
from recovery_cli.store.files import VERSION_KEY, Store, TomlFile

COPY_PREFIX = ".plan-edit-"
TABLE_KEYS = {
    key: tuple(f.name for f in fields(record))
    for key, record in (
        ("triggers", Trigger),
        ("coping", CopingStrategy),
        ("contacts", Contact),
        ("helplines", Helpline),
    )
}
NEW_PLAN_HEADER = (
    "# Your relapse-prevention plan. Fill in what you can, save, and close the editor.\n"
    '# Lists are written like: reasons = ["my daughter", "my health"]\n'
)


@dataclass
class Problem:
    """Why an edited copy is not a valid plan, and on which line when that is known."""

    message: str
    line: int | None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


@dataclass
class EditCopy:
    """A private copy of plan.toml being edited, and the plan it was made from."""

    path: Path
    original: str | None
    keep: bool = False

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def unchanged(self) -> bool:
        return self.text() == self.starting_text()

    def starting_text(self) -> str:
        return self.original if self.original is not None else new_plan_text()


def start(store: Store) -> EditCopy:
    """Make the copy to edit: inside the data folder, readable by the person alone."""
    with store.transaction():
        path = store.path(PLAN_FILE)
        original = path.read_text(encoding="utf-8") if path.exists() else None
        # mkstemp creates the file with mode 0600 in the folder given.
        fd, name = tempfile.mkstemp(dir=store.home, prefix=COPY_PREFIX, suffix=".toml")
    edit = EditCopy(Path(name), original)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(edit.starting_text())
    return edit


def check(store: Store, edit: EditCopy) -> Problem | None:
    """None when the copy reads as a valid plan; otherwise what is wrong with it."""
    copy_file = TomlFile(edit.path.name, PLAN_FILE.version, PLAN_FILE.migrations)
    try:
        store.load(copy_file, Plan.from_dict)
    except DataFileError as exc:
        return Problem(exc.problem, exc.line)
    return _unknown_key(tomllib.loads(edit.text()))


def _unknown_key(data: dict[str, Any]) -> Problem | None:
    """A key the plan does not have (a typo such as `reason` or `phnoe`) would be dropped
    silently at the next save; name it instead."""
    known = {VERSION_KEY, *Plan().to_dict()}
    for key, value in data.items():
        if key not in known:
            return Problem(
                f"{key!r} is not a part of the plan; the parts are "
                f"{', '.join(sorted(known - {VERSION_KEY}))}",
                None,
            )
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            allowed = set(TABLE_KEYS[key])
            for number, table in enumerate(value):
                extra = sorted(set(table) - allowed)
                if extra:
                    return Problem(
                        f"{key}[{number}] has {extra[0]!r}, which is not one of "
                        f"{', '.join(TABLE_KEYS[key])}",
                        None,
                    )
    return None


def finish(store: Store, edit: EditCopy) -> None:
    """Replace the plan with the checked copy, atomically, under the lock; refused (and the
    copy kept) when the plan changed since the copy was made."""
    text = edit.text()
    if VERSION_KEY not in tomllib.loads(text):
        text = f"{VERSION_KEY} = {PLAN_FILE.version}\n{text}"
    with store.transaction():
        path = store.path(PLAN_FILE)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != edit.original:
            edit.keep = True
            raise RecoveryError(
                f"your plan was changed by another recovery command while you were editing, "
                f"so it was not replaced. Your edited copy is kept at {edit.path}; "
                "run recovery plan edit again and copy your changes across"
            )
        store.save_text(PLAN_FILE, text)


def discard(edit: EditCopy) -> None:
    """Remove the copy, unless it has to be kept for the person."""
    if not edit.keep:
        with suppress(FileNotFoundError):
            edit.path.unlink()


def new_plan_text() -> str:
    import tomli_w

    return NEW_PLAN_HEADER + tomli_w.dumps({VERSION_KEY: PLAN_FILE.version, **Plan().to_dict()})
