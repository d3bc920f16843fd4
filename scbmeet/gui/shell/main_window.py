"""The main window: the navigator on the left, the page of what is selected on the right.

Pages are made by factories registered per navigator *kind*
(:meth:`MainWindow.register_page`), so other parts of scbmeet plug in their own pages:
the actions register under ``"actions"``, minutes mode under ``"minutes"`` (opened by
Meeting ▸ Take minutes), search under ``"search"`` (Edit ▸ Search everything). A factory
is called as ``factory(services, ident)`` and returns a QWidget; the page may offer, by
duck typing:

- ``undo_stack`` (a QUndoStack): Edit ▸ Undo/Redo work on it while the page is shown;
- ``focus_filter()``: Edit ▸ Find (Ctrl+F) calls it;
- signals ``status_message(str)``, ``navigate_requested(str, object)``,
  ``export_requested(int, str, bool)`` and ``minutes_requested(int)``, which the window
  connects to its status bar, navigator, export and minutes hooks.

Window geometry, the splitter and the last place visited are kept in QSettings.

The window can be made before its database is open (``MainWindow()``, then
:meth:`MainWindow.attach` with the services): start-up shows it at once, with an
"Opening…" page and the database actions disabled, while the database stack loads and the
file opens in the background. So this module imports nothing of the database stack.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QWidget,
)

from scbmeet import __version__
from scbmeet.domain.errors import NotFoundError, ScbmeetError
from scbmeet.gui import hooks
from scbmeet.gui.shell.navigator import KEY_ROLE, NavigatorModel, NavNode, node_key
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.changes import hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.errors import offer_damage_recovery
from scbmeet.gui.widgets.icons import icon
from scbmeet.gui.widgets.progress import run_with_progress
from scbmeet.settings import OPEN_AFTER_EXPORT, Settings

if TYPE_CHECKING:
    from scbmeet.domain.dto import Change
    from scbmeet.services import Services

PageFactory = Callable[["Services", int | None], QWidget]
MAX_CACHED_PAGES = 12
EXPORT_LABELS = {
    ("agenda", False): "agenda",
    ("agenda", True): "public agenda",
    ("pack", False): "agenda pack",
    ("minutes", False): "minutes",
    ("minutes", True): "public minutes",
    ("actions", False): "action log",
    ("brief", False): "chair's brief",
}


def page_key(kind: str, ident: int | None) -> str:
    return node_key(kind, ident)


def lazy_page(module: str, name: str) -> PageFactory:
    """The factory ``module.name``, imported when the first such page is made, so that
    neither start-up nor a page never visited pays for importing it."""

    def make(services: Services, ident: int | None) -> QWidget:
        factory: PageFactory = getattr(import_module(module), name)
        return factory(services, ident)

    return make


class PlaceholderPage(QWidget):
    """What the window shows for a kind of page nobody has registered (yet)."""

    def __init__(self, title: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from scbmeet.gui.widgets.forms import child, load_form

        form = load_form("placeholder_page", self)
        child(form, QLabel, "titleLabel").setText(title)
        child(form, QLabel, "messageLabel").setText(message)


class OpeningPage(QWidget):
    """What the window shows while its database opens: what is being opened, and that
    something is happening."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from scbmeet.gui.widgets.forms import child, load_form

        form = load_form("opening_page", self)
        child(form, QLabel, "messageLabel").setText(message)


class WelcomePage(QWidget):
    """What a database without boards shows: where to start."""

    new_board_requested = Signal()
    new_organisation_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from scbmeet.gui.widgets.forms import child, load_form

        form = load_form("welcome_page", self)
        board = child(form, QPushButton, "newBoardButton")
        board.setIcon(icon("board"))
        board.clicked.connect(self.new_board_requested)
        organisation = child(form, QPushButton, "newOrganisationButton")
        organisation.setIcon(icon("organisation"))
        organisation.clicked.connect(self.new_organisation_requested)


