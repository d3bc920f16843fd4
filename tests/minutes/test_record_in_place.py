"""Taking minutes from the keyboard: actions remember where in the narrative they were taken,
owners typed as the board writes them are matched, and the Word minutes print them so."""

from __future__ import annotations

from docx import Document

from scbmeet.exports.minutes import export_minutes
from scbmeet.gui.minutes.dialogs import ActionDialog, PersonDialog


def _minute(services, window, title):
    return next(m for m in services.minutes.minutes(window.meeting.id) if m.title == title)


def test_shorthand_actions_print_after_the_paragraph_they_were_typed_after(
    demo, window, kb, tmp_path
):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("Calls about anti-social behaviour had fallen.")
    kb.press("Return", "Return")
    kb.type("Sixteen neighbourhoods had not seen a reduction.")
    kb.press("Return")
    kb.type("#action Rachel Okafor/Supt K Walsh: monitor calls by neighbourhood")
    kb.press("Return")
    kb.type("Secondary fires were also discussed.")
    kb.press("Return")
    kb.type("#action Cllr Holloway: raise the focus with the fire service")
    kb.press("Return")
    window.save_now()
    minute = _minute(services, window, "Performance report")
    assert [(a.after_line, a.owner_line) for a in minute.actions] == [
        (2, "Rachel Okafor/Kieran Walsh"),
        (3, "Margaret Anne Holloway"),
    ]
    paragraphs = [
        p.text
        for p in Document(
            export_minutes(services, window.meeting.id, tmp_path / "m.docx")
        ).paragraphs
    ]
    at = paragraphs.index("Sixteen neighbourhoods had not seen a reduction.")
    assert paragraphs[at + 1 : at + 6] == [
        "Monitor calls by neighbourhood.",  # typed in haste, printed as a sentence
        "Action: Rachel Okafor/Supt Kieran Walsh",
        "Secondary fires were also discussed.",
        "Raise the focus with the fire service.",
        "Action: Councillor Margaret Anne Holloway",
    ]
    assert paragraphs[at - 1] == "Calls about anti-social behaviour had fallen."


