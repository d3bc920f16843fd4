"""The register's dialogs and the CSV import: fill and accept, refusals at the field, cancelling."""

from __future__ import annotations

from datetime import date, time

import pytest

from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.register.board_pages import ForwardPlanDialog
from scbmeet.gui.register.csv_import import CsvImportDialog
from scbmeet.gui.register.dialogs import BoardDialog, MemberDialog, OrganisationDialog, SeatDialog


@pytest.fixture
def board_id(demo):
    return demo[1].board_id


def rejections(dialog) -> list[bool]:
    closed: list[bool] = []
    dialog.rejected.connect(lambda: closed.append(True))
    return closed


def person(services, family):
    return next(p for p in services.register.people() if p.family_name == family)


# -- boards -------------------------------------------------------------------------------------
def test_board_dialog_creates_a_sub_group(qtbot, demo_services, board_id):
    dialog = BoardDialog(demo_services)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Northmoor Community Safety Partnership")
    dialog.short_edit.setText("NCSP")
    dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(board_id))
    dialog.time_edit.setText("10am")
    dialog.numbering_combo.setCurrentIndex(4)  # every 1 May
    dialog.quorum_members.setValue(5)
    assert dialog.try_accept()
    board = dialog.saved
    assert board.parent_id == board_id and board.default_start_time == time(10)
    assert (board.numbering, board.numbering_start_month, board.quorum_members) == (
        "municipal",
        5,
        5,
    )


def test_board_dialog_refuses_a_short_name_in_use_and_a_bad_time(qtbot, demo_services):
    dialog = BoardDialog(demo_services)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Another board")
    dialog.short_edit.setText("mscb")
    dialog.time_edit.setText("half past nine")
    assert not dialog.try_accept()
    assert dialog.error_label(dialog.short_edit).text() == "There is already a board called mscb."
    assert "is not a time" in dialog.error_label(dialog.time_edit).text()
    assert len(demo_services.register.boards()) == 2


def test_board_dialog_edits_and_guards_typing(qtbot, demo_services, board_id, prompts):
    dialog = BoardDialog(demo_services, board=demo_services.register.board(board_id))
    qtbot.addWidget(dialog)
    assert dialog.time_edit.text() == "9.30am"
    dialog.venue_edit.setText("Room 101, County Hall")
    closed = rejections(dialog)
    prompts.discard = False
    dialog.reject()
    assert closed == [] and prompts.discard_asked == 1
    assert dialog.try_accept()
    assert demo_services.register.board(board_id).default_venue == "Room 101, County Hall"


# -- organisations ----------------------------------------------------------------------------
def test_organisation_dialog_creates_a_team(qtbot, demo_services):
    council = next(o for o in demo_services.register.organisations() if o.short_name == "EBC")
    dialog = OrganisationDialog(demo_services)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Eastvale Community Safety Team")
    dialog.short_edit.setText("ECST")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("team"))
    dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(council.id))
    assert dialog.try_accept()
    assert dialog.saved.parent_id == council.id and dialog.saved.kind == "team"


def test_a_problem_goes_away_once_its_field_is_changed(qtbot, demo_services):
    """Error messages stayed on screen after the field was fixed (issue 19)."""
    dialog = OrganisationDialog(demo_services)
    qtbot.addWidget(dialog)
    assert not dialog.try_accept()
    assert dialog.visible_problems() == ["Give the organisation's name."]
    dialog.name_edit.setFocus()
    qtbot.keyClicks(dialog.name_edit, "Marlshire Youth Justice Service")
    assert dialog.visible_problems() == []
    assert dialog.try_accept()


def test_organisation_dialog_refuses_an_empty_or_taken_name(qtbot, demo_services, prompts):
    dialog = OrganisationDialog(demo_services)
    qtbot.addWidget(dialog)
    assert not dialog.try_accept()
    assert dialog.visible_problems() == ["Give the organisation's name."]
    dialog.name_edit.setText("marlshire police")
    assert not dialog.try_accept()
    assert dialog.visible_problems() == [
        "There is already an organisation called marlshire police."
    ]
    closed = rejections(dialog)
    dialog.reject()
    assert closed == [True] and prompts.discard_asked == 1


