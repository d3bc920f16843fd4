"""Bullet points under an agenda item, typed in the item's dialog through the main window:
saved, shown again when the item is reopened, undone; a bad one is refused at its field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from scbmeet.gui.agenda.dialogs import AgendaItemDialog
from scbmeet.gui.agenda.model import NOTES
from scbmeet.gui.agenda.model import TITLE as TITLE_COLUMN
from scbmeet.gui.shell.main_window import MainWindow

TITLE = "Performance report"


@pytest.fixture
def window(qtbot, demo_services, upcoming):
    w = MainWindow(demo_services, demo=True)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.navigate("meeting", upcoming)
    return w


def open_item_dialog(window, prompts, qtbot, handler) -> None:
    """Select the item in the agenda and press Return, as a secretary would."""
    builder = window.current_page().builder
    item = next(i for i in builder.model.items() if i.title == TITLE)
    builder.select(item.id)
    prompts.on_dialog(handler)
    qtbot.keyClick(builder.view, Qt.Key.Key_Return)


def type_bullets(qtbot, dialog: AgendaItemDialog, *lines: str) -> None:
    box = dialog.bullets_edit
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)  # a click, then typing at once
    box.selectAll()
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)


def test_bullets_typed_in_the_item_dialog_are_saved_shown_again_and_undone(
    window, prompts, qtbot, demo_services, upcoming
):
    def fill(dialog: AgendaItemDialog) -> bool:
        assert dialog.height() <= 672  # OK and Cancel within a 1024x700 screen, title bar and all
        type_bullets(qtbot, dialog, "Performance Report *", "", "Follow up on previous actions")
        return dialog.try_accept()

    open_item_dialog(window, prompts, qtbot, fill)
    points = ("Performance Report *", "Follow up on previous actions")
    saved = next(i for i in demo_services.agenda.agenda(upcoming) if i.title == TITLE)
    assert saved.bullets == points
    seen: list[str] = []

    def reopen(dialog: AgendaItemDialog) -> bool:
        seen.append(dialog.bullets_edit.toPlainText())
        dialog.reject()
        return False

    open_item_dialog(window, prompts, qtbot, reopen)
    assert seen == ["Performance Report *\nFollow up on previous actions"]
    model = window.current_page().builder.model
    title = model.index_of(saved.id, TITLE_COLUMN)
    assert title.data(Qt.ItemDataRole.ToolTipRole) == (
        f"{TITLE}\n\u2022 Performance Report *\n\u2022 Follow up on previous actions"
    )
    assert "\u2022 Follow up on previous actions" in model.index_of(saved.id, NOTES).data()
    assert window.undo_action.text() == f"&Undo Edit item “{TITLE}”"
    window.undo_action.trigger()
    undone = next(i for i in demo_services.agenda.agenda(upcoming) if i.title == TITLE)
    assert undone.bullets == ()


def test_a_bullet_too_long_is_refused_at_its_field_and_nothing_is_saved(
    window, prompts, qtbot, demo_services, upcoming
):
    shown: list[list[str]] = []

    def fill(dialog: AgendaItemDialog) -> bool:
        type_bullets(qtbot, dialog, "Fine", "x" * 301)
        accepted = dialog.try_accept()
        shown.append(dialog.visible_problems())
        dialog.reject()
        return accepted

    open_item_dialog(window, prompts, qtbot, fill)
    assert shown == [["Bullet 2 is too long (301 characters; at most 300)."]]
    item = next(i for i in demo_services.agenda.agenda(upcoming) if i.title == TITLE)
    assert item.bullets == ()
    assert not window.undo_action.isEnabled()
