"""A CSV file to fill in for importing members: the header the import reads, and one example
row showing how names, organisations, roles and dates are written.

Saved from the member CSV import dialog (*Save a template…*); the columns are the import's
own (:data:`scbmeet.services.csv_import.COLUMNS`), so a filled-in template always imports.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from scbmeet.services import Services
from scbmeet.services.csv_import import COLUMNS
from scbmeet.storage.atomic import write_bytes_atomically

EXAMPLE = {
    "title": "Ms",
    "given_names": "Joanne",
    "family_name": "Example",
    "email": "joanne.example@example.gov.uk",
    "job_title": "Community Safety Manager",
    "role": "member",
    "start_date": "01/04/2026",
    "end_date": "31/03/2029",
}


def member_csv_template(services: Services) -> str:
    """The template's text: the header and an example row naming a real organisation."""
    organisations = [o for o in services.register.organisations(include_inactive=False)]
    example = dict(EXAMPLE, organisation=organisations[0].name if organisations else "")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([example.get(column, "") for column in COLUMNS])
    return out.getvalue()


def export_member_csv_template(services: Services, path: Path) -> Path:
    """Write the template to ``path`` as UTF-8 with Excel's mark (Excel opens it right)."""
    return write_bytes_atomically(path, member_csv_template(services).encode("utf-8-sig"))


__all__ = ["export_member_csv_template", "member_csv_template"]
