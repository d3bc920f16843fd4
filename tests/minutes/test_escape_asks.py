"""Escape on a dialog the minute-taker opened: straight away when nothing was typed in it;
when something was, a question first (keep editing, or discard), and nothing is lost by
answering "keep editing"."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from scbmeet.gui.minutes.dialogs import ActionDialog, TextDialog, UpdateDialog


def _question(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.discard_question is not None, timeout=2000)
    box = dialog.discard_question
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box, timeout=2000)
    qtbot.waitUntil(lambda: box.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    return box


def test_escape_on_an_empty_dialog_closes_it_at_once(qtbot, demo, window, kb):
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+R")
    dialog = kb.modal(TextDialog)
    kb.press("Escape")
    kb.no_modal()
    assert dialog.discard_question is None
    assert QApplication.focusWidget() is window.narrative


def test_escape_on_a_filled_in_action_asks_and_keep_editing_keeps_it(qtbot, demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+shift+A")
    dialog = kb.modal(ActionDialog)
    kb.type("Map the hot spots")
    kb.press("Escape")
    box = _question(qtbot, dialog)
    assert box.text() == "Discard what you have typed?"
    kb.press("Escape")  # the question's Escape is "keep editing"
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog, timeout=2000)
    assert dialog.isVisible() and dialog.text_edit.text() == "Map the hot spots"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text_edit, timeout=2000)
    kb.type(" and the lighting")
    assert dialog.text_edit.text() == "Map the hot spots and the lighting"
    kb.press("Escape")
    box = _question(qtbot, dialog)
    box.discard_button.click()
    kb.no_modal()
    assert not dialog.isVisible()
    assert services.actions.actions(meeting_id=window.meeting.id) == []
    assert QApplication.focusWidget() is window.narrative


def test_a_changed_number_of_months_also_counts_as_typing(qtbot, demo, window, kb):
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+U")
    dialog = kb.modal(UpdateDialog)
    kb.press("alt+I")  # the months
    kb.press("Up")
    kb.press("Escape")
    box = _question(qtbot, dialog)
    box.discard_button.click()
    kb.no_modal()
    assert window.records_model.rows() == []