# -- members ---------------------------------------------------------------------------------------
def test_member_dialog_adds_a_new_person_to_the_board(qtbot, demo_services, board_id):
    police = next(o for o in demo_services.register.organisations() if o.short_name == "MP")
    dialog = MemberDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Ch Insp")
    dialog.given_edit.setText("Priya")
    dialog.family_edit.setText("Nair")
    dialog.org_combo.setCurrentIndex(dialog.org_combo.findData(police.id))
    dialog.email_edit.setText("priya.nair@mp.example.org")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("adviser"))
    dialog.start.edit.setText("1/12/2026")
    dialog.end.edit.setText("30 Nov 2027")
    assert dialog.try_accept()
    m = dialog.saved
    assert m.person.display_name == "Ch Insp Priya Nair" and m.person.organisation_id == police.id
    assert (m.role, m.start_date, m.end_date) == ("adviser", date(2026, 12, 1), date(2027, 11, 30))


@pytest.mark.parametrize(
    ("family", "email", "start", "end", "field", "message"),
    [
        ("", "", "", "", "family", "Give the family name."),
        ("Nair", "priya.nair@", "", "", "email", "priya.nair@ is not an email address"),
        ("Nair", "", "1/12/2027", "1/12/2026", "end", "The term cannot end before it starts."),
        ("Nair", "", "31/11/2026", "", "start", "November 2026 has 30 days"),
        (
            "Okafor",
            "rachel.okafor@mcc.example.org",
            "",
            "",
            "family",
            "Rachel Okafor is already in the register",
        ),
    ],
)
def test_member_dialog_refuses_bad_input_at_the_field(
    qtbot, demo_services, board_id, family, email, start, end, field, message
):
    dialog = MemberDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    dialog.given_edit.setText("Rachel" if family == "Okafor" else "Priya")
    dialog.family_edit.setText(family)
    dialog.email_edit.setText(email)
    dialog.start.edit.setText(start)
    dialog.end.edit.setText(end)
    people_before = len(demo_services.register.people())
    assert not dialog.try_accept()
    label = dialog.form.findChild(type(dialog.error_label(None)), f"{field}Error")
    assert message in label.text() and not label.isHidden()
    assert len(demo_services.register.people()) == people_before


def test_member_dialog_puts_an_existing_person_on_another_board(qtbot, demo_services):
    csp = next(b for b in demo_services.register.boards() if b.short_name == "ECSP")
    okafor = person(demo_services, "Okafor")
    dialog = MemberDialog(demo_services, csp.id)
    qtbot.addWidget(dialog)
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData(okafor.id))
    assert dialog.family_edit.text() == "Okafor"
    assert dialog.try_accept()
    members = demo_services.register.memberships(csp.id)
    assert okafor.id in {m.person.id for m in members}
    assert len(demo_services.register.people()) == 20  # nobody new


def test_member_dialog_edits_a_member_and_can_deactivate_them(qtbot, demo_services, board_id):
    membership = next(
        m for m in demo_services.register.memberships(board_id) if m.person.family_name == "Lister"
    )
    dialog = MemberDialog(demo_services, board_id, membership=membership)
    qtbot.addWidget(dialog)
    assert not dialog.person_combo.isEnabled()
    dialog.end.edit.setText("31/12/2026")
    dialog.active_check.setChecked(False)
    assert dialog.try_accept()
    assert dialog.saved.end_date == date(2026, 12, 31)
    assert not demo_services.register.person(membership.person.id).active


