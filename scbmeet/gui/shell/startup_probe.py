"""A probe for the start-up benchmark: time to the main window shown (and ready), and RSS.

With ``SCBMEET_EXIT_WHEN_SHOWN=1`` in the environment, :func:`report_startup_if_asked`
waits for the first paint of the window it is given, prints one line::

    scbmeet-startup shown_ms=412.0 ready_ms=905.0 rss_mb=142.0

(times since the *process* started, where the system says; resident memory) and quits
the application. Without the variable it does nothing. A window that is shown before
its content is loaded passes ``wait_for_ready=True`` and calls :func:`startup_ready`
once the content is there; otherwise ready is when shown. ``benchmarks/bench_startup.py``
reads the line; whichever window ends up as the main window calls this once after
``show()``.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "SCBMEET_EXIT_WHEN_SHOWN"
PREFIX = "scbmeet-startup"
_MODULE_LOADED = time.perf_counter()


def seconds_since_process_start() -> float | None:
    """Seconds since this process started (Linux: from /proc, to 10 ms), else None."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
    except (OSError, IndexError, ValueError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    started = int(fields[19]) / ticks  # field 22 of stat: start time after boot, in ticks
    return max(uptime - started, 0.0)


def resident_memory_mb() -> float | None:
    """Resident memory of this process in MB (Linux: current; elsewhere: the peak)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1_048_576 if sys.platform == "darwin" else peak / 1024


def _elapsed() -> float:
    since = seconds_since_process_start()
    return since if since is not None else time.perf_counter() - _MODULE_LOADED


def startup_line(shown: float, ready: float) -> str:
    rss = resident_memory_mb()
    return (
        f"{PREFIX} shown_ms={shown * 1000:.1f} ready_ms={ready * 1000:.1f} "
        f"rss_mb={rss if rss is not None else -1:.1f}"
    )


class _Probe(QObject):
    """Notes the window's first paint (and readiness), reports once, then quits."""

    def __init__(self, window: QWidget, wait_for_ready: bool) -> None:
        super().__init__(window)
        self.shown: float | None = None
        self.ready: float | None = None if wait_for_ready else -1.0
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.shown is None and event.type() == QEvent.Type.Paint:
            self.shown = _elapsed()
            QTimer.singleShot(0, self.report_when_complete)  # after this paint has finished
        return False

    def mark_ready(self) -> None:
        if self.ready is None:
            self.ready = _elapsed()
            QTimer.singleShot(0, self.report_when_complete)

    def report_when_complete(self) -> None:
        if self.done or self.shown is None or self.ready is None:
            return
        self.done = True
        ready = self.shown if self.ready < 0 else max(self.ready, self.shown)
        print(startup_line(self.shown, ready), flush=True)
        QApplication.quit()


_active: list[_Probe] = []


def report_startup_if_asked(window: QWidget, *, wait_for_ready: bool = False) -> bool:
    """When the benchmark asks (see the module docstring), report the first paint of
    ``window`` (and, with ``wait_for_ready``, the call to :func:`startup_ready`) and quit;
    True if it will."""
    if not os.environ.get(ENV):
        return False
    _active.append(_Probe(window, wait_for_ready))
    return True


def startup_ready() -> None:
    """The main window shows its content (call once; does nothing unless probing)."""
    for probe in _active:
        probe.mark_ready()
