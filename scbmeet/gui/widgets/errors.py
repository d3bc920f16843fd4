"""Showing problems to the user: known ones as a plain message, bugs as an apology.

No traceback ever reaches the user's screen: unexpected errors are logged to
``scbmeet-errors.log`` in the data folder and the dialog says where.

A database file found damaged while open (:class:`~scbmeet.domain.errors.DamageFoundInUseError`)
is not just a message: :data:`damage_handler`, installed by the main window through
:func:`scbmeet.gui.safety.in_use.watch_for_damage`, offers the newest good backup instead.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from scbmeet.domain.errors import DamageFoundInUseError, ScbmeetError

log = logging.getLogger(__name__)

# Offers recovery for damage found mid-session; True if it dealt with the error.
DamageHandler = Callable[[QWidget | None, DamageFoundInUseError], bool]
damage_handler: DamageHandler | None = None


def offer_damage_recovery(parent: QWidget | None, exc: BaseException) -> bool:
    """For a database found damaged while open, offer the way back (see
    :data:`damage_handler`); True if that was done and nothing else need be shown.
    Places that show errors in their own way (a pane, a placeholder) call this first."""
    if isinstance(exc, DamageFoundInUseError) and damage_handler is not None:
        return damage_handler(parent, exc)
    return False


def log_bug(exc: BaseException) -> str:
    """Append the traceback to the error log; return the log's path (or a note)."""
    from scbmeet.storage.paths import data_dir

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
    """A message box for ``exc``: a warning for known problems, critical for bugs; for a
    database found damaged, the offer of its newest good backup instead."""
    if offer_damage_recovery(parent, exc):
        return
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
