"""Slow work with a progress window: the window stays responsive and says what is happening.

:func:`run_with_progress` runs a function off the GUI thread (see :mod:`scbmeet.gui.widgets.tasks`)
behind a window-modal progress dialog that only appears if the work takes longer than a
moment, then hands the result (or the error) back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from scbmeet.gui.widgets.tasks import run_task

SHOW_AFTER_MS = 400


def run_with_progress(
    parent: QWidget | None,
    label: str,
    fn: Callable[..., Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> QProgressDialog:
    """Run ``fn`` in the background behind a progress dialog; returns the dialog.

    ``fn`` may take ``progress(percent, message)``; until it reports, the bar is busy.
    Errors go to ``on_error`` (default: a message box, see :func:`scbmeet.gui.widgets.dialogs.report`).
    """
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle("scbmeet")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)

    def finish() -> None:
        dialog.close()
        dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        finish()
        if on_error is not None:
            on_error(exc)
        else:
            from scbmeet.gui.widgets import dialogs

            dialogs.report(parent, exc)

    def progress(percent: int, message: str) -> None:
        dialog.setRange(0, 100)
        dialog.setValue(max(0, min(100, percent)))
        if message:
            dialog.setLabelText(message)

    run_task(fn, on_done=done, on_error=failed, on_progress=progress)
    return dialog
