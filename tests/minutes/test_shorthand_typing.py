"""Shorthand typed in the narrative becomes records when the line is finished; owners are
matched to the register, and an unknown or ambiguous one is recorded "to be confirmed"
(never guessed, and never a dialog over the typing)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from scbmeet.gui.minutes.dialogs import ActionDialog, PersonDialog


def _minute(services, window, title):
    return next(m for m in services.minutes.minutes(window.meeting.id) if m.title == title)


def test_a_resolution_line_becomes_a_resolution_in_one_undoable_step(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("The Board discussed the figures.")
    kb.press("Return")
    kb.type("#resolved to note the report")
    kb.press("Return")
    kb.type("Next paragraph.")
    window.save_now()
    minute = _minute(services, window, "Performance report")
    assert [r.text for r in minute.resolutions] == ["to note the report"]
    assert minute.narrative == "The Board discussed the figures.\nNext paragraph."
    kb.press("ctrl+Z")  # the next paragraph
    kb.press("ctrl+Z")  # the resolution, and the line comes back
    window.save_now()
    minute = _minute(services, window, "Performance report")
    assert minute.resolutions == ()
    assert minute.narrative == "The Board discussed the figures.\n#resolved to note the report"


def test_an_update_line_asks_for_an_update_on_the_forward_plan(demo, window, kb):
    services, summary = demo
    window.go_to(window.row_titled("Integrated offender management"))
    kb.type("#update 3 months")
    kb.press("Return")
    minute = _minute(services, window, "Integrated offender management update")
    [entry] = [
        e
        for e in services.forward_plan.entries(summary.board_id)
        if e.source_minute_item_id == minute.id
    ]
    assert entry.title == "Update: Integrated offender management update"
    assert entry.due_month == date(2027, 3, 1)
    assert entry.source_text == f"Minute {minute.reference}"
    assert [r.text for r in window.records_model.rows()] == [entry.title]


def test_an_unknown_owner_is_recorded_to_be_confirmed_and_typing_goes_on(qtbot, demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("#action Nadia Rahman/Rachel Okafer: bring the breakdown by crime type")
    kb.press("Return")
    kb.type("The chair thanked the officers.")  # at once: no dialog took the keyboard
    assert QApplication.activeModalWidget() is None
    assert QApplication.focusWidget() is window.narrative
    window.save_now()
    minute = _minute(services, window, "Performance report")
    [action] = minute.actions
    assert action.text == "bring the breakdown by crime type"
    assert [o.name for o in action.owners] == ["Nadia Rahman"]
    assert action.owner_to_confirm == "Rachel Okafer"
    assert action.owner_line == "Nadia Rahman/Rachel Okafer (owner to be confirmed)"
    assert minute.narrative == "The chair thanked the officers."
    assert "to be confirmed" in window.notice_label.text()
    # beside the actions: the nearest name in the register, confirmed with one click
    assert window.owner_confirm.frame.isVisible()
    names = [
        window.owner_confirm.list.item(i).text() for i in range(window.owner_confirm.list.count())
    ]
    assert names[0] == "Rachel Okafor"
    item = window.owner_confirm.list.item(0)
    rect = window.owner_confirm.list.visualItemRect(item)
    qtbot.mouseClick(
        window.owner_confirm.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    [action] = _minute(services, window, "Performance report").actions
    assert action.owner_confirmed
    assert action.owner_line == "Nadia Rahman/Rachel Okafor"
    assert not window.owner_confirm.frame.isVisible()
    assert QApplication.focusWidget() is window.narrative
    kb.type(" More.")
    window.save_now()
    assert _minute(services, window, "Performance report").narrative.endswith("officers. More.")
    kb.press("ctrl+Z")  # the typing
    kb.press("ctrl+Z")  # the confirmation: the owner is to be confirmed again
    [action] = _minute(services, window, "Performance report").actions
    assert action.owner_to_confirm == "Rachel Okafer"


def test_an_ambiguous_owner_is_confirmed_from_the_keyboard(qtbot, demo, window, kb):
    services, _ = demo
    services.register.create_person("Price", given_names="Anna")
    window.go_to(window.row_titled("Performance report"))
    kb.type("#action Price: review the housing figures")
    kb.press("Return")
    kb.type("Typing goes on.")
    [action] = _minute(services, window, "Performance report").actions
    assert action.owners == () and action.owner_to_confirm == "Price"
    names = [
        window.owner_confirm.list.item(i).text() for i in range(window.owner_confirm.list.count())
    ]
    assert {"Anna Price", "Gareth Price"} <= set(names)
    kb.press("ctrl+shift+O")
    assert QApplication.focusWidget() is window.owner_confirm.list
    wanted = names.index("Gareth Price")
    for _ in range(wanted):
        kb.press("Right")
    kb.press("Return")
    [action] = _minute(services, window, "Performance report").actions
    assert action.owner_line == "Gareth Price"
    assert QApplication.focusWidget() is window.narrative


def test_a_team_can_own_an_action_and_a_due_date_can_be_given(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("#action SMRI/Kieran Walsh: map hot spots (due 31/01/2027)")
    kb.press("Return")
    [action] = _minute(services, window, "Performance report").actions
    assert action.owner_line == "SMRI/Kieran Walsh"
    assert action.due_date == date(2027, 1, 31)


def test_shorthand_that_cannot_be_read_is_kept_as_text(demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("#action Kieran Walsh bring the figures")
    kb.press("Return")
    kb.type("More.")
    assert window.narrative.toPlainText() == "#action Kieran Walsh bring the figures\nMore."
    assert "colon is missing" in window.notice_label.text()
    assert services.actions.actions(meeting_id=window.meeting.id) == []


def test_a_hash_that_is_not_shorthand_is_just_text(demo, window, kb):
    window.go_to(window.row_titled("Performance report"))
    kb.type("#3 on the list was discussed")
    kb.press("Return")
    assert window.narrative.toPlainText() == "#3 on the list was discussed\n"
    assert not window.notice_frame.isVisible()


def test_the_action_dialog_of_an_owner_to_be_confirmed_asks_and_confirms(qtbot, demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("#action Rachel Okafer: bring the figures")
    kb.press("Return")
    kb.press("ctrl+3")  # the records; Enter opens the action on purpose
    kb.press("Return")
    dialog = kb.modal(ActionDialog)
    assert dialog.owners_edit.text() == "Rachel Okafer"
    assert "'Rachel Okafer' is to be confirmed" in dialog.owners_problem.text()
    dialog.owners_edit.clear()
    kb.type("Rachel Okaf")
    kb.press("Tab")
    kb.press("Return")
    kb.no_modal()
    [action] = _minute(services, window, "Performance report").actions
    assert action.owner_confirmed and action.owner_line == "Rachel Okafor"


def test_someone_new_is_added_to_the_register_and_confirmed_as_owner(qtbot, demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    kb.type("#action Zara Quinn: write to the housing providers")
    kb.press("Return")
    assert window.owner_confirm.list.count() == 1  # "(no name in the register is near it)"
    assert window.owner_confirm.list.item(0).text().startswith("(no name")
    qtbot.mouseClick(window.owner_confirm.add_button, Qt.MouseButton.LeftButton)
    dialog = kb.modal(PersonDialog)
    assert dialog.name_edit.text() == "Zara Quinn"
    kb.press("Return")
    kb.no_modal()
    [action] = _minute(services, window, "Performance report").actions
    assert action.owner_confirmed and action.owner_line == "Zara Quinn"
    assert services.register.match_owner("Zara Quinn")
    assert QApplication.focusWidget() is window.narrative
