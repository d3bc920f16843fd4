"""Minutes mode: taking the minutes of one meeting live, from the keyboard, without losing a word.

The agenda runs down the left; the right shows the item being taken - its minute's title
and narrative, and its resolutions, actions and update requests as rows of their own -
or the attendance list. Typing is saved through the services within a second of the last
keystroke (and on focus change, item change and close) by :class:`TextKeeper`; every step
is an undoable command on one :class:`QUndoStack`. If the database goes away, a red
banner says so at once, the text stays on screen and goes to a recovery file, which the
next start offers back. If the database file is found damaged, the banner offers its newest
good backup (:meth:`MinutesWindow.offer_backup`): minutes mode hands everything it holds
to recovery files and reopens on the same meeting over the restored file.

Open it with ``MinutesWindow(services, meeting_id, parent)`` and ``show()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QWidget,
)

from scbmeet.domain import dto
from scbmeet.domain.enums import ItemKind
from scbmeet.domain.errors import DamageFoundInUseError, DatabaseError, NotFoundError, ScbmeetError
from scbmeet.gui.minutes.arising import ArisingPane
from scbmeet.gui.minutes.attendance import AttendancePane
from scbmeet.gui.minutes.autosave import SaveProblem, TextKeeper, check_database
from scbmeet.gui.minutes.commands import (
    ActionDraft,
    AddAction,
    AddItem,
    AddResolution,
    AskForUpdate,
    ConfirmMinutes,
    DeleteAction,
    DeleteResolution,
    EditAction,
    EditResolution,
    EditText,
    IdMap,
    MoveMinute,
    ServiceCommand,
    SetItemStatus,
    TakeItem,
    WithdrawUpdate,
    confirmation_text,
    draft_of,
)
from scbmeet.gui.minutes.dialogs import ActionDialog, TextDialog, UpdateDialog, open_dialog
from scbmeet.gui.minutes.help import ShortcutOverlay
from scbmeet.gui.minutes.models import KEY_ROLE, AgendaModel, RecordsModel
from scbmeet.gui.minutes.rows import (
    ATTENDANCE,
    AgendaRow,
    RowKey,
    build_rows,
    record_rows,
    row_index,
)
from scbmeet.gui.safety import in_use
from scbmeet.gui.widgets.errors import error_text
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.services import Services
from scbmeet.settings import AUTOSAVE_MS, Settings
from scbmeet.storage.recovery import Recovery, RecoveryStore
from scbmeet.text.shorthand import (
    ActionShorthand,
    DuePick,
    ResolutionShorthand,
    Shorthand,
    ShorthandError,
    UpdateShorthand,
    due_fields,
    parse_line,
    resolve_owner_names,
)

log = logging.getLogger(__name__)

MAX_AUTOSAVE_MS = 950  # every keystroke must reach the database within a second
MIN_AUTOSAVE_MS = 100
BANNER_STYLE = (
    "#bannerFrame { background: #b00020; border-radius: 4px; }"
    " #bannerFrame QLabel { color: white; font-weight: bold; }"
)
NOTICE_STYLE = (
    "#noticeFrame { background: #fff4ce; border: 1px solid #d9b100; border-radius: 4px; }"
)
RECOVERED_MARK = "----- recovered text typed {when} -----"
NOTICE_MS = 15000


def autosave_delay(settings: Settings | None = None) -> int:
    """The quiet time before saving, from the settings, kept under one second."""
    value = (settings or Settings.default()).get(AUTOSAVE_MS)
    return max(MIN_AUTOSAVE_MS, min(int(value), MAX_AUTOSAVE_MS))


class MinutesWindow(QMainWindow):
    """Taking the minutes of one meeting."""

    # Change notices can come from any thread (background tasks); a signal brings them here.
    data_changed = Signal(object)

    def __init__(
        self,
        services: Services,
        meeting_id: int,
        parent: QWidget | None = None,
        *,
        recovery_store: RecoveryStore | None = None,
        autosave_ms: int | None = None,
        offer_recoveries: bool = True,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ids = IdMap()
        self.meeting = services.meetings.meeting(meeting_id)
        self.previous_meeting = services.meetings.previous(meeting_id)
        self.next_meeting = services.meetings.next_meeting(self.meeting.board_id, self.meeting.date)
        self.undo_stack = QUndoStack(self)
        self.store = recovery_store or RecoveryStore()
        self.keeper = TextKeeper(
            self, self.meeting, self.store, autosave_ms or autosave_delay(), self
        )
        self.keeper.burst_ended = self._seal_typing
        self._rows: list[AgendaRow] = []
        self._agenda: list[dto.AgendaItemInfo] = []
        self._requests: list[dto.ForwardPlanInfo] = []
        self._current: RowKey | None = None
        self._taking: RowKey | None = None
        self._shown = {"title": "", "narrative": ""}
        self._applying = False
        self._open_edit: EditText | None = None
        self._minute_later: set[RowKey] = set()
        self._selecting = False  # the window itself is moving the agenda's selection
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(50)
        self._refresh_timer.timeout.connect(self.refresh)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self.damage: DamageFoundInUseError | None = None  # the database file is damaged
        self.setWindowTitle(f"Minutes — {self.meeting.label}")
        self._build()
        self.refresh()
        self.go_to(ATTENDANCE)
        self.data_changed.connect(lambda _change: self._refresh_timer.start())
        self._listening = Listening(services.subscribe(self.data_changed.emit))
        self.destroyed.connect(self._listening.stop)
        in_use.watch_minutes_for_damage(self, reopen=open_minutes_window)
        if offer_recoveries:
            QTimer.singleShot(0, self.offer_recoveries)

    # ============================================================================ building
    def _build(self) -> None:
        host = QWidget(self)
        self.form = load_form("minutes_window", host)
        self.setCentralWidget(host)
        f = self.form
        self.banner = child(f, QFrame, "bannerFrame")
        self.banner_label = child(f, QLabel, "bannerLabel")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        child(f, QPushButton, "bannerRetryButton").clicked.connect(self.save_now)
        self.restore_button = child(f, QPushButton, "bannerRestoreButton")
        self.restore_button.clicked.connect(self.offer_backup)
        self.restore_button.hide()
        self.notice_frame = child(f, QFrame, "noticeFrame")
        self.notice_label = child(f, QLabel, "noticeLabel")
        self.notice_frame.setStyleSheet(NOTICE_STYLE)
        self.notice_frame.hide()
        self._notice_timer.timeout.connect(self.notice_frame.hide)
        child(f, QPushButton, "noticeDismissButton").clicked.connect(self.notice_frame.hide)
        self.pages = child(f, QStackedWidget, "pages")
        self.minute_page = child(f, QWidget, "minutePage")
        self.attendance_page = child(f, QWidget, "attendancePage")
        self._build_agenda()
        self._build_minute_page()
        self.attendance = AttendancePane(self, f)
        self.arising = ArisingPane(self, f)
        self._build_actions()
        self.overlay = ShortcutOverlay(host, self.all_actions())
        self.save_status = QLabel()
        self.statusBar().addPermanentWidget(self.save_status)
        self.keeper.saved.connect(self._on_saved)
        self.keeper.failed.connect(self._on_save_failed)
        self.keeper.conflicted.connect(self._on_conflict)
        # An explicit minimum keeps the layout from re-imposing one whenever a banner
        # appears (which some window systems cannot even be told about).
        self.setMinimumSize(900, 600)
        self.resize(1280, 800)
        child(f, QSplitter, "splitter").setSizes([380, 900])
        self._style_headings()
        if self.meeting.minutes_approved:
            self._make_read_only()

    def _style_headings(self) -> None:
        meeting_label = child(self.form, QLabel, "meetingLabel")
        title = f" — {self.meeting.title}" if self.meeting.title else ""
        meeting_label.setText(
            f"<b>{self.meeting.board_name}</b><br>{dto.long_date(self.meeting.date)}{title}"
        )
        self.heading = child(self.form, QLabel, "itemHeading")
        self.details = child(self.form, QLabel, "itemDetails")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        child(self.form, QLabel, "attendanceHeading").setStyleSheet(
            "font-size: 15pt; font-weight: bold;"
        )

    def _build_agenda(self) -> None:
        self.agenda_view = child(self.form, QTreeView, "agendaView")
        self.agenda_model = AgendaModel(self)
        self.agenda_view.setModel(self.agenda_model)
        header = self.agenda_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.agenda_view.selectionModel().currentRowChanged.connect(self._on_row_chosen)
        self.agenda_view.installEventFilter(self)

    def _build_minute_page(self) -> None:
        f = self.form
        self.title_edit = child(f, QLineEdit, "titleEdit")
        self.title_edit.textEdited.connect(lambda text: self._typed("title", text))
        self.title_edit.editingFinished.connect(self.save_now)
        self.title_edit.installEventFilter(self)
        self.narrative = child(f, QPlainTextEdit, "narrativeEdit")
        self.narrative.setUndoRedoEnabled(False)  # the window's undo stack covers typing
        self.narrative.textChanged.connect(
            lambda: self._typed("narrative", self.narrative.toPlainText())
        )
        self.narrative.installEventFilter(self)
        self.records_view = child(f, QTreeView, "recordsView")
        self.records_model = RecordsModel(self)
        self.records_view.setModel(self.records_model)
        header = self.records_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.records_view.installEventFilter(self)
        self.records_view.doubleClicked.connect(lambda _index: self.edit_record())
        self.confirm_frame = child(f, QFrame, "confirmFrame")
        self.confirm_label = child(f, QLabel, "confirmLabel")
        self.confirm_button = child(f, QPushButton, "confirmButton")
        self.confirm_button.clicked.connect(self.confirm_previous_minutes)
        child(f, QPushButton, "resolutionButton").clicked.connect(self.add_resolution)
        child(f, QPushButton, "actionButton").clicked.connect(self.add_action)
        child(f, QPushButton, "updateButton").clicked.connect(self.ask_for_update)
        self.defer_button = child(f, QPushButton, "deferButton")
        self.defer_button.clicked.connect(self.toggle_deferred)
        self.minute_splitter = child(f, QSplitter, "minuteSplitter")
        self.minute_splitter.setSizes([0, 420, 200])

    def _action(
        self, menu_name: str, text: str, keys: list[QKeySequence | str], slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._menus[menu_name].addAction(action)
        self._actions.append(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self._menus = {name: bar.addMenu(name) for name in ("&Minutes", "&Edit", "&Go", "&Help")}
        self._actions: list[QAction] = []
        a = self._action
        a("&Minutes", "Add a &resolution…", ["Ctrl+R"], self.add_resolution)
        a("&Minutes", "Add an &action…", ["Ctrl+Shift+A"], self.add_action)
        a("&Minutes", "Ask for an &update in N months…", ["Ctrl+U"], self.ask_for_update)
        a(
            "&Minutes",
            "&Defer the item (again: take it after all)",
            ["Ctrl+D"],
            self.toggle_deferred,
        )
        a("&Minutes", "&New item raised in the room (AOB)…", ["Ctrl+N"], self.new_item)
        a(
            "&Minutes",
            "&Confirm the last meeting's minutes as a correct record",
            ["Ctrl+Shift+C"],
            self.confirm_previous_minutes,
        )
        a(
            "&Minutes",
            "Move the minute &earlier (renumbers)",
            ["Ctrl+Shift+Up"],
            lambda: self.move_minute(-1),
        )
        a(
            "&Minutes",
            "Move the minute &later (renumbers)",
            ["Ctrl+Shift+Down"],
            lambda: self.move_minute(1),
        )
        a(
            "&Minutes",
            "&Save now (saving is automatic)",
            [QKeySequence.StandardKey.Save],
            self.save_now,
        )
        a("&Minutes", "C&lose minutes mode", ["Ctrl+W"], self.close)
        self.undo_action = a("&Edit", "&Undo", [QKeySequence.StandardKey.Undo], self.undo)
        self.redo_action = a("&Edit", "&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        a("&Go", "&Attendance and apologies", ["F2"], lambda: self.go_to(ATTENDANCE))
        a("&Go", "&Previous item", ["Alt+Up"], lambda: self.step(-1))
        a("&Go", "&Next item", ["Alt+Down"], lambda: self.step(1))
        a("&Go", "The a&genda list", ["Ctrl+1"], self.agenda_view.setFocus)
        a("&Go", "The &minute's text", ["Ctrl+2"], self.focus_narrative)
        a("&Go", "The &resolutions and actions", ["Ctrl+3"], self.records_view.setFocus)
        a("&Help", "&Keyboard shortcuts", ["F1"], lambda: self.overlay.toggle())

    def all_actions(self) -> list[QAction]:
        return list(self._actions)

    def _make_read_only(self) -> None:
        self.title_edit.setReadOnly(True)
        self.narrative.setReadOnly(True)
        self.notice(
            f"The minutes of {dto.long_date(self.meeting.date)} are approved and read-only; "
            "reopen them from the meeting, giving a reason, to change them."
        )

    # ============================================================================ data
    def refresh(self) -> None:
        """Reload the agenda, minutes and records from the services; the text being typed is left alone."""
        self._refresh_timer.stop()
        services, meeting_id = self.services, self.meeting.id
        try:
            self._agenda = services.agenda.agenda(meeting_id)
            minutes = services.minutes.minutes(meeting_id)
            minute_ids = {m.id for m in minutes}
            self._requests = [
                e
                for e in services.forward_plan.entries(self.meeting.board_id)
                if e.source_minute_item_id in minute_ids and not e.withdrawn
            ]
            self.meeting = services.meetings.meeting(meeting_id)
            if self.previous_meeting is not None:
                self.previous_meeting = services.meetings.meeting(self.previous_meeting.id)
        except ScbmeetError as exc:
            self.report(exc)
            return
        self._rows = build_rows(self._agenda, minutes)
        self.agenda_model.set_rows(self._rows)
        self._select_in_view(self._current)
        if self._current is not None:
            self._update_panels(self._current)
        self._show_save_state()

    def row(self, key: RowKey | None) -> AgendaRow | None:
        if key is None:
            return None
        index = row_index(self._rows, key)
        return self._rows[index] if index is not None else None

    def current_key(self) -> RowKey | None:
        return self._current

    def row_titled(self, text: str) -> RowKey:
        """The first row whose title contains ``text`` (any case)."""
        wanted = text.lower()
        for row in self._rows:
            if wanted in row.title.lower():
                return row.key
        raise LookupError(f"no agenda row contains {text!r}")

    def minute_for(self, key: RowKey, *, fresh: bool = False) -> dto.MinuteItemInfo | None:
        if fresh:
            return self._fresh_minute(key)
        row = self.row(key)
        return row.minute if row else None

    def _fresh_minute(self, key: RowKey) -> dto.MinuteItemInfo | None:
        for minute in self.services.minutes.minutes(self.meeting.id):
            if key.kind == "item" and minute.agenda_item_id == key.id:
                return minute
            if key.kind == "minute" and minute.id == key.id:
                return minute
        return None

    def minute_id_for(self, key: RowKey) -> int:
        minute = self._fresh_minute(key)
        if minute is None:
            raise NotFoundError("That item has no minute yet.")
        return minute.id

    def start_minute(self, key: RowKey) -> dto.MinuteItemInfo:
        """Create the minute of an item (used when it could not be created at the first keystroke)."""
        row = self.row(key)
        if key.kind != "item" or row is None:
            raise NotFoundError("That minute no longer exists.")
        minute = self.services.minutes.add_minute(self.meeting.id, row.title, agenda_item_id=key.id)
        if row.status == "scheduled":
            self.services.agenda.update_item(key.id, {"status": "taken"})
        return minute

    def row_title(self, key: RowKey) -> str:
        row = self.row(key)
        return row.title if row else ""

    def known_minutes(self) -> list[tuple[RowKey, dto.MinuteItemInfo]]:
        """Every minute of the meeting as this window last read it."""
        return [(row.key, row.minute) for row in self._rows if row.minute is not None]

    def item_being_taken(self) -> dto.AgendaItemInfo | None:
        row = self.row(self._taking)
        return row.agenda_item if row else None

    # ============================================================================ navigation
    def go_to(self, key: RowKey) -> None:
        """Show a row (flushing what was typed in the last one) and put the keyboard there."""
        self._select_in_view(key)
        if key != self._current:
            self._show_row(key)
        row = self.row(key)
        if key == ATTENDANCE:
            self.attendance.view.setFocus()
        elif (
            row is not None
            and row.kind == ItemKind.MATTERS_ARISING
            and self.arising.model.rowCount()
        ):
            self.arising.view.setFocus()  # matters arising starts with the list of actions
        else:
            self.focus_narrative()

    def step(self, delta: int) -> None:
        index = row_index(self._rows, self._current) if self._current else None
        target = 0 if index is None else max(0, min(len(self._rows) - 1, index + delta))
        if self._rows:
            self.go_to(self._rows[target].key)

    def focus_narrative(self) -> None:
        if self.pages.currentWidget() is self.minute_page:
            self.narrative.setFocus()

    def _select_in_view(self, key: RowKey | None) -> None:
        index = row_index(self._rows, key) if key else None
        if index is None:
            return
        model_index = self.agenda_model.index(index, 0)
        selection = self.agenda_view.selectionModel()
        if selection.currentIndex().row() != index:
            self._selecting = True
            try:
                self.agenda_view.setCurrentIndex(model_index)
            finally:
                self._selecting = False
        self.agenda_view.scrollTo(model_index)

    def _on_row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        key = current.data(KEY_ROLE)
        if key != self._current:
            self._show_row(key)

    def _show_row(self, key: RowKey) -> None:
        self.keeper.flush()  # saving on item change
        self._seal_typing()
        self._current = key
        if key == ATTENDANCE:
            self.pages.setCurrentWidget(self.attendance_page)
            self.attendance.refresh(self._agenda)
            return
        self._taking = key
        self.pages.setCurrentWidget(self.minute_page)
        self._load_texts(key)
        self._update_panels(key)

    def _load_texts(self, key: RowKey) -> None:
        row = self.row(key)
        minute = row.minute if row else None
        title = self.keeper.pending_text(key, "title")
        narrative = self.keeper.pending_text(key, "narrative")
        if title is None:
            title = minute.title if minute else (row.title if row else "")
        if narrative is None:
            narrative = minute.narrative if minute else ""
        self.keeper.track(key, minute)
        self._set_editor("title", title, keep_cursor=False)
        self._set_editor("narrative", narrative, keep_cursor=False)

    def _update_panels(self, key: RowKey) -> None:
        row = self.row(key)
        if row is None or key == ATTENDANCE:
            if key == ATTENDANCE:
                self.attendance.refresh(self._agenda)
            return
        self.heading.setText(self._heading(row))
        self.details.setText(self._details(row))
        self.details.setVisible(bool(self.details.text()))
        self.records_model.set_rows(record_rows(row.minute, self._requests))
        self.records_view.resizeColumnToContents(0)
        self.defer_button.setText(
            "Take the item after all (Ctrl+D)" if row.deferred else "Defer item (Ctrl+D)"
        )
        self._update_confirm(row)
        self._update_arising(row)

    @staticmethod
    def _heading(row: AgendaRow) -> str:
        parts = [f"Item {row.number}" if row.number else "Item"]
        if row.minute is not None:
            parts.append(f"minute {row.minute.reference}")
        else:
            parts.append("not minuted yet (it is numbered when you start typing)")
        if row.deferred:
            parts.append("DEFERRED")
        if row.closed_session:
            parts.append("closed session")
        return " · ".join(parts)

    @staticmethod
    def _details(row: AgendaRow) -> str:
        """Who presents the item and its papers, for the minute-taker's benefit."""
        item = row.agenda_item
        if item is None:
            return ""
        parts = []
        if item.presenters:
            parts.append(f"Presented by {item.presenters}")
        parts += [f"Paper: {paper.title}" for paper in item.papers]
        if item.closed_reference:
            parts.append(f"Reference {item.closed_reference}")
        return " · ".join(parts)

    def _update_confirm(self, row: AgendaRow) -> None:
        previous = self.previous_meeting
        show = row.kind == ItemKind.MINUTES and previous is not None
        self.confirm_frame.setVisible(show)
        if not show or previous is None:
            return
        when = dto.long_date(previous.date)
        if previous.minutes_approved:
            at = " at this meeting" if previous.approved_at_id == self.meeting.id else ""
            self.confirm_label.setText(
                f"The minutes of {when} have been confirmed as a correct record{at}."
            )
            self.confirm_button.setEnabled(False)
        else:
            self.confirm_label.setText(f"The minutes of {when} are not yet confirmed.")
            self.confirm_button.setEnabled(True)

    def _update_arising(self, row: AgendaRow) -> None:
        show = row.kind == ItemKind.MATTERS_ARISING
        if show != self.arising.frame.isVisible():
            self.arising.frame.setVisible(show)
            # The list of actions is the main thing in matters arising; elsewhere it is hidden.
            self.minute_splitter.setSizes([340, 180, 120] if show else [0, 420, 200])
        if not show:
            return
        self.arising.refresh()

    # ============================================================================ typing
    def _set_editor(self, field: str, text: str, *, keep_cursor: bool = True) -> None:
        """Put text in the title or narrative without it counting as typing."""
        self._shown[field] = text
        self._applying = True
        try:
            if field == "title":
                if self.title_edit.text() != text:
                    self.title_edit.setText(text)
                return
            old = self.narrative.toPlainText()
            if old == text:
                return
            self.narrative.setPlainText(text)
            if keep_cursor:
                cursor = self.narrative.textCursor()
                cursor.setPosition(changed_end(old, text))
                self.narrative.setTextCursor(cursor)
                self.narrative.ensureCursorVisible()
            else:
                self.narrative.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._applying = False

    def _typed(self, field: str, text: str) -> None:
        """The user typed in the title or narrative: one undoable step per burst, saved soon."""
        key = self._current
        if self._applying or key is None or key == ATTENDANCE:
            return
        before = self._shown[field]
        if before == text:
            return
        self._shown[field] = text
        self._ensure_minute(key)
        command = EditText(self, key, field, before, text)
        command.execute()
        self.undo_stack.push(command)
        if self._open_edit is None or self._open_edit.sealed or not self._merges(command):
            self._open_edit = command
        self._show_save_state()

    def _merges(self, command: EditText) -> bool:
        edit = self._open_edit
        return edit is not None and edit.key == command.key and edit.field == command.field

    def _seal_typing(self) -> None:
        if self._open_edit is not None:
            self._open_edit.sealed = True
            self._open_edit = None

    def apply_text(self, key: RowKey, field: str, text: str) -> None:
        """Set a row's title or narrative (typing, undo, redo, shorthand) and save it soon."""
        if key != self._current:
            self.go_to(key)
        if key == self._current:
            self._set_editor(field, text)
        self.keeper.change(key, field, text)

    def _ensure_minute(self, key: RowKey) -> bool:
        """An item gets its minute (and number) when it is first written in."""
        row = self.row(key)
        if row is None or row.minute is not None or key.kind != "item":
            return True
        if key in self._minute_later:
            return False  # the keeper creates it with the first save that gets through
        try:
            check_database(self.services)
        except ScbmeetError:
            self._minute_later.add(key)
            return False
        if not self.run_command(TakeItem(self, key, row.title, row.status)):
            self._minute_later.add(key)
            return False
        return True

    # ============================================================================ running steps
    def run_command(self, command: ServiceCommand) -> bool:
        return self.run_group(command.text(), [command])

    def run_group(self, label: str, commands: list[ServiceCommand]) -> bool:
        """Do several steps as one undoable step; if one fails, the others are taken back."""
        self._seal_typing()
        done: list[ServiceCommand] = []
        try:
            for command in commands:
                command.execute()
                done.append(command)
        except Exception as exc:
            self._take_back(done)
            self.report(exc)
            self.refresh()
            return False
        if len(commands) == 1:
            self.undo_stack.push(commands[0])
        else:
            self.undo_stack.beginMacro(label)
            for command in commands:
                self.undo_stack.push(command)
            self.undo_stack.endMacro()
        self._seal_typing()
        self.command_done(commands[-1].focus)
        return True

    def _take_back(self, done: list[ServiceCommand]) -> None:
        for command in reversed(done):
            try:
                command.revert()
            except Exception:  # the first failure is the one reported
                log.exception("could not take back %s", command.text())

    def command_done(self, focus: RowKey | None) -> None:
        self.refresh()
        target = self.ids.key(focus) if focus is not None else None
        if target is not None and target != self._current and self.row(target) is not None:
            self.go_to(target)

    def command_failed(self, command: object, exc: Exception) -> None:
        """Undo or redo could not reach the database: say so, and drop the history."""
        self.report(exc, prefix="Undo or redo failed, so the undo history has been cleared. ")
        QTimer.singleShot(0, self.undo_stack.clear)
        self.refresh()

    def undo(self) -> None:
        self.keeper.flush()
        self._seal_typing()
        self.undo_stack.undo()
        self._seal_typing()

    def redo(self) -> None:
        self.keeper.flush()
        self._seal_typing()
        self.undo_stack.redo()
        self._seal_typing()

    # ============================================================================ records
    def _minute_row(self) -> AgendaRow | None:
        row = self.row(self._current)
        if row is None or not row.can_be_minuted:
            self.notice("Choose an agenda item first (Alt+Down moves to the next one).")
            return None
        if self.meeting.minutes_approved:
            self.notice("These minutes are approved and read-only.")
            return None
        return row

    def _with_minute(self, row: AgendaRow, commands: list[ServiceCommand]) -> list[ServiceCommand]:
        """Steps that need the row's minute, preceded by starting it if needed."""
        if row.minute is None and row.key.kind == "item":
            return [TakeItem(self, row.key, row.title, row.status), *commands]
        return commands

    def add_resolution(self, text: str = "") -> None:
        row = self._minute_row()
        if row is None:
            return
        dialog = TextDialog(self, "Resolution", "RESOLVED", text=text, what="resolution")
        open_dialog(
            dialog,
            lambda: self._resolution_typed(row.key, dialog.value()),
            focus=self.focus_narrative,
        )

    def _resolution_typed(self, key: RowKey, text: str) -> None:
        row = self.row(key)
        if row is not None:
            self.run_group(
                "add a resolution", self._with_minute(row, [AddResolution(self, key, text)])
            )

    def add_action(self) -> None:
        row = self._minute_row()
        if row is not None:
            self._open_action_dialog(row.key)

    def _open_action_dialog(
        self,
        key: RowKey,
        *,
        text: str = "",
        owners: str = "",
        due: DuePick | None = None,
        problem: str = "",
        then: Callable[[ActionDraft], None] | None = None,
        cancelled: Callable[[], None] | None = None,
    ) -> None:
        dialog = ActionDialog(
            self,
            self.services,
            self.meeting,
            self.next_meeting,
            text=text,
            owners=owners,
            due=due,
            problem=problem,
        )

        def accepted() -> None:
            if dialog.draft is not None:
                (then or (lambda draft: self._action_made(key, draft)))(dialog.draft)

        open_dialog(dialog, accepted, focus=self.focus_narrative, on_reject=cancelled)

    def _action_made(self, key: RowKey, draft: ActionDraft) -> None:
        row = self.row(key)
        if row is not None:
            self.run_group("add an action", self._with_minute(row, [AddAction(self, key, draft)]))

    def ask_for_update(self) -> None:
        row = self._minute_row()
        if row is None:
            return
        dialog = UpdateDialog(self, f"Update: {row.title}", self.meeting.date)

        def accepted() -> None:
            title, months, detail = dialog.values()
            self._update_asked(row.key, title, months, detail)

        open_dialog(dialog, accepted, focus=self.focus_narrative)

    def _update_asked(self, key: RowKey, title: str, months: int, detail: str = "") -> None:
        row = self.row(key)
        if row is not None:
            command = AskForUpdate(self, key, title, months, detail)
            self.run_group(command.text(), self._with_minute(row, [command]))

    def current_record(self) -> tuple[str, int] | None:
        index = self.records_view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def edit_record(self) -> None:
        record, row = self.current_record(), self.row(self._current)
        if record is None or row is None or row.minute is None:
            return
        kind, ident = record
        if kind == "resolution":
            old = next(r.text for r in row.minute.resolutions if r.id == ident)
            dialog = TextDialog(self, "Resolution", "RESOLVED", text=old, what="resolution")
            open_dialog(
                dialog,
                lambda: self.run_command(EditResolution(self, row.key, ident, old, dialog.value())),
                focus=self.records_view.setFocus,
            )
        elif kind == "action":
            action = next(a for a in row.minute.actions if a.id == ident)
            due = (
                DuePick.next_meeting()
                if action.due_meeting_id is not None
                else DuePick.on_date(action.due_date)
                if action.due_date
                else None
            )
            self._open_action_dialog(
                row.key,
                text=action.text,
                owners=action.owner_line,
                due=due,
                then=lambda draft: self.run_command(
                    EditAction(self, row.key, action.id, draft_of(action), draft)
                ),
            )
        else:
            self.notice(
                "An update request is changed on the forward plan; Delete removes it from here."
            )

    def delete_record(self) -> None:
        record, row = self.current_record(), self.row(self._current)
        if record is None or row is None or row.minute is None:
            return
        kind, ident = record
        if kind == "resolution":
            text = next(r.text for r in row.minute.resolutions if r.id == ident)
            self.run_command(DeleteResolution(self, row.key, ident, text))
        elif kind == "action":
            action = next(a for a in row.minute.actions if a.id == ident)
            self.run_command(DeleteAction(self, row.key, ident, draft_of(action)))
        else:
            self.run_command(WithdrawUpdate(self, row.key, ident))

    # ============================================================================ items
    def toggle_deferred(self) -> None:
        row = self._minute_row()
        if row is None or row.key.kind != "item":
            return
        after = "deferred" if not row.deferred else ("taken" if row.minute else "scheduled")
        self.run_command(SetItemStatus(self, row.key, row.status, after))

    def new_item(self) -> None:
        if self.meeting.minutes_approved:
            self.notice("These minutes are approved and read-only.")
            return
        dialog = TextDialog(
            self,
            "New item",
            "Title of the item raised in the room (it goes after the current item):",
            what="title of the item",
        )
        open_dialog(dialog, lambda: self._item_named(dialog.value()), focus=self.focus_narrative)

    def _item_named(self, title: str) -> None:
        command = AddItem(self, title, self._item_after_current())
        if self.run_command(command):
            self.focus_narrative()

    def _item_after_current(self) -> int | None:
        """The top-level item the new one goes before: the one after the current item."""
        row = self.row(self._taking)
        item = row.agenda_item if row else None
        if item is None or item.is_closed:
            return None
        top_id = item.parent_id or item.id
        top = [i for i in self._agenda if i.parent_id is None and not i.is_closed]
        ids = [i.id for i in top]
        if top_id not in ids:
            return None
        position = ids.index(top_id)
        return ids[position + 1] if position + 1 < len(ids) else None

    def move_minute(self, delta: int) -> None:
        row = self._minute_row()
        if row is None or row.minute is None:
            return
        minutes = [r.minute for r in self._rows if r.minute is not None]
        ordered = sorted(minutes, key=lambda m: (m.position, m.id))
        index = [m.id for m in ordered].index(row.minute.id)
        target = index + delta
        if 0 <= target < len(ordered):
            self.run_command(MoveMinute(self, row.key, index, target))

    def confirm_previous_minutes(self) -> None:
        row = self.row(self._current)
        previous = self.previous_meeting
        if row is None or row.kind != ItemKind.MINUTES or previous is None:
            self.notice("Go to the item 'Minutes of the last meeting' to confirm them.")
            return
        if previous.minutes_approved:
            self.notice(f"The minutes of {dto.long_date(previous.date)} are already confirmed.")
            return
        steps: list[ServiceCommand] = [
            ConfirmMinutes(self, row.key, previous),
            AddResolution(self, row.key, confirmation_text(previous)),
        ]
        self.run_group("confirm the minutes of the last meeting", self._with_minute(row, steps))

    # ============================================================================ shorthand
    def _finish_line(self) -> bool:
        """Enter at the end of a shorthand line: make the record; True if the key is used up."""
        block = self.narrative.textCursor().block()
        line = block.text()
        try:
            parsed = parse_line(line)
        except ShorthandError as exc:
            self.notice(f"{exc} The line is kept as typed.")
            return False
        if parsed is None or self._current is None:
            return False
        row = self._minute_row()
        if row is None:
            return False
        self._apply_shorthand(row, parsed, block.blockNumber(), line)
        return True

    def _apply_shorthand(
        self, row: AgendaRow, parsed: Shorthand, line_number: int, line: str
    ) -> None:
        key = row.key
        if isinstance(parsed, ResolutionShorthand):
            self._shorthand_steps(
                key, [AddResolution(self, key, parsed.text)], line_number, line, "add a resolution"
            )
        elif isinstance(parsed, UpdateShorthand):
            title = parsed.text or f"Update: {row.title}"
            command = AskForUpdate(self, key, title, parsed.months)
            self._shorthand_steps(key, [command], line_number, line, command.text())
        elif isinstance(parsed, ActionShorthand):
            self._shorthand_action(key, parsed, line_number, line)

    def _shorthand_action(
        self, key: RowKey, parsed: ActionShorthand, line_number: int, line: str
    ) -> None:
        owners = resolve_owner_names(parsed.owner_names, self.services.register.match_owner)
        problem = owners.message if not owners.complete else ""
        due: tuple[object, int | None] = (None, None)
        try:
            due = due_fields(
                parsed.due, self.meeting.date, self.next_meeting.id if self.next_meeting else None
            )
        except ShorthandError as exc:
            problem = f"{problem} {exc}".strip()
        if problem:  # ask, never guess: the dialog opens with the line's content
            self._open_action_dialog(
                key,
                text=parsed.text,
                owners=parsed.owners_text,
                due=parsed.due,
                problem=problem,
                then=lambda draft: self._shorthand_steps(
                    key, [AddAction(self, key, draft)], line_number, line, "add an action"
                ),
                cancelled=self._shorthand_kept,
            )
            return
        draft = ActionDraft(parsed.text, owners.owners, due[0], due[1])  # type: ignore[arg-type]
        self._shorthand_steps(
            key, [AddAction(self, key, draft)], line_number, line, "add an action"
        )

    def _shorthand_kept(self) -> None:
        """The user cancelled the question: the line stays as typed and typing goes on below it."""
        self.notice("The action was not recorded; the line stays in the minute as you typed it.")
        self.narrative.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
        self.narrative.insertPlainText("\n")

    def _shorthand_steps(
        self, key: RowKey, steps: list[ServiceCommand], line_number: int, line: str, label: str
    ) -> None:
        """The record(s), and the shorthand line taken out of the narrative, as one step."""
        row = self.row(key)
        if row is None:
            return
        self.keeper.flush()
        before = self.keeper.pending_text(key, "narrative")
        if before is None:
            before = (
                self.narrative.toPlainText()
                if key == self._current
                else (row.minute.narrative if row.minute else "")
            )
        after = without_line(before, line_number, line)
        removal = EditText(self, key, "narrative", before, after)
        self.run_group(label, [*self._with_minute(row, steps), removal])

    # ============================================================================ saving
    def save_now(self) -> bool:
        return self.keeper.flush()

    def _show_save_state(self) -> None:
        if self.keeper.failing:
            self.save_status.setText("NOT SAVED — see the red banner")
            self.save_status.setStyleSheet("color: #b00020; font-weight: bold;")
        elif self.keeper.has_pending():
            self.save_status.setText("Saving…")
            self.save_status.setStyleSheet("")
        elif self.keeper.last_saved_at is not None:
            self.save_status.setText(f"All changes saved at {self.keeper.last_saved_at:%H:%M:%S}")
            self.save_status.setStyleSheet("color: #2e7d32;")
        else:
            self.save_status.setText("Changes are saved as you type")
            self.save_status.setStyleSheet("")

    def _on_saved(self) -> None:
        self._minute_later.clear()
        self.damage = None
        self.restore_button.hide()
        if self.banner.isVisible():
            self.banner.hide()
            self.notice("Saved again: everything you typed is now in the database.")
        self._show_save_state()
        self._refresh_timer.start()

    def _on_save_failed(self, problem: SaveProblem) -> None:
        if problem.damage is not None:
            self.show_damage(problem.damage, problem)
            return
        parts = [f"NOT SAVED: {problem.message}", "What you typed is still here."]
        if problem.recovery_path:
            parts.append(
                f"A copy is in the recovery folder {problem.recovery_path} and will be offered next time."
            )
        if problem.recovery_error:
            parts.append(problem.recovery_error)
        parts.append("scbmeet keeps trying every few seconds.")
        self.show_banner(" ".join(parts))
        self._show_save_state()

    def _on_conflict(self, key: RowKey, merged: str) -> None:
        if key == self._current:
            self._set_editor("narrative", merged)
        title = self.row_title(key)
        self.notice(
            f"'{title}' was also changed by someone else meanwhile. Both versions are kept in the minute "
            "(theirs after the dashed line): tidy it up and carry on."
        )

    def show_banner(self, message: str) -> None:
        self.banner_label.setText(message)
        self.banner_label.setToolTip("")
        self.banner.show()

    # ============================================================================ a damaged file
    def show_damage(self, error: DamageFoundInUseError, problem: SaveProblem | None = None) -> None:
        """The database file is damaged: say so plainly and offer its newest good backup
        in the banner (a dialog would take the keystrokes of someone typing)."""
        self.damage = error
        parts = [
            f"NOT SAVED: the database file {error.path.name} is damaged, so nothing more "
            "can be saved to it."
        ]
        if problem is not None and problem.recovery_error:
            parts.append(f"What you typed is still here. {problem.recovery_error}")
        else:
            parts.append("What you type stays here and in the recovery folder.")
        if error.backup is not None:
            taken = error.backup_taken_at
            when = f"{dto.long_date(taken.date())}, {taken:%H:%M}" if taken else error.backup.name
            parts.append(
                f"Restore the newest good backup ({when}) to carry on: what you typed "
                "since is offered back."
            )
            self.restore_button.setText("Restore the newest backup…")
        else:
            parts.append("No good backup of it was found: choose one you keep elsewhere.")
            self.restore_button.setText("Choose a backup…")
        self.show_banner(" ".join(parts))
        self.banner_label.setToolTip(f"{error}\n\nRecovery folder: {self.store.folder}")
        self.restore_button.show()
        self._show_save_state()

    def offer_backup(self) -> None:
        """The recovery dialog, as the main window offers it; restoring reopens minutes mode."""
        if self.damage is not None:
            in_use.recover_in_use(self, self.damage)

    def hand_over(self) -> bool:
        """A backup is about to replace the database: everything this window holds goes to
        recovery files and it saves nothing more. False if they could not be written."""
        self._refresh_timer.stop()
        self._listening.stop()
        self.restore_button.hide()
        kept = self.keeper.hand_over()
        if kept:
            self.show_banner(
                "Saving has stopped while a backup replaces the damaged file. Everything "
                f"typed here is kept in the recovery folder {self.store.folder} and is offered "
                "back when minutes mode reopens on the backup."
            )
        else:
            self.show_banner(
                "Saving has stopped while a backup replaces the damaged file, and the recovery "
                f"folder {self.store.folder} cannot be written: copy what you typed "
                "(Ctrl+A, Ctrl+C in each minute) before closing this window."
            )
        self._show_save_state()
        return kept

    def notice(self, message: str) -> None:
        """A passing message (amber); it goes by itself after a while."""
        self.notice_label.setText(message)
        self.notice_frame.show()
        self._notice_timer.start()

    def report(self, exc: BaseException, prefix: str = "") -> None:
        """A problem from the services: database trouble in the banner, the rest as a notice."""
        if isinstance(exc, DamageFoundInUseError):
            self.show_damage(exc)
            return
        message = prefix + error_text(exc)
        if isinstance(exc, DatabaseError) or not isinstance(exc, ScbmeetError):
            self.show_banner(message)
        else:
            self.notice(message)

    # ============================================================================ recovery
    def offer_recoveries(self) -> None:
        """Offer back what could not be saved last time in this meeting."""
        pending = [
            recovery
            for recovery in self.store.pending(self.services.db.name, self.meeting.id)
            if not self._already_saved(recovery)
        ]
        if not pending:
            return
        from scbmeet.gui.minutes.dialogs import RecoveryDialog

        self.recovery_dialog = RecoveryDialog(
            self, pending, self.restore_recovery, self.store.discard
        )
        open_dialog(self.recovery_dialog, focus=self.focus_narrative)

    def _already_saved(self, recovery: Recovery) -> bool:
        """A recovery whose text is its minute's text word for word has nothing to give back
        (say, a minute kept before a restore that the backup already holds): let it go."""
        row = self.row(RowKey(recovery.row_kind, recovery.row_id))
        minute = row.minute if row else None
        if row is None or minute is None:
            return False
        same_text = minute.narrative.strip() == recovery.text.strip()
        if not same_text or recovery.title not in (minute.title, row.title):
            return False
        self.store.discard(recovery)
        return True

    def restore_recovery(self, recovery: Recovery) -> bool:
        """Put recovered text back into its minute, keeping anything saved there since."""
        key = RowKey(recovery.row_kind, recovery.row_id)
        if self.row(key) is None:  # the item has gone: the text comes back as a new item
            command = AddItem(self, f"{recovery.title} (recovered)", None)
            if not self.run_command(command) or command.new_item_id is None:
                return False
            key = RowKey("item", command.new_item_id)
        self.go_to(key)
        current = self.narrative.toPlainText()
        text = merged_recovery(current, recovery)
        if text != current:
            self._ensure_minute(key)
            self.run_command(EditText(self, key, "narrative", current, text))
        if not self.keeper.flush():
            return False
        self.store.discard(recovery)
        return True

    # ============================================================================ events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and watched in (self.narrative, self.title_edit):
            assert isinstance(event, QKeyEvent)
            if is_undo_key(event):  # let the window's undo stack have Ctrl+Z
                event.ignore()
                return True
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key_in(watched, event)
        if kind == QEvent.Type.FocusOut and watched in (self.narrative, self.title_edit):
            self.keeper.flush()  # saving on focus change
        return False

    def _key_in(self, watched: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.narrative and enter and plain:
            return self._finish_line()
        if watched is self.agenda_view and enter:
            self.go_to(self._current or ATTENDANCE)
            return True
        if watched is self.records_view and plain:
            if enter or key == Qt.Key.Key_F2:
                self.edit_record()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.delete_record()
                return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        """Saving on close; what cannot be saved is already in a recovery file."""
        self.keeper.flush()
        self._refresh_timer.stop()
        self._listening.stop()
        super().closeEvent(event)


class Listening:
    """A subscription to the services' change notices, ended once (on close or destruction)."""

    def __init__(self, unsubscribe: Callable[[], None]) -> None:
        self._unsubscribe: Callable[[], None] | None = unsubscribe

    def stop(self, *_args: object) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


def is_undo_key(event: QKeyEvent) -> bool:
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or event.keyCombination().toCombined() == QKeySequence("Ctrl+Y")[0].toCombined()
    )


