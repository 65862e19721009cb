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


# A path component that names a folder a sync service copies to other computers (as
# each service names its folder on Windows, macOS and Linux, ~/Library/CloudStorage too).
_SYNCED_PREFIXES = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "icloud drive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "syncthing": "Syncthing",
}
SYNCTHING_MARKER = ".stfolder"


def synced_service(path: Path) -> str | None:
    """The sync service whose folder holds `path` (Dropbox, OneDrive, iCloud Drive,
    Google Drive, Syncthing), as far as its folder names tell; None when none does."""
    folder = path.expanduser().absolute().parent
    for part in folder.parts:
        name = part.casefold()
        for prefix, service in _SYNCED_PREFIXES.items():
            if name.startswith(prefix):
                return service
    for parent in (folder, *folder.parents):
        if (parent / SYNCTHING_MARKER).exists():
            return "Syncthing"
    return None
