"""Links open their place through the main window: search hits, the actions register's
history links and double-clicks, and the chair's review rows (issue 19)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from scbmeet.gui import hooks
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.actions.review import ChairReviewWidget
from scbmeet.gui.actions.search_view import SearchWidget
from scbmeet.gui.agenda.meeting_page import MeetingPage
from scbmeet.gui.register.board_pages import ForwardPlanPage
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.table_models import SORT_ROLE


@pytest.fixture
def window(qtbot, demo_services, monkeypatch):
    # install_extensions sets the global Word export hook: undo that after the test.
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    return w


def shown_meeting(window) -> MeetingPage:
    page = window.current_page()
    assert isinstance(page, MeetingPage), type(page).__name__
    return page


def test_enter_on_a_search_hit_opens_its_minute_on_the_meeting_page(window, demo_services):
    window.show_page("search", None)
    search = window.current_page()
    assert isinstance(search, SearchWidget)
    hits = search.search("alcohol data")
    row = next(i for i, h in enumerate(hits) if h.kind == "minute")
    hit = hits[row]
    search.results_view.setCurrentIndex(search.model.index(row, 0))
    search.results_view.setFocus()
    QTest.keyClick(search.results_view, Qt.Key.Key_Return)
    page = shown_meeting(window)
    assert page.meeting_id == hit.meeting_id
    assert window.current_key() == f"meeting:{hit.meeting_id}"
    # The demo's past meetings have minutes but no agenda: the status bar says where it is.
    reference = demo_services.places.locate("minute", hit.id).minute_reference
    assert f"Minute {reference} is in this meeting's minutes" in window.statusBar().currentMessage()


def test_a_minute_of_an_agenda_item_opens_with_that_item_selected(window, demo_services, upcoming):
    item = demo_services.agenda.agenda(upcoming)[2]
    minute = demo_services.minutes.add_minute(upcoming, item.title, agenda_item_id=item.id)
    window.show_page("search", None)
    window.current_page().openRequested.emit("minute", minute.id)
    page = shown_meeting(window)
    assert page.tabs.currentWidget().objectName() == "agendaTab"
    assert page.builder.selected_id() == item.id


def test_a_search_hit_on_an_action_opens_it_in_the_actions_register(window, qtbot):
    window.show_page("search", None)
    search = window.current_page()
    hits = search.search("alcohol data")
    action = next(h for h in hits if h.kind == "action")
    search.openRequested.emit("action", action.id)
    register = window.current_page()
    assert isinstance(register, ActionsRegisterWidget)
    # Selected once the register's rows are read (off the GUI thread).
    qtbot.waitUntil(lambda: [r.id for r in register.selected_rows()] == [action.id])


def test_a_paper_hit_opens_the_papers_tab_with_the_paper_selected(window, demo_services, upcoming):
    items = demo_services.agenda.agenda(upcoming)
    paper = next(p for i in items for p in i.papers)
    window.show_page("search", None)
    window.current_page().openRequested.emit("paper", paper.id)
    page = shown_meeting(window)
    assert page.tabs.currentWidget().objectName() == "papersTab"
    selected = page.papers.selected_paper()
    assert selected is not None and selected.id == paper.id


def test_double_click_in_the_actions_register_opens_the_minute(window, demo_services, qtbot):
    board_id = demo_services.register.boards()[0].id
    window.navigate("actions", board_id)
    register = window.current_page()
    assert isinstance(register, ActionsRegisterWidget)
    qtbot.waitUntil(lambda: not register.loading())
    rows = register.visible_rows()
    target = next(r for r in rows if r.minute_item_id is not None)
    assert register.show_action(target.id)
    index = register.view.selectionModel().selectedRows()[0]
    register.view.doubleClicked.emit(index)
    page = shown_meeting(window)
    assert page.meeting_id == demo_services.places.locate("action", target.id).meeting_id


def test_review_rows_open_actions_owners_and_forward_plan(window, demo_services, qtbot):
    board_id = demo_services.register.boards()[0].id
    window.navigate("review", board_id)
    review = window.current_page()
    assert isinstance(review, ChairReviewWidget)
    qtbot.waitUntil(lambda: review.owners.item(0) is not None)  # read off the GUI thread
    owner_kind, owner_id = review.owners.item(0).key
    review.views["ownersView"].activated.emit(review.owners.index(0, 0))
    register = window.current_page()
    assert isinstance(register, ActionsRegisterWidget)
    assert register.owner_combo.currentData() == (owner_kind, owner_id)
    assert window.current_key() == f"actions:{board_id}"

    window.navigate("review", board_id)
    review = window.current_page()
    qtbot.waitUntil(lambda: review.owners.item(0) is not None)
    if review.forward.rowCount():
        review.views["forwardView"].activated.emit(review.forward.index(0, 0))
        assert isinstance(window.current_page(), ForwardPlanPage)


def test_a_link_to_something_deleted_says_so_in_the_status_bar(window):
    window.show_page("search", None)
    window.current_page().openRequested.emit("minute", 999_999)
    assert "no minute with id 999999" in window.statusBar().currentMessage()


def test_locate_names_the_board_and_meeting_of_each_kind(demo_services, upcoming):
    item = demo_services.agenda.agenda(upcoming)[0]
    place = demo_services.places.locate("agenda_item", item.id)
    assert place.meeting_id == upcoming and place.agenda_item_id == item.id
    assert place.board_id == demo_services.meetings.meeting(upcoming).board_id


def test_a_year_in_the_navigator_lists_only_that_years_meetings(window, demo_services):
    board_id = demo_services.register.boards()[0].id
    every = demo_services.meetings.meetings(board_id)
    window.select_key(f"meetings:{board_id}:2026")
    page = window.current_page()
    shown = [page.model.index(r, 0).data(SORT_ROLE) for r in range(page.model.rowCount())]
    past_2026 = [m for m in every if m.date.year == 2026 and m.date < today()]
    assert len(shown) == len(past_2026) < len(every)
    assert page.findChild(QLabel, "headingLabel").text().startswith("Meetings in 2026 of ")
    window.select_key(f"meetings:{board_id}:upcoming")
    assert window.current_page() is page
    assert page.model.rowCount() == len([m for m in every if m.date >= today()])
    assert page.findChild(QLabel, "headingLabel").text().startswith("Upcoming meetings of ")


def test_the_navigator_follows_the_page_shown(window, demo_services, upcoming, qtbot):
    assert window.current_key() == f"meeting:{upcoming}"
    window.search_action.trigger()  # a page with no node: nothing stays highlighted
    assert isinstance(window.current_page(), SearchWidget)
    assert window.current_key() is None
    # ... so clicking the meeting it showed before brings that meeting back
    index = window.navigator_model.index_for_key(f"meeting:{upcoming}")
    window.navigator.setCurrentIndex(index)
    assert shown_meeting(window).meeting_id == upcoming
    board_id = demo_services.register.boards()[0].id
    window.show_page("actions", board_id)  # shown by a link: its node is highlighted
    assert window.current_key() == f"actions:{board_id}"
