"""The agenda builder: reordering by drag and by keys, numbering, sub-items, closed items, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.agenda.builder import AgendaBuilder
from scbmeet.gui.agenda.dialogs import AgendaItemDialog
from scbmeet.gui.agenda.model import NUMBER, PAPERS, SESSION, TITLE, AgendaModel
from scbmeet.gui.widgets.table_models import CLOSED_BACKGROUND

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def builder(qtbot, demo_services, upcoming):
    widget = AgendaBuilder(demo_services, upcoming)
    qtbot.addWidget(widget)
    return widget


def numbered(builder) -> dict[str, str]:
    """{title: number} as the builder shows them right now."""
    return {i.title: i.number for i in builder.model.items()}


def titles_in_order(builder) -> list[str]:
    return [i.title for i in builder.model.items()]


def select_title(builder, title: str) -> int:
    item = next(i for i in builder.model.items() if i.title == title)
    builder.select(item.id)
    return item.id


def top_row(builder, title: str) -> int:
    """The row of the main item called ``title`` among the agenda's main items."""
    return [i.title for i in builder.model.top_items()].index(title)


def drop(builder, title: str, row: int, parent_title: str | None = None) -> None:
    """What the view does when an item is dropped at ``row`` under ``parent_title``."""
    model = builder.model
    item = next(i for i in model.items() if i.title == title)
    parent = QModelIndex()
    if parent_title is not None:
        target = next(i for i in model.items() if i.title == parent_title)
        parent = model.index_of(target.id)
    data = model.mimeData([model.index_of(item.id)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)


def test_agenda_model_passes_the_model_tester(qtmodeltester, demo_services, upcoming):
    model = AgendaModel()
    model.set_agenda(demo_services.agenda.agenda(upcoming), theme_names={1: "ASB"})
    qtmodeltester.check(model)


def test_shows_numbers_sub_items_and_the_missing_papers(builder):
    numbers = numbered(builder)
    assert numbers["Apologies"] == ""
    assert numbers["Declarations of interest"] == "1"  # straight after apologies
    assert numbers["Performance report"] == "5"
    assert numbers["Quarter 2 performance against the Community Safety Agreement"] == "5.1"
    assert numbers["Date of next meeting"] == ""
    assert "Still missing 2 papers" in builder.missing_label.text()
    assert "Threat and risk priorities for next year" in builder.missing_label.text()


def test_closed_items_are_marked_and_come_last(builder):
    model = builder.model
    closed = model.items()[-1]
    assert closed.title == "Domestic homicide review - action plan progress"
    index = model.index_of(closed.id, SESSION)
    assert index.data() == "Closed"
    background = index.data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == CLOSED_BACKGROUND
    assert not model.index_of(closed.id, TITLE).data(Qt.ItemDataRole.DecorationRole).isNull()
    open_item = model.index_of(model.items()[1].id, SESSION)
    assert open_item.data() == "" and open_item.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Late" not in model.index_of(model.items()[1].id, PAPERS).data()


def test_ctrl_up_and_down_reorder_and_the_numbers_follow(qtbot, builder):
    select_title(builder, "Frequency of meetings next year")
    assert numbered(builder)["Frequency of meetings next year"] == "8"
    qtbot.keyClick(builder.view, Qt.Key.Key_Up, CTRL)
    numbers = numbered(builder)
    assert numbers["Frequency of meetings next year"] == "7"
    assert numbers["Integrated offender management update"] == "8"
    assert builder.selected_item().title == "Frequency of meetings next year"  # still selected
    qtbot.keyClick(builder.view, Qt.Key.Key_Down, CTRL)
    assert numbered(builder)["Frequency of meetings next year"] == "8"


def test_dragging_an_item_moves_it_and_renumbers(qtbot, builder):
    before = titles_in_order(builder)
    # Drop "Frequency of meetings" (8) above "Matters arising" (3).
    drop(builder, "Frequency of meetings next year", top_row(builder, "Matters arising"))
    qtbot.waitUntil(lambda: numbered(builder)["Frequency of meetings next year"] == "3")
    numbers = numbered(builder)
    assert numbers["Matters arising"] == "4"
    assert numbers["Integrated offender management update"] == "8"
    assert sorted(titles_in_order(builder)) == sorted(before)


def test_dropping_on_an_item_makes_a_sub_item(qtbot, builder):
    drop(
        builder,
        "Frequency of meetings next year",
        -1,
        parent_title="Strategic assessment priorities",
    )
    qtbot.waitUntil(lambda: numbered(builder)["Frequency of meetings next year"] == "6.1")
    assert numbered(builder)["Any other business"] == "8"


def test_an_item_with_sub_items_cannot_be_dropped_under_another(builder):
    model = builder.model
    parent = next(i for i in model.items() if i.title == "Performance report")
    target = next(i for i in model.items() if i.title == "Matters arising")
    data = model.mimeData([model.index_of(parent.id)])
    assert not model.canDropMimeData(
        data, Qt.DropAction.MoveAction, -1, 0, model.index_of(target.id)
    )


def can_drop_under(builder, title: str, parent_title: str) -> bool:
    model = builder.model
    item = next(i for i in model.items() if i.title == title)
    target = next(i for i in model.items() if i.title == parent_title)
    data = model.mimeData([model.index_of(item.id)])
    return model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(target.id))