def test_ctrl_shift_a_takes_the_action_where_the_cursor_is(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("First paragraph.")
    kb.press("Return", "Return")
    kb.type("Second paragraph.")
    kb.press("Return", "Return")
    kb.type("Third paragraph.")
    kb.press("Up", "Up")  # back into the second paragraph
    kb.press("ctrl+shift+A")
    dialog = kb.modal(ActionDialog)
    kb.type("Check the figures")
    dialog.owners_edit.setText("Rachel Okafor")
    dialog.accept()
    kb.no_modal()
    window.save_now()
    [action] = _minute(services, window, "Performance report").actions
    assert action.after_line == 2
    # Undo and redo keep the place.
    kb.press("ctrl+Z")
    assert _minute(services, window, "Performance report").actions == ()
    kb.press("ctrl+shift+Z")
    [again] = _minute(services, window, "Performance report").actions
    assert again.after_line == 2


def test_a_declaration_is_recorded_in_a_pane_and_typing_carries_on(demo, window, kb, qtbot):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("The report was introduced.")
    kb.press("ctrl+I")
    pane = window.declarations
    qtbot.waitUntil(lambda: pane.person_edit.hasFocus(), timeout=2000)
    kb.no_modal()  # a pane, not a dialog
    assert pane.item_combo.currentText().endswith("Performance report")
    kb.type("Cllr Sharma")
    kb.press("Return")  # on to the nature
    kb.type("Trustee of a charity bidding for the fund")
    pane.left_room.setChecked(True)
    kb.press("Return")
    qtbot.waitUntil(lambda: window.narrative.hasFocus(), timeout=2000)
    kb.type(" It was noted.")
    window.save_now()
    [declaration] = services.declarations.of_meeting(window.meeting.id)
    assert (declaration.person_name, declaration.nature, declaration.left_room) == (
        "Councillor Dev Sharma",
        "Trustee of a charity bidding for the fund",
        True,
    )
    item = window.item_being_taken()
    assert declaration.agenda_item_id == item.id
    minute = _minute(services, window, "Performance report")
    assert minute.narrative == "The report was introduced. It was noted."
    kb.press("ctrl+Z")  # the typing
    kb.press("ctrl+Z")  # the declaration
    assert services.declarations.of_meeting(window.meeting.id) == []
    kb.press("ctrl+shift+Z")
    assert len(services.declarations.of_meeting(window.meeting.id)) == 1


def test_a_declaration_by_nobody_in_the_register_is_refused_in_the_pane(demo, window, kb, qtbot):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.press("ctrl+I")
    pane = window.declarations
    qtbot.waitUntil(lambda: pane.person_edit.hasFocus(), timeout=2000)
    kb.type("Zed Nobody")
    kb.press("Return")
    kb.type("Owns a shop")
    kb.press("Return")
    assert pane.problem.text() == "'Zed Nobody' is not in the register: pick someone from the list."
    assert pane.person_edit.hasFocus() and pane.dock.isVisible()
    assert services.declarations.of_meeting(window.meeting.id) == []
    kb.press("Escape")  # back to the minute; what was typed stays for next time
    qtbot.waitUntil(lambda: window.narrative.hasFocus(), timeout=2000)
    assert not pane.dock.isVisible() and pane.nature_edit.text() == "Owns a shop"


def test_the_quorum_shown_is_the_one_at_the_item_being_taken(demo, window, kb, qtbot):
    services, _ = demo
    kb.press("F2")
    kb.press(*["P"] * 12)
    assert window.attendance.quorum.text().startswith("Quorate")
    window.go_to(window.row_titled("Performance report"))
    kb.type("Taken.")
    window.save_now()
    item = window.item_being_taken()
    present = [a for a in services.meetings.attendance(window.meeting.id) if a.status == "present"]
    for attendance in present:  # everyone leaves during this item
        services.meetings.set_attendance(
            window.meeting.id, attendance.person.id, "present", left_during_id=item.id
        )
    kb.press("F2")
    qtbot.waitUntil(lambda: "Not quorate" in window.attendance.quorum.text(), timeout=3000)
    assert window.attendance.quorum.text().startswith(f"At item {item.number}: Not quorate: 0 of")


def test_a_substitute_typed_with_a_title_keeps_it_as_a_title(demo, window, kb, tmp_path):
    services, _ = demo
    kb.press("F2")
    denholm = next(p for p in services.register.people() if p.family_name == "Denholm")
    window.attendance.select_person(denholm.id)
    assert window.attendance.current().person.id == denholm.id
    kb.press("S")
    kb.modal(PersonDialog)
    kb.type("Dr Priya Nair")
    kb.press("Return")
    kb.no_modal()
    nair = next(p for p in services.register.people() if p.family_name == "Nair")
    assert (nair.title, nair.given_names) == ("Dr", "Priya")
    paragraphs = [
        p.text
        for p in Document(
            export_minutes(services, window.meeting.id, tmp_path / "m.docx")
        ).paragraphs
    ]
    assert "Dr P Nair (substitute for Mark Denholm)" in paragraphs


def test_the_quorum_stands_at_the_item_being_minuted_and_follows_departures(
    demo, window, kb, qtbot
):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    number = window.item_being_taken().number  # the line names the item by its number
    line = window.quorum_line
    assert line.isVisible()
    assert line.text() == (
        f"At item {number}: NOT QUORATE: 0 voting members present (quorum 6); "
        "0 statutory organisations represented (quorum 4)"
    )
    assert "#b00020" in line.styleSheet()  # and in red, besides the words
    kb.press("F2")
    kb.press(*["P"] * 12)
    window.go_to(window.row_titled("Performance report"))
    assert line.text() == (  # officers and advisers marked present do not count
        f"At item {number}: Quorate: 9 voting members present (quorum 6); "
        "5 statutory organisations represented (quorum 4)"
    )
    assert line.styleSheet() == ""
    kb.type("Taken.")
    item = window.item_being_taken()
    present = [a for a in services.meetings.attendance(window.meeting.id) if a.status == "present"]
    for attendance in present:  # everyone leaves during this item
        services.meetings.set_attendance(
            window.meeting.id, attendance.person.id, "present", left_during_id=item.id
        )
    qtbot.waitUntil(lambda: "NOT QUORATE" in line.text(), timeout=10000)  # shown as it changes
    assert line.text().startswith(f"At item {item.number}: NOT QUORATE: 0 voting members")
