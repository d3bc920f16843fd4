"""Matters arising: D, X, P and O each record something about the selected action and move
on to the next one, so the list is gone through alike whichever key is pressed."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from scbmeet.gui.minutes.commands import STILL_OPEN_NOTE
from scbmeet.gui.minutes.dialogs import TextDialog


def _selected_row(window) -> int:
    return window.arising.view.currentIndex().row()


def test_each_key_records_and_moves_to_the_next_action(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Matters arising"))
    kb.arising_in_hand(window)
    rows = window.arising.model.rows()
    assert len(rows) >= 5
    window.arising.select(rows[0].id)
    actions = services.actions
    kb.press("D")
    assert actions.action(rows[0].id).state == "done"
    assert _selected_row(window) == 1
    kb.press("X")
    assert actions.action(rows[1].id).state == "dropped"
    assert _selected_row(window) == 2
    kb.press("P")
    kb.modal(TextDialog)
    kb.type("Draft plan circulated.")
    kb.press("Return")
    kb.no_modal()
    assert actions.updates(rows[2].id)[-1].text == "Draft plan circulated."
    assert _selected_row(window) == 3
    assert QApplication.focusWidget() is window.arising.view
    still_open = rows[3]
    assert not still_open.is_closed
    kb.press("O")
    notes = [u for u in actions.updates(still_open.id) if u.meeting_id == window.meeting.id]
    assert [u.text for u in notes] == [STILL_OPEN_NOTE]
    assert actions.action(still_open.id).state == still_open.state  # still open, unchanged
    assert _selected_row(window) == 4
    kb.press("ctrl+Z")  # the note goes again
    assert all(u.text != STILL_OPEN_NOTE for u in actions.updates(still_open.id))


def test_o_on_a_closed_action_opens_it_again_and_moves_on(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Matters arising"))
    kb.arising_in_hand(window)
    rows = window.arising.model.rows()
    window.arising.select(rows[0].id)
    kb.press("D")
    kb.press("Up")  # at once: the row says done already (the list is read again behind)
    kb.press("O")
    assert services.actions.action(rows[0].id).state in ("open", "in_progress")
    assert _selected_row(window) == 1
    kb.press("Up")
    kb.press("D")
    kb.press("Up")
    kb.press("D")  # already done: nothing more to record, and the list moves on all the same
    assert services.actions.action(rows[0].id).state == "done"
    assert _selected_row(window) == 1
