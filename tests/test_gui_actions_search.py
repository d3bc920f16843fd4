"""The search view: results, highlighting that cannot inject markup, opening the place."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStyleOptionViewItem

from scbmeet.gui.actions.search_view import (
    HIT_ROLE,
    HitDelegate,
    SearchResultsModel,
    SearchWidget,
    highlighted_html,
    hit_html,
)
from scbmeet.services.search import Highlighted


def make(demo, qtbot):
    services, _summary = demo
    widget = SearchWidget(services)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    return widget


def test_results_model_passes_the_model_tester(demo, qtbot, qtmodeltester):
    widget = make(demo, qtbot)
    widget.search("alcohol")
    qtmodeltester.check(widget.model)
    qtmodeltester.check(SearchResultsModel())


def test_search_lists_ranked_hits_with_their_places(demo, qtbot):
    widget = make(demo, qtbot)
    hits = widget.search("alcohol data")
    assert [h.kind for h in hits] == ["agenda_item", "minute", "action"]
    assert widget.model.rowCount() == 3
    assert widget.status_label.text().startswith("3 places, best first")
    first = widget.model.index(1, 0).data()
    assert first.startswith("Minute: Reducing alcohol harm - MSCB 10 June 2026, minute 6/26")


def test_typing_searches_after_a_pause(demo, qtbot):
    widget = make(demo, qtbot)
    widget.query_edit.setText("exploitation")
    assert widget.model.rowCount() == 0  # not on every keystroke
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0, timeout=2000)


def test_board_choice_and_nothing_found(demo, qtbot):
    widget = make(demo, qtbot)
    widget.board_combo.setCurrentIndex(widget.board_combo.findText("ECSP"))
    assert widget.search("alcohol") == []
    assert widget.status_label.text().startswith("Nothing found")
    widget.search("")
    assert widget.status_label.text() == ""


def test_activating_a_hit_opens_its_place(demo, qtbot):
    widget = make(demo, qtbot)
    hits = widget.search("tagging")
    assert hits
    opened, activated = [], []
    widget.openRequested.connect(lambda kind, ident: opened.append((kind, ident)))
    widget.hitActivated.connect(activated.append)
    widget.results_view.activated.emit(widget.model.index(0, 0))
    assert opened == [(hits[0].kind, hits[0].id)]
    assert activated == [hits[0]]


def test_highlighting_escapes_then_marks():
    text = Highlighted("<script>alert(1)</script> & safe", ((0, 8),))
    page = highlighted_html(text)
    assert "<script>" not in page
    assert page.startswith("<span style='background-color:#ffe58a")
    assert "&lt;script&gt;</span>alert(1)&lt;/script&gt; &amp; safe" in page


def test_stored_markup_in_a_minute_is_shown_as_text(demo, qtbot):
    services, summary = demo
    meeting = services.meetings.meeting(summary.meeting_ids[2])
    services.minutes.add_minute(meeting.id, "<b>Bold</b> claims", narrative="<i>zebra</i> crossing")
    widget = make(demo, qtbot)
    [hit] = widget.search("zebra")
    page = hit_html(hit)
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page
    assert "&lt;i&gt;" in page and "<i>" not in page


def test_delegate_sizes_and_paints_rich_hits(demo, qtbot):
    widget = make(demo, qtbot)
    widget.search("exploitation")
    delegate = widget.results_view.itemDelegate()
    assert isinstance(delegate, HitDelegate)
    option = QStyleOptionViewItem()
    option.initFrom(widget.results_view)
    option.rect.setWidth(700)
    index = widget.model.index(0, 0)
    size = delegate.sizeHint(option, index)
    assert isinstance(size, QSize) and size.height() > 30
    assert index.data(HIT_ROLE).kind in {"minute", "agenda_item"}
    assert not widget.grab().isNull()
