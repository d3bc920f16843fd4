"""Today's date as the desktop app sees it.

Views decide what is upcoming, late or ending soon from :func:`today`. Tests (and the
screenshot script) pin it with :func:`set_today` so the demo board, built for a fixed
date, looks the same whatever the real date is.
"""

from __future__ import annotations

from datetime import date

_pinned: date | None = None


def today() -> date:
    return _pinned or date.today()


def set_today(value: date | None) -> None:
    """Pin today's date (``None`` goes back to the real one)."""
    global _pinned
    _pinned = value
