"""Taking minutes from the keyboard: actions remember where in the narrative they were taken,
owners typed as the board writes them are matched, and the Word minutes print them so."""

from __future__ import annotations

from docx import Document

from scbmeet.exports.minutes import export_minutes
from scbmeet.gui.minutes.dialogs import ActionDialog


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
        "monitor calls by neighbourhood",
        "Action: Rachel Okafor/Supt Kieran Walsh",
        "Secondary fires were also discussed.",
        "raise the focus with the fire service",
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
