"""The register's rows as CSV, for a spreadsheet (text that would run as a formula is defused)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from scbmeet.services.action_rows import ActionRow

CSV_HEADER = [
    "Board",
    "Minute",
    "Meeting",
    "Action",
    "Owners",
    "Due",
    "State",
    "Age (days)",
    "Carried (meetings)",
    "Overdue (days)",
    "Latest progress",
    "Progress date",
]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def rows_to_csv(rows: Iterable[ActionRow]) -> str:
    """The rows as CSV text (one line per action; dates as YYYY-MM-DD)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow(
            [
                _cell(v)
                for v in (
                    r.board_short_name,
                    r.minute_reference,
                    r.meeting_date,
                    r.text,
                    r.owner_line,
                    r.due,
                    r.state_label,
                    r.age_days,
                    r.carried,
                    r.overdue_days or "",
                    r.latest_update,
                    r.latest_update_on,
                )
            ]
        )
    return buffer.getvalue()


def write_csv(rows: Iterable[ActionRow], path: Path) -> Path:
    """Write the rows as a CSV file that Excel opens with accents intact (UTF-8 with BOM)."""
    from scbmeet.storage.atomic import write_text_atomically

    return write_text_atomically(path, "\ufeff" + rows_to_csv(rows))