def changed_end(old: str, new: str) -> int:
    """Where the cursor belongs after ``old`` became ``new``: just after the changed part."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return len(new) - suffix


def without_line(text: str, line_number: int, line: str) -> str:
    """``text`` with the shorthand ``line`` (found at ``line_number`` or elsewhere) emptied."""
    lines = text.split("\n")
    if not (0 <= line_number < len(lines) and lines[line_number] == line):
        matches = [i for i, existing in enumerate(lines) if existing == line]
        if not matches:
            return text
        line_number = matches[0]
    lines[line_number] = ""
    return "\n".join(lines)


def open_minutes_window(
    services: Services,
    meeting_id: int,
    parent: QWidget | None = None,
    *,
    recovery_store: RecoveryStore | None = None,
    autosave_ms: int | None = None,
) -> MinutesWindow:
    """Create and show minutes mode for a meeting (what the main window's "Take minutes" calls)."""
    window = MinutesWindow(
        services, meeting_id, parent, recovery_store=recovery_store, autosave_ms=autosave_ms
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def merged_recovery(current: str, recovery: Recovery) -> str:
    """The minute's text with the recovered text put back; nothing saved since is dropped."""
    if current.strip() in ("", recovery.base_text.strip()):
        return recovery.text
    if current.strip() in recovery.text:  # what is saved is all in the recovered text
        return recovery.text
    if recovery.text.strip() in current:
        return current
    when = recovery.written_at.strftime("%d %B %Y %H:%M")
    return f"{current}\n\n{RECOVERED_MARK.format(when=when)}\n{recovery.text}"
