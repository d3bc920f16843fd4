"""A new meeting's agenda copied from the previous meeting's, and the board's agenda
templates renamed and deleted, through the main window (issue 19)."""

from __future__ import annotations

import pytest

from scbmeet.domain.errors import ValidationError
from scbmeet.gui import hooks
from scbmeet.gui.agenda.meeting_dialog import PREVIOUS, MeetingDialog
from scbmeet.gui.agenda.templates import TemplatesDialog
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services, upcoming, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.navigate("meeting", upcoming)
    return w


def shape(services, meeting_id):
    agenda = services.agenda.agenda(meeting_id)
    by_id = {i.id: i for i in agenda}
    return [
        (by_id[i.parent_id].title if i.parent_id else None, i.title, i.kind, i.session)
        for i in agenda
    ]


def test_a_new_meeting_copies_the_previous_meetings_agenda(
    window, demo_services, upcoming, prompts
):
    previous = demo_services.meetings.meeting(upcoming)
    made: list[MeetingDialog] = []

    def copy_previous(dialog: MeetingDialog) -> bool:
        made.append(dialog)
        index = dialog.start_from.findData(PREVIOUS)
        assert dialog.start_from.itemText(index) == (
            "A copy of the previous meeting's agenda (9 December 2026)"
        )
        dialog.start_from.setCurrentIndex(index)
        return dialog.try_accept()

    prompts.on_dialog(copy_previous)
    window.new_meeting_action.trigger()
    created = made[0].created
    assert created is not None and window.current_key() == f"meeting:{created.id}"
    old, new = shape(demo_services, previous.id), shape(demo_services, created.id)
    minutes_title = "Minutes of the meeting held on 9 December 2026"
    assert [r for r in new if r[2] == "minutes"] == [(None, minutes_title, "minutes", "open")]
    assert [r for r in new if r[2] != "minutes"] == [r for r in old if r[2] != "minutes"]
    assert len(new) > 5
    # Papers stay with the meeting they were written for.
    assert all(not i.papers for i in demo_services.agenda.agenda(created.id))
    assert any(i.papers for i in demo_services.agenda.agenda(previous.id))


def test_copying_with_no_earlier_agenda_is_refused_at_the_field(demo_services, qtbot):
    board = demo_services.register.create_board("New Partnership Board", "NPB")
    dialog = MeetingDialog(demo_services, board_id=board.id)
    qtbot.addWidget(dialog)
    assert dialog.start_from.itemText(dialog.start_from.findData(PREVIOUS)) == (
        "A copy of the previous meeting's agenda"
    )
    dialog.start_from.setCurrentIndex(dialog.start_from.findData(PREVIOUS))
    assert not dialog.try_accept()
    assert "No earlier meeting of this board has an agenda" in dialog.visible_problems()[0]
    assert demo_services.meetings.meetings(board.id) == []


def test_templates_are_renamed_and_deleted_from_the_meeting_menu(
    window, demo_services, upcoming, prompts, qtbot
):
    board_id = demo_services.meetings.meeting(upcoming).board_id
    first = demo_services.agenda.save_template(upcoming, "Quarterly")
    demo_services.agenda.save_template(upcoming, "Annual meeting")
    assert window.templates_action.isEnabled()
    seen: list[TemplatesDialog] = []

    def manage(dialog: TemplatesDialog) -> bool:
        seen.append(dialog)
        assert dialog.names() == ["Annual meeting", "Quarterly"]
        dialog.view.setCurrentIndex(dialog.model.index(1, 0))
        dialog.model.item(1).setText("Quarterly board meeting")  # typed in place (F2)
        assert dialog.names() == ["Annual meeting", "Quarterly board meeting"]
        # A name the board already has is refused and the old one kept.
        dialog.model.item(0).setText("Quarterly board meeting")
        assert "already has a template called" in dialog.note.text()
        assert dialog.names() == ["Annual meeting", "Quarterly board meeting"]
        dialog.view.setCurrentIndex(dialog.model.index(0, 0))
        dialog.delete_button.click()
        assert dialog.names() == ["Quarterly board meeting"]
        return False

    prompts.on_dialog(manage)
    window.templates_action.trigger()
    assert seen and "Annual meeting" in prompts.confirmations[0]
    assert demo_services.agenda.templates(board_id) == [(first, "Quarterly board meeting")]
    # The renamed template is what New meeting offers.
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    assert dialog.start_from.findText("Template: Quarterly board meeting") >= 0


def test_deleting_is_not_done_when_the_user_says_no(window, demo_services, upcoming, prompts):
    template_id = demo_services.agenda.save_template(upcoming, "Quarterly")
    prompts.agree = False

    def delete(dialog: TemplatesDialog) -> bool:
        dialog.delete_button.click()
        return False

    prompts.on_dialog(delete)
    window.templates_action.trigger()
    board_id = demo_services.meetings.meeting(upcoming).board_id
    assert demo_services.agenda.templates(board_id) == [(template_id, "Quarterly")]


def test_renaming_to_nothing_is_refused(demo_services, upcoming):
    template_id = demo_services.agenda.save_template(upcoming, "Quarterly")
    with pytest.raises(ValidationError):
        demo_services.agenda.rename_template(template_id, "  ")
