"""A declaration made in minutes mode kept against the member's register of interests: the
pane's Register and Kind choices, chosen from the keyboard or the mouse while typing goes on,
journalled so a crash loses nothing, and recorded with the declaration."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.minutes.test_drafts import _drafts_in, _killed

DIRECTOR = "Marlshire Offender Management Housing Ltd (director)"


def _person(services, family_name):
    return next(p for p in services.register.people() if p.family_name == family_name)


def _interest(services, family_name, matter):
    person = _person(services, family_name)
    return next(i for i in services.interests.of_person(person.id) if i.matter == matter)


def _open_pane(window, kb, qtbot, who):
    window.go_to(window.row_titled("Performance report"))
    kb.type("The report was introduced.")
    kb.press("ctrl+I")
    pane = window.declarations
    qtbot.waitUntil(lambda: pane.person_edit.hasFocus(), timeout=2000)
    kb.no_modal()  # a pane, never a dialog over the typing
    kb.type(who)
    return pane


def _entries(combo):
    return [combo.itemText(i) for i in range(combo.count())]


def test_a_register_entry_chosen_sets_the_kind_and_is_kept_with_the_declaration(
    demo, window, kb, qtbot
):
    services, _ = demo
    director = _interest(services, "Sharma", DIRECTOR)
    pane = _open_pane(window, kb, qtbot, "Cllr Sharma")
    kb.press("alt+G")  # Re&gister
    qtbot.waitUntil(lambda: pane.interest_combo.hasFocus(), timeout=2000)
    # the member's registered interests, held on the meeting's day, to keep it against
    assert _entries(pane.interest_combo) == [
        "(not on the register)",
        f"{DIRECTOR} - disclosable pecuniary",
    ]
    kb.press("Down")
    assert pane.interest_combo.currentData() == director.id
    assert pane.kind_combo.currentData() == "disclosable_pecuniary"  # from the register
    # a click on the nature and typing at once: every key lands there
    qtbot.mouseClick(pane.nature_edit, Qt.MouseButton.LeftButton)
    kb.type("Director of a company bidding to house offenders")
    assert QApplication.focusWidget() is pane.nature_edit
    assert pane.nature_edit.text() == "Director of a company bidding to house offenders"
    [draft] = _drafts_in(window.keeper.journal)
    assert draft["fields"]["declarationInterest"] == director.id
    assert draft["fields"]["declarationKind"] == "disclosable_pecuniary"
    kb.press("Return")
    qtbot.waitUntil(lambda: window.narrative.hasFocus(), timeout=2000)
    kb.type(" It was noted.")
    [declaration] = services.declarations.of_meeting(window.meeting.id)
    assert (declaration.interest_id, declaration.kind) == (director.id, "disclosable_pecuniary")
    assert declaration.nature == "Director of a company bidding to house offenders"
    listed = pane.list.item(0).text()
    assert "[disclosable pecuniary interest (registered)]" in listed
    # the pane starts afresh for the next declaration
    assert pane.kind_combo.currentData() == "" and pane.person_edit.text() == ""
    kb.press("ctrl+Z")  # the typing
    kb.press("ctrl+Z")  # the declaration
    assert services.declarations.of_meeting(window.meeting.id) == []
    kb.press("ctrl+shift+Z")
    [again] = services.declarations.of_meeting(window.meeting.id)
    assert (again.interest_id, again.kind) == (director.id, "disclosable_pecuniary")


def test_a_kind_alone_is_recorded_for_an_interest_not_on_the_register(demo, window, kb, qtbot):
    services, _ = demo
    pane = _open_pane(window, kb, qtbot, "Cllr Sharma")
    kb.press("Return")  # on to the nature
    kb.type("Her sister runs a youth club in Eastvale")
    kb.press("alt+K")  # &Kind
    qtbot.waitUntil(lambda: pane.kind_combo.hasFocus(), timeout=2000)
    pane.kind_combo.setCurrentIndex(pane.kind_combo.findData("non_registrable"))
    kb.press("Return")
    qtbot.waitUntil(lambda: window.narrative.hasFocus(), timeout=2000)
    [declaration] = services.declarations.of_meeting(window.meeting.id)
    assert (declaration.interest_id, declaration.kind) == (None, "non_registrable")


def test_another_members_name_lists_their_own_entries(window, kb, qtbot):
    pane = _open_pane(window, kb, qtbot, "Ruth Adeyemi")
    assert _entries(pane.interest_combo)[1:] == [
        "Marlbury Faith Centre (trustee) - other registrable"
    ]
    pane.person_edit.clear()
    assert _entries(pane.interest_combo) == ["(not kept against the register)"]


def test_the_register_entry_and_kind_come_back_after_a_kill(
    qtbot, demo, open_minutes, kb, tmp_path
):
    services, summary = demo
    director = _interest(services, "Sharma", DIRECTOR)
    store = tmp_path / "recovery"
    window = open_minutes(services, summary.upcoming_meeting_id, store)
    pane = _open_pane(window, kb, qtbot, "Cllr Sharma")
    kb.press("Return")
    kb.type("Director of a housing compa")
    pane.interest_combo.setCurrentIndex(pane.interest_combo.findData(director.id))
    pane.kind_combo.setCurrentIndex(pane.kind_combo.findData("other_registrable"))  # corrected
    _killed(window, tmp_path)

    again = open_minutes(services, summary.upcoming_meeting_id, store)
    qtbot.waitUntil(lambda: "declaration of interest" in again.notice_label.text(), timeout=10000)
    again.go_to(again.row_titled("Performance report"))
    kb.press("ctrl+I")
    pane = again.declarations
    qtbot.waitUntil(lambda: pane.person_edit.hasFocus(), timeout=2000)
    assert pane.person_edit.text() == "Cllr Sharma"
    assert pane.interest_combo.currentData() == director.id
    assert pane.kind_combo.currentData() == "other_registrable"  # as corrected, not as registered
    pane.nature_edit.setFocus()
    pane.nature_edit.end(False)
    kb.type("ny")
    kb.press("Return")
    [declaration] = services.declarations.of_meeting(again.meeting.id)
    assert declaration.nature == "Director of a housing company"
    assert (declaration.interest_id, declaration.kind) == (director.id, "other_registrable")
    again.close()
