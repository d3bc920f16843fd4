"""Which days a board can meet on: weekends and the bank holidays of the UK's nations.

Bank holidays come from the ``holidays`` library (kept up to date with each year's
proclamations, including one-off days such as a coronation), not from a list written
here. England and Wales share their bank holidays; Scotland and Northern Ireland have
their own.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
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


def load_bank_holidays(around: date) -> None:
    """Have the bank holidays of ``around``'s year and the next ready in every nation, so
    that the first date worked out later (on the GUI thread, say) does not wait for the
    library to load: about 150 ms the first time."""
    for nation in NATIONS:
        for year in (around.year, around.year + 1):
            _bank_holidays(nation, year)


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


def is_working_day(day: date, nation: str = DEFAULT_NATION) -> bool:
    return day.weekday() < 5 and bank_holiday(day, nation) is None


DEFAULT_CLEAR_DAYS = 5  # the Local Government Act 1972, s.100B(3): five clear days


def publication_deadline(
    meeting_day: date, clear_days: int = DEFAULT_CLEAR_DAYS, nation: str = DEFAULT_NATION
) -> date:
    """The last day on which the agenda and papers can be published and still leave
    ``clear_days`` clear working days before the meeting: neither the day of publication
    nor the meeting day counts, nor weekends and the nation's bank holidays."""
    day, clear = meeting_day, 0
    while clear < clear_days:
        day -= timedelta(days=1)
        if is_working_day(day, nation):
            clear += 1
    day -= timedelta(days=1)
    while not is_working_day(day, nation):  # published on a working day
        day -= timedelta(days=1)
    return day


def working_days_before(day: date, count: int, nation: str = DEFAULT_NATION) -> date:
    """The working day ``count`` working days before ``day`` (``day`` itself for 0, or the
    working day before it when it is not one): when papers are due before publication."""
    while not is_working_day(day, nation):
        day -= timedelta(days=1)
    for _ in range(count):
        day -= timedelta(days=1)
        while not is_working_day(day, nation):
            day -= timedelta(days=1)
    return day


def working_days_after(day: date, count: int, nation: str = DEFAULT_NATION) -> date:
    """The day ``count`` working days after ``day`` (which does not count): a decision
    notice due "within 2 working days" of a meeting."""
    for _ in range(count):
        day += timedelta(days=1)
        while not is_working_day(day, nation):
            day += timedelta(days=1)
    return day


def nation_of(access_rules: str) -> str:
    """Whose bank holidays a board keeps: Wales for a board on the Welsh wording, else England."""
    return "wales" if access_rules == "wales" else DEFAULT_NATION
