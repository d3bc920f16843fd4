"""The agenda builder: a meeting's items in order, built by buttons, keys and drag and drop.

Every change goes through an undoable command (:mod:`scbmeet.gui.agenda.commands`), so
Edit ▸ Undo takes back adding, deleting, moving and editing items. Keys on the agenda:
Ctrl+Up/Down move an item, Ctrl+Right makes it a sub-item of the item above, Ctrl+Left a
main item again, Insert adds, Shift+Insert adds a sub-item, Enter edits, Delete deletes.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QWidget,
)

from scbmeet.domain.dto import AgendaItemInfo, Change
from scbmeet.domain.enums import ItemKind, MeetingState
from scbmeet.domain.errors import NotFoundError
from scbmeet.gui.agenda.commands import (
    AddItemCommand,
    AgendaContext,
    DeleteItemCommand,
    EditItemCommand,
    ItemValues,
    MoveItemCommand,
    Place,
    place_of,
)
from scbmeet.gui.agenda.dialogs import AgendaItemDialog, PaperDialog
from scbmeet.gui.agenda.drop_indicator import show_drops_clearly
from scbmeet.gui.agenda.model import (
    PAPERS,
    TITLE,
    AgendaModel,
    is_missing,
)
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.changes import concerns, hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.column_fit import ColumnFitter
from scbmeet.gui.widgets.forms import child, load_form, wire_buttons
from scbmeet.services import Services

CTRL = Qt.KeyboardModifier.ControlModifier


class RoomyRows(QStyledItemDelegate):
    """Rows a little taller than their text: easier to read and to aim at when dragging."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


