"""Attendance keys, matters arising, confirming the last minutes, moving minutes, the F1 list."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from scbmeet.gui.minutes.dialogs import TextDialog


def _attendance_of(services, meeting_id, family_name):
    return next(
        (
            a
            for a in services.meetings.attendance(meeting_id)
            if a.person.family_name == family_name
        ),
        None,
    )


def test_late_arrival_and_early_leaving_are_recorded_against_the_item_being_taken(demo, window, kb):
    services, _ = demo
    meeting_id = window.meeting.id
    item = window.row_titled("Performance report")
    window.go_to(item)
    kb.press("F2")
    window.attendance.select_person(services.register.people()[0].id)
    person = window.attendance.current().person
    assert f"{window.row(item).number}: Performance report" in window.attendance.hint.text()
    kb.press("L")
    assert _attendance_of(services, meeting_id, person.family_name).arrived_during_id == item.id
    assert (
        f"arrived during item {window.row(item).number}"
        in window.attendance.model.index_of_person(person.id).siblingAtColumn(3).data()
    )
    kb.press("E")
    assert _attendance_of(services, meeting_id, person.family_name).left_during_id == item.id
    kb.press("L")  # again: taken back
    assert _attendance_of(services, meeting_id, person.family_name).arrived_during_id is None
    kb.press("Delete")
    assert _attendance_of(services, meeting_id, person.family_name) is None
    kb.press("ctrl+Z")
    assert _attendance_of(services, meeting_id, person.family_name).left_during_id == item.id


def test_the_quorum_follows_the_attendance(demo, window, kb):
    kb.press("F2")
    assert window.attendance.quorum.text().startswith("Not quorate")
    kb.press(*["P"] * 12)
    assert window.attendance.quorum.text().startswith("Quorate")


def test_confirming_the_last_minutes_locks_them_and_undo_reopens_them(demo, window, kb):
    services, _ = demo
    previous = services.meetings.previous(window.meeting.id)
    window.go_to(window.row_titled("Minutes of the meeting"))
    assert window.confirm_frame.isVisible()
    kb.press("ctrl+shift+C")
    assert services.meetings.meeting(previous.id).minutes_approved
    assert not window.confirm_button.isEnabled()
    assert "confirmed as a correct record at this meeting" in window.confirm_label.text()
    kb.press("ctrl+Z")
    assert not services.meetings.meeting(previous.id).minutes_approved
    assert services.minutes.minutes(window.meeting.id) == []
    assert window.confirm_button.isEnabled()


def test_matters_arising_done_dropped_progress_and_undo(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Matters arising"))
    kb.arising_in_hand(window)
    first = window.arising.current()
    kb.press("X")
    assert services.actions.action(first.id).state == "dropped"
    kb.press("Up", "O")  # still open after all; the next action is selected
    assert services.actions.action(first.id).state in ("open", "in_progress")
    kb.press("Up", "Return")
    kb.modal(TextDialog)
    kb.type("Work has started.")
    kb.press("Return")
    kb.no_modal()
    assert services.actions.updates(first.id)[-1].text == "Work has started."
    kb.press("ctrl+Z")
    assert all(u.text != "Work has started." for u in services.actions.updates(first.id))


def test_moving_a_minute_renumbers(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("A")
    window.go_to(window.row_titled("Integrated offender"))
    kb.type("B")
    first, second = services.minutes.minutes(window.meeting.id)
    kb.press("ctrl+shift+Up")
    moved = services.minutes.minutes(window.meeting.id)
    assert [m.title for m in moved] == [second.title, first.title]
    assert [m.number for m in moved] == [first.number, second.number]
    assert window.row(window.row_titled("Integrated offender")).reference == first.reference


def test_the_shortcut_list_comes_from_the_actions(qtbot, window, kb):
    window.narrative.setFocus()
    window.go_to(window.row_titled("Performance report"))
    kb.press("F1")
    assert window.overlay.isVisible()
    text = window.overlay.label.text()
    for expected in ("Ctrl+R", "Add a resolution", "Ctrl+Shift+A", "Alt+Down", "F2", "#action"):
        assert expected in text
    kb.press("Escape")
    assert not window.overlay.isVisible()
    assert QApplication.focusWidget() is window.narrative


def test_shortcuts_work_while_typing(demo, window, kb):
    services, _ = demo
    key = window.row_titled("Performance report")
    window.go_to(key)
    kb.type("Text")
    kb.press("ctrl+D")
    assert services.agenda.item(key.id).status == "deferred"
    kb.press("alt+Down")
    assert window.title_edit.text().startswith("Quarter 2 performance")
