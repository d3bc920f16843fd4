"""The dialogs for preparing a meeting: fill and accept, refusals at the field, cancelling."""

from __future__ import annotations

from datetime import date, time

import pytest

from scbmeet.gui.agenda.commands import ItemValues
from scbmeet.gui.agenda.dialogs import AgendaItemDialog, PaperDialog, TemplateDialog
from scbmeet.gui.agenda.meeting_dialog import MeetingDialog


@pytest.fixture
def board_id(demo):
    return demo[1].board_id


def add_forward_plan_entry(services, board_id):
    return services.forward_plan.add_entry(
        board_id, "Hate crime reporting centres", due_month=date(2027, 2, 1)
    )


# -- new meeting ---------------------------------------------------------------------------
def test_new_meeting_is_prefilled_from_the_board(qtbot, demo_services, board_id):
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    assert dialog.date.value() == date(2027, 3, 10)  # 13 weeks after 9 Dec, a Wednesday
    assert dialog.time_edit.text() == "9.30am"
    assert dialog.venue_edit.text().startswith("Council Chamber, County Hall")
    assert dialog.start_from.currentText() == "The standard agenda"


def test_new_meeting_offers_the_forward_plan_and_creates_the_standard_agenda(
    qtbot, demo_services, board_id
):
    entry = add_forward_plan_entry(demo_services, board_id)
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    assert dialog.forward_plan.checked_ids() == [entry.id]
    dialog.time_edit.setText("2pm")
    assert dialog.try_accept()
    created = dialog.created
    assert (
        created is not None and created.date == date(2027, 3, 10) and created.start_time == time(14)
    )
    titles = [i.title for i in demo_services.agenda.agenda(created.id)]
    assert titles[0] == "Apologies"
    assert "Minutes of the meeting held on 9 December 2026" in titles
    assert "Matters arising" in titles
    assert "Hate crime reporting centres" in titles
    assert titles[-2:] == ["Any other business", "Date of next meeting"]


def test_unticked_forward_plan_entries_stay_off_the_agenda(qtbot, demo_services, board_id):
    add_forward_plan_entry(demo_services, board_id)
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    dialog.forward_plan.set_checked(dialog.forward_plan.ids()[0], False)
    assert dialog.try_accept()
    titles = [i.title for i in demo_services.agenda.agenda(dialog.created.id)]
    assert "Hate crime reporting centres" not in titles


def test_forward_plan_list_follows_the_date(qtbot, demo_services, board_id):
    add_forward_plan_entry(demo_services, board_id)
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    # Due 1 February 2027: a meeting on 13 November 2026 is not the nearest (9 December is
    # nearer), so it is not offered there; one on 13 January 2027 is (the next would be April).
    dialog.date.edit.setText("13 January 2027")
    assert len(dialog.forward_plan.ids()) == 1
    dialog.date.edit.setText("13 November 2026")
    assert dialog.forward_plan.ids() == []
    assert "No forward-plan entries" in dialog.forward_plan_label.text()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("date", "31/02/2027", "February 2027 has 28 days"),
        ("date", "9 December 2026", "MSCB already meets on 9 December 2026"),
        ("date", "", "Enter a date"),
        ("time", "25.00", "is not a time"),
    ],
)
def test_new_meeting_refuses_bad_input_at_the_field(
    qtbot, demo_services, board_id, field, typed, message
):
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    edit = dialog.date.edit if field == "date" else dialog.time_edit
    edit.setText(typed)
    before = len(demo_services.meetings.meetings(board_id))
    assert not dialog.try_accept()
    label = dialog.error_label(edit)
    assert label.objectName() == f"{field}Error"
    assert message in label.text() and not label.isHidden()
    assert len(demo_services.meetings.meetings(board_id)) == before
    edit.setText("10 March 2027" if field == "date" else "9.30am")
    assert dialog.try_accept()
    assert dialog.visible_problems() == []


def test_new_meeting_from_a_template(qtbot, demo_services, board_id, upcoming):
    template_id = demo_services.agenda.save_template(upcoming, "Quarterly")
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    dialog.start_from.setCurrentIndex(dialog.start_from.findData(template_id))
    assert dialog.try_accept()
    titles = [i.title for i in demo_services.agenda.agenda(dialog.created.id)]
    assert "Integrated offender management update" in titles
    assert "Domestic homicide review - action plan progress" in titles


def rejections(dialog) -> list[bool]:
    """Records each time the dialog really closes as cancelled."""
    closed: list[bool] = []
    dialog.rejected.connect(lambda: closed.append(True))
    return closed


