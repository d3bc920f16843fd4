"""Where the Qt Designer forms (``ui/``) and resources (``resources/``) are.

In an installed wheel they live inside the package (``scbmeet/_forms`` and
``scbmeet/_resources``, see pyproject.toml); in a source checkout they are the top-level
``ui/`` and ``resources/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


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
