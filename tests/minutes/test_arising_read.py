"""Matters arising's list is read off the GUI thread: through the minutes window, the
words typed while it is read all land in the narrative, none reaches the list's D/X/P/O
keys, no dialog opens, and the list takes the keyboard when it comes only if nothing was
typed meanwhile.

The read is held back (``held_read``) until the test lets it go, so "while it is read" is
a fact of the test, not a race with the machine's load.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from scbmeet.domain.errors import DatabaseError


class HeldRead:
    """``services.actions.outstanding`` waits for ``let_go()`` before it reads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, services) -> None:
        self.gate = threading.Event()
        self.asked = threading.Event()
        real = services.actions.outstanding

        def held(**kwargs):
            self.asked.set()
            self.gate.wait(timeout=120)
            return real(**kwargs)

        monkeypatch.setattr(services.actions, "outstanding", held)

    def let_go(self) -> None:
        self.gate.set()


@pytest.fixture
def held_read(monkeypatch, demo):
    services, _ = demo
    held = HeldRead(monkeypatch, services)
    yield held
    held.let_go()  # never leave a worker waiting


def _states(services, window) -> dict[int, str]:
    return {a.id: a.state for a in services.actions.outstanding(as_of_meeting_id=window.meeting.id)}


def _click_agenda_row(qtbot, window, title):
    key = window.row_titled(title)
    row = next(i for i, r in enumerate(window.item.rows) if r.key == key)
    rect = window.agenda_view.visualRect(window.agenda_model.index(row, 1))
    qtbot.mouseClick(window.agenda_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _type_at_once(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)


def test_a_click_then_typing_at_once_while_the_list_is_read_loses_no_keystroke(
    qtbot, demo, window, monkeypatch
):
    services, _ = demo
    before = _states(services, window)
    held = HeldRead(monkeypatch, services)
    try:
        _click_agenda_row(qtbot, window, "Matters arising")
        _type_at_once("Discussion of the open actions ")
        assert window.arising.loading()  # the list is still being read
        assert QApplication.focusWidget() is window.narrative
    finally:
        held.let_go()
    qtbot.waitUntil(lambda: not window.arising.loading())
    assert window.arising.model.rowCount() == len(before)  # the list came
    _type_at_once("followed; progress was noted.")
    text = "Discussion of the open actions followed; progress was noted."
    assert window.narrative.toPlainText() == text
    assert QApplication.focusWidget() is window.narrative  # the list took nothing
    assert QApplication.activeModalWidget() is None
    window.save_now()
    minute = next(m for m in services.minutes.minutes(window.meeting.id) if m.narrative)
    assert minute.narrative == text
    assert _states(services, window) == before  # no D, X, P or O reached the list


def test_moved_there_by_keyboard_and_typing_at_once_the_words_stay_in_the_narrative(
    qtbot, window, held_read, kb
):
    window.go_to(window.row_titled("Minutes of the meeting"))
    kb.press("alt+Down")  # to Matters arising, whose list is still being read
    assert window.arising.loading() and QApplication.focusWidget() is window.narrative
    kb.type("Done and dropped")  # D, X, P, O among the letters
    held_read.let_go()
    qtbot.waitUntil(lambda: not window.arising.loading())
    assert window.arising.model.rowCount() > 0
    kb.type(" were all discussed.")
    assert window.narrative.toPlainText() == "Done and dropped were all discussed."
    assert QApplication.focusWidget() is window.narrative
    assert QApplication.activeModalWidget() is None
    assert all(a.closed_at_meeting_id != window.meeting.id for a in window.arising.model.rows())


def test_moved_there_with_nothing_typed_the_list_takes_the_keyboard_when_it_comes(
    qtbot, window, held_read, kb
):
    window.go_to(window.row_titled("Minutes of the meeting"))
    kb.press("alt+Down")
    assert QApplication.focusWidget() is window.narrative  # nothing to work on yet
    held_read.let_go()
    kb.arising_in_hand(window)
    assert window.arising.current() is not None  # the first action selected, ready for D


def test_the_list_read_again_keeps_the_action_chosen_meanwhile(qtbot, window, kb):
    """A change while the list is open reads it again; the action the chair moved to in
    the meantime stays the selected one."""
    window.go_to(window.row_titled("Matters arising"))
    kb.arising_in_hand(window)
    rows = window.arising.model.rows()
    window.arising.refresh()
    window.arising.select(rows[2].id)  # moved while the read is on its way
    qtbot.waitUntil(lambda: not window.arising.loading())
    assert window.arising.current().id == rows[2].id


def test_a_late_read_never_replaces_a_newer_one(qtbot, window, kb):
    window.go_to(window.row_titled("Matters arising"))
    kb.arising_in_hand(window)
    older = window.arising._reads
    window.arising.refresh()
    qtbot.waitUntil(lambda: not window.arising.loading())
    shown = window.arising.model.rowCount()
    window.arising._show_read(older, [])  # an older read's answer arriving after the latest
    assert window.arising.model.rowCount() == shown


def test_a_list_that_cannot_be_read_says_so_in_the_banner_not_a_dialog(
    qtbot, demo, window, monkeypatch
):
    services, _ = demo

    def away(**_kwargs):
        raise DatabaseError("The database cannot be reached just now.")

    monkeypatch.setattr(services.actions, "outstanding", away)
    window.go_to(window.row_titled("Matters arising"))
    qtbot.waitUntil(lambda: not window.arising.loading())
    assert "The database cannot be reached just now." in window.banner_label.text()
    assert QApplication.activeModalWidget() is None
    assert QApplication.focusWidget() is window.narrative


def test_progress_left_unfinished_is_finished_on_its_action_when_the_list_comes(
    qtbot, demo, open_minutes, kb, tmp_path, monkeypatch
):
    """A progress dialog open when the session ended is put back; Enter on it while the
    list is still being read opens it, as it was, on its own action once the list is in."""
    from scbmeet.gui.minutes.dialogs import TextDialog

    services, summary = demo
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    window.go_to(window.row_titled("Matters arising"))
    kb.arising_in_hand(window)
    action = window.arising.model.rows()[1]
    window.arising.select(action.id)
    kb.press("P")
    kb.modal(TextDialog)
    kb.type("Half the partners have replied")
    window.keeper.journal.sync()
    window.keeper.journal.abandon()  # as a kill leaves it: the journal as it is on disk
    dialog = QApplication.activeModalWidget()
    dialog.hide()
    dialog.deleteLater()
    window.close()

    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "not yet saved" in again.notice_label.text())
    held = HeldRead(monkeypatch, services)
    try:
        again.go_to(again.row_titled("Matters arising"))
        assert again.arising.loading() and again.arising.model.rowCount() == 0
        model = again.records_model
        row = next(
            r
            for r in range(model.rowCount())
            if "Half the partners have replied" in str(model.index(r, 1).data())
        )
        again.records_view.setFocus()
        again.records_view.setCurrentIndex(model.index(row, 0))
        kb.press("Return")
        assert QApplication.activeModalWidget() is None  # not yet: the list is read first
    finally:
        held.let_go()
    dialog = kb.modal(TextDialog)
    assert dialog.value() == "Half the partners have replied"
    assert again.arising.current().id == action.id
    kb.type(".")
    kb.press("Return")
    kb.no_modal()
    assert services.actions.updates(action.id)[-1].text == "Half the partners have replied."
    again.close()
