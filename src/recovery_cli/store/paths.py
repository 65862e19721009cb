"""Where the person's data lives: --home, else $RECOVERY_HOME, else the platform's data folder."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "RECOVERY_HOME"


def data_home(option: Path | None = None) -> Path:
    """The data folder for this run, in the order the README documents."""
    if option is not None:
        return option.expanduser()
    from_env = os.environ.get(HOME_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("recovery", appauthor=False)
