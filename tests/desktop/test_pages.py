"""The pages: papers tracker, meeting page, register, attendance, board, forward plan; their models."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QToolButton

from scbmeet.gui.agenda.dialogs import FileListModel, _FileEntry
from scbmeet.gui.agenda.meeting_page import MeetingPage
from scbmeet.gui.agenda.papers_tracker import PapersTracker
from scbmeet.gui.register.attendance_pane import AttendancePane
from scbmeet.gui.register.board_pages import BoardPage, ForwardPlanPage, MeetingsPage
from scbmeet.gui.register.pages import MembersPage, OrganisationsPage
from scbmeet.gui.widgets import clock
from scbmeet.gui.widgets.forms import child
from scbmeet.gui.widgets.table_models import RECORD_ROLE, CheckListModel


def rows(view) -> list[list[str]]:
    model = view.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


# -- models -------------------------------------------------------------------------------------
def test_table_models_pass_the_model_tester(qtmodeltester, qtbot, demo_services, upcoming):
    tracker = PapersTracker(demo_services, upcoming)
    qtbot.addWidget(tracker)
    qtmodeltester.check(tracker.model)
    qtmodeltester.check(tracker.proxy)
    members = MembersPage(demo_services, 1)
    qtbot.addWidget(members)
    qtmodeltester.check(members.members_proxy)
    qtmodeltester.check(members.seats_proxy)
    qtmodeltester.check(members.attendance.members_proxy)
    qtmodeltester.check(members.attendance.organisations_proxy)


def test_small_list_models_pass_the_model_tester(qtmodeltester):
    checks = CheckListModel()
    checks.set_items([(1, "Anti-social behaviour"), (2, "Hate crime", "tip")], checked=[2])
    qtmodeltester.check(checks)
    assert checks.checked_ids() == [2]
    files = FileListModel()
    files.set_entries([_FileEntry("report.docx", file_id=1)])
    qtmodeltester.check(files)


# -- papers -----------------------------------------------------------------------------------------
@pytest.fixture
def tracker(qtbot, demo_services, upcoming):
    widget = PapersTracker(demo_services, upcoming)
    qtbot.addWidget(widget)
    return widget


def select_paper(tracker, title_start: str):
    for r in range(tracker.proxy.rowCount()):
        row = tracker.proxy.record_at(tracker.proxy.index(r, 0))
        if row.paper.title.startswith(title_start):
            tracker.view.selectRow(r)
            return row.paper
    raise AssertionError(title_start)


def test_tracker_lists_each_paper_with_author_and_due_date(tracker):
    table = rows(tracker.view)
    assert [r[0] for r in table] == [
        "5  Performance report",
        "6  Strategic assessment priorities",
        "7  Integrated offender management update",
        "10  Domestic homicide review - action plan progress",  # the closed item's, in hand
    ]
    # due the board's working days before the agenda goes out (Tue 1 December), not after it
    assert table[1][2:5] == ["Rachel Okafor", "26 November 2026", "Due 26 Nov"]
    assert table[0][6] == "Q2 performance report.docx"
    assert tracker.summary_label.text() == "4 papers: 2 in hand, 2 still missing."


def test_tracker_filters_missing_papers_and_by_text(tracker):
    tracker.missing_only.setChecked(True)
    assert len(rows(tracker.view)) == 2
    tracker.filter_edit.setText("okafor threat")
    assert [r[1] for r in rows(tracker.view)] == ["Threat and risk priorities for next year"]


def test_tracker_marks_a_paper_to_follow_and_tabled(tracker, demo_services):
    paper = select_paper(tracker, "Threat")
    tracker.set_state("to_follow")
    assert demo_services.agenda.paper(paper.id).state == "to_follow"
    assert rows(tracker.view)[1][4] == "To follow"
    select_paper(tracker, "Threat")
    tracker.set_state("tabled")
    assert demo_services.agenda.paper(paper.id).state == "tabled"
    assert tracker.summary_label.text() == "4 papers: 3 in hand, 1 still missing."


def test_tracker_attaches_a_file_off_the_gui_thread(
    qtbot, tracker, demo_services, prompts, tmp_path
):
    paper = select_paper(tracker, "Threat")
    path = tmp_path / "priorities.docx"
    path.write_bytes(b"word")
    prompts.open_files = [path]
    tracker.attach_to_selected()
    # The file is stored off the GUI thread; the tracker reloads when told it changed.
    qtbot.waitUntil(lambda: "priorities.docx" in [r[6] for r in rows(tracker.view)], timeout=3000)
    assert demo_services.agenda.paper(paper.id).state == "attached"


def test_tracker_opens_a_stored_file(qtbot, tracker, prompts):
    select_paper(tracker, "Community Safety Agreement")
    tracker.open_selected_file()
    qtbot.waitUntil(lambda: bool(prompts.opened), timeout=3000)
    (opened,) = prompts.opened
    assert opened.name == "Q2 performance report.docx" and opened.read_bytes()[:2] == b"PK"


def test_tracker_deletes_a_paper_after_asking(tracker, demo_services, prompts, upcoming):
    select_paper(tracker, "Integrated")
    prompts.agree = False
    tracker.delete_selected()
    assert len(demo_services.agenda.missing_papers(upcoming)) == 2
    prompts.agree = True
    tracker.delete_selected()
    assert len(demo_services.agenda.missing_papers(upcoming)) == 1


# -- meeting page -------------------------------------------------------------------------------------
def test_tracker_chases_the_authors_of_missing_papers(tracker, prompts):
    button = child(tracker.form, QToolButton, "chaseButton")
    assert button.isEnabled()
    dialog = tracker.chase_dialog()
    assert dialog is not None
    owners = [dialog.model.reminder(r).owner_name for r in range(dialog.model.rowCount())]
    assert sorted(owners) == ["Helen Carver", "Rachel Okafor"]
    assert "I am preparing the agenda pack" in dialog.preview.toPlainText()
    dialog.close()


def test_meeting_page_marks_late_papers_to_follow(qtbot, demo_services, upcoming):
    clock.set_today(date(2026, 12, 4))  # two papers were due on 2 December
    page = MeetingPage(demo_services, upcoming)
    qtbot.addWidget(page)
    assert page.late_marked == 1  # the other was received
    states = {p.title: p.state for i in demo_services.agenda.agenda(upcoming) for p in i.papers}
    assert states["Threat and risk priorities for next year"] == "to_follow"
    assert "1 late paper marked “to follow”" in page.details.text()
    assert page.heading.text() == "MSCB · Wednesday 9 December 2026"


def test_meeting_page_asks_for_export_and_minutes(qtbot, demo_services, upcoming):
    page = MeetingPage(demo_services, upcoming)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.export_requested) as signal:
        child(page.form, QToolButton, "exportButton").menu().actions()[1].trigger()
    assert signal.args == [upcoming, "agenda", True]
    with qtbot.waitSignal(page.minutes_requested) as signal:
        child(page.form, QPushButton, "minutesButton").click()
    assert signal.args == [upcoming]


def test_saving_a_template_from_the_meeting_page(qtbot, demo_services, upcoming, prompts):
    page = MeetingPage(demo_services, upcoming)
    qtbot.addWidget(page)

    def name_it(dialog):
        dialog.name_edit.setText("Quarterly")
        return dialog.try_accept()

    prompts.on_dialog(name_it)
    with qtbot.waitSignal(page.status_message) as signal:
        page.save_as_template()
    assert "Quarterly" in signal.args[0]
    assert demo_services.agenda.templates(1)[0][1] == "Quarterly"


# -- register ------------------------------------------------------------------------------------------
@pytest.fixture
def members(qtbot, demo_services):
    page = MembersPage(demo_services, 1)
    qtbot.addWidget(page)
    return page


def select_member(page, family):
    view = page.members_view
    for r in range(view.model().rowCount()):
        m = view.model().index(r, 0).data(RECORD_ROLE)
        if m.person.family_name == family:
            view.selectRow(r)
            return m
    raise AssertionError(family)


def test_members_page_lists_current_members_with_roles_seats_and_terms(members):
    table = rows(members.members_view)
    assert len(table) == 20
    assert table[0][:3] == [
        "Councillor Margaret Anne Holloway",
        "Marlshire County Council",
        "Chair",
    ]
    brennan = next(r for r in table if r[0] == "Councillor Alice Brennan")
    assert brennan[3] == "Member" and brennan[4] == "1 May 2024 – 31 Dec 2026"
    assert next(r for r in table if r[0] == "Lucy Hart")[3] == "Deputy for Dev Sharma"


def test_ending_a_term_keeps_the_person_on_record(members, demo_services, prompts):
    select_member(members, "Ellery")
    members.end_term()
    assert len(rows(members.members_view)) == 19
    members.show_past.setChecked(True)
    assert len(rows(members.members_view)) == 20
    assert any("Tom Ellery" in c for c in prompts.confirmations)


def test_people_in_the_records_are_never_deleted(members, demo_services, prompts):
    select_member(members, "Holloway")
    members.delete_person()
    assert "cannot be deleted; make them inactive instead" in str(prompts.errors[0])
    assert len(demo_services.register.people()) == 20
    select_member(members, "Holloway")
    members.deactivate()
    assert not next(
        p for p in demo_services.register.people() if p.family_name == "Holloway"
    ).active
    assert "Councillor Margaret Anne Holloway" not in [r[0] for r in rows(members.members_view)]


def test_someone_entered_by_mistake_can_be_deleted(members, demo_services):
    person = demo_services.register.create_person("Mistake", given_names="A")
    demo_services.register.add_membership(1, person.id)
    select_member(members, "Mistake")
    members.delete_person()
    assert "Mistake" not in {p.family_name for p in demo_services.register.people()}


def test_attendance_pane_flags_and_filters(qtbot, demo_services):
    pane = AttendancePane(demo_services, 1)
    qtbot.addWidget(pane)
    assert pane.summary.text().startswith("3 meetings with attendance recorded")
    child(pane.form, QCheckBox, "flaggedOnlyCheck").setChecked(True)
    flagged = {r[0]: r[3] for r in rows(pane.members_view)}
    assert flagged == {
        "Tom Ellery": "missed last 3",
        "Councillor Alice Brennan": "term ends 31 Dec 2026",
        "Fiona Lister": "missed last 3",
    }
    pane.missed.setValue(2)
    assert "Gareth Price" in {r[0] for r in rows(pane.members_view)}


def test_attendance_pane_exports_the_report_as_word_or_csv(qtbot, demo_services, prompts, tmp_path):
    pane = AttendancePane(demo_services, 1)
    qtbot.addWidget(pane)
    prompts.save_path = tmp_path / "attendance.csv"
    child(pane.form, QPushButton, "exportButton").click()
    qtbot.waitUntil(lambda: prompts.opened == [tmp_path / "attendance.csv"], timeout=10_000)
    lines = (tmp_path / "attendance.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Member,Organisation,Role,Meetings")
    assert len(lines) == pane.members.rowCount() + 1
    prompts.save_path = tmp_path / "attendance"  # no suffix: a Word document
    child(pane.form, QPushButton, "exportButton").click()
    # Wait for the export to say where it went, not only for the file: a report arriving
    # after the test has ended would open a real message box (it aborted a CI worker).
    docx = tmp_path / "attendance.docx"
    qtbot.waitUntil(lambda: any(str(docx) in m for m in prompts.messages), timeout=10_000)
    assert docx.exists()


def test_attendance_pane_refuses_a_bad_period(qtbot, demo_services):
    pane = AttendancePane(demo_services, 1)
    qtbot.addWidget(pane)
    pane.start.edit.setText("31/09/2026")
    pane.reload()
    assert (
        "September 2026 has 30 days" in pane.error_label.text() and not pane.error_label.isHidden()
    )
    pane.start.edit.setText("1/10/2026")
    pane.end.edit.setText("1/1/2026")
    pane.reload()
    assert pane.error_label.text() == "The period ends before it starts."


def test_organisations_page_deactivates_after_asking(qtbot, demo_services, prompts):
    page = OrganisationsPage(demo_services)
    qtbot.addWidget(page)
    assert len(rows(page.view)) == 11
    page.view.selectRow(0)
    page.deactivate_selected()
    assert len(rows(page.view)) == 10 and prompts.confirmations


# -- board pages ---------------------------------------------------------------------------------------
def test_board_page_shows_the_next_meeting_and_what_needs_attention(qtbot, demo_services, upcoming):
    page = BoardPage(demo_services, 1)
    qtbot.addWidget(page)
    next_text = child(page.form, QLabel, "nextLabel").text()
    assert next_text.startswith("Wednesday 9 December 2026 at 9.30am (in 18 days)")
    assert "2 papers still missing" in next_text
    flags = child(page.form, QLabel, "flagsLabel").text()
    assert "Alice Brennan" in flags and "term ends 31 December 2026" in flags
    with qtbot.waitSignal(page.navigate_requested) as signal:
        page.open_next()
    assert signal.args == ["meeting", upcoming]


def test_meetings_page_lists_and_opens_meetings(qtbot, demo_services, upcoming):
    page = MeetingsPage(demo_services, 1)
    qtbot.addWidget(page)
    table = rows(page.view)
    assert table[0][0] == "Wed 9 December 2026"
    assert table[-1][4] == "Minutes approved"
    page.view.selectRow(0)
    with qtbot.waitSignal(page.navigate_requested) as signal:
        page.open_selected()
    assert signal.args == ["meeting", upcoming]


def test_forward_plan_page_puts_an_entry_on_the_next_agenda(qtbot, demo_services, upcoming):
    entry = demo_services.forward_plan.add_entry(
        1, "Knife crime - partnership plan", due_month=date(2027, 1, 1)
    )
    page = ForwardPlanPage(demo_services, 1)
    qtbot.addWidget(page)
    page.waiting_only.setChecked(True)
    page.filter_edit.setText("Knife crime")  # the demo's duties falling due are waiting too
    assert [r[0] for r in rows(page.view)] == ["Knife crime - partnership plan"]
    page.view.selectRow(0)
    with qtbot.waitSignal(page.status_message):
        page.schedule_selected()
    assert "Knife crime - partnership plan" in [
        i.title for i in demo_services.agenda.agenda(upcoming)
    ]
    waiting = demo_services.forward_plan.entries(1, include_done=False)
    assert entry.id not in {e.id for e in waiting}
    assert entry.id in {e.id for e in demo_services.forward_plan.entries(1)}


def test_meeting_page_says_when_the_agenda_must_be_out(qtbot, demo_services, upcoming):
    clock.set_today(date(2026, 11, 21))
    page = MeetingPage(demo_services, upcoming)  # Wed 9 December 2026, planned
    qtbot.addWidget(page)
    text = page.details.text()
    assert "Agenda out by Tue 1 December 2026 (5 clear working days)" in text
    assert "#b3261e" not in text  # ten days ahead: no warning yet
    clock.set_today(date(2026, 11, 30))
    page.refresh_header()
    assert "#b3261e" in page.details.text()
    clock.set_today(date(2026, 12, 2))
    page.refresh_header()
    assert "The agenda was due out by Tue 1 December 2026" in page.details.text()
    clock.set_today(date(2026, 11, 21))
