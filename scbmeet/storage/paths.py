"""Where scbmeet's files are: the user's data folder, the Qt Designer forms (``ui/``), the
resources (``resources/``).

In an installed wheel they live inside the package (``scbmeet/_forms`` and
``scbmeet/_resources``, see pyproject.toml); in a source checkout they are the top-level
``ui/`` and ``resources/`` folders.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "scbmeet"
_PACKAGE = Path(__file__).resolve().parents[1]  # the scbmeet package


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"none of {', '.join(map(str, candidates))} exists")


def forms_dir() -> Path:
    """The folder of ``.ui`` files."""
    return _first_existing(_PACKAGE / "_forms", _PACKAGE.parent / "ui")


def resources_dir() -> Path:
    """The folder of icons, Word templates and other resources."""
    return _first_existing(_PACKAGE / "_resources", _PACKAGE.parent / "resources")


def data_dir() -> Path:
    """The user's data directory for scbmeet (created on demand): ``$SCBMEET_DATA_DIR`` if
    set, else the platform's (``~/.local/share/scbmeet`` on Linux)."""
    override = os.environ.get("SCBMEET_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs  # only here: the desktop app's start-up need not load it

        path = Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path
