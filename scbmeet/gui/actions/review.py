"""The chair's review: one screen to read before a meeting.

Outstanding actions by owner and by age, the overdue ones, those closed at or since the
last meeting, forward-plan entries due at the next meeting and the last meeting's
resolutions, with two charts (open actions after each meeting; their ages) that can be
swapped for tables of the same figures.

On a long history the lists are long: the summary tables show the top
:data:`SUMMARY_LIMIT` rows and say how many more there are (the register has them all),
column widths come from a sample of the rows and rows are of one height, so a view asks
only for the cells it shows. The review is read off the GUI thread; opened a moment after
a read of it (the warm-up's after start-up, or the page's last visit) with no change since,
the page shows that read at once and reads afresh once it is painted, in case another
process changed a shared database (see :mod:`scbmeet.services.kept_reads`).

Plugging in: ``ChairReviewWidget(services, board_id)``; ``openRequested(kind, id)`` with
kind ``"action"``, ``"minute"``, ``"forward_plan"``, ``"person"`` or ``"organisation"``
(an owner: show the register filtered to them with
``ActionsRegisterWidget.set_owner_filter((kind, id))``), or ``"actions"`` with the board's
id (the "and N more" row of a table: the register, which lists them all); ``shown()`` when a review read in
the background is on the page.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain.dto import Change, long_date
from scbmeet.gui.actions.review_charts import AgeChart, OpenActionsChart
from scbmeet.gui.actions.review_tables import (
    AGE_COLUMNS,
    CLOSED_COLUMNS,
    COLUMN_PADDING,
    FORWARD_COLUMNS,
    OVERDUE_COLUMNS,
    OWNER_COLUMNS,
    RESOLUTION_COLUMNS,
    SUMMARY_LIMIT,
    TREND_COLUMNS,
    Column,
    ReviewTableModel,
)
from scbmeet.gui.plans.status_box import install_plan_status
from scbmeet.gui.widgets.after_paint import AfterFirstPaint
from scbmeet.gui.widgets.errors import reporting_errors, show_error
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.gui.widgets.reload_when_shown import ReloadWhenShown
from scbmeet.gui.widgets.tasks import run_task
from scbmeet.services import Services
from scbmeet.services.chair_review import ChairReview, OwnerSummary

CUT_BOXES = ("owners", "overdue", "closed")  # the tables that list only the top rows


def box_count(box: str, count: int) -> str:
    """A box title's count: "none", "12", or "showing 25 of 1,117" where the list is cut."""
    if not count:
        return "none"
    if box in CUT_BOXES and count > SUMMARY_LIMIT:
        return f"showing {SUMMARY_LIMIT} of {count:,}"
    return f"{count:,}"


def tile_html(number: int, caption: str, colour: str = "#222") -> str:
    """A summary tile: a big number over a caption (numbers and fixed words only)."""
    return (
        f"<div style='font-size:20pt; font-weight:bold; color:{colour}'>{number:,}</div>"
        f"<div>{caption}</div>"
    )


