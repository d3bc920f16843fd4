"""The attendance report of a board over a period, as a Word document or a CSV file.

What the secretary prints for the annual report or sends the chair before a membership
review: per member, the meetings they were expected at, attended, covered by a substitute,
sent apologies for or missed, with the flags the app shows (a term ending soon, the last
few meetings missed); then per organisation, whether it was represented. The CSV holds the
members' rows, for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from scbmeet.domain.dto import long_date
from scbmeet.exports.writer import WordWriter
from scbmeet.services import Services
from scbmeet.services.attendance import AttendanceReport
from scbmeet.storage.atomic import write_bytes_atomically

MEMBER_HEADINGS = (
    "Member",
    "Organisation",
    "Role",
    "Meetings",  # expected at: held during their term, in the period
    "Attended",
    "Covered",  # missed, but a substitute came
    "Apologies",
    "Absent",
    "Rate",
    "Notes",
)
# Fractions of the landscape text width: numbers narrow, the flags' notes wide enough to read.
MEMBER_WIDTHS = (0.16, 0.17, 0.08, 0.08, 0.08, 0.08, 0.09, 0.07, 0.06, 0.13)


def percent(rate: float | None) -> str:
    return "-" if rate is None else f"{round(rate * 100)}%"


def member_rows(report: AttendanceReport) -> list[list[str]]:
    return [
        [
            m.name,
            m.organisation_name,
            m.role.replace("_", " ").capitalize(),
            str(m.expected),
            str(m.attended),
            str(m.substituted),
            str(m.apologies),
            str(m.absent),
            percent(m.rate),
            "; ".join(m.flags),
        ]
        for m in report.members
    ]


def build_attendance_report(
    services: Services, report: AttendanceReport, *, template: Path | str | None = None
) -> WordWriter:
    board = services.register.board(report.board_id)
    period = f"{long_date(report.start)} to {long_date(report.end)}"
    writer = WordWriter(template)
    writer.landscape()
    writer.furniture(f"{board.name}: attendance, {period}")
    writer.heading(f"{board.name}: attendance at meetings", 1)
    held = len(report.meeting_dates)
    writer.paragraph(
        f"{period}: {held} meeting{'s' if held != 1 else ''} with attendance recorded"
        + (f" ({', '.join(long_date(d) for d in report.meeting_dates)})." if held else ".")
    )
    writer.heading("Members", 2)
    if report.members:
        writer.table(MEMBER_HEADINGS, member_rows(report), MEMBER_WIDTHS)
    else:
        writer.paragraph("The board had no members in this period.")
    writer.heading("Organisations", 2)
    if report.organisations:
        rows = [
            [
                o.name + (" (statutory)" if o.is_statutory else ""),
                f"{o.represented} of {o.meetings}",
                percent(o.rate),
                "; ".join(o.flags),
            ]
            for o in report.organisations
        ]
        writer.table(
            ("Organisation", "Represented", "Attendance", "Notes"), rows, (0.45, 0.15, 0.12, 0.28)
        )
    writer.properties(
        title=f"Attendance: {board.name}, {period}",
        author=board.name,
        subject=f"Attendance at meetings, {period}",
        keywords=f"{board.short_name}; attendance",
        category="Attendance report",
    )
    return writer


def export_attendance_report(
    services: Services,
    board_id: int,
    start: date,
    end: date,
    out: Path,
    *,
    today: date | None = None,
    template: Path | str | None = None,
) -> Path:
    """Write the board's attendance from ``start`` to ``end`` to ``out``: Word for a
    ``.docx`` name, else CSV (atomically)."""
    report = services.attendance.report(board_id, start, end, today=today)
    if out.suffix.lower() == ".docx":
        return build_attendance_report(services, report, template=template).save(out)
    write_bytes_atomically(out, attendance_csv(report).encode("utf-8-sig"))
    return out


def attendance_csv(report: AttendanceReport) -> str:
    """The members' rows as CSV (UTF-8 with a BOM on disk, which Excel reads as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MEMBER_HEADINGS)
    writer.writerows(member_rows(report))
    return buffer.getvalue()
