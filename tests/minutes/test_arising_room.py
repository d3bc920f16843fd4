"""At Matters arising on a 1024x700 screen the list of actions has the room: it shows every
outstanding action of the demo (it had 70 pixels, two and a half rows), the action's own
text stays readable beside its owners and dates (it was squeezed to "…"), and leaving the
item gives the minute's text its room back."""

from __future__ import annotations

from scbmeet.gui.minutes.arising import ARISING_COLUMNS


def _at_matters_arising(qtbot, window):
    window.go_to(window.row_titled("Matters arising"))
    pane = window.arising
    qtbot.waitUntil(lambda: not pane.loading() and pane.model.rowCount() > 0, timeout=5000)
    return pane


def test_the_list_shows_every_action_with_its_text_readable(qtbot, window):
    window.resize(1024, 700)
    pane = _at_matters_arising(qtbot, window)
    view = pane.view
    rows = pane.model.rowCount()
    assert rows >= 6  # the demo's outstanding actions
    row_height = view.sizeHintForRow(0)
    # all of them in sight, once the page is laid out at its height
    qtbot.waitUntil(lambda: view.viewport().height() >= rows * row_height, timeout=2000)
    text = view.columnWidth(ARISING_COLUMNS.index("text"))
    assert text >= 180  # "Agree a common way of tagging…", not "…"
    widths = [view.columnWidth(c) for c in range(len(ARISING_COLUMNS))]
    assert sum(widths) <= view.viewport().width()  # no column off to the right


def test_leaving_matters_arising_gives_the_minute_its_room_back(qtbot, window, kb):
    window.resize(1024, 700)
    _at_matters_arising(qtbot, window)
    narrative_there = window.minute_splitter.sizes()[1]
    window.go_to(window.row_titled("Performance report"))
    qtbot.waitUntil(lambda: window.minute_splitter.sizes()[0] == 0)  # out of the way
    assert window.minute_splitter.sizes()[1] > narrative_there
    _at_matters_arising(qtbot, window)  # and back again: the list has its room again
    assert window.minute_splitter.sizes()[0] > window.minute_splitter.sizes()[1]
