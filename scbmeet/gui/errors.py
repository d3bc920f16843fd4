"""Showing problems to the user: known ones as a plain message, bugs as an apology.

No traceback ever reaches the user's screen: unexpected errors are logged to
``scbmeet-errors.log`` in the data folder and the dialog says where.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from scbmeet.errors import ScbmeetError

log = logging.getLogger(__name__)


def log_bug(exc: BaseException) -> str:
    """Append the traceback to the error log; return the log's path (or a note)."""
    from scbmeet.paths import data_dir

    try:
        path = data_dir() / "scbmeet-errors.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)) + "\n")
        return str(path)
    except OSError:
        return "(the error log could not be written)"


def error_text(exc: BaseException) -> str:
    if isinstance(exc, ScbmeetError):
        return str(exc)
    where = log_bug(exc)
    return f"Something went wrong inside scbmeet ({type(exc).__name__}). Nothing was saved by the step that failed. Details were written to {where}."


def show_error(parent: QWidget | None, exc: BaseException, title: str = "scbmeet") -> None:
    """A message box for ``exc``: a warning for known problems, critical for bugs."""
    text = error_text(exc)
    if isinstance(exc, ScbmeetError):
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.critical(parent, title, text)


@contextmanager
def reporting_errors(parent: QWidget | None, title: str = "scbmeet") -> Iterator[None]:
    """Run a block; any exception becomes a message box instead of propagating."""
    try:
        yield
    except Exception as exc:
        show_error(parent, exc, title)


def install_excepthook() -> None:
    """Exceptions escaping Qt slots get a dialog, not a traceback on stderr (or a crash)."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unhandled error", exc_info=(kind, exc, tb))
        show_error(None, exc)

    sys.excepthook = hook
