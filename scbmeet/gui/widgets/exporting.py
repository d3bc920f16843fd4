"""What every export dialog shares: it starts in the folder of the last export, and after
writing it opens the file when *Open documents after exporting* is ticked, saying so when
nothing on the computer opens that kind of file.

The folder is the setting :data:`~scbmeet.settings.EXPORT_FOLDER`; the file chooser is
:func:`~scbmeet.gui.widgets.dialogs.choose_save_path` (tests replace it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QWidget

from scbmeet.gui import hooks
from scbmeet.gui.widgets import dialogs
from scbmeet.settings import EXPORT_FOLDER, OPEN_AFTER_EXPORT, Settings


def export_folder() -> Path:
    """The folder exported to last, if it is still there; else the home folder."""
    remembered = str(Settings.default().get(EXPORT_FOLDER))
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return Path.home()


def choose_export_path(
    parent: QWidget | None, caption: str, file_name: str, filters: str
) -> Path | None:
    """Ask where to save ``file_name``, starting in the last export folder (None: cancelled);
    the folder chosen is remembered for the next export."""
    path = dialogs.choose_save_path(parent, caption, str(export_folder() / file_name), filters)
    if path is not None and str(path.parent) != str(Settings.default().get(EXPORT_FOLDER)):
        Settings.default().set(EXPORT_FOLDER, str(path.parent))
    return path


def open_after_export(path: Path, wanted: bool | None = None) -> str:
    """Open ``path`` if wanted (by default: as the setting says); the sentence to add to
    "Saved …" when nothing could open it ("" when it opened or was not to be opened)."""
    if wanted is None:
        wanted = bool(Settings.default().get(OPEN_AFTER_EXPORT))
    if not wanted or hooks.open_file(path):
        return ""
    kind = path.suffix.lower() or "this kind of"
    return (
        f"Nothing on this computer opens {kind} files, so it was not opened: "
        "open it from its folder once a program for it is installed."
    )


def saved_message(path: Path, wanted: bool | None = None) -> str:
    """``Saved PATH`` for the status bar, opening the file as :func:`open_after_export` does."""
    problem = open_after_export(path, wanted)
    return f"Saved {path}. {problem}" if problem else f"Saved {path}"


def report_saved(parent: QWidget, path: Path, title: str = "Export") -> None:
    """Say where the file went: in the main window's status bar (opening it as its *Open
    documents after exporting* says), in a message where there is no main window."""
    window = parent.window()
    if isinstance(window, QMainWindow):
        open_after = getattr(window, "open_after_export_action", None)
        wanted = None if open_after is None else open_after.isChecked()
        message = saved_message(path, wanted)
        window.statusBar().showMessage(message, 10000 if message == f"Saved {path}" else 30000)
        return
    dialogs.inform(parent, title, saved_message(path) + ".")


__all__ = [
    "choose_export_path",
    "export_folder",
    "open_after_export",
    "report_saved",
    "saved_message",
]
