"""The attendance report as Word and CSV: read back by a fresh process and by LibreOffice."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import date

import pytest

from scbmeet.exports.attendance_report import MEMBER_HEADINGS, export_attendance_report

START, END, TODAY = date(2025, 12, 1), date(2026, 11, 30), date(2026, 11, 21)
READ_BACK = """
import sys
from docx import Document
document = Document(sys.argv[1])
print(document.core_properties.title)
print(document.core_properties.category)
for table in document.tables:
    print("|".join(cell.text for cell in table.rows[0].cells))
    print(len(table.rows))
print(document.sections[0].orientation)
"""


def test_word_report_read_back_by_a_fresh_process(demo, tmp_path):
    services, summary = demo
    out = export_attendance_report(
        services, summary.board_id, START, END, tmp_path / "attendance.docx", today=TODAY
    )
    lines = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    members = services.attendance.report(summary.board_id, START, END, today=TODAY).members
    assert (
        lines[0]
        == "Attendance: Marlshire Safer Communities Board, 1 December 2025 to 30 November 2026"
    )
    assert lines[1] == "Attendance report"
    assert lines[2] == "|".join(MEMBER_HEADINGS)
    assert int(lines[3]) == len(members) + 1
    assert lines[-1].startswith("LANDSCAPE")


def test_csv_report_opens_in_a_spreadsheet_with_one_row_per_member(demo, tmp_path):
    services, summary = demo
    out = export_attendance_report(
        services, summary.board_id, START, END, tmp_path / "attendance.csv", today=TODAY
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    report = services.attendance.report(summary.board_id, START, END, today=TODAY)
    assert rows[0] == list(MEMBER_HEADINGS)
    assert [r[0] for r in rows[1:]] == [m.name for m in report.members]
    brennan = next(r for r in rows if "Brennan" in r[0])
    assert brennan[-1] == "; ".join(next(m for m in report.members if "Brennan" in m.name).flags)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_word_report(demo, tmp_path):
    services, summary = demo
    out = export_attendance_report(
        services, summary.board_id, START, END, tmp_path / "attendance.docx", today=TODAY
    )
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    text = (tmp_path / "attendance.txt").read_text(encoding="utf-8-sig")
    assert "attendance at meetings" in text and "Organisations" in text
