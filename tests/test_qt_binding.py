"""The Qt binding keeps Python's reference counts right: PySide6 6.12.0 dropped a reference
to ``None`` on every call returning nothing, so a long session aborted with "none_dealloc"
(pyproject.toml keeps that release out; this catches any other that does the same)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel

CALLS = 200


def test_calls_that_return_nothing_keep_none_alive(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("Minutes")
        qapp.processEvents()
    # Other threads may hold or free a few references meanwhile; a leak loses 2 per loop.
    assert sys.getrefcount(None) - before > -CALLS // 2
