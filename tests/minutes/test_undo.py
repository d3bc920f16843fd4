"""Everything done in minutes mode can be undone and redone, through the services."""

from __future__ import annotations

from scbmeet.gui.minutes.dialogs import ActionDialog, TextDialog, UpdateDialog


def _state(services, meeting_id, board_id):
    """What a minute-taker's work changes, as plain comparable data."""
    minutes = services.minutes.minutes(meeting_id)
    return {
        "minutes": [
            (
                m.title,
                m.reference,
                m.narrative,
                [r.text for r in m.resolutions],
                [(a.text, a.owner_line, a.due_date) for a in m.actions],
            )
            for m in minutes
        ],
        "agenda": [(i.title, i.status) for i in services.agenda.agenda(meeting_id)],
        "plan": sorted(
            (e.title, e.due_month)
            for e in services.forward_plan.entries(board_id)
            if not e.withdrawn
        ),
    }


def _do_everything(window, kb):
    window.go_to(window.row_titled("Performance report"))
    kb.type("Figures noted.")
    kb.press("ctrl+R")
    kb.modal(TextDialog)
    kb.type("to note the report")
    kb.press("Return")
    kb.no_modal()
    kb.press("ctrl+shift+A")
    kb.modal(ActionDialog)
    kb.type("Circulate the dashboard")
    kb.press("Tab")
    kb.type("Nadia Rahman/Rachel Okafor")
    kb.press("Return")
    kb.no_modal()
    kb.press("ctrl+U")
    kb.modal(UpdateDialog)
    kb.press("Return")
    kb.no_modal()
    kb.press("alt+Down", "alt+Down", "alt+Down")
    assert window.title_edit.text() == "Strategic assessment priorities"
    kb.press("ctrl+D")
    kb.press("ctrl+N")
    kb.modal(TextDialog)
    kb.type("Knife crime week of action")
    kb.press("Return")
    kb.no_modal()
    kb.type("Partners supported the week of action.")
    kb.press("ctrl+shift+Up")  # its minute moves before the performance minute


def test_undo_everything_then_redo_everything(qtbot, demo, window, kb):
    services, summary = demo
    meeting_id, board_id = summary.upcoming_meeting_id, summary.board_id
    before = _state(services, meeting_id, board_id)
    _do_everything(window, kb)
    window.save_now()
    after = _state(services, meeting_id, board_id)
    assert [m[0] for m in after["minutes"]] == ["Knife crime week of action", "Performance report"]
    assert ("Strategic assessment priorities", "deferred") in after["agenda"]

    steps = 0
    while window.undo_stack.canUndo():
        kb.press("ctrl+Z")
        steps += 1
    window.save_now()
    assert _state(services, meeting_id, board_id) == before
    assert steps >= 8

    while window.undo_stack.canRedo():
        kb.press("ctrl+Y")
    window.save_now()
    assert _state(services, meeting_id, board_id) == after

    # Records re-created by redo have new ids; undoing them again still finds them:
    # the move, the typing, the start of the minute, the new item.
    kb.press("ctrl+Z", "ctrl+Z", "ctrl+Z", "ctrl+Z")
    window.save_now()
    assert not any(
        t == "Knife crime week of action"
        for t, _ in _state(services, meeting_id, board_id)["agenda"]
    )
    assert not window.banner.isVisible()


def test_a_failed_undo_clears_the_history_and_says_so(qtbot, demo, window, kb, monkeypatch):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+R")
    kb.modal(TextDialog)
    kb.type("to note the report")
    kb.press("Return")
    kb.no_modal()

    def fails(*args, **kwargs):
        from scbmeet.domain.errors import DatabaseError

        raise DatabaseError("The database is locked by another program.")

    monkeypatch.setattr(services.minutes, "delete_resolution", fails)
    kb.press("ctrl+Z")
    assert window.banner.isVisible()
    assert "undo history has been cleared" in window.banner_label.text()
    qtbot.waitUntil(lambda: not window.undo_stack.canRedo() and not window.undo_stack.canUndo())


def test_the_edit_menu_names_the_step_to_undo(qtbot, demo, window, kb):
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+D")
    assert window.undo_stack.undoText() == "defer the item"
    kb.press("ctrl+D")
    assert window.undo_stack.undoText() == "mark the item scheduled"
