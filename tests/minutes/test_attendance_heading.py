"""The attendance page's heading names what the first row of the agenda says it takes:
"Attendance and declarations" when the agenda has a declarations item."""

from __future__ import annotations

from scbmeet.gui.minutes.rows import ATTENDANCE


def test_the_heading_says_declarations_too_when_the_agenda_has_them(window, kb):
    heading = window.attendance_heading
    assert window.item.current == ATTENDANCE  # where minutes mode opens
    assert heading.isVisible() and heading.text() == "Attendance and declarations"
    window.go_to(window.row_titled("Performance report"))
    kb.press("F2")  # back to attendance from an item
    assert window.item.current == ATTENDANCE
    assert heading.text() == "Attendance and declarations"