# -- seats ------------------------------------------------------------------------------------------
def test_seat_dialog_refuses_the_holder_as_deputy_and_adds_a_seat(qtbot, demo_services, board_id):
    mcvs = next(o for o in demo_services.register.organisations() if o.short_name == "MCVS")
    adeyemi = person(demo_services, "Adeyemi")
    dialog = SeatDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    assert not dialog.try_accept()
    assert "Choose the organisation" in dialog.error_label(dialog.org_combo).text()
    dialog.org_combo.setCurrentIndex(dialog.org_combo.findData(mcvs.id))
    dialog.holder_combo.setCurrentIndex(dialog.holder_combo.findData(adeyemi.id))
    dialog.deputy_combo.setCurrentIndex(dialog.deputy_combo.findData(adeyemi.id))
    assert not dialog.try_accept()
    assert (
        dialog.error_label(dialog.deputy_combo).text()
        == "The deputy must be someone other than the holder."
    )
    dialog.deputy_combo.setCurrentIndex(0)
    dialog.label_edit.setText("Voluntary sector")
    assert dialog.try_accept()
    seat = next(s for s in demo_services.register.seats(board_id) if s.organisation_id == mcvs.id)
    assert (seat.label, seat.holder_id, seat.deputy_id) == ("Voluntary sector", adeyemi.id, None)


# -- forward plan -------------------------------------------------------------------------------------
def test_forward_plan_dialog_needs_a_when_and_a_real_month(qtbot, demo_services, board_id, prompts):
    dialog = ForwardPlanDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Serious violence duty - annual review")
    assert not dialog.try_accept()
    assert "Say when" in dialog.error_label(dialog.month_edit).text()
    dialog.month_edit.setText("Smarch 2027")
    assert not dialog.try_accept()
    assert "is not a month" in dialog.error_label(dialog.month_edit).text()
    dialog.month_edit.setText("March 2027")
    assert dialog.try_accept()
    entry = demo_services.forward_plan.entries(board_id, include_done=False)[0]
    assert entry.due_month == date(2027, 3, 1) and entry.title.startswith("Serious violence")
    again = ForwardPlanDialog(demo_services, board_id)
    qtbot.addWidget(again)
    closed = rejections(again)
    again.detail_edit.setPlainText("x")
    prompts.discard = False
    again.reject()
    assert closed == []


def test_a_forward_plan_entry_can_be_marked_closed_and_one_asked_in_closed_stays_so(
    qtbot, demo_services, board_id
):
    dialog = ForwardPlanDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Exploitation hotspots - closed briefing")
    dialog.month_edit.setText("March 2027")
    dialog.closed_check.setChecked(True)
    assert dialog.try_accept()
    entry = next(
        e
        for e in demo_services.forward_plan.entries(board_id)
        if e.title.startswith("Exploitation")
    )
    assert entry.is_closed
    closed_minute = next(
        m
        for meeting in demo_services.meetings.meetings(board_id)
        for m in demo_services.minutes.minutes(meeting.id)
        if m.is_closed
    )
    asked = demo_services.forward_plan.add_entry(
        board_id, "DHR review", in_months=6, source_minute_item_id=closed_minute.id
    )
    edit = ForwardPlanDialog(demo_services, board_id, entry=asked)
    qtbot.addWidget(edit)
    assert edit.closed_check.isChecked() and not edit.closed_check.isEnabled()


# -- CSV import ---------------------------------------------------------------------------------------
GOOD_CSV = (
    "Title,First name,Surname,Organisation,Email,Role,Start date\n"
    "Cllr,Jo,Baxter,EBC,jo.baxter@ebc.example.org,member,2026-12-01\n"
    ",Sam,Idris,Marlshire Police,sam.idris@mp.example.org,adviser,\n"
)
BAD_CSV = (
    "family_name,given_names,organisation,email\n"
    "Baxter,Jo,EBC,jo.baxter@\n"
    "Idris,Sam,Marlshire Constabulary,sam@mp.example.org\n"
    "Okafor,Rachel,MCC,rachel.okafor@mcc.example.org\n"
    "Khan,Ali,MCC,ali.khan@mcc.example.org\n"
)


def open_csv(qtbot, dialog, tmp_path, text):
    path = tmp_path / "members.csv"
    path.write_text(text, encoding="utf-8-sig")
    dialog.load_file(path)
    qtbot.waitUntil(
        lambda: dialog.preview is not None or bool(dialog.visible_problems()), timeout=3000
    )