class MainWindow(QMainWindow):
    """The secretary's workspace over one database."""

    services: Services  # set by attach()

    def __init__(
        self,
        services: Services | None = None,
        *,
        place_key: str | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.demo = demo
        self.attached = False
        self.place_key = place_key or ("demo" if demo else "")
        self.undo_group = QUndoGroup(self)
        self._factories: dict[str, tuple[str, PageFactory]] = {}
        self._pages: OrderedDict[str, QWidget] = OrderedDict()
        self._shown: tuple[str, int | None] | None = None
        self.navigator_model = NavigatorModel(self)
        self.navigator = QTreeView()
        self.navigator.setObjectName("navigator")
        self.navigator.setHeaderHidden(True)
        self.navigator.setModel(self.navigator_model)
        self.navigator.setMinimumWidth(220)
        self.navigator.setUniformRowHeights(True)
        self.stack = QStackedWidget()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 1010])
        self.setCentralWidget(self.splitter)
        self._register_default_pages()
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self.navigator.selectionModel().currentChanged.connect(self._navigated)
        self.restore_geometry()
        self._update_actions()
        self._update_title()
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """Work on ``services``' database: fill the navigator, go to the last place visited
        (or the next meeting), enable the actions. Called once."""
        self.services = services
        self.attached = True
        self.place_key = self.place_key or services.db.name
        self.hub = hub_for(services)
        self.hub.changed.connect(self._on_change)
        self._show_database_name()
        self.rebuild_navigator()
        self.restore_place()
        self._update_actions()
        self._remove_opening_pages()
        from scbmeet.gui.safety.in_use import watch_for_damage  # here: it loads the database stack

        watch_for_damage(self)  # damage found while open: offer the backup, reopen here

    def show_opening(self, message: str) -> None:
        """Show ``message`` (say "Opening minutes.sqlite3…") until :meth:`attach`."""
        self._remove_opening_pages()
        page = OpeningPage(message)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _remove_opening_pages(self) -> None:
        for page in self.stack.findChildren(OpeningPage):
            self.stack.removeWidget(page)
            page.setParent(None)  # out of the window now, not at the next deferred delete
            page.deleteLater()

    # -- the page registry ------------------------------------------------------------------
    def register_page(self, kind: str, title: str, factory: PageFactory) -> None:
        """Show ``factory(services, ident)`` for navigator nodes (or requests) of ``kind``."""
        self._factories[kind] = (title, factory)
        for key in [k for k in self._pages if k.split(":")[0] == kind]:
            self._drop_page(key)
        self._update_actions()

    def has_page(self, kind: str) -> bool:
        return kind in self._factories

    def _register_default_pages(self) -> None:
        boards, registers = "scbmeet.gui.register.board_pages", "scbmeet.gui.register.pages"
        self.register_page("board", "Board", lazy_page(boards, "BoardPage"))
        self.register_page("meetings", "Meetings", lazy_page(boards, "MeetingsPage"))
        self.register_page(
            "meeting", "Meeting", lazy_page("scbmeet.gui.agenda.meeting_page", "MeetingPage")
        )
        self.register_page("members", "Members", lazy_page(registers, "MembersPage"))
        self.register_page(
            "organisations", "Organisations", lazy_page(registers, "OrganisationsPage")
        )
        self.register_page("forward_plan", "Forward plan", lazy_page(boards, "ForwardPlanPage"))
        self.register_page("welcome", "Welcome", lambda _services, _ident: self._welcome_page())

    def _welcome_page(self) -> WelcomePage:
        page = WelcomePage()
        page.new_board_requested.connect(self.new_board)
        page.new_organisation_requested.connect(self.new_organisation)
        return page

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_page(self, kind: str, ident: int | None) -> QWidget:
        """Show (making it if need be) the page of ``kind`` for ``ident``."""
        key = page_key(kind, ident)
        page = self._pages.get(key)
        if page is None:
            page = self._make_page(kind, ident)
            self._pages[key] = page
            self.stack.addWidget(page)
            while len(self._pages) > MAX_CACHED_PAGES:
                self._drop_page(next(iter(self._pages)))
        else:
            self._pages.move_to_end(key)
        self.stack.setCurrentWidget(page)
        self._shown = (kind, ident)
        stack = getattr(page, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            if stack not in self.undo_group.stacks():
                self.undo_group.addStack(stack)
            self.undo_group.setActiveStack(stack)
        else:
            self.undo_group.setActiveStack(None)
        self._update_title()
        self._update_actions()
        return page

    def _make_page(self, kind: str, ident: int | None) -> QWidget:
        entry = self._factories.get(kind)
        if entry is None:
            return PlaceholderPage(
                kind.replace("_", " ").capitalize(),
                "This part of scbmeet is not installed in this version.",
            )
        title, factory = entry
        try:
            page = factory(self.services, ident)
        except ScbmeetError as exc:
            offer_damage_recovery(self, exc)
            return PlaceholderPage(title, str(exc))
        self._connect_page(page)
        return page

    def _connect_page(self, page: QWidget) -> None:
        for signal_name, slot in (
            ("status_message", lambda text: self.statusBar().showMessage(text, 8000)),
            ("navigate_requested", self.navigate),
            ("export_requested", self.export_document),
            ("minutes_requested", self.take_minutes),
        ):
            signal = getattr(page, signal_name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)

    def _drop_page(self, key: str) -> None:
        page = self._pages.pop(key, None)
        if page is None:
            return
        stack = getattr(page, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            self.undo_group.removeStack(stack)
        self.stack.removeWidget(page)
        page.deleteLater()

    # -- navigation -------------------------------------------------------------------------
    def rebuild_navigator(self) -> None:
        keep = self.current_key()
        self.navigator_model.rebuild(self.services, today())
        self.navigator.expandToDepth(1)
        if keep is not None:
            self.select_key(keep)

    def current_key(self) -> str | None:
        index = self.navigator.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select_key(self, key: str) -> bool:
        """Select the node ``key`` (or the first node under it, e.g. a year of meetings)."""
        index = self.navigator_model.index_for_key(key)
        if not index.isValid():
            under = next(
                (k for k in self.navigator_model.node_keys() if k.startswith(key + ":")), None
            )
            index = self.navigator_model.index_for_key(under) if under else index
        if not index.isValid():
            return False
        self.navigator.setCurrentIndex(index)
        self.navigator.scrollTo(index)
        return True

    def navigate(self, kind: str, ident: int | None = None) -> None:
        """Go to a place: select it in the navigator, or just show its page if it has no node."""
        if not self.select_key(node_key(kind, ident)):
            self.show_page(kind, ident)

    def _navigated(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.navigator_model.node(current)
        if node is not None:
            self.show_page(node.kind, node.ident)

    def _default_key(self) -> str | None:
        """Where a first visit starts: the next meeting of the first board, else the board."""
        upcoming = next(
            (
                k
                for k in self.navigator_model.node_keys()
                if k.startswith("meetings:") and k.endswith(":upcoming")
            ),
            None,
        )
        if upcoming is not None:
            group = self.navigator_model.index_for_key(upcoming)
            first = self.navigator_model.index(0, 0, group)
            node: NavNode | None = self.navigator_model.node(first)
            if node is not None:
                return node.key
        model = self.navigator_model
        return (
            model.first_key("welcome")
            or model.first_key("board")
            or model.first_key("organisations")
        )

    def _on_change(self, change: Change) -> None:
        if change.entity in ("board", "meeting"):
            if change.entity == "meeting":
                self._drop_deleted_meetings(change)
            self.rebuild_navigator()
            if self.current_key() is None:
                self.go_to_default_place()
        self._update_actions()

    def _drop_deleted_meetings(self, change: Change) -> None:
        for ident in change.ids:
            key = page_key("meeting", ident)
            if key in self._pages:
                try:
                    self.services.meetings.meeting(ident)
                except NotFoundError:
                    self._drop_page(key)

    # -- context -----------------------------------------------------------------------------
    def current_meeting_id(self) -> int | None:
        if self._shown and self._shown[0] in ("meeting", "minutes"):
            return self._shown[1]
        return None

    def current_board_id(self) -> int | None:
        if self._shown is None:
            return None
        kind, ident = self._shown
        if kind in ("meeting", "minutes") and ident is not None:
            try:
                return self.services.meetings.meeting(ident).board_id
            except ScbmeetError:
                return None
        if kind in ("board", "meetings", "members", "actions", "forward_plan"):
            return ident
        return None

    def _update_title(self) -> None:
        where = self.services.db.name if self.attached else ""
        page_title = ""
        if self._shown is not None:
            page_title = self._factories.get(self._shown[0], (self._shown[0], None))[0]
        demo = " (demo)" if self.demo else ""
        self.setWindowTitle(
            f"{page_title} – scbmeet{demo} – {where}" if page_title else f"scbmeet{demo}"
        )

    # -- actions, menus, toolbar -------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        *,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon_name: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _create_actions(self) -> None:
        a = self._action
        self.new_meeting_action = a(
            "&New meeting…",
            self.new_meeting,
            shortcut=QKeySequence.StandardKey.New,
            icon_name="meeting-new",
            tip="Create a meeting with the standard agenda",
        )
        self.open_database_action = a(
            "&Open database…",
            self.open_database,
            shortcut=QKeySequence.StandardKey.Open,
            icon_name="open",
            tip="Open another scbmeet database file",
        )
        self.export_actions: list[QAction] = []
        for kind, public, text, _name in hooks.EXPORTS:
            action = a(
                text,
                lambda k=kind, p=public: self.export_current(k, p),
                icon_name="export",
                tip=f"Save the meeting's {EXPORT_LABELS[(kind, public)]} as a Word document",
            )
            self.export_actions.append(action)
        self.export_actions[0].setShortcut(QKeySequence("Ctrl+E"))
        self.open_after_export_action = QAction("Open documents after exporting", self)
        self.open_after_export_action.setCheckable(True)
        self.open_after_export_action.setChecked(bool(self.settings().get(OPEN_AFTER_EXPORT)))
        self.open_after_export_action.toggled.connect(
            lambda on: self.settings().set(OPEN_AFTER_EXPORT, bool(on))
        )
        self.quit_action = a("&Quit", self.close, shortcut=QKeySequence.StandardKey.Quit)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        self.redo_action.setIcon(icon("redo"))
        self.find_action = a(
            "&Find",
            self.find,
            shortcut=QKeySequence.StandardKey.Find,
            icon_name="find",
            tip="Filter the list on show",
        )
        self.search_action = a(
            "&Search everything…",
            lambda: self.show_page("search", None),
            shortcut="Ctrl+Shift+F",
            tip="Search minutes, actions and papers",
        )
        self.refresh_action = a(
            "&Refresh", self.rebuild_navigator, shortcut=QKeySequence.StandardKey.Refresh
        )
        self.meeting_details_action = a(
            "Meeting &details…", lambda: self._on_meeting_page("edit_details"), icon_name="edit"
        )
        self.template_action = a(
            "Save agenda as &template…",
            lambda: self._on_meeting_page("save_as_template"),
            icon_name="template",
        )
        self.delete_meeting_action = a("&Delete meeting…", self.delete_meeting, icon_name="delete")
        self.minutes_action = a(
            "Take &minutes",
            lambda: self.take_minutes(self.current_meeting_id()),
            shortcut="Ctrl+M",
            icon_name="minutes",
            tip="Record attendance, minutes, decisions and actions",
        )
        self.new_board_action = a("New &board…", self.new_board, icon_name="board")
        self.edit_board_action = a("&Edit board…", self.edit_board, icon_name="edit")
        self.new_organisation_action = a(
            "New &organisation…", self.new_organisation, icon_name="organisation"
        )
        self.add_member_action = a("Add &member…", self.add_member, icon_name="people")
        self.import_members_action = a(
            "&Import members from CSV…",
            self.import_members,
            icon_name="import",
            tip="Add a board's members from a spreadsheet saved as CSV",
        )
        self.about_action = a("&About scbmeet", self.about)
        self.backups_action = a(
            "&Backups and restore…",
            self.show_backups,
            tip="See the automatic backups, make one now, or restore one",
        )
        self.audit_action = a(
            "&Audit trail…",
            lambda: self.show_audit(self.current_meeting_id()),
            icon_name="lock",
            tip="Changes after approval and deletions in this meeting, with who and when",
        )

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_meeting_action)
        file_menu.addAction(self.open_database_action)
        file_menu.addSeparator()
        self.export_menu = QMenu("&Export", self)
        self.export_menu.setIcon(icon("export"))
        self.export_menu.addActions(self.export_actions)
        self.export_menu.addSeparator()
        self.export_menu.addAction(self.open_after_export_action)
        file_menu.addMenu(self.export_menu)
        file_menu.addAction(self.import_members_action)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.search_action)
        meeting_menu = bar.addMenu("&Meeting")
        meeting_menu.addAction(self.new_meeting_action)
        meeting_menu.addAction(self.meeting_details_action)
        meeting_menu.addAction(self.minutes_action)
        meeting_menu.addAction(self.template_action)
        meeting_menu.addAction(self.audit_action)
        meeting_menu.addSeparator()
        meeting_menu.addAction(self.delete_meeting_action)
        register_menu = bar.addMenu("&Register")
        register_menu.addAction(self.new_board_action)
        register_menu.addAction(self.edit_board_action)
        register_menu.addSeparator()
        register_menu.addAction(self.add_member_action)
        register_menu.addAction(self.import_members_action)
        register_menu.addAction(self.new_organisation_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.refresh_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.new_meeting_action)
        toolbar.addAction(self.minutes_action)
        toolbar.addAction(self.export_actions[0])
        toolbar.addAction(self.export_actions[2])
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        for action in (self.undo_action, self.redo_action):
            # Their text names the step ("Undo Delete paper “…”"): the tooltip shows it,
            # beside the icon it would push the other buttons off the toolbar.
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        toolbar.addSeparator()
        toolbar.addAction(self.find_action)

    def _create_status_bar(self) -> None:
        self.database_label = QLabel()
        self.statusBar().addPermanentWidget(self.database_label)

    def _show_database_name(self) -> None:
        name = self.services.db.name
        self.database_label.setText(
            "Demo database (a fresh copy; changes are thrown away on closing)"
            if self.demo
            else name
        )
        self.database_label.setToolTip(name)

    def _database_actions(self) -> list[QAction]:
        """Everything that needs the database: disabled until it is open."""
        return [
            self.new_meeting_action,
            self.open_database_action,
            self.backups_action,
            self.find_action,
            self.search_action,
            self.refresh_action,
            self.new_board_action,
            self.new_organisation_action,
            self.about_action,
        ]

    def _update_actions(self) -> None:
        if not hasattr(self, "minutes_action"):
            return
        for action in self._database_actions():
            action.setEnabled(self.attached)
        meeting = self.current_meeting_id() is not None
        board = self.current_board_id() is not None
        for action in (
            *self.export_actions,
            self.minutes_action,
            self.meeting_details_action,
            self.template_action,
            self.delete_meeting_action,
            self.audit_action,
        ):
            action.setEnabled(meeting)
        self.edit_board_action.setEnabled(board)
        self.import_members_action.setEnabled(board)
        self.add_member_action.setEnabled(board)
        self.search_action.setEnabled(self.attached and self.has_page("search"))

    @staticmethod
    def settings() -> Settings:
        return Settings.default()

    # -- what the actions do ---------------------------------------------------------------------
    def _on_meeting_page(self, method: str) -> None:
        page = self.current_page()
        if hasattr(page, method):
            getattr(page, method)()

    def find(self) -> None:
        page = self.current_page()
        focus = getattr(page, "focus_filter", None)
        if callable(focus):
            focus()
        elif self.has_page("search"):
            self.show_page("search", None)
        else:
            self.statusBar().showMessage("There is nothing to filter on this page.", 5000)

    def new_meeting(self) -> None:
        from scbmeet.gui.agenda.meeting_dialog import MeetingDialog

        if not self.services.register.boards():
            dialogs.inform(self, "New meeting", "Create a board first: Register ▸ New board.")
            return
        dialog = MeetingDialog(self.services, board_id=self.current_board_id(), parent=self)
        if dialogs.run_dialog(dialog) and dialog.created is not None:
            self.navigate("meeting", dialog.created.id)
            self.statusBar().showMessage(f"Created the meeting of {dialog.created.label}.", 8000)

    def delete_meeting(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        meeting = self.services.meetings.meeting(meeting_id)
        if not dialogs.confirm(
            self,
            "Delete meeting",
            f"Delete the meeting of {meeting.label} with its agenda, papers and minutes? "
            "This cannot be undone.",
            yes="Delete meeting",
        ):
            return
        try:
            self.services.meetings.delete_meeting(meeting_id, reason="deleted in the app")
        except ScbmeetError as exc:
            dialogs.report(self, exc)
            return
        self.navigate("board", meeting.board_id)

    def take_minutes(self, meeting_id: int | None) -> None:
        """Open minutes mode for a meeting: a window of its own, which a minute-taker can
        keep full-screen while the secretary's workspace stays as it was."""
        if meeting_id is None:
            return
        if self.has_page("minutes"):  # a page registered in its place (tests, extensions)
            self.show_page("minutes", meeting_id)
            return
        from scbmeet.gui.minutes import open_minutes_window

        try:
            open_minutes_window(self.services, meeting_id, self)
        except ScbmeetError as exc:
            dialogs.report(self, exc)

    def export_current(self, kind: str, public: bool) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is not None:
            self.export_document(meeting_id, kind, public)

    def export_document(self, meeting_id: int, kind: str, public: bool) -> None:
        """Ask where to save, write the document in the background, open it if wanted."""
        meeting = self.services.meetings.meeting(meeting_id)
        label = EXPORT_LABELS.get((kind, public), kind)
        suggested = Path.home() / f"{meeting.board_short_name} {meeting.date:%Y-%m-%d} {label}.docx"
        path = dialogs.choose_save_path(
            self, f"Export the {label}", str(suggested), "Word documents (*.docx)"
        )
        if path is None:
            return
        if path.suffix.lower() != ".docx":
            path = path.with_suffix(".docx")
        services = self.services

        def write() -> Path:
            written = hooks.export_document(services, kind, meeting_id, public, path)
            return Path(written) if written else path

        run_with_progress(self, f"Writing the {label}…", write, on_done=self._exported)

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(f"Saved {path}", 10000)
        if self.open_after_export_action.isChecked():
            hooks.open_file(path)

    def open_database(self) -> None:
        paths = dialogs.choose_open_files(
            self, "Open a database", "scbmeet databases (*.sqlite3 *.db);;All files (*)"
        )
        if not paths:
            return
        self.switch_to(paths[0])

    def switch_to(self, path: Path, then: Callable[[MainWindow], None] | None = None) -> None:
        """Open the database at ``path`` in a new main window that takes this one's place
        (``then(new_window)`` carries on there: minutes mode after a restore)."""
        from scbmeet.gui.shell.app import install_extensions, open_services

        def opened(services: Services) -> None:
            window = MainWindow()
            install_extensions(window)
            window.attach(services)
            window.show()
            self.successor = window  # keeps the new window alive
            self.close()
            self.services.db.dispose()
            if then is not None:
                then(window)

        self.services.db.dispose()  # let go of the file (a restore may just have replaced it)
        run_with_progress(
            self, f"Opening {path.name}…", lambda: open_services(str(path)), on_done=opened
        )

    def show_backups(self) -> None:
        """The backups of this database: list, make one now, restore (then reopen)."""
        from scbmeet.gui.safety.backups import backups_dialog_for

        dialog = backups_dialog_for(self, self.services.db)
        if dialog is None:
            return
        path = self.services.db.path
        if path is not None:
            dialog.restored.connect(lambda _backup: self.switch_to(path))
        dialogs.run_dialog(dialog)

    def show_audit(self, meeting_id: int | None) -> None:
        """The audit trail of the meeting shown."""
        from scbmeet.gui.safety.audit import meeting_audit_dialog

        if meeting_id is not None:
            dialogs.run_dialog(meeting_audit_dialog(self, self.services, meeting_id))

    def new_board(self) -> None:
        from scbmeet.gui.register.dialogs import BoardDialog

        dialog = BoardDialog(self.services, parent=self)
        if dialogs.run_dialog(dialog) and dialog.saved is not None:
            self.navigate("board", dialog.saved.id)

    def edit_board(self) -> None:
        from scbmeet.gui.register.dialogs import BoardDialog

        board_id = self.current_board_id()
        if board_id is not None:
            dialogs.run_dialog(
                BoardDialog(
                    self.services, board=self.services.register.board(board_id), parent=self
                )
            )

    def new_organisation(self) -> None:
        self._on_register_page("organisations", None, "add")

    def add_member(self) -> None:
        board_id = self.current_board_id()
        if board_id is not None:
            self._on_register_page("members", board_id, "add_member")

    def _on_register_page(self, kind: str, ident: int | None, method: str) -> None:
        """Do a register edit on its page: the result is seen in its list, and it goes on
        that page's undo list like an edit made there."""
        self.navigate(kind, ident)
        do = getattr(self.current_page(), method, None)
        if callable(do):
            do()

    def import_members(self) -> None:
        from scbmeet.gui.register.csv_import import CsvImportDialog

        board_id = self.current_board_id()
        if board_id is not None:
            dialogs.run_dialog(CsvImportDialog(self.services, board_id, parent=self))

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About scbmeet",
            f"<h3>scbmeet {__version__}</h3>"
            "<p>Meetings, agendas, minutes and actions for multi-agency community safety boards.</p>"
            f"<p>Database: {self.services.db.name}<br>Qt for Python {pyside_version}</p>",
        )

    # -- remembering the window -----------------------------------------------------------------
    def _place_setting(self) -> str:
        digest = hashlib.sha1(self.place_key.encode()).hexdigest()[:16]
        return f"places/{digest}"

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.setValue("mainWindow/splitter", self.splitter.saveState())
        key = self.current_key()
        if key and self.attached:
            settings.setValue(self._place_setting(), key)
        settings.sync()

    def restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.value("mainWindow/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("mainWindow/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def restore_place(self) -> None:
        place = QSettings().value(self._place_setting())
        if not (isinstance(place, str) and self.select_key(place)):
            self.go_to_default_place()

    def go_to_default_place(self) -> None:
        """The next meeting of the first board; Getting started if there are no boards."""
        key = self._default_key()
        if key is not None:
            self.select_key(key)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
