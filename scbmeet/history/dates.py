"""Dates as boards write them: ``5 June 2013``, ``5th June 2013``, ``Wednesday 27 November
2013``, ``05/06/2013``, ``2013-06-05``."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
WRITTEN = re.compile(
    r"\b(?P<day>\d{1,2})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>"
    + MONTHS
    + r")\.?,?\s+(?P<year>\d{4})\b",
    re.I,
)
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})\b")
ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


def _month(name: str) -> int:
    name = name.lower()[:3]
    return datetime.strptime(name, "%b").month


def find_date(text: str) -> tuple[date, int] | None:
    """The first date written in ``text`` and where it ends, or None."""
    candidates = []
    for pattern in (WRITTEN, NUMERIC, ISO):
        match = pattern.search(text)
        if match:
            candidates.append(match)
    for match in sorted(candidates, key=lambda m: m.start()):
        try:
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else _month(month_text)
            year = int(match.group("year"))
            year += 2000 if year < 100 else 0
            return date(year, month, int(match.group("day"))), match.end()
        except ValueError:
            continue
    return None


def first_date(text: str) -> date | None:
    """The first date written anywhere in ``text`` (a search, unlike ``text.dates.parse_date``,
    which reads a whole field)."""
    found = find_date(text or "")
    return found[0] if found else None
