"""File ▸ Export ▸ As PDF: the accessibility check in the export dialog, then the PDF written
in the background, through the main window as a secretary would publish a pack."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from scbmeet.gui import hooks
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services, monkeypatch):
    for name in ("export_document", "export_pdf", "accessibility_problems"):
        monkeypatch.setattr(hooks, name, getattr(hooks, name))  # restored afterwards
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    return w


def _scan() -> bytes:
    """A PDF page with nothing on it to read: what a scanner without OCR produces."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _attach_scan(services, meeting_id):
    paper = next(
        p for i in services.agenda.agenda(meeting_id) for p in i.papers if "offender" in p.title
    )
    services.agenda.attach_file(paper.id, "scanned review.pdf", _scan())


def _pdf_action(window, text):
    return next(a for a in window.pdf_export_actions if a.text().replace("&", "") == text)


def test_the_public_pack_is_published_as_one_pdf_after_the_accessibility_check(
    qtbot, window, demo, prompts, tmp_path
):
    services, summary = demo
    _attach_scan(services, summary.upcoming_meeting_id)
    window.navigate("meeting", summary.upcoming_meeting_id)
    prompts.save_path = tmp_path / "public pack"
    _pdf_action(window, "Public agenda pack (PDF)…").trigger()
    qtbot.waitUntil(lambda: (tmp_path / "public pack.pdf").exists(), timeout=120000)
    assert len(prompts.confirmations) == 1
    assert "scanned review.pdf): no text layer" in prompts.confirmations[0]
    reader = PdfReader(tmp_path / "public pack.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Performance report" in text and "Domestic homicide" not in text
    assert reader.metadata.title.startswith("Agenda pack (public version)")
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=5000)
    assert prompts.errors == []


def test_the_pdf_is_not_written_when_the_secretary_stops_at_the_check(
    qtbot, window, demo, prompts, tmp_path, monkeypatch
):
    from scbmeet.gui.shell import meeting_commands

    started = []
    real = meeting_commands.run_with_progress

    def spy(parent, label, fn, **kwargs):
        started.append(label)
        return real(parent, label, fn, **kwargs)

    monkeypatch.setattr(meeting_commands, "run_with_progress", spy)
    services, summary = demo
    _attach_scan(services, summary.upcoming_meeting_id)
    window.navigate("meeting", summary.upcoming_meeting_id)
    prompts.save_path = tmp_path / "pack.pdf"
    prompts.agree = False
    _pdf_action(window, "Agenda pack (PDF)…").trigger()
    qtbot.waitUntil(lambda: bool(prompts.confirmations), timeout=30000)
    # Declining returns at once: only the check ran, no writing was started.
    assert started == ["Checking the agenda pack for accessibility…"]
    assert not prompts.save_path.exists()
    assert prompts.errors == []


def test_other_documents_come_out_as_pdf_from_the_meeting_page_menu(
    qtbot, window, demo, prompts, tmp_path
):
    _services, summary = demo
    window.navigate("meeting", summary.upcoming_meeting_id)
    page = window.current_page()
    prompts.save_path = tmp_path / "agenda.pdf"
    page.pdf_export_requested.emit(summary.upcoming_meeting_id, "agenda", True)
    qtbot.waitUntil(lambda: prompts.save_path.exists(), timeout=60000)
    reader = PdfReader(prompts.save_path)
    assert reader.metadata.title.startswith("Agenda (public version)")
    assert prompts.confirmations == []  # scbmeet's own agenda passes the check
    assert prompts.errors == []
