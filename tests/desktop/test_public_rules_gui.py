"""The access-to-information rules through the main window: issuing the agenda from the
meeting page (refused while a closed item has no Schedule 12A paragraph), the deadline in the
papers tracker, Schedule 12A paragraphs and urgency in the item dialog, the board setting, and
a member's register of interests from the members page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from scbmeet.gui.agenda.meeting_page import MeetingPage
from scbmeet.gui.register.dialogs import BoardDialog
from scbmeet.gui.register.interests import InterestsDialog
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.widgets.forms import child


@pytest.fixture
def window(qtbot, demo_services):
    w = MainWindow(demo_services, demo=True)
    qtbot.addWidget(w)
    return w


def meeting_page(window, upcoming) -> MeetingPage:
    page = window.current_page()
    assert isinstance(page, MeetingPage) and page.meeting_id == upcoming
    return page


def closed_item(services, meeting_id):
    return next(i for i in services.agenda.agenda(meeting_id) if i.is_closed)


def test_issuing_the_agenda_records_it_and_hides_the_button(window, prompts, upcoming):
    services = window.services
    page = meeting_page(window, upcoming)
    issue = child(page.form, QPushButton, "issueButton")
    assert issue.isVisibleTo(page)
    assert "papers due by" in page.papers.deadline_label.text()
    issue.click()
    assert "Items and papers added afterwards are supplementary" in prompts.confirmations[0]
    record = services.publication.record(upcoming)
    assert record.published_at is not None and record.published_by == services.db.user
    assert not issue.isVisibleTo(page)
    assert "Agenda published" in page.details.text()
    assert page.papers.deadline_label.text().startswith("Agenda published")


def test_a_closed_item_without_a_paragraph_is_refused_with_the_reason(window, prompts, upcoming):
    services = window.services
    services.agenda.update_item(closed_item(services, upcoming).id, {"exempt_paragraphs": ""})
    page = meeting_page(window, upcoming)
    page.issue_agenda()
    assert prompts.confirmations == []
    assert "gives no paragraph of Schedule 12A" in prompts.messages[0]
    assert services.publication.record(upcoming).published_at is None


def test_the_item_dialog_ticks_paragraphs_and_asks_a_late_item_its_urgency(
    window, prompts, upcoming
):
    services = window.services
    page = meeting_page(window, upcoming)
    builder = page.builder
    builder.select(closed_item(services, upcoming).id)

    def tick_seven(dialog) -> bool:
        assert dialog.exempt.paragraphs_view.isVisibleTo(dialog)
        assert dialog.exempt.paragraphs.rowCount() == 7
        index = dialog.exempt.paragraphs.index(6, 0)
        assert "Prevention, investigation or prosecution of crime" in index.data()
        dialog.exempt.paragraphs.setData(
            index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )
        return dialog.try_accept()

    prompts.on_dialog(tick_seven)
    builder.edit_selected()
    assert closed_item(services, upcoming).exempt_paragraphs == (1, 2, 7)
    services.publication.issue_agenda(upcoming)

    def late_item(dialog) -> bool:
        dialog.title_edit.setText("Flood response")
        assert not dialog.try_accept()  # no reason for urgency yet
        assert dialog.exempt.urgency_error.isVisibleTo(dialog)
        dialog.exempt.urgency_edit.setText("The floods came after the agenda went out")
        return dialog.try_accept()

    prompts.on_dialog(late_item)
    builder.add_item()
    added = next(i for i in services.agenda.agenda(upcoming) if i.title == "Flood response")
    assert added.supplementary and added.urgency_reason.startswith("The floods")


def test_the_board_dialog_sets_the_access_rules(window, prompts):
    services = window.services
    board = services.register.board_by_short_name("MSCB")

    def wales(dialog: BoardDialog) -> bool:
        assert dialog.access_combo.currentData() == "england"
        dialog.access_combo.setCurrentIndex(dialog.access_combo.findData("wales"))
        dialog.decision_days.setValue(5)
        return dialog.try_accept()

    prompts.on_dialog(wales)
    window.show_page("board", board.id).edit_board()
    saved = services.register.board(board.id)
    assert (saved.access_rules, saved.decision_notice_days) == ("wales", 5)


def test_a_members_interests_are_kept_from_the_members_page(window, prompts, qtbot):
    services = window.services
    board = services.register.board_by_short_name("MSCB")
    page = window.show_page("members", board.id)
    page.members_view.selectRow(0)
    member = page.selected_member()

    def register(dialog: InterestsDialog) -> bool:
        before = len(dialog.entries())
        dialog.matter_edit.setText("Marlbury Women's Aid (trustee)")
        dialog.from_edit.setText("31/02/2026")  # no such day: refused, nothing stored
        dialog.add()
        assert dialog.error_label.text() and len(dialog.entries()) == before
        dialog.from_edit.setText("1/5/26")
        dialog.add()
        assert (
            "Marlbury Women's Aid (trustee) – disclosable pecuniary interest (from 1 May 2026)"
            in dialog.entries()
        )
        return True

    prompts.on_dialog(register)
    page.edit_interests()
    assert "Marlbury Women's Aid (trustee)" in [
        i.matter for i in services.interests.of_person(member.person.id)
    ]


def test_the_chair_s_review_reminds_of_the_agenda_deadline(qtbot, demo_services, upcoming):
    from datetime import timedelta

    from scbmeet.gui.actions.review import ChairReviewWidget

    record = demo_services.publication.record(upcoming)
    board_id = demo_services.meetings.meeting(upcoming).board_id
    widget = ChairReviewWidget(demo_services, board_id, today=record.deadline - timedelta(days=1))
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.review() is not None)
    assert "must be published by" in widget.meetings_label.text()
