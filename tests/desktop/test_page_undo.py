"""Undo on the meeting page covers papers and the meeting's details, not only agenda items."""

from __future__ import annotations

import json

import pytest

from scbmeet.gui.agenda.commands import quoted
from scbmeet.gui.agenda.dialogs import PaperDialog
from scbmeet.gui.agenda.meeting_dialog import MeetingDialog
from scbmeet.gui.agenda.meeting_page import MeetingPage


@pytest.fixture
def page(qtbot, demo_services, upcoming):
    widget = MeetingPage(demo_services, upcoming)
    qtbot.addWidget(widget)
    return widget


def test_undo_texts_cut_long_titles_short():
    assert quoted("Budget report") == "“Budget report”"
    long = quoted("Integrated offender management - annual review of the cohort")
    assert long == "“Integrated offender management - annual…”"


def select_paper(page, title_start: str):
    tracker = page.papers
    for r in range(tracker.proxy.rowCount()):
        row = tracker.proxy.record_at(tracker.proxy.index(r, 0))
        if row.paper.title.startswith(title_start):
            tracker.view.selectRow(r)
            return row.paper
    raise AssertionError(title_start)


def paper_titled(services, meeting_id, title: str):
    found = [p for i in services.agenda.agenda(meeting_id) for p in i.papers if p.title == title]
    return found[0] if found else None


def file_bytes(services, paper) -> list[tuple[str, bytes]]:
    return [(f.filename, services.agenda.file_content(f.id)[1]) for f in paper.files]


def test_deleting_a_paper_is_undone_with_its_files_bytes(page, demo_services, upcoming, prompts):
    paper = select_paper(page, "Community Safety Agreement")
    stored = file_bytes(demo_services, paper)
    assert stored and stored[0][1][:2] == b"PK"
    page.papers.delete_selected()
    assert prompts.confirmations and paper_titled(demo_services, upcoming, paper.title) is None
    assert page.undo_stack.undoText() == f"Delete paper {quoted(paper.title)}"
    page.undo_stack.undo()
    back = paper_titled(demo_services, upcoming, paper.title)
    assert back is not None and back.id != paper.id
    assert file_bytes(demo_services, back) == stored
    assert (back.state, back.author_name, back.received_on) == (
        paper.state,
        paper.author_name,
        paper.received_on,
    )
    assert page.papers.selected_paper().id == back.id
    page.undo_stack.redo()
    assert paper_titled(demo_services, upcoming, paper.title) is None
    page.undo_stack.undo()  # and back again, from the snapshot the redo took
    assert file_bytes(demo_services, paper_titled(demo_services, upcoming, paper.title)) == stored


def test_marking_a_paper_is_undone_and_redone(page, demo_services):
    paper = select_paper(page, "Threat")
    page.papers.set_state("tabled")
    assert page.undo_stack.undoText() == f"Mark {quoted(paper.title)} tabled"
    assert demo_services.agenda.paper(paper.id).state == "tabled"
    page.undo_stack.undo()
    assert demo_services.agenda.paper(paper.id).state == paper.state
    page.undo_stack.redo()
    assert demo_services.agenda.paper(paper.id).state == "tabled"


def test_adding_a_paper_through_the_dialog_is_undone_and_redone(
    page, demo_services, upcoming, prompts
):
    def fill(dialog: PaperDialog) -> bool:
        dialog.title_edit.setText("Budget report")
        dialog.author_edit.setText("Rachel Okafor")
        dialog.due.edit.setText("1 December 2026")
        return dialog.try_accept()

    prompts.on_dialog(fill)
    page.papers.add_paper()
    added = paper_titled(demo_services, upcoming, "Budget report")
    assert added is not None and added.author_name == "Rachel Okafor"
    assert page.undo_stack.undoText() == "Add paper “Budget report”"
    page.undo_stack.undo()
    assert paper_titled(demo_services, upcoming, "Budget report") is None
    page.undo_stack.redo()
    again = paper_titled(demo_services, upcoming, "Budget report")
    assert again is not None and again.due_date == added.due_date
    assert again.agenda_item_id == added.agenda_item_id


def test_editing_a_paper_and_removing_its_file_is_one_undo_step(
    page, demo_services, upcoming, prompts
):
    paper = select_paper(page, "Community Safety Agreement")
    stored = file_bytes(demo_services, paper)

    def edit(dialog: PaperDialog) -> bool:
        dialog.title_edit.setText("Q2 performance (revised)")
        dialog.files_view.setCurrentIndex(dialog.files.index(0, 0))
        dialog.remove_selected_file()
        return dialog.try_accept()

    prompts.on_dialog(edit)
    page.papers.edit_selected()
    edited = demo_services.agenda.paper(paper.id)
    assert edited.title == "Q2 performance (revised)" and edited.files == ()
    assert page.undo_stack.count() == 1
    assert page.undo_stack.undoText() == f"Edit paper {quoted(paper.title)}"
    page.undo_stack.undo()
    back = demo_services.agenda.paper(paper.id)
    assert back.title == paper.title and file_bytes(demo_services, back) == stored
    page.undo_stack.redo()
    assert demo_services.agenda.paper(paper.id).files == ()


def test_editing_only_fields_leaves_files_alone(page, demo_services, prompts):
    paper = select_paper(page, "Threat")

    def edit(dialog: PaperDialog) -> bool:
        dialog.attached_edit.setText("Appendix A: the assessment")
        return dialog.try_accept()

    prompts.on_dialog(edit)
    page.papers.edit_selected()
    assert demo_services.agenda.paper(paper.id).attached_text == "Appendix A: the assessment"
    page.undo_stack.undo()
    assert demo_services.agenda.paper(paper.id).attached_text == paper.attached_text
    page.undo_stack.redo()
    assert demo_services.agenda.paper(paper.id).attached_text == "Appendix A: the assessment"


