"""Search across every meeting of every board, ranked, with the matching words marked.

Results come from :meth:`SearchService.search` as plain text plus the spans of the
matching words; :func:`highlighted_html` escapes every piece of stored text *before*
marking the spans, so nothing typed into a minute can inject markup into this view.

Plugging in: ``SearchWidget(services)``; it emits ``openRequested(kind, id)`` (kind
``"minute"``, ``"resolution"``, ``"action"``, ``"agenda_item"`` or ``"paper"``) and
``hitActivated(hit)`` with the whole :class:`SearchHit` (which names the meeting too).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from scbmeet.gui.widgets.errors import reporting_errors
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.services import Services
from scbmeet.services.search import Highlighted, SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
MARK_STYLE = "background-color:#ffe58a; color:#000000; font-weight:bold"
TYPING_PAUSE_MS = 250
ModelIndex = QModelIndex | QPersistentModelIndex


def highlighted_html(text: Highlighted) -> str:
    """``text`` as HTML: every piece escaped, then the matching pieces marked."""
    return "".join(
        f"<span style='{MARK_STYLE}'>{html.escape(piece)}</span>" if hit else html.escape(piece)
        for piece, hit in text.pieces()
    )


def hit_html(hit: SearchHit, *, selected: bool = False) -> str:
    """Three lines: kind and heading, where it is, and the snippet.

    A resolution or action has no title of its own: the minute it sits under is named
    instead. Selected rows keep the selection's text colour for their quieter parts.
    """
    quiet, place = ("", "") if selected else (" style='color:#555'", " style='color:#2f5f8f'")
    if hit.title.text:
        heading = f"<b>{highlighted_html(hit.title)}</b>"
    elif hit.context:
        heading = f"<span{quiet}>in “{html.escape(hit.context)}”</span>"
    else:
        heading = ""
    return (
        f"<div><span{quiet}>{html.escape(hit.kind_label)}</span>&nbsp; {heading}</div>"
        f"<div{place}>{html.escape(hit.place)}</div>"
        + (f"<div>{highlighted_html(hit.snippet)}</div>" if hit.snippet.text else "")
    )


def hit_text(hit: SearchHit) -> str:
    """The hit in plain words, for screen readers and copying."""
    heading = hit.title.text or hit.context
    parts = [f"{hit.kind_label}: {heading}" if heading else hit.kind_label, hit.place]
    if hit.snippet.text:
        parts.append(hit.snippet.text)
    return " - ".join(parts)


class SearchResultsModel(QAbstractListModel):
    """The hits of the last search, best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.place
        if role == HTML_ROLE:
            return hit_html(hit)
        if role == HIT_ROLE:
            return hit
        return None


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as rich text (built by :func:`hit_html`: escaped, then marked)."""

    def _document(self, option: QStyleOptionViewItem, index: ModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(4)
        hit = index.data(HIT_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document.setHtml(hit_html(hit, selected=selected) if isinstance(hit, SearchHit) else "")
        document.setTextWidth(max(100, option.rect.width()))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        options.text = ""
        style = options.widget.style() if options.widget else None
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget
            )
        context = QAbstractTextDocumentLayout.PaintContext()
        if options.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text,
                options.palette.color(QPalette.ColorRole.HighlightedText),
            )
        painter.save()
        painter.translate(options.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, options.rect.width(), options.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)


class SearchWidget(QWidget):
    """Type words; see where they were minuted; open the place."""

    openRequested = Signal(str, int)
    hitActivated = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        form = load_form("search_view", self)
        self.query_edit = child(form, QLineEdit, "queryEdit")
        self.board_combo = child(form, QComboBox, "boardCombo")
        self.status_label = child(form, QLabel, "statusLabel")
        self.results_view = child(form, QListView, "resultsView")
        self.model = SearchResultsModel(self)
        self.results_view.setModel(self.model)
        self.results_view.setItemDelegate(HitDelegate(self.results_view))
        self.results_view.setUniformItemSizes(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.board_combo.addItem("All boards", None)
        for board in services.register.boards():
            self.board_combo.addItem(board.short_name, board.id)
        self.query_edit.textChanged.connect(lambda _text: self._timer.start())
        self.query_edit.returnPressed.connect(self.run_search)
        self.board_combo.currentIndexChanged.connect(self.run_search)
        self.results_view.activated.connect(self._activated)
        self.query_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the search box moves into the results (as in a browser's address bar)."""
        is_down = (
            watched is self.query_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        )
        if not is_down:
            return super().eventFilter(watched, event)
        if self._timer.isActive():  # words typed a moment ago: search them first
            self.run_search()
        if self.model.rowCount():
            self.results_view.setFocus()
            self.results_view.setCurrentIndex(self.model.index(0, 0))
        return True

    def focus_filter(self) -> None:
        """Edit ▸ Find on this page: back to the search box, its words selected."""
        self.query_edit.setFocus()
        self.query_edit.selectAll()

    def search(self, words: str) -> list[SearchHit]:
        """Search for ``words`` now (as if typed and Enter pressed); returns the hits."""
        self.query_edit.setText(words)
        self.run_search()
        return self.model.hits()

    def run_search(self) -> None:
        self._timer.stop()
        words = self.query_edit.text()
        if not words.strip():
            self.model.set_hits([])
            self.status_label.setText("")
            return
        with reporting_errors(self, "Search"):
            hits = self._services.search.search(words, board_id=self.board_combo.currentData())
            self.model.set_hits(hits)
            if hits:
                more = " (the best 50)" if len(hits) == 50 else ""
                self.status_label.setText(
                    f"{len(hits)} place{'s' if len(hits) != 1 else ''}{more}, best first. "
                    "Press Enter or double-click to open one."
                )
            else:
                self.status_label.setText("Nothing found. Check the spelling, or use fewer words.")

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.hitActivated.emit(hit)
            self.openRequested.emit(hit.kind, hit.id)


__all__ = ["HitDelegate", "SearchResultsModel", "SearchWidget", "highlighted_html", "hit_html"]


def search_page(services: Services, _ident: int | None) -> SearchWidget:
    """The main window's page factory for the search page (which has no id)."""
    return SearchWidget(services)
