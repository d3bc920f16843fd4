"""Opening a database for the desktop app: the services over a file (or the default
database), or over a freshly built demo board.

Both run off the GUI thread, after the window is on screen, so this module imports the
database stack only inside its functions: importing it costs start-up nothing. Opening a
file makes only the services the navigator and the first page use
(:data:`FIRST_PAGE_SERVICES`); :func:`make_other_services` makes the rest, off the GUI
thread too, once the first page is shown.

All of it imports its modules past PySide6's import hook (:func:`past_the_pyside_hook`).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scbmeet.domain.calendar_days import load_bank_holidays

if TYPE_CHECKING:
    from scbmeet.services import Services

# What the navigator and the first page (the next meeting) use; a service not made here is
# made when first used. The other twenty's modules cost some 60-90 ms of CPU to import.
FIRST_PAGE_SERVICES = ("register", "meetings", "agenda", "actions", "publication")


@contextmanager
def past_the_pyside_hook() -> Iterator[None]:
    """Import with the ``__import__`` PySide6 found, not the one it installs.

    Once PySide6 is loaded, every module imported afterwards has its whole source read
    (``inspect.getsource``, kept in :mod:`linecache`) to see whether it says "PySide6",
    for PySide's ``__feature__`` switches, which scbmeet does not use. For the database
    stack and the bank holidays (some 900 modules) that was about a third of their import.
    PySide keeps the import it replaced as ``builtins.__orig_import__``; a module imported
    past the hook meanwhile, on any thread, has PySide's default, no feature switched on.
    """
    hooked = builtins.__import__
    plain = getattr(builtins, "__orig_import__", None)
    if not callable(plain) or plain is hooked:  # PySide6 not loaded (or changed its ways)
        yield
        return
    builtins.__import__ = plain
    try:
        yield
    finally:
        if builtins.__import__ is plain:  # not already put back by another opening
            builtins.__import__ = hooked


def open_services(db_path: str | None = None) -> Services:
    """Services over ``db_path`` (or ``$SCBMEET_DATABASE_URL``, or the default file), with
    those the first page uses made.

    Creates the default database on first use; an explicit path must exist already.
    """
    with past_the_pyside_hook():
        from scbmeet.services import Services
        from scbmeet.storage.database import open_database
        from scbmeet.storage.engine import resolve_url

        url = resolve_url(db_path)
        database = open_database(url, create=db_path is None, daily_backup=False)
        services = Services(database, eager=False)
        for name in FIRST_PAGE_SERVICES:
            getattr(services, name)
        load_bank_holidays(date.today())  # the first page works out publication deadlines
    return services


def make_other_services(services: Services) -> None:
    """Make every service not made yet (importing its module), so that no page's first
    visit pays for that on the GUI thread. Run off the GUI thread after the first page:
    a service the GUI makes meanwhile may be made twice, which is harmless (a service
    holds nothing but the shared context)."""
    from scbmeet.services import SERVICE_NAMES

    with past_the_pyside_hook():
        for name in SERVICE_NAMES:
            getattr(services, name)


def build_demo_services(folder: Path) -> Services:
    """A fresh demo database (the Marlshire board) in ``folder``."""
    from scbmeet.gui.widgets import clock

    with past_the_pyside_hook():
        from scbmeet.demo import build_demo
        from scbmeet.services import Services
        from scbmeet.storage.database import open_database
        from scbmeet.storage.engine import sqlite_url

        services = Services(open_database(sqlite_url(folder / "demo.sqlite3")))
        build_demo(services, today=clock.today())  # dated as the app sees today
        load_bank_holidays(clock.today())
    return services