def test_csv_preview_names_each_rows_problems_and_imports_nothing(
    qtbot, demo_services, board_id, tmp_path
):
    dialog = CsvImportDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    open_csv(qtbot, dialog, tmp_path, BAD_CSV)
    rows = {r.family_name: r.problems for r in dialog.model.rows()}
    assert rows["Baxter"] == ("bad email 'jo.baxter@'",)
    assert rows["Idris"] == ("unknown organisation 'Marlshire Constabulary'",)
    assert rows["Okafor"] == (
        "duplicate person: rachel.okafor@mcc.example.org is already in the register",
    )
    assert rows["Khan"] == ()
    assert "3 with problems" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert not dialog.try_accept()
    assert len(demo_services.register.people()) == 20


def test_csv_import_brings_in_every_row(qtbot, demo_services, board_id, tmp_path):
    dialog = CsvImportDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    open_csv(qtbot, dialog, tmp_path, GOOD_CSV)
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 2 members"
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    assert dialog.try_accept()
    qtbot.waitUntil(lambda: accepted == [True], timeout=3000)
    assert dialog.imported == 2
    names = {m.person.full_name for m in demo_services.register.memberships(board_id)}
    assert {"Jo Baxter", "Sam Idris"} <= names


def test_csv_import_reports_an_unreadable_file(qtbot, demo_services, board_id, tmp_path):
    dialog = CsvImportDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    dialog.load_file(tmp_path / "missing.csv")
    qtbot.waitUntil(lambda: bool(dialog.visible_problems()), timeout=3000)
    assert "Cannot read missing.csv" in dialog.visible_problems()[0]


@pytest.mark.parametrize("kind", ["member", "seat"])
def test_register_dialogs_ask_before_throwing_away_typing(
    qtbot, demo_services, board_id, prompts, kind
):
    if kind == "member":
        dialog = MemberDialog(demo_services, board_id)
        typed = dialog.family_edit
    else:
        dialog = SeatDialog(demo_services, board_id)
        typed = dialog.label_edit
    qtbot.addWidget(dialog)
    closed = rejections(dialog)
    typed.setText("half typed")
    prompts.discard = False
    dialog.reject()
    assert closed == [] and prompts.discard_asked == 1
    prompts.discard = True
    dialog.reject()
    assert closed == [True]


def test_csv_import_cancels_without_asking(qtbot, demo_services, board_id, prompts, tmp_path):
    dialog = CsvImportDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    open_csv(qtbot, dialog, tmp_path, GOOD_CSV)
    closed = rejections(dialog)
    dialog.reject()
    assert closed == [True] and prompts.discard_asked == 0
    assert len(demo_services.register.people()) == 20  # nothing imported


def test_a_new_council_starts_statutory_and_a_team_needs_its_organisation(qtbot, demo_services):
    dialog = OrganisationDialog(demo_services)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Westmarsh District Council")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("council"))
    assert dialog.statutory_check.isChecked()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("voluntary"))
    assert not dialog.statutory_check.isChecked()
    dialog.statutory_check.click()  # ticked by hand: the kind no longer changes it
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("other"))
    assert dialog.statutory_check.isChecked()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("team"))
    assert not dialog.try_accept()
    assert dialog.visible_problems() == ["Choose the organisation the team belongs to."]


def test_the_services_refuse_a_team_that_belongs_to_nothing(demo_services):
    with pytest.raises(ScbmeetError, match="A team is part of an organisation"):
        demo_services.register.create_organisation("Youth Offending Team", kind="team")
    smri = next(o for o in demo_services.register.organisations() if o.short_name == "SMRI")
    with pytest.raises(ScbmeetError, match="A team is part of an organisation"):
        demo_services.register.update_organisation(smri.id, {"parent_id": None})
    again = next(o for o in demo_services.register.organisations() if o.id == smri.id)
    assert again.parent_id == smri.parent_id is not None
