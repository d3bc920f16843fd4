"""Running slow work (exports, imports, opening a large database) off the GUI thread.

``run_task(fn, on_done=..., on_error=...)`` runs ``fn`` in Qt's thread pool and calls
back on the GUI thread; ``fn`` may take a ``progress`` keyword (a callable taking a
0-100 int and a message) to report how far it has got. The services are thread-safe to
call this way: each call opens its own session.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if "progress" in inspect.signature(self.fn).parameters:
                result = self.fn(progress=lambda pct, msg="": self.signals.progress.emit(pct, msg))
            else:
                result = self.fn()
        except Exception as exc:  # delivered to on_error on the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_alive: set[_Signals] = set()  # keeps signal objects alive until their task reports


def run_task(
    fn: Callable[..., Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, str], None] | None = None,
) -> None:
    """Run ``fn`` in the background; call ``on_done(result)`` or ``on_error(exc)`` on the GUI thread."""
    signals = _Signals()
    _alive.add(signals)

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _alive.discard(signals)
        if callback is not None:
            callback(value)

    signals.done.connect(lambda result: finish(on_done, result))
    signals.failed.connect(lambda exc: finish(on_error, exc))
    if on_progress is not None:
        signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(_Task(fn, signals))