class ChairReviewWidget(QWidget):
    """What a chair reads before a meeting of one board."""

    openRequested = Signal(str, int)
    shown = Signal()  # a review read in the background is on the page

    def __init__(
        self,
        services: Services,
        board_id: int,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._board_id = board_id
        self._fixed_today = today
        self._review: ChairReview | None = None
        self._loads = 0  # reloads asked for; a late answer to an older one is dropped
        self._shown_load = 0
        self._afresh: AfterFirstPaint | None = None  # the fresh read behind a kept review
        form = load_form("review_chair", self)
        self._find_widgets(form)
        self._make_models()
        self._make_charts(form)
        content = form.findChild(QVBoxLayout, "contentLayout")
        self.plan_status = install_plan_status(content, services, board_id, lambda: self._today)
        self._watch_services()
        self.refresh_button.clicked.connect(self.reload)
        self.figures_check.toggled.connect(self._show_figures)
        self._open_on_kept_review()

    @property
    def _today(self) -> date:
        """As at today (read afresh on each refresh), unless a day was given."""
        return self._fixed_today or date.today()

    def _find_widgets(self, form: QWidget) -> None:
        self.title_label = child(form, QLabel, "titleLabel")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meetings_label = child(form, QLabel, "meetingsLabel")
        self.refresh_button = child(form, QPushButton, "refreshButton")
        self.figures_check = child(form, QCheckBox, "figuresCheck")
        self.tiles = {
            name: child(form, QLabel, f"{name}Tile")
            for name in ("outstanding", "overdue", "carried", "closed")
        }
        # Wrapped, the labels give way on a 1024 screen instead of pushing the page wider.
        for label in (self.title_label, self.meetings_label, *self.tiles.values()):
            label.setWordWrap(True)
        for label in (self.title_label, self.meetings_label):  # the page's whole width
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.boxes = {
            name: child(form, QGroupBox, f"{name}Box")
            for name in ("owners", "overdue", "closed", "forward", "resolutions")
        }
        self.box_titles = {name: box.title() for name, box in self.boxes.items()}
        self.age_stack = child(form, QStackedWidget, "ageStack")
        self.trend_stack = child(form, QStackedWidget, "trendStack")

    def _make_models(self) -> None:
        self.owners = ReviewTableModel(OWNER_COLUMNS, self)
        self.overdue = ReviewTableModel(OVERDUE_COLUMNS, self)
        self.closed = ReviewTableModel(CLOSED_COLUMNS, self)
        self.forward = ReviewTableModel(FORWARD_COLUMNS, self)
        self.resolutions = ReviewTableModel(RESOLUTION_COLUMNS, self)
        self.ages = ReviewTableModel(AGE_COLUMNS, self)
        self.trend = ReviewTableModel(TREND_COLUMNS, self)
        views: dict[str, tuple[ReviewTableModel[Any], Callable[[Any], None] | None]] = {
            "ownersView": (self.owners, self._open_owner),
            "overdueView": (self.overdue, lambda r: self._open("action", r.id)),
            "closedView": (self.closed, lambda r: self._open("action", r.id)),
            "forwardView": (self.forward, lambda e: self._open("forward_plan", e.id)),
            "resolutionsView": (self.resolutions, lambda r: self._open("minute", r.minute_id)),
            "ageTable": (self.ages, None),
            "trendTable": (self.trend, None),
        }
        self.views: dict[str, QTreeView] = {}
        for name, (model, opener) in views.items():
            view = child(self, QTreeView, name)
            view.setModel(model)
            # Sized from a sample, one row height: the view asks only for what it shows.
            view.setUniformRowHeights(True)
            view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.header().setStretchLastSection(True)
            view.setMinimumHeight(150)
            if opener is not None:
                view.activated.connect(
                    lambda index, m=model, o=opener: self._activated(m, index, o)
                )
            self.views[name] = view
        for name in ("ageTable", "trendTable"):  # figures sit next to their labels
            self.views[name].header().setStretchLastSection(False)
        # Long texts get the room; the other columns fit a sample of their contents.
        self._stretched = {
            "ownersView": 0,  # in half the page: a long name gives way, not the counts
            "overdueView": 1,
            "closedView": 1,
            "resolutionsView": 2,
            "forwardView": 0,  # the item's title gives way
        }
        for name, column in self._stretched.items():
            header = self.views[name].header()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _make_charts(self, form: QWidget) -> None:
        self.age_chart = AgeChart()
        self.trend_chart = OpenActionsChart()
        self.trend_chart.setMinimumHeight(200)
        for host_name, chart in (
            ("ageChartHost", self.age_chart),
            ("trendChartHost", self.trend_chart),
        ):
            chart.waiting_text = "Reading the review…"
            host = child(form, QWidget, host_name)
            layout = host.layout()
            if not isinstance(layout, QVBoxLayout):
                layout = QVBoxLayout(host)
            layout.addWidget(chart)

    def _watch_services(self) -> None:
        self._reloads = ReloadWhenShown(self, self.reload, 200)
        relay = _Relay(self)
        relay.changed.connect(lambda _change: self._reloads.changed())

        def listener(change: Change) -> None:
            with contextlib.suppress(RuntimeError):  # the widget has gone
                relay.changed.emit(change)

        unsubscribe = self._services.subscribe(listener)
        self.destroyed.connect(lambda *_: unsubscribe())

    # -- public -------------------------------------------------------------------------------
    def review(self) -> ChairReview | None:
        return self._review

    def set_board(self, board_id: int) -> None:
        self._board_id = board_id
        self.reload()

    def reload(self) -> None:
        """Read the review again, off the GUI thread; the page shows it when it comes."""
        self.meetings_label.setText("Reading the review…")
        self.refresh_button.setEnabled(False)
        self._read()

    def _open_on_kept_review(self) -> None:
        """Show at once the review read a moment ago (by the warm-up, or the page's last
        visit) if nothing has changed since; read afresh behind it all the same, since
        another process may have changed a shared database."""
        kept = self._services.action_register.kept_review(self._board_id, today=self._today)
        if kept is None:
            self.reload()
            return
        self._review = kept
        self._show(kept)
        self._afresh = AfterFirstPaint(self, self._read_afresh)

    def _read_afresh(self) -> None:
        if self._loads == 0:  # no read since the page opened (a change would have asked one)
            self._read()

    def _read(self) -> None:
        self._loads += 1
        ticket, board_id, today = self._loads, self._board_id, self._today
        run_task(
            lambda: self._services.action_register.review(board_id, today=today),
            on_done=lambda review: self._loaded(ticket, review),
            on_error=lambda exc: self._load_failed(ticket, exc),
        )

    def loading(self) -> bool:
        """Whether a review is being read (or, behind a kept one, is yet to be)."""
        waiting = self._afresh is not None and not self._afresh.done
        return waiting or self._loads != self._shown_load

    def _loaded(self, ticket: int, review: ChairReview) -> None:
        with contextlib.suppress(RuntimeError):  # the page has gone meanwhile
            if ticket != self._loads:
                return  # a newer reload is on its way
            self._shown_load = ticket
            self.refresh_button.setEnabled(True)
            with reporting_errors(self, "Chair's review"):
                if review != self._review:
                    self._review = review
                    self._show(review)
                else:  # the same review again: the page stays as it is, but for "Reading…"
                    self._show_meetings_line(review)
            self.shown.emit()

    def _load_failed(self, ticket: int, exc: BaseException) -> None:
        with contextlib.suppress(RuntimeError):
            if ticket != self._loads:
                return
            self._shown_load = ticket
            self.refresh_button.setEnabled(True)
            self.meetings_label.setText("The review could not be read.")
            show_error(self, exc, "Chair's review")

    # -- showing ------------------------------------------------------------------------------
    def _show(self, review: ChairReview) -> None:
        self.title_label.setText(f"Chair's review - {review.board_name}")
        self._show_meetings_line(review)
        self._set_tile("outstanding", review.outstanding_count, "outstanding")
        self._set_tile("overdue", review.overdue_count, "overdue", "#b3261e")
        self._set_tile("carried", review.carried_count, "carried across 3+ meetings", "#7a5a00")
        closed = review.closed_count
        self._set_tile("closed", closed, "closed since the last meeting", "#2e6b30")
        counts = {
            "owners": review.owner_count,
            "overdue": review.overdue_count,
            "closed": review.closed_count,
            "forward": len(review.forward_plan_due),
            "resolutions": len(review.last_resolutions),
        }
        for name, count in counts.items():
            self.boxes[name].setTitle(f"{self.box_titles[name]} ({box_count(name, count)})")
        # The review holds the top rows of each table and the counts of all.
        self.owners.set_items(review.by_owner, SUMMARY_LIMIT, review.owner_count)
        self.overdue.set_items(review.overdue, SUMMARY_LIMIT, review.overdue_count)
        self.closed.set_items(review.closed_since_last, SUMMARY_LIMIT, review.closed_count)
        self.forward.set_items(review.forward_plan_due)
        self.resolutions.set_items(review.last_resolutions)
        self.ages.set_items(review.by_age)
        self.trend.set_items(review.open_per_meeting)
        self.age_chart.set_bands(review.by_age)
        self.trend_chart.set_points(review.open_per_meeting)
        for name, view in self.views.items():
            self._fit_columns(view, self._stretched.get(name))

    @staticmethod
    def _fit_columns(view: QTreeView, stretched: int | None) -> None:
        """Size each column to a sample of its texts (not every row), and span the
        "and N more" row across the table."""
        model = view.model()
        assert isinstance(model, ReviewTableModel)
        metrics = view.fontMetrics()
        margin = COLUMN_PADDING
        for column in range(model.columnCount()):
            if column == stretched:
                continue
            widest = max(metrics.horizontalAdvance(t) for t in model.sample_texts(column))
            view.setColumnWidth(column, min(widest + margin, 420))
        more = model.more_row()
        if more is not None:
            view.setFirstColumnSpanned(more, QModelIndex(), True)

    def _show_meetings_line(self, review: ChairReview) -> None:
        last = review.last_meeting
        upcoming = review.next_meeting
        self.meetings_label.setText(
            " · ".join(
                [
                    f"Last meeting: {long_date(last.date)}" if last else "No meeting held yet",
                    f"Next meeting: {long_date(upcoming.date)}"
                    if upcoming
                    else "No next meeting set",
                    f"As at {long_date(review.today)}",
                ]
            )
            + "".join(f"\n{note}" for note in review.reminders)
        )

    def _set_tile(self, name: str, number: int, caption: str, colour: str = "#222") -> None:
        tile = self.tiles[name]
        tile.setText(tile_html(number, caption, colour))
        tile.setAccessibleDescription(f"{number:,} {caption}")

    def _show_figures(self, as_tables: bool) -> None:
        for stack in (self.age_stack, self.trend_stack):
            stack.setCurrentIndex(1 if as_tables else 0)

    def _open(self, kind: str, ident: int) -> None:
        self.openRequested.emit(kind, ident)

    def _activated(
        self, model: ReviewTableModel[Any], index: QModelIndex, opener: Callable[[Any], None]
    ) -> None:
        """A row opened: its record; the "and N more" row: the register that lists them all."""
        item = model.item(index.row())
        if item is not None:
            opener(item)
        elif index.row() == model.more_row():
            self.openRequested.emit("actions", self._board_id)

    def _open_owner(self, owner: OwnerSummary) -> None:
        kind, ident = owner.key
        if kind in ("person", "organisation"):
            self.openRequested.emit(kind, ident)


class _Relay(QObject):
    changed = Signal(object)


__all__ = ["ChairReviewWidget", "Column", "ReviewTableModel"]