def test_cancelling_asks_before_throwing_away_typing(qtbot, demo_services, board_id, prompts):
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    closed = rejections(dialog)
    dialog.reject()  # nothing typed: closes without asking
    assert prompts.discard_asked == 0 and closed == [True]
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    closed = rejections(dialog)
    dialog.title_edit.setText("Extraordinary meeting")
    prompts.discard = False  # "Keep editing"
    dialog.reject()
    assert prompts.discard_asked == 1 and closed == []
    assert dialog.title_edit.text() == "Extraordinary meeting"
    prompts.discard = True
    dialog.reject()
    assert prompts.discard_asked == 2 and closed == [True]


def test_meeting_details_change_the_meeting(qtbot, demo_services, upcoming):
    meeting = demo_services.meetings.meeting(upcoming)
    dialog = MeetingDialog(demo_services, meeting=meeting)
    qtbot.addWidget(dialog)
    assert not dialog.board_combo.isEnabled()
    dialog.venue_edit.setText("Committee Room 1")
    dialog.date.edit.setText("10/12/2026")
    assert dialog.try_accept()
    changed = demo_services.meetings.meeting(upcoming)
    assert (changed.venue, changed.date) == ("Committee Room 1", date(2026, 12, 10))


# -- agenda item -------------------------------------------------------------------------------
def test_item_dialog_fills_accepts_and_splits_presenters(qtbot, demo_services):
    saved: list[ItemValues] = []
    dialog = AgendaItemDialog(demo_services, on_save=saved.append)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("  Mental health triage ")
    dialog.presenters_edit.setText("Kieran Walsh, Street triage lead")
    dialog.closed_check.setChecked(True)
    dialog.reference_edit.setText("MH-01")
    dialog.themes.set_checked(dialog.themes.ids()[0], True)
    dialog.duration_spin.setValue(15)
    assert dialog.try_accept()
    (values,) = saved
    walsh = next(p for p in demo_services.register.people() if p.family_name == "Walsh")
    assert values.title == "Mental health triage"
    assert values.presenter_ids == (walsh.id,) and values.presenter_text == "Street triage lead"
    assert (values.session, values.closed_reference, values.duration_minutes) == (
        "closed",
        "MH-01",
        15,
    )
    assert len(values.theme_ids) == 1


def test_item_dialog_refuses_an_empty_title(qtbot, demo_services):
    saved: list[ItemValues] = []
    dialog = AgendaItemDialog(demo_services, on_save=saved.append)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("   ")
    assert not dialog.try_accept()
    assert saved == []
    assert dialog.visible_problems() == ["Give the item a title."]


def test_item_dialog_shows_a_refusal_from_the_services(qtbot, demo_services):
    from scbmeet.domain.errors import ValidationError

    def refuse(_values):
        raise ValidationError("The item title is too long.")

    dialog = AgendaItemDialog(demo_services, on_save=refuse)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("x")
    assert not dialog.try_accept()
    assert dialog.error_label(dialog.title_edit).text() == "The item title is too long."


def test_item_dialog_cancel_guard(qtbot, demo_services, upcoming, prompts):
    item = demo_services.agenda.agenda(upcoming)[4]
    dialog = AgendaItemDialog(demo_services, item=item, on_save=lambda _v: None)
    qtbot.addWidget(dialog)
    closed = rejections(dialog)
    assert not dialog.is_dirty()
    dialog.notes_edit.setPlainText("Ask for the quarter 3 figures")
    prompts.discard = False
    dialog.reject()
    assert closed == [] and prompts.discard_asked == 1


def test_sub_items_take_their_items_session(qtbot, demo_services):
    dialog = AgendaItemDialog(demo_services, sub_item=True, on_save=lambda _v: None)
    qtbot.addWidget(dialog)
    assert not dialog.closed_check.isEnabled()
    assert dialog.windowTitle() == "New sub-item"


# -- papers ----------------------------------------------------------------------------------------
def test_paper_dialog_expects_a_paper_with_cover_sheet_fields(qtbot, demo_services, upcoming):
    item = next(
        i
        for i in demo_services.agenda.agenda(upcoming)
        if i.title == "Frequency of meetings next year"
    )
    dialog = PaperDialog(demo_services, upcoming, item_id=item.id)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Meeting dates for 2027")
    dialog.author_edit.setText("Owen Price-Jones")
    dialog.due.edit.setText("30/11/2026")
    dialog.attached_edit.setText("Appendix A - proposed dates")
    dialog.recommendation_edit.setPlainText("That the Board agrees the dates.")
    assert dialog.try_accept()
    paper = dialog.saved
    assert paper is not None and paper.agenda_item_id == item.id
    assert paper.author_name == "Owen Price-Jones" and paper.author_id is not None
    assert paper.due_date == date(2026, 11, 30) and paper.state == "expected"
    assert paper.attached_text == "Appendix A - proposed dates"


