"""The register's dialogs keep how the board writes its record: a person's name in actions,
and whether the minutes say there were no declarations of interest."""

from __future__ import annotations

from scbmeet.gui.register.dialogs import BoardDialog, MemberDialog


def test_the_board_dialog_sets_the_no_declarations_sentence(qtbot, demo_services, demo):
    board = demo_services.register.board(demo[1].board_id)
    dialog = BoardDialog(demo_services, board=board)
    qtbot.addWidget(dialog)
    assert not dialog.no_declarations_check.isChecked()
    dialog.no_declarations_check.setChecked(True)
    assert dialog.try_accept()
    assert demo_services.register.board(board.id).say_no_declarations


def test_the_member_dialog_edits_the_name_in_actions(qtbot, demo_services, demo):
    board_id = demo[1].board_id
    membership = next(
        m
        for m in demo_services.register.memberships(board_id)
        if m.person.family_name == "Holloway"
    )
    dialog = MemberDialog(demo_services, board_id, membership=membership)
    qtbot.addWidget(dialog)
    assert dialog.action_name_edit.placeholderText() == (
        "as the minutes print it: Councillor Margaret Anne Holloway"
    )
    dialog.action_name_edit.setText("Councillor M Holloway")
    assert dialog.try_accept()
    person = demo_services.register.person(membership.person.id)
    assert person.action_name == "Councillor M Holloway"
    assert person.in_actions == "Councillor M Holloway"
    [owner] = demo_services.register.match_owner("Councillor M Holloway")
    assert owner.person_id == person.id
