"""The actions register page: every action of a board in one table, filtered as you type.

The rows are read once (:meth:`ActionRegisterService.rows`; only the outstanding ones while
the register shows outstanding actions), off the GUI thread - the count line says "Reading…"
meanwhile, and a read overtaken by a newer one is dropped - and kept as plain data in
:class:`ActionsTableModel`, which sorts them in Python. Typing or changing a filter never
touches the database: :class:`~scbmeet.gui.actions.register_shown.ShownActionsModel` filters
the rows in hand, keeping the selection. The history pane is
:func:`~scbmeet.gui.actions.history.history_html`; recording progress, changing state and
chasing owners are the dialogs of :mod:`~scbmeet.gui.actions.action_dialogs`.

Plugging in: ``ActionsRegisterWidget(services, board_id)`` (``None`` for all boards); it
emits ``openRequested(kind, id)`` with kind ``"minute"`` or ``"meeting"``, and
``status_message`` saying what a change did; changing state and recording progress are
undoable commands (:mod:`~scbmeet.gui.actions.batch`) on its ``undo_stack``;
:meth:`~ActionsRegisterWidget.set_word_exporter` adds the Word action-log button;
:meth:`~ActionsRegisterWidget.set_owner_filter` shows one owner's actions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QWidget,
)

from scbmeet.domain.dto import Change
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.actions.action_dialogs import (
    pydate,
    qdate,
)
from scbmeet.gui.actions.action_models import ActionsTableModel, OwnerGroupsModel
from scbmeet.gui.actions.history import history_html
from scbmeet.gui.actions.register_commands import RegisterCommands
from scbmeet.gui.actions.register_reads import RegisterReads, Scope
from scbmeet.gui.actions.register_shown import ShownActionsModel
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.column_fit import ColumnFitter
from scbmeet.gui.widgets.errors import offer_damage_recovery, reporting_errors, show_error
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.gui.widgets.reload_when_shown import ReloadWhenShown
from scbmeet.services import Services
from scbmeet.services.action_filters import ActionFilter, group_by_owner, owner_choices
from scbmeet.services.action_rows import CARRIED_FLAG_AT, OUTSTANDING, ActionRow, OwnerKey
from scbmeet.services.gc_pause import collector_paused

STATE_CHOICES: list[tuple[str, frozenset[str]]] = [
    ("Outstanding", OUTSTANDING),
    ("Open", frozenset({"open"})),
    ("In progress", frozenset({"in_progress"})),
    ("Done", frozenset({"done"})),
    ("Dropped", frozenset({"dropped"})),
    ("Closed (done or dropped)", frozenset({"done", "dropped"})),
    ("All states", frozenset()),
]


NARROW = 1000  # pixels: narrower than this, the history pane goes under the table

# Usual and narrowest widths of the columns (pixels); the text columns take what is spare.
COLUMN_WIDTHS = {
    "board": 60,
    "minute": 60,
    "meeting": 90,
    "text": 230,
    "owners": 150,
    "due": 85,
    "state": 135,
    "age": 65,
    "carried": 60,
    "progress": 160,
}
COLUMN_MINIMUMS = {
    "board": 40,
    "minute": 40,
    "meeting": 60,
    "text": 110,
    "owners": 90,
    "due": 60,
    "state": 95,
    "age": 40,
    "carried": 40,
    "progress": 90,
}


class _ChangeRelay(QObject):
    """Carries service change notices to the GUI thread (they may come from a worker)."""

    changed = Signal(object)


class ActionsRegisterWidget(RegisterCommands, QWidget):
    """The actions register of one board (or of all boards)."""

    openRequested = Signal(str, int)
    status_message = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        services: Services,
        board_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._fixed_today = today
        self._board_id = board_id
        self._reads = RegisterReads(services, self)
        self._reads.arrived.connect(self._read)
        self._reads.failed.connect(self._read_failed)
        self._pending_action: int | None = None  # show_action() waiting for a read
        self._word_exporter: Callable[[list[int], ActionFilter], None] | None = None
        self._grouped = False
        self._pane_ids: list[int] | None = None  # the actions the history pane speaks of
        self.undo_stack = QUndoStack(self)
        self._typing = QTimer(self)  # words typed, filtered once the waiting keys are in
        self._typing.setSingleShot(True)
        self._typing.setInterval(0)
        self._typing.timeout.connect(self._apply_filter)
        self._build_form()
        self.table = ActionsTableModel(self, show_board=board_id is None)
        self.proxy = ShownActionsModel(self.table, self)  # what the view shows
        self.groups = OwnerGroupsModel(self.table.columns(), self)
        self.groups.sortRequested.connect(self._sort_grouped)
        self.view.setModel(self.proxy)
        self._fitter = ColumnFitter(
            self.view,
            [],
            COLUMN_WIDTHS,
            COLUMN_MINIMUMS,
            grow=("text", "progress"),
            to_contents=("board", "minute", "meeting", "due", "age", "carried"),
            bold=("due", "state"),  # overdue actions
        )
        self._connect_selection()
        self._fill_filter_choices()
        self._connect_filters()
        self._watch_services()
        self.reload()
        self.view.sortByColumn(self.table.column_of("minute"), Qt.SortOrder.AscendingOrder)

    @property
    def _today(self) -> date:
        """The day the register is as at: today, unless a day was given (tests, reports)."""
        return self._fixed_today or date.today()

    # -- building --------------------------------------------------------------------------------
    def _build_form(self) -> None:
        form = load_form("actions_register", self)
        self.search_edit = child(form, QLineEdit, "searchEdit")
        self.board_combo = child(form, QComboBox, "boardCombo")
        self.state_combo = child(form, QComboBox, "stateCombo")
        self.owner_combo = child(form, QComboBox, "ownerCombo")
        self.theme_combo = child(form, QComboBox, "themeCombo")
        self.overdue_check = child(form, QCheckBox, "overdueCheck")
        self.carried_check = child(form, QCheckBox, "carriedCheck")
        self.due_before_check = child(form, QCheckBox, "dueBeforeCheck")
        self.due_before_edit = child(form, QDateEdit, "dueBeforeEdit")
        self.group_check = child(form, QCheckBox, "groupCheck")
        self.view = child(form, QTreeView, "actionsView")
        self.view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)  # a read-only table
        font = QFont(self.view.font())  # no shaping where the script needs none: a quarter
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)  # less time painting
        self.view.setFont(font)
        self.history_browser = child(form, QTextBrowser, "historyBrowser")
        self.progress_button = child(form, QPushButton, "progressButton")
        self.state_button = child(form, QPushButton, "stateButton")
        self.count_label = child(form, QLabel, "countLabel")
        self.chase_button = child(form, QPushButton, "chaseButton")
        self.word_button = child(form, QPushButton, "wordButton")
        self.csv_button = child(form, QPushButton, "csvButton")
        self.carried_check.setText(f"Carried across {CARRIED_FLAG_AT}+ meetings")
        self.splitter = splitter = child(form, QSplitter, "splitter")
        splitter.setStretchFactor(0, 4)  # the table takes most of a wider window
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 230])
        self.due_before_edit.setDate(qdate(self._today))
        self.history_browser.setPlaceholderText("Select an action to see its history.")

    def _fill_filter_choices(self) -> None:
        self.board_combo.addItem("All boards", None)
        for board in self._services.register.boards():
            self.board_combo.addItem(f"{board.short_name} - {board.name}", board.id)
        self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(self._board_id)))
        for label, states in STATE_CHOICES:
            self.state_combo.addItem(label, states)
        self.theme_combo.addItem("Any priority theme", None)
        for theme in self._services.register.themes():
            self.theme_combo.addItem(theme.name, theme.id)
        self.owner_combo.addItem("Any owner", None)

    def _connect_filters(self) -> None:
        self.search_edit.textChanged.connect(self._search_changed)
        for combo in (self.state_combo, self.owner_combo, self.theme_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        for check in (self.overdue_check, self.carried_check, self.due_before_check):
            check.toggled.connect(self._apply_filter)
        self.due_before_check.toggled.connect(self.due_before_edit.setEnabled)
        self.due_before_edit.dateChanged.connect(self._apply_filter)
        self.board_combo.currentIndexChanged.connect(self._board_chosen)
        self.group_check.toggled.connect(self._set_grouped)
        self.csv_button.clicked.connect(self.export_csv)
        self.chase_button.clicked.connect(self.chase_owners)
        self.word_button.clicked.connect(self._export_word)
        self.progress_button.clicked.connect(self.record_progress)
        self.state_button.clicked.connect(self.change_state)
        self.history_browser.anchorClicked.connect(self._link_clicked)
        self.view.doubleClicked.connect(self._double_clicked)

    def _connect_selection(self) -> None:
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)

    def _search_changed(self) -> None:
        """Words typed filter once the keys already waiting are in (the line edit shows
        each at once): keys that come faster than the rows filter are never queued behind
        a filter each. Words set by the program filter at once."""
        if self.search_edit.isModified():
            self._typing.start()
        else:
            self._apply_filter()

    def _caught_up(self) -> None:
        """Apply words typed a moment ago, before the rows shown are read or relied on."""
        if self._typing.isActive():
            self._apply_filter()

    def _watch_services(self) -> None:
        self._relay = _ChangeRelay(self)
        self._reloads = ReloadWhenShown(self, self.reload, 150)
        self._relay.changed.connect(self._on_change)
        relay = self._relay

        def listener(change: Change) -> None:
            with contextlib.suppress(RuntimeError):  # the widget has gone: nothing to refresh
                relay.changed.emit(change)

        unsubscribe = self._services.subscribe(listener)
        self.destroyed.connect(lambda *_: unsubscribe())

    def _on_change(self, change: Change) -> None:
        if change.entity in ("action", "minute", "minutes", "meeting", "person", "organisation"):
            self._reloads.changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Below 1000 pixels wide (a 1024 screen) the history pane goes under the table,
        so that every column stays in sight; beside it when there is room."""
        super().resizeEvent(event)
        wanted = Qt.Orientation.Vertical if self.width() < NARROW else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self.splitter.setSizes([330, 300] if wanted == Qt.Orientation.Vertical else [800, 230])

    # -- public -------------------------------------------------------------------------------------
    def action_filter(self) -> ActionFilter:
        """The filter as set on screen (for the Word action log and other exports)."""
        self._caught_up()
        return self.proxy.action_filter()

    def visible_rows(self) -> list[ActionRow]:
        """The actions shown, in the order shown."""
        self._caught_up()
        return self.proxy.visible_rows()

    def visible_action_ids(self) -> list[int]:
        return [r.id for r in self.visible_rows()]

    def selected_rows(self) -> list[ActionRow]:
        self._caught_up()
        rows: dict[int, ActionRow] = {}
        for index in self.view.selectionModel().selectedRows():
            row = self._row_at(index)
            if row is not None:
                rows.setdefault(row.id, row)
        return list(rows.values())

    def set_word_exporter(self, export: Callable[[list[int], ActionFilter], None] | None) -> None:
        """Show the Word action-log button; it calls ``export(action ids shown, filter)``."""
        self._word_exporter = export
        self.word_button.setVisible(export is not None)

    def set_owner_filter(self, key: OwnerKey | None) -> None:
        """Show one owner's actions (a person, or an organisation with its people)."""
        index = self.owner_combo.findData(key)
        if index < 0 and key is not None:
            self.owner_combo.addItem(f"{key[0]} {key[1]}", key)
            index = self.owner_combo.count() - 1
        self.owner_combo.setCurrentIndex(max(0, index))

    def show_action(self, action_id: int) -> bool:
        """Select one action and show its history, widening the filter if it is hidden.

        For "open this action" from the chair's review or a search; False if there is no
        such action on the board(s) shown. An action not read yet (a closed one, or any
        while the register is still opening) is selected when its read comes in.
        """
        self._caught_up()
        if not self.loading() and self._shown(action_id):
            self._select_action(action_id)
            return True
        found = self._services.action_register.rows_by_id([action_id], today=self._today)
        if not found or self._board_id not in (None, found[0].board_id):
            return False
        self._pending_action = action_id
        self._show_pending()
        return True

    def _shown(self, action_id: int) -> bool:
        return any(r.id == action_id for r in self.proxy.rows_view())

    def _show_pending(self) -> None:
        """Select the action :meth:`show_action` was asked for, once its rows are in hand."""
        action_id = self._pending_action
        if action_id is None or self.loading():
            return
        if not self._shown(action_id):
            self._clear_filters()  # may start a read of the closed actions: back here after
            if self.loading():
                return
        self._pending_action = None
        if self._shown(action_id):
            self._select_action(action_id)

    def _select_action(self, action_id: int) -> None:
        if self._grouped:
            self.group_check.setChecked(False)
        self.view.selectionModel().clearSelection()
        self._select_ids([action_id])
        for index in self.view.selectionModel().selectedRows():
            self.view.scrollTo(index)

    def _clear_filters(self) -> None:
        """Every action of the board(s): no words, owner, theme, date or flag filters."""
        widgets = (self.search_edit, self.owner_combo, self.theme_combo, self.state_combo)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        self.owner_combo.setCurrentIndex(0)
        self.theme_combo.setCurrentIndex(0)
        self.state_combo.setCurrentIndex(self.state_combo.findText("All states"))
        for widget in widgets:
            widget.blockSignals(False)
        for check in (self.overdue_check, self.carried_check, self.due_before_check):
            check.setChecked(False)
        self._apply_filter()

    def set_board(self, board_id: int | None) -> None:
        self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(board_id)))

    def reload(self) -> None:
        """Read the rows again off the GUI thread (after changes, or to widen the scope),
        keeping the filter and the selection; ``loaded`` once they are shown."""
        self._reads.read(self._wanted_scope(self._filter_from_widgets()), self._today)
        self._update_count()

    def loading(self) -> bool:
        """Whether rows are being read (the count line says so)."""
        return self._reads.loading()

    def _read(self, scope: Scope, rows: list[ActionRow]) -> None:
        selected = [r.id for r in self.selected_rows()]
        # Sorting and filtering thousands of rows makes as many small objects, none in a
        # cycle: unpaused, Python's collector would walk the whole program several times.
        with reporting_errors(self, "Actions register"), collector_paused():
            self.table.set_show_board(scope[0] is None)
            self.table.set_rows(rows)
            self._refresh_owner_choices(rows)
            self._apply_filter()
            self._select_ids(selected)
            self._resize_columns()
            self._pane_follows()
        self._show_pending()
        self.loaded.emit()

    def _read_failed(self, exc: BaseException) -> None:
        self._pending_action = None
        self._update_count()
        show_error(self, exc, "Actions register")

    # -- filtering --------------------------------------------------------------------------------
    def _wanted_scope(self, action_filter: ActionFilter) -> Scope:
        """What to read: only outstanding rows while only those can be shown."""
        if action_filter.states and action_filter.states <= OUTSTANDING:
            return (self._board_id, OUTSTANDING)
        return (self._board_id, None)

    def _filter_from_widgets(self) -> ActionFilter:
        states = self.state_combo.currentData()
        return ActionFilter(
            states=states if states is not None else OUTSTANDING,
            owner=self.owner_combo.currentData(),
            overdue_only=self.overdue_check.isChecked(),
            carried_only=self.carried_check.isChecked(),
            due_before=pydate(self.due_before_edit.date())
            if self.due_before_check.isChecked()
            else None,
            theme_id=self.theme_combo.currentData(),
            text=self.search_edit.text(),
        )

    def _apply_filter(self) -> None:
        self._typing.stop()  # the words typed are taken now
        action_filter = self._filter_from_widgets()
        if not self._reads.in_hand_or_coming(self._wanted_scope(action_filter)):
            self.reload()  # widen once (e.g. to closed actions); typing never reads again
        # Meanwhile (and always, once read) the rows in hand are filtered at once.
        self.proxy.set_filter(action_filter)
        if self._grouped:
            self._regroup()
        self._update_count()
        self._pane_follows()

    def _board_chosen(self) -> None:
        self._board_id = self.board_combo.currentData()
        self.reload()

    def _refresh_owner_choices(self, rows: Sequence[ActionRow]) -> None:
        current = self.owner_combo.currentData()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem("Any owner", None)
        choices = owner_choices(rows)
        people = [c for c in choices if c.is_person]
        for choice in people:
            self.owner_combo.addItem(choice.label, choice.key)
        if people and len(people) < len(choices):
            self.owner_combo.insertSeparator(self.owner_combo.count())
        for choice in choices[len(people) :]:
            self.owner_combo.addItem(f"{choice.label} (and its people)", choice.key)
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(current)))
        self.owner_combo.blockSignals(False)

    def _update_count(self) -> None:
        shown = self.proxy.rows_view()
        # Only outstanding actions are overdue or carried: count among those (a few of a
        # long history's closed ones).
        outstanding = [r for r in shown if r.state in OUTSTANDING]
        self.chase_button.setEnabled(bool(outstanding))
        self.csv_button.setEnabled(bool(shown))
        loaded = self._reads.loaded_scope
        if loaded is None:
            self.count_label.setText("Reading the actions…")
            return
        total = self.table.rowCount()
        overdue = sum(r.overdue_days > 0 for r in outstanding)
        carried = sum(r.carried >= CARRIED_FLAG_AT for r in outstanding)
        scope = "outstanding actions" if loaded[1] else "actions"
        parts = [f"Showing {len(shown):,} of {total:,} {scope}"]
        if overdue:
            parts.append(f"{overdue:,} overdue")
        if carried:
            parts.append(f"{carried:,} carried across {CARRIED_FLAG_AT}+ meetings")
        if self._reads.loading():
            parts.append(
                "reading the closed actions too…" if self._reads.widening() else "reading…"
            )
        self.count_label.setText(" · ".join(parts))

    # -- grouping --------------------------------------------------------------------------------
    def _set_grouped(self, grouped: bool) -> None:
        self._grouped = grouped
        if grouped:
            self._regroup()
            self.view.setModel(self.groups)
            self.view.setRootIsDecorated(True)
            self.view.expandAll()
        else:
            self.view.setModel(self.proxy)
            self.view.setRootIsDecorated(False)
        self._connect_selection()
        self._resize_columns()
        self._selection_changed()

    def _regroup(self) -> None:
        self.groups.set_groups(group_by_owner(self.visible_rows()), self.table.columns())
        if self._grouped:
            for row in range(self.groups.rowCount()):
                self.view.setFirstColumnSpanned(row, QModelIndex(), True)
            self.view.expandAll()

    def _sort_grouped(self, column: int, order: Qt.SortOrder) -> None:
        self.table.sort(column, order)
        self._regroup()

    # -- selection and history -------------------------------------------------------------------
    def _row_at(self, index: QModelIndex) -> ActionRow | None:
        if not index.isValid():
            return None
        if self._grouped:
            return self.groups.row_for(index)
        return self.proxy.row_at(index.row())

    def _pane_follows(self) -> None:
        """After the rows change (a reload, a filter), speak of the actions still selected."""
        if self._pane_ids is not None and self._pane_ids != [r.id for r in self.selected_rows()]:
            self._selection_changed()

    def _selection_changed(self, *_args: Any) -> None:
        rows = self.selected_rows()
        self._pane_ids = [r.id for r in rows]
        self.state_button.setEnabled(bool(rows))
        self.progress_button.setEnabled(len(rows) == 1)
        if len(rows) == 1:
            self._show_history(rows[0].id)
        elif rows:
            self.history_browser.setHtml(
                f"<p>{len(rows)} actions selected. <b>Change state…</b> changes them all at once.</p>"
            )
        else:
            self.history_browser.clear()

    def _show_history(self, action_id: int) -> None:
        try:
            history = self._services.action_register.history(action_id, today=self._today)
        except ScbmeetError as exc:
            self.history_browser.setPlainText(str(exc))
            offer_damage_recovery(self, exc)
            return
        self.history_browser.setHtml(history_html(history))

    def _select_ids(self, ids: Sequence[int]) -> None:
        if not ids or self._grouped:
            return
        wanted = set(ids)
        selection = self.view.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for n, row in enumerate(self.proxy.rows_view()):
            if row.id in wanted:
                selection.select(self.proxy.index(n, 0), flags)

    def _resize_columns(self) -> None:
        """Every column in sight at 1280 wide: narrowed, text columns first, rather than
        scrolled off to the right (:mod:`~scbmeet.gui.widgets.column_fit`)."""
        keys = [key for key, _header in self.table.columns()]
        extra = self.view.indentation() + 16 if self._grouped else 0
        self._fitter.set_keys(keys, extra)

    def _link_clicked(self, url: QUrl) -> None:
        kind, _, ident = url.path().partition("/")
        if url.scheme() != "scbmeet" or not ident.isdigit():
            return
        if kind == "audit":
            self.show_audit(int(ident))
        else:
            self.openRequested.emit(kind, int(ident))

    def show_audit(self, action_id: int) -> None:
        """The audit trail of one action: its state changes, later edits, its deletion."""
        from scbmeet.gui.safety.audit import action_audit_dialog

        with reporting_errors(self, "Audit trail"):
            dialogs.run_dialog(action_audit_dialog(self, self._services, action_id))

    def _double_clicked(self, index: QModelIndex) -> None:
        row = self._row_at(index)
        if row is not None and row.minute_item_id is not None:
            self.openRequested.emit("minute", row.minute_item_id)


__all__ = ["ActionsRegisterWidget"]
