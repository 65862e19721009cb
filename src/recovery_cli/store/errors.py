"""The errors a person can meet, each printed by the CLI as one plain line."""

from __future__ import annotations

from pathlib import Path


class RecoveryError(Exception):
    """A problem the person can fix (a value out of range, an unknown name, ...)."""


class DataFileError(RecoveryError):
    """A data file that cannot be read; it is left exactly as it is."""

    def __init__(self, path: Path, problem: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(
            f"cannot read {where}: {problem}. The file was left unchanged; to see what "
            "can be done, run `recovery doctor`"
        )


class NewerSchemaError(DataFileError):
    """A data file written by a newer version of recovery: updating recovery reads it."""


class InvalidValue(RecoveryError, ValueError):
    """A value that does not fit the data model, typed or stored.

    `key` says where it sits in a stored document ("clean_date", "triggers[2].risk") so
    that the line can be named when it came from a file.
    """

    def __init__(self, message: str, key: str | None = None) -> None:
        self.key = key
        super().__init__(message)
