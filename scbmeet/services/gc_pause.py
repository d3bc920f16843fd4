"""Pausing Python's cycle collector while a service builds many small plain rows."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while building thousands of rows that make no cycles.

    Each collection walks every object of the program (a GUI holds hundreds of
    thousands), so on a long history they cost more than building the rows.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
