"""Every page of the main window at 1024x700, 1280x800 and 1920x1080, checked on what is
drawn (issue 19): the window keeps its size, no list has columns scrolled out of sight at
1280 and wider (the actions register shows Due, State, Age, Carried and Latest progress),
the actions' history pane never breaks a word in two, text cut short in the navigator and
the status bar is elided with the whole of it in a tooltip. The grabs are saved (set
SCBMEET_SCREENSHOTS to a folder to keep them) so they can be looked at one by one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QScrollArea,
    QTableView,
    QTextBrowser,
    QTreeView,
)

from scbmeet.gui import hooks
from scbmeet.gui.actions.register import ActionsRegisterWidget
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from tests.desktop.test_small_window import places

SIZES = [(1024, 700), (1280, 800), (1920, 1080)]


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCBMEET_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def make_window(qtbot, services, size) -> MainWindow:
    w = MainWindow(services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def hidden_columns(view: QAbstractItemView) -> list[str]:
    """Headings of the columns not wholly in sight (scrolled off, or past the right edge)."""
    if isinstance(view, QTreeView):
        header = view.header()
    elif isinstance(view, QTableView):
        header = view.horizontalHeader()
    else:  # a list: one column, as wide as the view
        return []
    model = view.model()
    width = view.viewport().width()
    out = []
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        right = header.sectionViewportPosition(section) + header.sectionSize(section)
        if header.sectionViewportPosition(section) < 0 or right > width + 1:
            out.append(str(model.headerData(section, Qt.Orientation.Horizontal)))
    return out


def words_broken(browser: QTextBrowser) -> list[str]:
    """Lines of the pane that end inside a word ("Septembe" / "r")."""
    document = browser.document()
    document.setTextWidth(browser.viewport().width())
    document.documentLayout().documentSize()  # lay it out at that width
    broken = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            end = line.textStart() + line.textLength()
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                broken.append(text[max(0, end - 12) : end + 6])
        block = block.next()
    return broken


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_is_whole_at_each_size(qtbot, demo, shots, monkeypatch, size):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    services, summary = demo
    window = make_window(qtbot, services, size)
    problems = []
    for kind, ident in places((services, summary)):
        if kind == "review":  # read in the background: look once it is on the page
            window.navigate("board", ident)
            page = window.show_page("review", ident)
            with qtbot.waitSignal(page.shown, timeout=30_000):
                window.navigate(kind, ident)
        else:
            window.navigate(kind, ident)
        page = window.current_page()
        qtbot.waitUntil(page.isVisible)
        QApplication.processEvents()
        window.grab().save(str(shots / f"{size[0]}x{size[1]}-{kind}-{ident}.png"))
        if window.size().toTuple() != size:
            problems.append(f"{kind}: the window became {window.size().toTuple()}")
        for area in page.findChildren(QScrollArea):  # a page wider than the window
            if area.isVisible() and area.horizontalScrollBar().maximum() > 0:
                problems.append(
                    f"{kind}: scrolls sideways by {area.horizontalScrollBar().maximum()}"
                )
        if size[0] < 1280:
            continue
        for view in page.findChildren(QAbstractItemView):
            if view.isVisible() and not isinstance(view, QHeaderView):
                cut = hidden_columns(view)
                if cut and view.model() is not None and view.model().rowCount(QModelIndex()):
                    problems.append(
                        f"{kind}: {view.objectName() or type(view).__name__} hides {cut}"
                    )
    assert problems == []


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_actions_register_shows_every_column_and_whole_words(qtbot, demo, shots, size):
    services, summary = demo
    window = make_window(qtbot, services, size)
    window.navigate("actions", summary.board_id)
    register = window.current_page()
    assert isinstance(register, ActionsRegisterWidget)
    qtbot.waitUntil(lambda: not register.loading(), timeout=10000)  # read off the GUI thread
    assert register.visible_rows()
    assert hidden_columns(register.view) == []
    headings = [h for _k, h in register.table.columns()]
    for wanted in ("Due", "State", "Age", "Carried", "Latest progress"):
        assert wanted in headings
    broken = []
    for row in register.visible_rows():
        register.show_action(row.id)
        broken += words_broken(register.history_browser)
    window.grab().save(str(shots / f"{size[0]}x{size[1]}-actions-history.png"))
    assert broken == []


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_names_cut_short_have_tooltips_and_the_path_is_elided_at_1024(qtbot, demo, tmp_path):
    services, _summary = demo
    window = make_window(qtbot, services, (1024, 700))
    model, view = window.navigator_model, window.navigator
    assert view.textElideMode() != Qt.TextElideMode.ElideNone
    labels = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            labels.append((index.data(), index.data(Qt.ItemDataRole.ToolTipRole)))
            walk(index)

    walk(QModelIndex())
    assert labels and all(tip for _label, tip in labels), labels
    boards = {b.name for b in services.register.boards()}
    assert {label for label, tip in labels if label in boards and label in tip} == boards
    cut = [
        (label, tip)
        for label, tip in labels
        if view.fontMetrics().horizontalAdvance(label) + 3 * view.indentation()
        > view.viewport().width()
    ]
    assert all(label in tip for label, tip in cut)
    label = window.database_label
    long_path = (
        "/srv/shares/Community Safety/Board secretariat/Meetings 2026-27/MSCB records.sqlite3"
    )
    label.setText(long_path)
    qtbot.waitUntil(lambda: label.width() > 0)
    assert window.width() == 1024
    shown = label.shown_text()
    assert shown != long_path and "…" in shown and shown.endswith("records.sqlite3")
    assert label.toolTip() == long_path
    assert label.fontMetrics().horizontalAdvance(shown) <= label.width()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_agenda_notes_and_paper_states_have_their_whole_text_as_tooltips(qtbot, demo):
    from scbmeet.gui.agenda.model import NOTES, PRESENTERS

    services, summary = demo
    window = make_window(qtbot, services, (1024, 700))
    window.navigate("meeting", summary.upcoming_meeting_id)
    page = window.current_page()
    model = page.builder.model
    tip = Qt.ItemDataRole.ToolTipRole
    noted = [i for i in model.items() if model._notes(i)]
    assert noted
    for item in noted:
        index = model.index_of(item.id).siblingAtColumn(NOTES)
        assert index.data() in index.data(tip)
    with_presenters = next(i for i in model.items() if i.presenters)
    index = model.index_of(with_presenters.id).siblingAtColumn(PRESENTERS)
    assert index.data(tip) and index.data() in index.data(tip)
    papers = page.papers.model
    state = next(
        c
        for c in range(papers.columnCount())
        if papers.headerData(c, Qt.Orientation.Horizontal) == "State"
    )
    for row in range(papers.rowCount()):
        index = papers.index(row, state)
        assert index.data() and index.data(tip) == index.data()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_chairs_review_at_1024_shows_every_owner_column_and_a_one_line_heading(qtbot, demo):
    services, summary = demo
    window = make_window(qtbot, services, (1024, 700))
    window.navigate("review", summary.board_id)
    page = window.current_page()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    owners = page.views["ownersView"]
    assert owners.model().rowCount(QModelIndex())
    assert hidden_columns(owners) == []  # Oldest is not behind a scroll bar
    title = page.title_label
    assert title.height() < 2 * title.fontMetrics().lineSpacing()  # the heading is not wrapped


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_long_register_count_line_wraps_rather_than_widening_the_window(qtbot, demo):
    services, summary = demo
    window = make_window(qtbot, services, (1024, 700))
    window.navigate("actions", summary.board_id)
    register = window.current_page()
    qtbot.waitUntil(lambda: not register.loading(), timeout=10000)
    # As on a twenty-year history, where the line once pushed the window to 1089 pixels.
    register.count_label.setText(
        "Showing 95 of 1,117 outstanding actions · 94 overdue · 89 carried across 3+ meetings"
    )
    qtbot.wait(50)
    assert window.width() == 1024
    assert register.count_label.width() + register.x() <= window.width()
