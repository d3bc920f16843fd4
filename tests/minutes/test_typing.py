"""Typing a minute: saved within a second, on item change, focus change and close; undo and redo."""

from __future__ import annotations

from scbmeet.gui.minutes.saving import MAX_AUTOSAVE_MS, autosave_delay
from scbmeet.settings import AUTOSAVE_MS, Settings


def _narrative(services, window, title_part):
    key = window.row_titled(title_part)
    minute = next(
        (m for m in services.minutes.minutes(window.meeting.id) if m.agenda_item_id == key.id), None
    )
    return minute.narrative if minute else None


def test_the_save_delay_is_under_a_second(tmp_path):
    settings = Settings(tmp_path / "settings.json")
    assert autosave_delay(settings) == 700
    settings.set(AUTOSAVE_MS, 5000)
    assert autosave_delay(settings) == MAX_AUTOSAVE_MS < 1000


def test_typing_is_saved_within_a_second_of_the_last_key(qtbot, demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Strategic assessment"))
    kb.type("Rachel Okafor presented the priorities.")
    assert _narrative(services, window, "Strategic assessment") in (None, "")
    # The save is due within a second of the last key (the timer, not the wall clock of a
    # loaded machine, is what is checked), and it comes with no further key.
    assert window.keeper.timer.isActive() and window.keeper.timer.interval() < 1000
    qtbot.waitUntil(
        lambda: (
            _narrative(services, window, "Strategic assessment")
            == "Rachel Okafor presented the priorities."
        ),
        timeout=30_000,
    )
    assert "saved at" in window.save_status.text()


def test_the_first_keystroke_numbers_the_minute(qtbot, demo, window, kb):
    services, summary = demo
    last = services.minutes.minutes(summary.meeting_ids[2])[-1].number
    key = window.row_titled("Strategic assessment")
    window.go_to(key)
    assert window.row(key).minute is None
    kb.type("R")
    minute = window.row(key).minute
    assert minute is not None
    assert minute.reference == f"{last + 1}/26"  # numbers run on through the year
    assert services.agenda.item(key.id).status == "taken"
    assert f"minute {last + 1}/26" in window.heading.text()


def test_saved_on_item_change_focus_change_and_close(qtbot, demo, window, kb):
    services, _ = demo
    window.go_to(window.row_titled("Strategic assessment"))
    kb.type("Item change.")
    kb.press("alt+Down")
    assert _narrative(services, window, "Strategic assessment") == "Item change."
    kb.type("Focus change.")
    kb.press("ctrl+1")
    assert _narrative(services, window, "offender management") == "Focus change."
    window.go_to(window.row_titled("Frequency of meetings"))
    kb.type("Closing.")
    window.close()
    assert _narrative(services, window, "Frequency of meetings") == "Closing."


def test_undo_and_redo_typing_by_bursts(qtbot, demo, window, kb):
    services, _ = demo
    key = window.row_titled("Strategic assessment")
    window.go_to(key)
    kb.type("First burst.")
    window.save_now()  # a pause: the burst ends
    kb.type(" Second burst.")
    kb.press("ctrl+Z")
    assert window.narrative.toPlainText() == "First burst."
    kb.press("ctrl+Z")
    assert window.narrative.toPlainText() == ""
    kb.press("ctrl+Z")  # taking the item back: the minute and its number go
    window.save_now()
    assert window.row(key).minute is None
    assert services.minutes.minutes(window.meeting.id) == []
    kb.press("ctrl+Y")
    kb.press("ctrl+shift+Z")
    kb.press("ctrl+shift+Z")
    window.save_now()
    assert window.narrative.toPlainText() == "First burst. Second burst."
    assert _narrative(services, window, "Strategic assessment") == "First burst. Second burst."


def test_undo_of_typing_in_another_item_goes_there(window, kb):
    window.go_to(window.row_titled("Strategic assessment"))
    kb.type("Priorities endorsed.")
    kb.press("alt+Down")
    kb.press("ctrl+Z")
    assert window._current == window.row_titled("Strategic assessment")
    assert window.narrative.toPlainText() == ""


def test_the_title_can_be_retyped_and_a_blank_title_is_not_saved(qtbot, demo, window, kb):
    services, _ = demo
    key = window.row_titled("Frequency of meetings")
    window.go_to(key)
    kb.press("shift+Backtab")  # from the minute back to its title
    assert window.title_edit.hasFocus()
    window.title_edit.selectAll()
    kb.type("Meetings in 2027")
    kb.press("Tab")  # leaving the title saves it
    [minute] = services.minutes.minutes(window.meeting.id)
    assert minute.title == "Meetings in 2027"
    window.title_edit.setFocus()
    window.title_edit.selectAll()
    kb.press("Delete")
    assert window.save_now()
    assert services.minutes.minute(minute.id).title == "Meetings in 2027"
    kb.press("ctrl+Z")
    assert window.title_edit.text() == "Meetings in 2027"


def test_minutes_mode_on_each_database_backend(qtbot, services, open_minutes, tmp_path, kb):
    """The same typing, saving and undo on SQLite and (when configured) PostgreSQL."""
    from datetime import date

    board = services.register.create_board("Test Board", "TB")
    services.meetings.create_meeting(board.id, date(2026, 3, 4))
    meeting = services.meetings.create_meeting(board.id, date(2026, 6, 3))
    services.agenda.add_item(meeting.id, "Budget")
    window = open_minutes(services, meeting.id, tmp_path / "recovery")
    window.go_to(window.row_titled("Budget"))
    kb.type("The budget was agreed.")
    assert window.save_now()
    [minute] = services.minutes.minutes(meeting.id)
    assert (minute.reference, minute.narrative) == ("1/26", "The budget was agreed.")
    kb.press("ctrl+Z", "ctrl+Z")
    window.save_now()
    assert services.minutes.minutes(meeting.id) == []
    window.close()
