"""How a minute is referred to: its number and numbering year, ``12/26``.

Apart from the numbering rules (:mod:`scbmeet.services.numbering`, which need the table
classes) so that ``scbmeet check`` can name minutes without them.
"""

from __future__ import annotations


def minute_reference(number: int, year: int) -> str:
    return f"{number}/{year % 100:02d}"
