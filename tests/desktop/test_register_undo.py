"""Edit ▸ Undo covers the register: every change made on the members and organisations
pages is undone (the data as it was before) and redone through the page's undo stack."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.gui.register.pages import MembersPage, OrganisationsPage
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.widgets.table_models import RECORD_ROLE

BOARD = 1  # Marlshire Safer Communities Board in the demo


@pytest.fixture
def members(qtbot, demo_services):
    page = MembersPage(demo_services, BOARD)
    qtbot.addWidget(page)
    return page


@pytest.fixture
def organisations(qtbot, demo_services):
    page = OrganisationsPage(demo_services)
    qtbot.addWidget(page)
    return page


def select_member(page, family: str):
    view = page.members_view
    for r in range(view.model().rowCount()):
        m = view.model().index(r, 0).data(RECORD_ROLE)
        if m.person.family_name == family:
            view.selectRow(r)
            return m
    raise AssertionError(family)


def select_row(view, test):
    for r in range(view.model().rowCount()):
        record = view.model().index(r, 0).data(RECORD_ROLE)
        if test(record):
            view.selectRow(r)
            return record
    raise AssertionError("no such row")


def membership_of(services, family: str, board_id: int = BOARD):
    found = [m for m in services.register.memberships(board_id) if m.person.family_name == family]
    return found[0] if found else None


def person_named(services, family: str):
    found = [p for p in services.register.people() if p.family_name == family]
    return found[0] if found else None


def seat_places(services, person_id: int) -> list[tuple[int, bool]]:
    return [
        (x.id, x.holder_id == person_id)
        for x in services.register.seats(BOARD)
        if person_id in (x.holder_id, x.deputy_id)
    ]


def accept_with(fill):
    """A dialog handler: fill the dialog in, then press OK."""

    def handle(dialog) -> bool:
        fill(dialog)
        return dialog.try_accept()

    return handle


# -- members -----------------------------------------------------------------------------------
def test_ending_a_membership_is_undone_and_redone(members, demo_services):
    before = select_member(members, "Ellery")
    members.end_term()
    assert members.undo_stack.undoText() == "End membership of Tom Ellery"
    assert membership_of(demo_services, "Ellery").end_date == date(2026, 11, 21)
    members.undo_stack.undo()
    assert membership_of(demo_services, "Ellery").end_date == before.end_date
    members.show_past.setChecked(False)
    assert "Ellery" in {
        members.members_proxy.index(r, 0).data(RECORD_ROLE).person.family_name
        for r in range(members.members_proxy.rowCount())
    }
    members.undo_stack.redo()
    assert membership_of(demo_services, "Ellery").end_date == date(2026, 11, 21)


def test_deactivating_a_person_is_undone_and_redone(members, demo_services):
    select_member(members, "Holloway")
    members.deactivate()
    assert members.undo_stack.undoText() == "Deactivate Margaret Anne Holloway"
    assert not person_named(demo_services, "Holloway").active
    members.undo_stack.undo()
    assert person_named(demo_services, "Holloway").active
    members.undo_stack.redo()
    assert not person_named(demo_services, "Holloway").active


def test_a_refused_delete_pushes_nothing(members, demo_services, prompts):
    select_member(members, "Holloway")
    members.delete_person()
    assert "cannot be deleted" in str(prompts.errors[0])
    assert members.undo_stack.count() == 0


def test_deleting_a_person_is_undone_with_their_memberships_and_seats(
    members, demo_services, prompts
):
    reg = demo_services.register
    mistake = reg.create_person("Mistake", given_names="Anna", job_title="Analyst")
    police = next(o for o in reg.organisations() if o.short_name == "MP")
    seat = reg.add_seat(BOARD, police.id, label="Analyst", holder_id=mistake.id)
    reg.add_membership(BOARD, mistake.id, role="adviser", seat_id=seat.id)
    ecsp = next(b for b in reg.boards() if b.short_name == "ECSP")
    reg.add_membership(ecsp.id, mistake.id, end_date=date(2027, 3, 31))
    select_member(members, "Mistake")
    members.delete_person()
    assert "Edit\u00a0▸\u00a0Undo brings them back" in prompts.confirmations[-1]
    assert members.undo_stack.undoText() == "Delete Anna Mistake"
    assert person_named(demo_services, "Mistake") is None

    members.undo_stack.undo()
    back = person_named(demo_services, "Mistake")
    assert back is not None and back.job_title == "Analyst"
    here = membership_of(demo_services, "Mistake")
    assert (here.role, here.seat_id) == ("adviser", seat.id)
    assert membership_of(demo_services, "Mistake", ecsp.id).end_date == date(2027, 3, 31)
    assert seat_places(demo_services, back.id) == [(seat.id, True)]
    assert select_member(members, "Mistake").person.id == back.id  # the page shows them again

    members.undo_stack.redo()
    assert person_named(demo_services, "Mistake") is None
    members.undo_stack.undo()  # and back again, from the snapshot the redo took
    again = person_named(demo_services, "Mistake")
    assert seat_places(demo_services, again.id) == [(seat.id, True)]


def test_adding_a_new_person_as_member_is_undone_and_redone(members, demo_services, prompts):
    def fill(dialog):
        dialog.given_edit.setText("Priya")
        dialog.family_edit.setText("Nair")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("adviser"))

    prompts.on_dialog(accept_with(fill))
    members.add_member()
    assert members.undo_stack.undoText() == "Add member Priya Nair"
    assert membership_of(demo_services, "Nair").role == "adviser"
    members.undo_stack.undo()
    assert person_named(demo_services, "Nair") is None
    assert len(demo_services.register.people()) == 20
    members.undo_stack.redo()
    assert membership_of(demo_services, "Nair").role == "adviser"
    # A step made after the redo still finds the person under their new id.
    select_member(members, "Nair")
    members.deactivate()
    members.undo_stack.undo()
    assert person_named(demo_services, "Nair").active


def test_adding_an_existing_person_is_undone_with_their_details(members, demo_services, prompts):
    outsider = demo_services.register.create_person("Okoro", given_names="Ben")

    def fill(dialog):
        dialog.person_combo.setCurrentIndex(dialog.person_combo.findData(outsider.id))
        dialog.job_edit.setText("Locality lead")

    prompts.on_dialog(accept_with(fill))
    members.add_member()
    assert membership_of(demo_services, outsider.family_name) is not None
    assert demo_services.register.person(outsider.id).job_title == "Locality lead"
    members.undo_stack.undo()
    assert membership_of(demo_services, outsider.family_name) is None
    assert demo_services.register.person(outsider.id) == outsider
    members.undo_stack.redo()
    assert membership_of(demo_services, outsider.family_name) is not None
    members.undo_stack.undo()  # the membership re-added by redo is found under its new id
    assert membership_of(demo_services, outsider.family_name) is None


def test_editing_a_member_is_one_step_and_an_unchanged_dialog_pushes_nothing(
    members, demo_services, prompts
):
    before = select_member(members, "Lister")

    def fill(dialog):
        dialog.job_edit.setText("Head of Safeguarding")
        dialog.end.edit.setText("31/12/2026")

    prompts.on_dialog(accept_with(fill))
    members.edit_member()
    assert members.undo_stack.undoText() == "Edit member Fiona Lister"
    after = membership_of(demo_services, "Lister")
    assert (after.person.job_title, after.end_date) == ("Head of Safeguarding", date(2026, 12, 31))
    members.undo_stack.undo()
    assert membership_of(demo_services, "Lister") == before
    members.undo_stack.redo()
    assert membership_of(demo_services, "Lister") == after

    select_member(members, "Lister")
    prompts.on_dialog(accept_with(lambda _dialog: None))
    members.edit_member()
    assert members.undo_stack.count() == 1


def test_adding_and_editing_a_seat_are_undone_and_redone(members, demo_services, prompts):
    reg = demo_services.register
    mcvs = next(o for o in reg.organisations() if o.short_name == "MCVS")
    seats_before = reg.seats(BOARD)

    def fill_new(dialog):
        dialog.org_combo.setCurrentIndex(dialog.org_combo.findData(mcvs.id))
        dialog.label_edit.setText("Voluntary sector")

    prompts.on_dialog(accept_with(fill_new))
    members.add_seat()
    assert members.undo_stack.undoText() == "Add seat “Voluntary sector”"
    assert len(reg.seats(BOARD)) == len(seats_before) + 1
    members.undo_stack.undo()
    assert reg.seats(BOARD) == seats_before
    members.undo_stack.redo()
    added = next(x for x in reg.seats(BOARD) if x.label == "Voluntary sector")

    lister = person_named(demo_services, "Lister")
    select_row(members.seats_view, lambda s: s.id == added.id)
    prompts.on_dialog(
        accept_with(lambda d: d.holder_combo.setCurrentIndex(d.holder_combo.findData(lister.id)))
    )
    members.edit_seat()
    assert members.undo_stack.undoText() == "Edit seat “Voluntary sector”"
    assert next(x for x in reg.seats(BOARD) if x.id == added.id).holder_id == lister.id
    members.undo_stack.undo()
    assert next(x for x in reg.seats(BOARD) if x.id == added.id).holder_id is None
    members.undo_stack.undo()  # and the seat itself, as the Undo list goes back
    assert reg.seats(BOARD) == seats_before


def test_an_undo_the_records_now_refuse_is_reported_and_dropped(
    members, demo_services, prompts, upcoming
):
    prompts.on_dialog(accept_with(lambda d: d.family_edit.setText("Nair")))
    members.add_member()
    nair = person_named(demo_services, "Nair")
    demo_services.meetings.set_attendance(upcoming, nair.id, "present")
    members.undo_stack.undo()
    assert "appears in meeting records" in str(prompts.errors[-1])
    assert person_named(demo_services, "Nair") is not None
    assert members.undo_stack.count() == 0  # nothing left to redo that cannot be done


# -- organisations -----------------------------------------------------------------------------
def test_deactivating_an_organisation_is_undone_and_redone(organisations, demo_services):
    org = select_row(organisations.view, lambda o: True)
    organisations.deactivate_selected()
    assert organisations.undo_stack.undoText() == f"Deactivate {org.name}"

    def active() -> bool:
        return next(o for o in demo_services.register.organisations() if o.id == org.id).active

    assert not active()
    organisations.undo_stack.undo()
    assert active()
    organisations.undo_stack.redo()
    assert not active()


def test_new_and_edited_organisations_are_undone_and_redone(organisations, demo_services, prompts):
    reg = demo_services.register
    before = reg.organisations()
    prompts.on_dialog(accept_with(lambda d: d.name_edit.setText("Marlshire Youth Service")))
    organisations.add()
    assert organisations.undo_stack.undoText() == "Add organisation Marlshire Youth Service"
    organisations.undo_stack.undo()
    assert reg.organisations() == before
    organisations.undo_stack.redo()
    youth = next(o for o in reg.organisations() if o.name == "Marlshire Youth Service")

    select_row(organisations.view, lambda o: o.id == youth.id)
    prompts.on_dialog(accept_with(lambda d: d.short_edit.setText("MYS")))
    organisations.edit_selected()
    assert organisations.undo_stack.undoText() == "Edit organisation Marlshire Youth Service"
    organisations.undo_stack.undo()
    assert next(o for o in reg.organisations() if o.id == youth.id).short_name == ""
    organisations.undo_stack.undo()
    assert reg.organisations() == before

    organisations.view.selectRow(0)
    prompts.on_dialog(accept_with(lambda _d: None))
    organisations.edit_selected()
    assert organisations.undo_stack.count() == 2  # an unchanged dialog pushes nothing


# -- the main window ---------------------------------------------------------------------------
def test_edit_undo_in_the_main_window_acts_on_the_members_page(qtbot, demo_services):
    window = MainWindow(demo_services, demo=True)
    qtbot.addWidget(window)
    window.navigate("members", BOARD)
    page = window.current_page()
    assert isinstance(page, MembersPage)
    before = select_member(page, "Ellery")
    page.end_term()
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo End membership of Tom Ellery"
    window.undo_action.trigger()
    assert membership_of(demo_services, "Ellery").end_date == before.end_date
    assert window.redo_action.isEnabled() and not window.undo_action.isEnabled()
    window.redo_action.trigger()
    assert membership_of(demo_services, "Ellery").end_date == date(2026, 11, 21)


def test_the_register_menu_adds_on_the_page_so_undo_takes_it_back(qtbot, demo_services, prompts):
    window = MainWindow(demo_services, demo=True)
    qtbot.addWidget(window)
    window.navigate("board", BOARD)
    prompts.on_dialog(accept_with(lambda d: d.family_edit.setText("Nair")))
    window.add_member_action.trigger()
    assert isinstance(window.current_page(), MembersPage)
    assert membership_of(demo_services, "Nair") is not None
    window.undo_action.trigger()
    assert person_named(demo_services, "Nair") is None

    before = demo_services.register.organisations()
    prompts.on_dialog(accept_with(lambda d: d.name_edit.setText("Marlshire Youth Service")))
    window.new_organisation_action.trigger()
    assert isinstance(window.current_page(), OrganisationsPage)
    assert len(demo_services.register.organisations()) == len(before) + 1
    window.undo_action.trigger()
    assert demo_services.register.organisations() == before
