"""A PDF export starts its LibreOffice before the command imports the database stack."""

from __future__ import annotations

import pytest

from scbmeet.cli.office_ahead import wants_office
from scbmeet.exports import pdf_office


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["--db", "x.db", "export", "pack", "2027-06-09", "--out", "pack.pdf"], True),
        (["export", "pack", "2027-06-09", "--out=PACK.PDF", "--db", "x.db"], True),
        (["export", "minutes", "2027-06-09", "--out", "m.pdf"], True),
        (
            ["export", "actions", "2027-06-09", "--per-owner", "--out-dir", "d", "--format", "pdf"],
            True,
        ),
        (["export", "pack", "2027-06-09", "--out", "pack.docx"], False),
        (["show", "2027-06-09", "--out", "x.pdf"], False),
        (["export", "pack", "2027-06-09", "--out"], False),
    ],
)
def test_only_a_pdf_export_starts_libreoffice_ahead(argv, wanted):
    assert wants_office(argv) is wanted


def test_a_server_started_ahead_is_handed_out_once_then_a_new_one(monkeypatch, tmp_path):
    started: list[pdf_office.OfficeServer] = []
    monkeypatch.setattr(pdf_office.OfficeServer, "start", lambda self: started.append(self))
    monkeypatch.setattr(pdf_office.OfficeServer, "running", property(lambda self: True))
    monkeypatch.setattr(pdf_office, "locate_soffice", lambda: tmp_path / "soffice")
    monkeypatch.setattr(pdf_office, "_started_ahead", [])
    pdf_office.start_ahead()
    pdf_office.start_ahead()  # a second call starts no second LibreOffice
    assert len(started) == 1
    assert pdf_office.office_for(tmp_path / "soffice") is started[0]
    assert pdf_office.office_for(tmp_path / "soffice") is not started[0]
