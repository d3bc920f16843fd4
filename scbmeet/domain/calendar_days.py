"""Which days a board can meet on: weekends and the bank holidays of the UK's nations.

Bank holidays come from the ``holidays`` library (kept up to date with each year's
proclamations, including one-off days such as a coronation), not from a list written
here. England and Wales share their bank holidays; Scotland and Northern Ireland have
their own.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

NATIONS = {
    "england": ("ENG", "England"),
    "wales": ("WLS", "Wales"),
    "scotland": ("SCT", "Scotland"),
    "northern_ireland": ("NIR", "Northern Ireland"),
}
DEFAULT_NATION = "england"


@functools.cache
def _bank_holidays(nation: str, year: int) -> Any:
    import holidays  # here: only the few places that ask about a date need it

    subdivision, _name = NATIONS[nation]
    return holidays.country_holidays("GB", subdiv=subdivision, years=year)


def bank_holiday(day: date, nation: str = DEFAULT_NATION) -> str | None:
    """The name of the bank holiday on ``day`` in ``nation`` (None on an ordinary day)."""
    name = _bank_holidays(nation, day.year).get(day)
    return str(name) if name else None


def unusual_meeting_day(day: date, nation: str = DEFAULT_NATION) -> str | None:
    """Why ``day`` is an odd day for a meeting ("a Saturday", "Christmas Day, a bank
    holiday in England"), or None for an ordinary working day."""
    holiday = bank_holiday(day, nation)
    if holiday:
        return f"{holiday}, a bank holiday in {NATIONS[nation][1]}"
    if day.weekday() >= 5:
        return f"a {day:%A}"
    return None
