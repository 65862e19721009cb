"""The import contracts in pyproject.toml (layers, a plain core, no cycles) hold, so that
`pytest` alone catches a broken one; ARCHITECTURE.md explains them."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_import_contracts_are_kept() -> None:
    # A separate process: import-linter changes sys.path and logging in the process it runs in.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            "--config",
            str(ROOT / "pyproject.toml"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