def test_standard_items_never_become_or_take_sub_items(builder):
    """A drop turned "Matters arising" into a sub-item (issue 19): only ordinary items nest."""
    assert not can_drop_under(builder, "Matters arising", "Strategic assessment priorities")
    assert not can_drop_under(builder, "Strategic assessment priorities", "Matters arising")
    assert not can_drop_under(builder, "Any other business", "Strategic assessment priorities")
    assert can_drop_under(
        builder, "Frequency of meetings next year", "Strategic assessment priorities"
    )
    arising = next(i for i in builder.model.items() if i.title == "Matters arising")
    flags = builder.model.flags(builder.model.index_of(arising.id))
    assert not flags & Qt.ItemFlag.ItemIsDropEnabled


def test_ctrl_right_under_a_standard_item_says_why_it_stays(qtbot, builder):
    below = builder.model.top_items()
    kinds = [i.kind for i in below]
    first_ordinary = below[kinds.index("ordinary")]
    messages: list[str] = []
    builder.status_message.connect(messages.append)
    before = numbered(builder)
    select_title(builder, first_ordinary.title)  # the item just below Matters arising
    qtbot.keyClick(builder.view, Qt.Key.Key_Right, CTRL)
    assert numbered(builder) == before
    assert messages and "stays a main item" in messages[0]


def test_ctrl_right_and_left_make_a_sub_item_and_back(qtbot, builder):
    select_title(builder, "Strategic assessment priorities")
    qtbot.keyClick(builder.view, Qt.Key.Key_Right, CTRL)
    assert numbered(builder)["Strategic assessment priorities"] == "5.3"
    qtbot.keyClick(builder.view, Qt.Key.Key_Left, CTRL)
    assert numbered(builder)["Strategic assessment priorities"] == "6"


def test_moves_are_undone_and_redone(qtbot, builder):
    before = numbered(builder)
    select_title(builder, "Frequency of meetings next year")
    qtbot.keyClick(builder.view, Qt.Key.Key_Up, CTRL)
    select_title(builder, "Strategic assessment priorities")
    qtbot.keyClick(builder.view, Qt.Key.Key_Right, CTRL)
    moved = numbered(builder)
    assert builder.undo_stack.count() == 2
    builder.undo_stack.undo()
    builder.undo_stack.undo()
    assert numbered(builder) == before
    builder.undo_stack.redo()
    builder.undo_stack.redo()
    assert numbered(builder) == moved


def test_delete_key_deletes_and_undo_restores_the_item_with_its_paper(
    qtbot, builder, demo_services
):
    select_title(builder, "Performance report")
    qtbot.keyClick(builder.view, Qt.Key.Key_Delete)
    assert "Performance report" not in numbered(builder)
    assert "Quarter 2 performance against the Community Safety Agreement" not in numbered(builder)
    builder.undo_stack.undo()
    numbers = numbered(builder)
    assert numbers["Performance report"] == "5"
    assert numbers["Follow-up on previous actions"] == "5.2"
    restored = next(i for i in builder.model.items() if i.title == "Performance report")
    (paper,) = restored.papers
    assert paper.state == "attached" and paper.files
    builder.undo_stack.redo()
    assert "Performance report" not in numbered(builder)


def test_undo_of_a_move_made_before_a_delete_finds_the_restored_item(builder):
    select_title(builder, "Frequency of meetings next year")
    builder.move_selected(-1)
    builder.delete_selected()
    builder.undo_stack.undo()  # the delete: the item comes back with a new id
    builder.undo_stack.undo()  # the move, applied to the restored item
    assert numbered(builder)["Frequency of meetings next year"] == "8"


def test_add_item_through_the_dialog_goes_after_the_selection_and_undoes(builder, prompts):
    select_title(builder, "Strategic assessment priorities")

    def fill(dialog: AgendaItemDialog) -> bool:
        dialog.title_edit.setText("Mental health triage")
        dialog.presenters_edit.setText("Kieran Walsh, Street triage lead")
        return dialog.try_accept()

    prompts.on_dialog(fill)
    builder.add_item()
    numbers = numbered(builder)
    assert numbers["Mental health triage"] == "7"
    assert numbers["Integrated offender management update"] == "8"
    added = next(i for i in builder.model.items() if i.title == "Mental health triage")
    assert added.presenters == "Kieran Walsh, Street triage lead"
    assert builder.selected_item().id == added.id
    builder.undo_stack.undo()
    assert "Mental health triage" not in numbered(builder)
    builder.undo_stack.redo()
    assert numbered(builder)["Mental health triage"] == "7"


