"""A probe for the start-up benchmark: how long until the main window is painted, and RSS.

With ``SCBMEET_EXIT_WHEN_SHOWN=1`` in the environment, :func:`report_startup_if_asked`
waits for the first paint of the window it is given, prints one line::

    scbmeet-startup shown_ms=812.4 rss_mb=142.0

(time since the *process* started, where the system says; resident memory) and quits
the application. Without the variable it does nothing. ``benchmarks/bench_startup.py``
reads the line; whichever window ends up as the main window just calls this once after
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


def startup_line() -> str:
    since = seconds_since_process_start()
    elapsed = since if since is not None else time.perf_counter() - _MODULE_LOADED
    rss = resident_memory_mb()
    return f"{PREFIX} shown_ms={elapsed * 1000:.1f} rss_mb={rss if rss is not None else -1:.1f}"


class _FirstPaint(QObject):
    """Reports once, on the window's first paint, then quits the application."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.reported = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.reported and event.type() == QEvent.Type.Paint:
            self.reported = True
            # After this paint has finished, not in the middle of it.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(startup_line(), flush=True)
        QApplication.quit()


def report_startup_if_asked(window: QWidget) -> bool:
    """When the benchmark asks (see the module docstring), report the first paint of
    ``window`` and quit; True if it will."""
    if not os.environ.get(ENV):
        return False
    _FirstPaint(window)
    return True
