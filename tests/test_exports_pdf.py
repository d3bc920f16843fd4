"""Every document converts to PDF with LibreOffice (skipped, saying so, without soffice)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from scbmeet.exports.action_log import export_action_log
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.chair_brief import export_chair_brief
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.pack import export_pack

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not on PATH: PDF conversion not checked"
)
def test_all_documents_convert_to_pdf(demo, tmp_path):
    services, summary = demo
    upcoming, held = summary.upcoming_meeting_id, summary.meeting_ids[2]
    docs = tmp_path / "docs"
    docs.mkdir()
    made = [
        export_agenda(services, upcoming, docs / "agenda.docx"),
        export_agenda(services, upcoming, docs / "agenda-public.docx", public=True),
        export_pack(services, upcoming, docs / "pack.docx"),
        export_minutes(services, held, docs / "minutes.docx"),
        export_minutes(services, held, docs / "minutes-public.docx", public=True),
        export_action_log(services, upcoming, docs / "actions.docx", by="owner"),
        export_chair_brief(services, upcoming, docs / "brief.docx", today=date(2026, 11, 21)),
    ]
    pdfs = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    assert SOFFICE is not None
    # One soffice run converts them all; a private profile avoids clashing with a running one.
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdfs),
            *map(str, made),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for docx_path in made:
        pdf = pdfs / docx_path.with_suffix(".pdf").name
        assert pdf.exists(), f"{docx_path.name} did not convert: {result.stdout} {result.stderr}"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
        assert _pages(pdf) >= 1


def _pages(pdf) -> int:
    """Page count from pdfinfo where poppler is installed; else trust the trailer check."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return 1
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