class AgendaBuilder(QWidget):
    """Build one meeting's agenda."""

    status_message = Signal(str)  # why something asked for was not done

    def __init__(
        self,
        services: Services,
        meeting_id: int,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting_id = meeting_id
        self.undo_stack = undo_stack or QUndoStack(self)
        self.form = load_form("agenda_builder", self)
        self.view = child(self.form, QTreeView, "agendaView")
        self.missing_label = child(self.form, QLabel, "missingLabel")
        self.model = AgendaModel(self)
        self.view.setModel(self.model)
        self.ctx = AgendaContext(
            services,
            meeting_id,
            self.undo_stack,
            report=lambda exc: dialogs.report(self, exc),
            select=self._want_selected,
        )
        self._selected_id: int | None = None
        self._setup_view()
        self._setup_buttons()
        # Queued: the move (and the reload it causes) happens after the drop has finished.
        self.model.move_requested.connect(self.move_to, Qt.ConnectionType.QueuedConnection)
        hub_for(services).changed.connect(self._on_change)
        self.reload()
        tops = self.model.top_items()
        if tops:
            self.select(tops[0].id)

    # -- setup -------------------------------------------------------------------------------
    def _setup_view(self) -> None:
        view = self.view
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDropIndicatorShown(True)
        show_drops_clearly(view)
        view.setIndentation(18)
        view.setItemDelegate(RoomyRows(view))
        view.installEventFilter(self)
        view.doubleClicked.connect(self._double_clicked)
        header = view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        # Every column in sight from 1024 wide: the title and notes give way first (elided,
        # whole in their tooltips).
        self._fitter = ColumnFitter(
            view,
            ["number", "title", "presenters", "papers", "session", "themes", "notes"],
            preferred={
                "number": 84,
                "title": 330,
                "presenters": 175,
                "papers": 115,
                "session": 62,
                "themes": 140,
                "notes": 160,
            },
            minimum={
                "number": 60,
                "title": 170,
                "presenters": 110,
                "papers": 95,
                "session": 58,
                "themes": 80,
                "notes": 90,
            },
            grow=("title", "notes"),
        )
        self._fitter.fit()

    def _setup_buttons(self) -> None:
        wire_buttons(
            self.form,
            [
                ("addButton", "add", self.add_item),
                ("addSubButton", "add-sub", self.add_sub_item),
                ("editButton", "edit", self.edit_selected),
                ("deleteButton", "delete", self.delete_selected),
                ("upButton", "up", lambda: self.move_selected(-1)),
                ("downButton", "down", lambda: self.move_selected(1)),
                ("indentButton", "indent", self.indent_selected),
                ("outdentButton", "outdent", self.outdent_selected),
                ("paperButton", "paper", self.add_paper),
            ],
        )
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self._selected_id if self._selected_id is not None else self.selected_id()
        meeting = self.services.meetings.meeting(self.meeting_id)
        agenda = self.services.agenda.agenda(self.meeting_id)
        outstanding = len(self.services.actions.outstanding(as_of_meeting_id=self.meeting_id))
        self.model.editable = meeting.state != MeetingState.MINUTES_APPROVED
        self.model.set_agenda(
            agenda,
            theme_names={t.id: t.name for t in self.services.register.themes()},
            outstanding_actions=outstanding,
            today=today(),
        )
        self.view.expandAll()
        self._show_missing(agenda)
        self._selected_id = None
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def _on_change(self, change: Change) -> None:
        if concerns(change, ("agenda",), self.meeting_id) or concerns(
            change, ("meeting", "theme", "person", "action"), None
        ):
            try:
                self.reload()
            except NotFoundError:
                return  # the meeting was deleted; the main window closes its page

    def _show_missing(self, agenda: list[AgendaItemInfo]) -> None:
        missing = [(item, p) for item in agenda for p in item.papers if is_missing(p)]
        if not missing:
            self.missing_label.setText("All papers are in.")
            self.missing_label.setStyleSheet("color: #2e7d32;")
            return
        parts = []
        for item, paper in missing:
            who = f" from {paper.author_name}" if paper.author_name else ""
            when = (
                "to follow"
                if paper.state == "to_follow"
                else f"due {paper.due_date.day} {paper.due_date:%b}"
                if paper.due_date
                else "expected"
            )
            parts.append(f"item {item.number or '–'}: “{paper.title}”{who} ({when})")
        self.missing_label.setText(
            f"Still missing {len(missing)} paper{'s' if len(missing) > 1 else ''}: "
            + "; ".join(parts)
        )
        self.missing_label.setStyleSheet("color: #b3261e;")

    # -- selection -------------------------------------------------------------------------------
    def selected_item(self) -> AgendaItemInfo | None:
        return self.model.item_at(self.view.currentIndex())

    def selected_id(self) -> int | None:
        item = self.selected_item()
        return item.id if item else None

    def select(self, item_id: int) -> None:
        index = self.model.index_of(item_id)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)

    def _want_selected(self, item_id: int) -> None:
        """Select ``item_id`` once the agenda has reloaded (commands call this)."""
        self._selected_id = item_id
        if self.model.item(item_id) is not None:
            self.select(item_id)

    def _update_buttons(self) -> None:
        item = self.selected_item()
        editable = self.model.editable
        has = item is not None and editable
        for name, enabled in (
            ("addButton", editable),
            ("addSubButton", has and item is not None and item.parent_id is None),
            ("editButton", item is not None and editable),
            ("deleteButton", has),
            ("upButton", has),
            ("downButton", has),
            ("indentButton", has and item is not None and item.parent_id is None),
            ("outdentButton", has and item is not None and item.parent_id is not None),
            ("paperButton", has),
        ):
            child(self.form, QToolButton, name).setEnabled(bool(enabled))

    # -- keys ------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self.handle_key(event.key(), event.modifiers()):
                return True
        return super().eventFilter(watched, event)

    def handle_key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        """Act on a key pressed in the agenda; True if it was one of the builder's keys."""
        ctrl = bool(modifiers & CTRL)
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        actions = {
            (Qt.Key.Key_Up, True, False): lambda: self.move_selected(-1),
            (Qt.Key.Key_Down, True, False): lambda: self.move_selected(1),
            (Qt.Key.Key_Right, True, False): self.indent_selected,
            (Qt.Key.Key_Left, True, False): self.outdent_selected,
            (Qt.Key.Key_Delete, False, False): self.delete_selected,
            (Qt.Key.Key_Insert, False, False): self.add_item,
            (Qt.Key.Key_Insert, False, True): self.add_sub_item,
            (Qt.Key.Key_Return, False, False): self.edit_selected,
            (Qt.Key.Key_Enter, False, False): self.edit_selected,
        }
        action = actions.get((Qt.Key(key), ctrl, shift))
        if action is None:
            return False
        action()
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        item = self.model.item_at(index)
        if item is None:
            return
        if index.column() == PAPERS and item.papers:
            self.edit_paper(item.papers[0].id)
        else:
            self.edit_selected()

    # -- commands ---------------------------------------------------------------------------------
    def _run(
        self, command: AddItemCommand | DeleteItemCommand | MoveItemCommand | EditItemCommand
    ) -> bool:
        try:
            self.ctx.execute(command)
        except Exception as exc:
            dialogs.report(self, exc)
            return False
        return True

    def add_item(self) -> None:
        """Add a main item after the selected one (or before AOB if nothing is selected).

        After a closed-session item the new item starts out closed too.
        """
        if not self.model.editable:
            return
        selected = self.selected_item()
        before = None
        session = "open"
        if selected is not None:
            top = selected if selected.parent_id is None else self.model.item(selected.parent_id)
            before = self._next_sibling(top) if top else None
            session = top.session if top else "open"
        self._open_new_item_dialog(parent_id=None, before_id=before, session=session)

    def add_sub_item(self) -> None:
        selected = self.selected_item()
        if selected is None or not self.model.editable:
            return
        parent = selected if selected.parent_id is None else self.model.item(selected.parent_id)
        if parent is not None:
            self._open_new_item_dialog(parent_id=parent.id, before_id=None)

    def _next_sibling(self, item: AgendaItemInfo) -> int | None:
        tops = [t for t in self.model.top_items() if t.session == item.session]
        position = [t.id for t in tops].index(item.id)
        return tops[position + 1].id if position + 1 < len(tops) else None

    def _open_new_item_dialog(
        self, *, parent_id: int | None, before_id: int | None, session: str = "open"
    ) -> None:
        ids = self.ctx.ids

        def save(values: ItemValues) -> None:
            command = AddItemCommand(
                self.ctx,
                values,
                parent_id=ids.original(parent_id) if parent_id else None,
                before_id=ids.original(before_id) if before_id else None,
            )
            self.ctx.execute(command)

        board_id = self.services.meetings.meeting(self.meeting_id).board_id
        dialog = AgendaItemDialog(
            self.services,
            sub_item=parent_id is not None,
            session=session,
            on_save=save,
            requests=self.services.forward_plan.entries(board_id, include_done=False),
            meeting_id=self.meeting_id,
            parent=self,
        )
        dialogs.run_dialog(dialog)

    def edit_selected(self) -> None:
        item = self.selected_item()
        if item is None or not self.model.editable:
            return

        def save(values: ItemValues) -> None:
            if values != ItemValues.of(item):
                self.ctx.execute(EditItemCommand(self.ctx, item, values))

        dialogs.run_dialog(AgendaItemDialog(self.services, item=item, on_save=save, parent=self))

    def delete_selected(self) -> None:
        item = self.selected_item()
        if item is None or not self.model.editable:
            return
        self._run(DeleteItemCommand(self.ctx, item))

    def move_selected(self, step: int) -> None:
        """Move the selected item one place up (``-1``) or down (``+1``) among its siblings."""
        item = self.selected_item()
        if item is None or not self.model.editable:
            return
        source = place_of(self.model.items(), item.id)
        target = Place(source.parent_id, source.index + step, source.session)
        siblings = self._sibling_count(item)
        if not 0 <= target.index < siblings:
            return
        self._run(MoveItemCommand(self.ctx, item, source, target))

    def _sibling_count(self, item: AgendaItemInfo) -> int:
        if item.parent_id is None:
            return sum(1 for t in self.model.top_items() if t.session == item.session)
        return len(self.model.children_of(item.parent_id))

    def indent_selected(self) -> None:
        """Make the selected main item the last sub-item of the main item above it."""
        item = self.selected_item()
        if item is None or item.parent_id is not None or self.model.children_of(item.id):
            return
        tops = [t for t in self.model.top_items() if t.session == item.session]
        position = [t.id for t in tops].index(item.id)
        if position == 0:
            return
        new_parent = tops[position - 1]
        if not item.kind == new_parent.kind == ItemKind.ORDINARY.value:
            self.status_message.emit(
                f"“{item.title}” stays a main item: only ordinary items can be sub-items "
                "of one another."
            )
            return
        source = place_of(self.model.items(), item.id)
        target = Place(new_parent.id, len(self.model.children_of(new_parent.id)), item.session)
        self._run(MoveItemCommand(self.ctx, item, source, target))

    def outdent_selected(self) -> None:
        """Make the selected sub-item a main item, just after its item."""
        item = self.selected_item()
        if item is None or item.parent_id is None:
            return
        parent = self.model.item(item.parent_id)
        assert parent is not None
        source = place_of(self.model.items(), item.id)
        parent_place = place_of(self.model.items(), parent.id)
        target = Place(None, parent_place.index + 1, parent.session)
        self._run(MoveItemCommand(self.ctx, item, source, target))

    def move_to(self, item_id: int, parent_id: int | None, index: int) -> None:
        """A drop: move ``item_id`` to ``index`` under ``parent_id`` (None: main items)."""
        item = self.model.item(item_id)
        if item is None:
            return
        source = place_of(self.model.items(), item_id)
        session = self.model.item(parent_id).session if parent_id else item.session  # type: ignore[union-attr]
        target = Place(parent_id, index, session)
        if (source.parent_id, source.index) == (target.parent_id, target.index):
            return
        self._run(MoveItemCommand(self.ctx, item, source, target))

    # -- papers ------------------------------------------------------------------------------------
    def add_paper(self) -> None:
        item = self.selected_item()
        if item is not None:
            dialogs.run_dialog(
                PaperDialog(
                    self.services, self.meeting_id, item_id=item.id, ctx=self.ctx, parent=self
                )
            )

    def edit_paper(self, paper_id: int) -> None:
        paper = self.services.agenda.paper(paper_id)
        dialogs.run_dialog(
            PaperDialog(self.services, self.meeting_id, paper=paper, ctx=self.ctx, parent=self)
        )