def test_paper_dialog_refuses_a_bad_due_date_and_an_empty_title(qtbot, demo_services, upcoming):
    dialog = PaperDialog(
        demo_services, upcoming, item_id=demo_services.agenda.agenda(upcoming)[1].id
    )
    qtbot.addWidget(dialog)
    dialog.due.edit.setText("30/02/2026")
    assert not dialog.try_accept()
    problems = dialog.visible_problems()
    assert "Give the paper a title." in problems
    assert any("February 2026 has 28 days" in p for p in problems)


def test_paper_dialog_attaches_files_in_the_background(
    qtbot, demo_services, upcoming, prompts, tmp_path
):
    paper = next(
        p for i in demo_services.agenda.agenda(upcoming) for p in i.papers if p.state == "to_follow"
    )
    report = tmp_path / "IOM annual review.docx"
    report.write_bytes(b"the report")
    prompts.open_files = [report]
    dialog = PaperDialog(demo_services, upcoming, paper=paper)
    qtbot.addWidget(dialog)
    dialog.pick_files()
    assert dialog.files.rowCount() == 1 and dialog.is_dirty()
    assert dialog.try_accept()
    qtbot.waitUntil(lambda: bool(demo_services.agenda.paper(paper.id).files), timeout=3000)
    stored = demo_services.agenda.paper(paper.id)
    assert stored.state == "attached" and stored.files[0].filename == "IOM annual review.docx"


def test_paper_dialog_changes_the_state_to_tabled(qtbot, demo_services, upcoming):
    paper = next(
        p for i in demo_services.agenda.agenda(upcoming) for p in i.papers if p.state == "expected"
    )
    dialog = PaperDialog(demo_services, upcoming, paper=paper)
    qtbot.addWidget(dialog)
    assert not dialog.item_combo.isEnabled()
    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("tabled"))
    assert dialog.try_accept()
    assert demo_services.agenda.paper(paper.id).state == "tabled"


def test_paper_dialog_cancel_guard(qtbot, demo_services, upcoming, prompts):
    dialog = PaperDialog(
        demo_services, upcoming, item_id=demo_services.agenda.agenda(upcoming)[1].id
    )
    qtbot.addWidget(dialog)
    closed = rejections(dialog)
    dialog.title_edit.setText("Half typed")
    dialog.reject()
    assert prompts.discard_asked == 1 and closed == [True]


# -- templates ---------------------------------------------------------------------------------------
def test_template_dialog_saves_and_refuses_an_empty_name(
    qtbot, demo_services, upcoming, board_id, prompts
):
    dialog = TemplateDialog(demo_services, upcoming)
    qtbot.addWidget(dialog)
    assert not dialog.try_accept()
    assert "Give the template a name" in dialog.visible_problems()[0]
    dialog.name_edit.setText("Quarterly meeting")
    assert dialog.try_accept()
    assert [name for _id, name in demo_services.agenda.templates(board_id)] == ["Quarterly meeting"]
    again = TemplateDialog(demo_services, upcoming)
    qtbot.addWidget(again)
    assert again.names_model.stringList() == ["Quarterly meeting"]
    closed = rejections(again)
    again.name_edit.setText("x")
    again.reject()
    assert prompts.discard_asked == 1 and closed == [True]


def test_a_date_field_shows_the_weekday_once_typed(qtbot, demo_services, board_id):
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    dialog.date.edit.setText("13/1/27")
    dialog.date.edit.editingFinished.emit()
    assert dialog.date.edit.text() == "Wed 13 January 2027"
    assert dialog.date.value() == date(2027, 1, 13)


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        ("16/1/2027", "Saturday 16 January 2027 is a Saturday"),
        ("25/12/2026", "is Christmas Day, a bank holiday in England"),
        ("31/8/2026", "is Late Summer Bank Holiday, a bank holiday in England"),
    ],
)
def test_a_meeting_on_a_weekend_or_bank_holiday_is_questioned(
    qtbot, demo_services, board_id, typed, note
):
    dialog = MeetingDialog(demo_services, board_id=board_id)
    qtbot.addWidget(dialog)
    dialog.date.edit.setText(typed)
    assert not dialog.date.note.isHidden()
    assert note in dialog.date.note.text()
    dialog.date.edit.setText("13 January 2027")  # a Wednesday: nothing to question
    assert dialog.date.note.isHidden()
