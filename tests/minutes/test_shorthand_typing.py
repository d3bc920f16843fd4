"""Shorthand typed in the narrative becomes records when the line is finished; owners are
matched to the register and unknown or ambiguous ones are asked about, never guessed."""

from __future__ import annotations

from datetime import date

from scbmeet.gui.minutes.dialogs import ActionDialog


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


def test_an_unknown_owner_is_asked_about(qtbot, demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Performance report"))
    line = "#action Nadia Rahman/Sal Goodwin: bring the breakdown by crime type"
    kb.type(line)
    kb.press("Return")
    dialog = kb.modal(ActionDialog)
    assert "'Sal Goodwin' is not in the register" in dialog.owners_problem.text()
    assert dialog.owners_edit.text() == "Nadia Rahman/Sal Goodwin"
    assert dialog.add_owner.isVisible()
    assert window.narrative.toPlainText() == line  # nothing recorded, nothing lost yet
    dialog.owners_edit.clear()
    kb.type("Nadia Rahman/Rachel Ok")
    kb.press("Tab")  # completes from the list shown under the field
    assert dialog.owners_edit.text() == "Nadia Rahman/Rachel Okafor"
    kb.press("Return")
    kb.no_modal()
    minute = _minute(services, window, "Performance report")
    assert [(a.text, a.owner_line) for a in minute.actions] == [
        ("bring the breakdown by crime type", "Nadia Rahman/Rachel Okafor")
    ]
    assert window.narrative.toPlainText() == ""


def test_an_ambiguous_owner_lists_the_candidates(qtbot, demo, window, kb):
    services, _ = demo
    services.register.create_person("Price", given_names="Anna")
    window.go_to(window.row_titled("Performance report"))
    kb.type("#action Price: review the housing figures")
    kb.press("Return")
    dialog = kb.modal(ActionDialog)
    assert "'Price' could be" in dialog.owners_problem.text()
    assert "Anna Price" in dialog.owners_problem.text()
    assert "Gareth Price" in dialog.owners_problem.text()
    kb.press("Escape")  # cancelled: the line stays, typing goes on below it
    kb.no_modal()
    assert window.narrative.toPlainText() == "#action Price: review the housing figures\n"
    assert "stays in the minute" in window.notice_label.text()
    assert services.actions.actions(meeting_id=window.meeting.id) == []


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
