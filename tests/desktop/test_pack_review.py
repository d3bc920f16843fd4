"""Papers still under review: the tracker says so, and the pack export asks before writing."""

from __future__ import annotations

import re
import zipfile

import pytest

from scbmeet.gui import hooks
from scbmeet.gui.agenda.papers_tracker import PapersTracker
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.widgets import dialogs

from ..real_papers import DELETED_NAMES, reviewed_report


@pytest.fixture
def reviewed(demo):
    """The demo's next meeting with a report still carrying tracked changes on item 5."""
    services, summary = demo
    item = next(
        i
        for i in services.agenda.agenda(summary.upcoming_meeting_id)
        if i.title == "Strategic assessment priorities"
    )
    paper = services.agenda.add_paper(item.id, "Reviewed report")
    services.agenda.attach_file(paper.id, "reviewed.docx", reviewed_report())
    return services, summary.upcoming_meeting_id


@pytest.fixture
def answers(monkeypatch):
    """What the export's question is asked and answered (index of the choice, None: cancel)."""
    asked: dict[str, object] = {"answer": 0, "texts": []}

    def choose_one(_parent, _title, text, choices):
        asked["texts"].append(text)  # type: ignore[union-attr]
        asked["choices"] = choices
        return asked["answer"]

    monkeypatch.setattr(dialogs, "choose_one", choose_one)
    return asked


def test_the_tracker_marks_a_paper_with_tracked_changes(qtbot, reviewed):
    services, meeting_id = reviewed
    tracker = PapersTracker(services, meeting_id)
    qtbot.addWidget(tracker)
    model = tracker.proxy
    files = [model.index(r, 6).data() for r in range(model.rowCount())]
    (marked,) = [f for f in files if "reviewed.docx" in f]
    assert "check: reviewed.docx: tracked changes (2), comments (1)" in marked
    assert "1 paper still carries tracked changes" in tracker.summary_label.text()


@pytest.fixture
def window(qtbot, demo_services, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)  # restored afterwards
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    return w


def test_exporting_the_pack_asks_and_can_accept_the_changes(
    qtbot, window, reviewed, prompts, answers, tmp_path
):
    _services, meeting_id = reviewed
    prompts.save_path = tmp_path / "pack.docx"
    window.export_document(meeting_id, "pack", False)
    qtbot.waitUntil(lambda: prompts.save_path.exists(), timeout=20000)
    (text,) = answers["texts"]
    assert "Item 6: Reviewed report (reviewed.docx: tracked changes (2)" in text
    assert answers["choices"][0] == "Accept tracked changes in the pack"
    with zipfile.ZipFile(prompts.save_path) as z:
        body = z.read("word/document.xml")
    assert DELETED_NAMES.encode() not in body
    assert not re.search(rb"<w:del\b", body)
    assert prompts.errors == []


def test_cancelling_the_question_writes_nothing(
    qtbot, window, reviewed, prompts, answers, tmp_path
):
    _services, meeting_id = reviewed
    answers["answer"] = None
    prompts.save_path = tmp_path / "pack.docx"
    window.export_document(meeting_id, "pack", False)
    assert answers["texts"]
    assert not prompts.save_path.exists()


def test_the_minutes_of_a_meeting_not_yet_held_are_refused_before_asking_where(
    window, demo, prompts, tmp_path, monkeypatch
):
    _services, summary = demo
    asked = []
    monkeypatch.setattr(
        dialogs, "choose_save_path", lambda *a: asked.append(a) or tmp_path / "m.docx"
    )
    window.export_document(summary.upcoming_meeting_id, "minutes", False)
    (error,) = prompts.errors
    assert str(error).startswith("The MSCB meeting of 9 December 2026 has not been held yet")
    assert asked == []
    assert not (tmp_path / "m.docx").exists()
