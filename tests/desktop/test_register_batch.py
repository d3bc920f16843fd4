"""The actions register's changes through the main window: changing several actions' state
and recording progress say what they did in the status bar, Edit ▸ Undo takes them back,
and the history pane follows the selection (issue 19)."""

from __future__ import annotations

import pytest

from scbmeet.gui import hooks
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    return w


@pytest.fixture
def register(window, demo_services, qtbot) -> ActionsRegisterWidget:
    window.navigate("actions", demo_services.register.boards()[0].id)
    page = window.current_page()
    assert isinstance(page, ActionsRegisterWidget)
    settled(page, qtbot)
    return page


def settled(register: ActionsRegisterWidget, qtbot) -> None:
    """Wait for the rows, which the register reads off the GUI thread."""
    qtbot.waitUntil(lambda: not register.loading(), timeout=10000)


def select(register: ActionsRegisterWidget, rows) -> None:
    register.view.selectionModel().clearSelection()
    register._select_ids([r.id for r in rows])
    assert {r.id for r in register.selected_rows()} == {r.id for r in rows}


def test_marking_three_actions_done_says_so_follows_and_undoes(
    window, register, demo_services, prompts, qtbot
):
    rows = [r for r in register.visible_rows() if r.state in ("open", "in_progress")][:3]
    assert len(rows) == 3
    before = {r.id: (r.state, r.closed_on) for r in rows}
    select(register, rows)
    assert "3 actions selected" in register.history_browser.toPlainText()

    def choose_done(dialog) -> bool:
        dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("done"))
        dialog.accept()
        return True

    prompts.on_dialog(choose_done)
    register.state_button.click()
    settled(register, qtbot)

    actions = demo_services.actions
    assert {actions.action(r.id).state for r in rows} == {"done"}
    assert window.statusBar().currentMessage().startswith("Marked 3 actions done.")
    # The outstanding register no longer shows them: nothing is selected, and the pane says so.
    visible = {r.id for r in register.visible_rows()}
    assert not visible & set(before)
    assert register.selected_rows() == []
    assert "selected" not in register.history_browser.toPlainText()
    assert window.undo_action.isEnabled()
    assert "mark 3 actions done" in window.undo_action.text().lower()

    window.undo_action.trigger()
    for action_id, (state, closed_on) in before.items():
        info = actions.action(action_id)
        assert (info.state, info.closed_on) == (state, closed_on)
    qtbot.waitUntil(lambda: set(before) <= {r.id for r in register.visible_rows()}, timeout=5000)

    window.redo_action.trigger()
    assert {actions.action(r.id).state for r in rows} == {"done"}


def test_undoing_a_reopened_action_gives_back_its_closing_day_and_meeting(
    window, register, demo_services, prompts, qtbot
):
    register.state_combo.setCurrentIndex(register.state_combo.findText("Done"))
    settled(register, qtbot)
    row = next(r for r in register.visible_rows() if r.closed_at_meeting_id is not None)
    select(register, [row])

    def reopen(dialog) -> bool:
        dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("open"))
        dialog.accept()
        return True

    prompts.on_dialog(reopen)
    register.state_button.click()
    assert demo_services.actions.action(row.id).closed_on is None
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(f"Marked action {row.minute_reference} open.")
    )
    window.undo_action.trigger()
    info = demo_services.actions.action(row.id)
    assert (info.state, info.closed_on, info.closed_at_meeting_id) == (
        row.state,
        row.closed_on,
        row.closed_at_meeting_id,
    )


def test_recording_progress_says_so_and_undo_takes_it_back(
    window, register, demo_services, prompts, qtbot
):
    row = next(r for r in register.visible_rows() if r.state == "open")
    select(register, [row])
    updates_before = demo_services.actions.updates(row.id)

    def write(dialog) -> bool:
        dialog.progress_edit.setPlainText("Draft protocol circulated to partners.")
        dialog.accept()
        return True

    prompts.on_dialog(write)
    register.progress_button.click()
    actions = demo_services.actions
    assert actions.updates(row.id)[-1].text == "Draft protocol circulated to partners."
    assert actions.action(row.id).state == "in_progress"
    message = window.statusBar().currentMessage()
    assert message.startswith(
        f"Recorded progress on action {row.minute_reference} (now in progress)."
    )
    qtbot.waitUntil(
        lambda: "Draft protocol circulated" in register.history_browser.toPlainText(), timeout=5000
    )

    window.undo_action.trigger()
    assert actions.updates(row.id) == updates_before
    assert actions.action(row.id).state == "open"
