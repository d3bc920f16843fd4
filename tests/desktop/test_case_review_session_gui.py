"""Through the main window: the agenda item editor does not offer the open session to a
restricted case review's item (the tick stays, and says why), and a switch that would take
it there (its parent's) is refused inside the dialog in one line, nothing changed."""

from __future__ import annotations

import pytest

from scbmeet.gui.agenda.dialogs import AgendaItemDialog
from tests.desktop.conftest import builder_in_window


@pytest.fixture
def builder(qtbot, demo_services, upcoming):
    return builder_in_window(qtbot, demo_services, upcoming, (1024, 700))


def _untick_closed_in_the_editor(builder, prompts, item_id: int) -> dict[str, object]:
    """Open the item's editor, untick *Closed session* (forced, even if greyed out) and
    try to save: what the box offered, and what the dialog then said."""
    builder.select(item_id)
    seen: dict[str, object] = {}

    def untick(dialog: AgendaItemDialog) -> bool:
        seen["enabled"] = dialog.closed_check.isEnabled()
        seen["text"] = dialog.closed_check.text()
        dialog.closed_check.setChecked(False)  # forced all the same: the services refuse
        seen["accepted"] = dialog.try_accept()
        seen["problems"] = dialog.visible_problems()
        dialog.reject()
        return False

    prompts.on_dialog(untick)
    builder.edit_selected()
    return seen


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_editor_keeps_a_case_review_item_closed(builder, prompts, demo, qtbot):
    services, summary = demo
    made = services.case_reviews.add_review(summary.board_id, "DHR-2026-12", "DV Homicide Review")
    item = services.case_reviews.put_on_agenda(made.id, summary.upcoming_meeting_id)
    qtbot.waitUntil(lambda: any(i.id == item.id for i in builder.model.items()))
    seen = _untick_closed_in_the_editor(builder, prompts, item.id)
    assert seen["enabled"] is False
    assert "restricted case review DHR-2026-12, it stays closed" in str(seen["text"])
    assert seen["accepted"] is False
    assert seen["problems"] == [
        f"{item.title!r} is the update on restricted case review DHR-2026-12: a case review "
        "is taken only in closed session, so its item cannot go into the open session."
    ]
    assert services.agenda.item(item.id).is_closed
    assert builder.undo_stack.count() == 0
    assert prompts.errors == []  # no message box: the line is in the dialog


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_its_parent_cannot_be_switched_to_open_in_the_editor(builder, prompts, demo, qtbot):
    services, summary = demo
    made = services.case_reviews.add_review(summary.board_id, "DHR-2026-13", "DV Homicide Review")
    item = services.case_reviews.put_on_agenda(made.id, summary.upcoming_meeting_id)
    parent = services.agenda.add_item(
        summary.upcoming_meeting_id, "Safeguarding reviews", session="closed"
    )
    services.agenda.move_item(item.id, 0, parent_id=parent.id)
    qtbot.waitUntil(lambda: any(i.parent_id == parent.id for i in builder.model.items()))
    seen = _untick_closed_in_the_editor(builder, prompts, parent.id)
    assert seen["enabled"] is True  # an ordinary closed item may go into open session
    assert seen["accepted"] is False
    assert "restricted case review DHR-2026-13" in str(seen["problems"])
    assert services.agenda.item(parent.id).is_closed and services.agenda.item(item.id).is_closed