def test_moving_an_item_to_closed_session_marks_it_and_undo_reopens_it(builder, prompts):
    select_title(builder, "Frequency of meetings next year")

    def close(dialog: AgendaItemDialog) -> bool:
        dialog.closed_check.setChecked(True)
        dialog.reference_edit.setText("CS-1")
        return dialog.try_accept()

    prompts.on_dialog(close)
    builder.edit_selected()
    model = builder.model
    item = next(i for i in model.items() if i.title == "Frequency of meetings next year")
    assert item.is_closed and model.index_of(item.id, SESSION).data() == "Closed"
    assert model.items()[-2].id == item.id  # closed items follow the open ones
    builder.undo_stack.undo()
    item = next(i for i in model.items() if i.title == "Frequency of meetings next year")
    assert not item.is_closed and item.number == "8"


def test_a_refused_change_is_reported_and_not_put_on_the_undo_stack(
    builder, prompts, demo_services, monkeypatch
):
    def refuse(*_args, **_kwargs):
        raise ScbmeetError("The agenda is locked.")

    monkeypatch.setattr(demo_services.agenda, "move_item", refuse)
    select_title(builder, "Any other business")
    builder.move_selected(-1)
    assert [str(e) for e in prompts.errors] == ["The agenda is locked."]
    assert builder.undo_stack.count() == 0
    assert numbered(builder)["Any other business"] == "9"


def test_numbers_column_is_the_first(builder):
    assert builder.model.headerData(NUMBER, Qt.Orientation.Horizontal) == "No."


def test_an_item_added_after_a_closed_item_starts_closed(builder, prompts):
    select_title(builder, "Domestic homicide review - action plan progress")

    def fill(dialog: AgendaItemDialog) -> bool:
        assert dialog.closed_check.isChecked()
        dialog.title_edit.setText("Serious case review - update")
        return dialog.try_accept()

    prompts.on_dialog(fill)
    builder.add_item()
    added = builder.model.items()[-1]
    assert (added.title, added.is_closed, added.number) == (
        "Serious case review - update",
        True,
        "11",
    )


def test_an_item_added_by_hand_can_answer_a_request_and_undo_lets_it_go(
    builder, prompts, demo_services, demo
):
    board_id = demo[1].board_id
    entry = demo_services.forward_plan.add_entry(
        board_id, "Youth violence report back", in_months=9
    )
    select_title(builder, "Any other business")

    def fill(dialog: AgendaItemDialog) -> bool:
        assert not dialog.answers_combo.isHidden()
        index = dialog.answers_combo.findData(entry.id)
        assert index > 0, "the pending request is offered"
        dialog.answers_combo.setCurrentIndex(index)
        dialog.title_edit.setText("Serious youth violence: a year on")
        return dialog.try_accept()

    prompts.on_dialog(fill)
    builder.add_item()
    added = next(i for i in builder.model.items() if i.title.startswith("Serious youth"))
    assert demo_services.forward_plan.answered_by(added.id)[0].id == entry.id
    builder.undo_stack.undo()
    pending = demo_services.forward_plan.entries(board_id, include_done=False)
    assert entry.id in [e.id for e in pending]
    builder.undo_stack.redo()
    added = next(i for i in builder.model.items() if i.title.startswith("Serious youth"))
    assert [e.id for e in demo_services.forward_plan.answered_by(added.id)] == [entry.id]


def test_answering_a_closed_request_makes_the_new_item_closed(
    builder, prompts, demo_services, demo
):
    board_id = demo[1].board_id
    closed_minute = next(
        m
        for meeting_id in demo[1].meeting_ids
        for m in demo_services.minutes.minutes(meeting_id)
        if m.is_closed
    )
    entry = demo_services.forward_plan.add_entry(
        board_id, "DHR learning review", in_months=9, source_minute_item_id=closed_minute.id
    )
    select_title(builder, "Any other business")

    def fill(dialog: AgendaItemDialog) -> bool:
        dialog.answers_combo.setCurrentIndex(dialog.answers_combo.findData(entry.id))
        assert dialog.closed_check.isChecked()  # a closed request makes the item closed
        dialog.title_edit.setText("DHR learning: update")
        return dialog.try_accept()

    prompts.on_dialog(fill)
    builder.add_item()
    added = next(i for i in builder.model.items() if i.title == "DHR learning: update")
    assert added.is_closed