def test_attaching_a_file_is_undone_and_redone(qtbot, page, demo_services, prompts, tmp_path):
    paper = select_paper(page, "Threat")
    path = tmp_path / "priorities.docx"
    path.write_bytes(b"PK word bytes")
    prompts.open_files = [path]
    page.papers.attach_to_selected()
    qtbot.waitUntil(lambda: page.undo_stack.count() == 1, timeout=3000)
    assert page.undo_stack.undoText() == "Attach “priorities.docx”"
    attached = demo_services.agenda.paper(paper.id)
    assert attached.state == "attached" and attached.received_on is not None
    page.undo_stack.undo()
    back = demo_services.agenda.paper(paper.id)
    assert (back.state, back.received_on, back.files) == (paper.state, paper.received_on, ())
    page.undo_stack.redo()
    redone = demo_services.agenda.paper(paper.id)
    assert redone.state == "attached"
    assert file_bytes(demo_services, redone) == [("priorities.docx", b"PK word bytes")]


def test_a_paper_command_finds_its_paper_after_its_item_was_restored(page, demo_services):
    paper = select_paper(page, "Threat")
    page.papers.set_state("tabled")
    builder = page.builder
    builder.select(paper.agenda_item_id)
    builder.delete_selected()
    page.undo_stack.undo()  # the item comes back, its paper with a new id
    page.undo_stack.undo()  # the mark, undone on the restored paper
    restored = paper_titled(demo_services, page.meeting_id, paper.title)
    assert restored.id != paper.id and restored.state == paper.state
    page.undo_stack.redo()
    assert demo_services.agenda.paper(restored.id).state == "tabled"


def test_a_locked_meeting_refuses_at_once_and_nothing_is_pushed(
    page, demo_services, upcoming, prompts
):
    paper = select_paper(page, "Threat")
    demo_services.meetings.approve_minutes(upcoming)
    page.papers.set_state("tabled")
    assert "approved minutes" in str(prompts.errors[-1])
    assert page.undo_stack.count() == 0

    def rename(dialog: PaperDialog) -> bool:
        dialog.title_edit.setText("Renamed")
        return dialog.try_accept()

    prompts.on_dialog(rename)
    page.papers.edit_selected()
    assert not prompts.shown[-1].result()  # the dialog stayed open, the refusal in it
    assert any("approved minutes" in p for p in prompts.shown[-1].visible_problems())
    assert page.undo_stack.count() == 0
    assert demo_services.agenda.paper(paper.id).title == paper.title


def test_an_undo_refused_meanwhile_is_reported_and_dropped(page, demo_services, upcoming, prompts):
    paper = select_paper(page, "Threat")
    page.papers.delete_selected()
    demo_services.meetings.approve_minutes(upcoming)  # elsewhere, meanwhile
    page.undo_stack.undo()
    assert "approved minutes" in str(prompts.errors[-1])
    assert paper_titled(demo_services, upcoming, paper.title) is None
    assert page.undo_stack.count() == 0 and not page.undo_stack.canRedo()


def test_meeting_details_are_undone_and_redone(page, demo_services, upcoming, prompts):
    before = demo_services.meetings.meeting(upcoming)

    def edit(dialog: MeetingDialog) -> bool:
        dialog.venue_edit.setText("Council Chamber, Marlshire House")
        dialog.time_edit.setText("14:00")
        return dialog.try_accept()

    prompts.on_dialog(edit)
    page.edit_details()
    after = demo_services.meetings.meeting(upcoming)
    assert after.venue == "Council Chamber, Marlshire House"
    assert page.undo_stack.undoText() == "Edit meeting details"
    assert "Council Chamber" in page.details.text()
    page.undo_stack.undo()
    undone = demo_services.meetings.meeting(upcoming)
    assert (undone.venue, undone.start_time) == (before.venue, before.start_time)
    assert before.venue in page.details.text()
    page.undo_stack.redo()
    assert demo_services.meetings.meeting(upcoming).start_time == after.start_time


def test_an_unchanged_details_dialog_puts_nothing_on_the_stack(page, prompts):
    prompts.on_dialog(lambda dialog: dialog.try_accept())
    page.edit_details()
    assert page.undo_stack.count() == 0


def test_undoing_details_of_reopened_minutes_is_audited_like_the_edit(
    qtbot, demo, demo_services, prompts
):
    services = demo_services
    approved = next(
        m for m in (services.meetings.meeting(i) for i in demo[1].meeting_ids) if m.minutes_approved
    )
    services.meetings.reopen_minutes(approved.id, "The venue was recorded wrongly.")
    page = MeetingPage(services, approved.id)
    qtbot.addWidget(page)

    def edit(dialog: MeetingDialog) -> bool:
        dialog.venue_edit.setText("Fire Service HQ")
        return dialog.try_accept()

    prompts.on_dialog(edit)
    page.edit_details()
    page.undo_stack.undo()
    page.undo_stack.redo()
    entries = [
        a for a in services.meetings.audit(approved.id) if a.operation == "edit_after_approval"
    ]
    venues = [(json.loads(a.before)["venue"], json.loads(a.after)["venue"]) for a in entries]
    assert venues == [
        (approved.venue, "Fire Service HQ"),
        ("Fire Service HQ", approved.venue),
        (approved.venue, "Fire Service HQ"),
    ]
