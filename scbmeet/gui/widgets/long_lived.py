"""Keeping the garbage collector's full passes short while someone types.

Python's collector now and then walks every object it tracks, looking for cycles. With
the database stack, Qt's wrappers and a long history loaded that is well over a hundred
thousand objects, and a full pass held the GUI thread 55-100 ms: in minutes mode it fell
on a keystroke (often the first of a new minute). Once start-up is over, what exists then
(modules, classes, the windows) is handed to the collector's permanent generation, which
its passes skip. Those objects are still freed the moment nothing refers to them; only a
cycle among them would wait (start-up's own garbage, a little memory). No collection runs
first: on a loaded app it is itself such a pass, and in minutes mode the typing has begun.
"""

from __future__ import annotations

import gc


def settle_long_lived() -> None:
    """Exempt every object there is now from the collector's later full passes (at once:
    this walks nothing)."""
    gc.freeze()
