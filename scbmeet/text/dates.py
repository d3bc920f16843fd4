"""Dates as people type them: ``2/12/26``, ``2 Dec 2026``, ``Wednesday 2nd December 2026``,
``2026-12-02``. Day first, as in the UK; a two-digit year is in this century.

Plain Python, for every part of scbmeet that reads a typed date (the forms, the member CSV
import); a date that does not exist (``31/02/2027``) raises ``ValueError`` saying why.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
DATE_HINT = "e.g. 2 Dec 2026 or 02/12/2026"


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) <= 2 else year


def _checked_date(year: int, month: int, day: int, typed: str) -> date:
    if not 1 <= month <= 12:
        raise ValueError(f"{typed!r} is not a date: there is no month {month}.")
    if not 1900 <= year <= 2200:
        raise ValueError(f"{typed!r} is not a date scbmeet can use (year {year}).")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"{typed!r} is not a date: {calendar.month_name[month]} {year} has {last} days."
        )
    return date(year, month, day)


def parse_date(text: str) -> date:
    """A date from what people type; ``ValueError`` naming the problem otherwise."""
    typed = text.strip()
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", typed.lower()).replace(",", " ")
    # A weekday in front ("Wednesday 2 December 2026") is allowed and ignored.
    cleaned = re.sub(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+", "", cleaned).strip()
    if not cleaned:
        raise ValueError("Enter a date, " + DATE_HINT + ".")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned):
        return _checked_date(int(m[1]), int(m[2]), int(m[3]), typed)
    if m := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", cleaned):
        return _checked_date(_year(m[3]), int(m[2]), int(m[1]), typed)
    if m := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{2}|\d{4})", cleaned):
        month = MONTHS.get(m[2])
        if month is None:
            raise ValueError(f"{typed!r} is not a date: {m[2]!r} is not a month.")
        return _checked_date(_year(m[3]), month, int(m[1]), typed)
    raise ValueError(f"{typed!r} is not a date; type it as {DATE_HINT}.")


def parse_month(text: str) -> date:
    """``"March 2027"``, ``"03/2027"`` or any full date -> the first day of that month."""
    typed = text.strip()
    cleaned = typed.lower().replace(",", " ")
    if m := re.fullmatch(r"([a-z]+)\.?\s+(\d{2}|\d{4})", cleaned):
        month = MONTHS.get(m[1])
        if month is None:
            raise ValueError(f"{typed!r} is not a month: {m[1]!r} is not a month name.")
        return _checked_date(_year(m[2]), month, 1, typed)
    if m := re.fullmatch(r"(\d{1,2})[/.\-](\d{4})", cleaned):
        return _checked_date(int(m[2]), int(m[1]), 1, typed)
    try:
        return parse_date(typed).replace(day=1)
    except ValueError:
        raise ValueError(f"{typed!r} is not a month; type it as e.g. March 2027.") from None
