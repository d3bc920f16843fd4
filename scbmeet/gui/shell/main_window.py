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
  ``export_requested(int, str, bool)``, ``minutes_requested(int)`` and
  ``openRequested(str, int)`` (a link to a record: :mod:`~scbmeet.gui.shell.place_opening`),
  which the window connects to its status bar, navigator, export, minutes hooks and links.

Window geometry, the splitter and the last place visited are kept in QSettings.

The window can be made before its database is open (``MainWindow()``, then
:meth:`MainWindow.attach` with the services): start-up shows it at once, with an
"Opening…" page and the database actions disabled, while the database stack loads and the
file opens in the background. So this module, and its parts, import nothing of the
database stack.

This module holds the window itself: its layout, navigation and what is shown. Its parts
have modules of their own: the page registry and the window's own pages
(:mod:`~scbmeet.gui.shell.pages`), the actions, menus and toolbar
(:mod:`~scbmeet.gui.shell.window_actions`), the commands on the meeting shown
(:mod:`~scbmeet.gui.shell.meeting_commands`) and on the database
(:mod:`~scbmeet.gui.shell.database_commands`), and what is remembered between runs
(:mod:`~scbmeet.gui.shell.window_memory`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSignalBlocker
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QTreeView, QWidget

from scbmeet.domain.errors import NotFoundError, ScbmeetError
from scbmeet.gui.shell.database_commands import DatabaseCommands
from scbmeet.gui.shell.meeting_commands import MeetingCommands
from scbmeet.gui.shell.navigator import KEY_ROLE, NavigatorModel, NavNode, node_key, node_scope
from scbmeet.gui.shell.pages import (
    OpeningPage,
    PageFactory,
    PageRegistry,
    PlaceholderPage,
    WelcomePage,
    lazy_page,
    page_key,
)
from scbmeet.gui.shell.place_opening import open_place
from scbmeet.gui.shell.recent import remember_database
from scbmeet.gui.shell.window_actions import WindowActions
from scbmeet.gui.shell.window_memory import remembered_place, restore_window, save_window
from scbmeet.gui.widgets.changes import hub_for
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.errors import offer_damage_recovery

if TYPE_CHECKING:
    from scbmeet.domain.dto import Change
    from scbmeet.services import Services


# The actions and commands are mixins (see their modules for why); the page registry is a
# part the window owns.
class MainWindow(WindowActions, MeetingCommands, DatabaseCommands, QMainWindow):
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
        self.pages = PageRegistry(self.stack, self.undo_group)
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
        if services.db.path is not None and not self.demo:
            remember_database(self.settings(), services.db.path)
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
        self.pages.register(kind, title, factory)
        self._update_actions()

    def has_page(self, kind: str) -> bool:
        return self.pages.has(kind)

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
        page = self.pages.show(kind, ident, lambda: self._make_page(kind, ident))
        self._shown = (kind, ident)
        self._follow_in_navigator(kind, ident)
        self._update_title()
        self._update_actions()
        return page

    def make_ahead(self, kind: str, ident: int | None) -> QWidget | None:
        """Make the page of ``kind`` for ``ident`` now and keep it, not shown, so that its
        first showing costs only its paint (the warm-up after start-up makes the chair's
        review so); None if it is kept already or nothing makes such pages. What goes wrong
        raises: the page, opened, will meet the same problem and say so then."""
        entry = self.pages.entry(kind)
        if entry is None or self.pages.holds(page_key(kind, ident)):
            return None
        page = entry[1](self.services, ident)
        self._connect_page(page)
        self.pages.hold(kind, ident, page)
        return page

    def _make_page(self, kind: str, ident: int | None) -> QWidget:
        entry = self.pages.entry(kind)
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
            ("openRequested", self.open_place),
            ("export_requested", self.export_document),
            ("pdf_export_requested", self.export_pdf),
            ("invitation_requested", self.export_invitation),
            ("minutes_requested", self.take_minutes),
        ):
            signal = getattr(page, signal_name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)

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
        # The node may be selected already while another page (search) is shown: then
        # selecting it changes nothing, so show its page here.
        if not self.select_key(node_key(kind, ident)) or self._shown != (kind, ident):
            self.show_page(kind, ident)

    def open_place(self, kind: str, ident: int) -> None:
        """Open what a link names (a search hit, a history link, a row of the review)."""
        open_place(self, kind, ident)

    def _follow_in_navigator(self, kind: str, ident: int | None) -> None:
        """Highlight the node of the page shown, or none if it has none (search), so the
        navigator never points at a page that is not on screen."""
        current = self.navigator_model.node(self.navigator.currentIndex())
        if current is not None and (current.kind, current.ident) == (kind, ident):
            return
        index = self.navigator_model.index_for_key(node_key(kind, ident))
        with QSignalBlocker(self.navigator.selectionModel()):  # the page is shown already
            self.navigator.setCurrentIndex(index)  # an invalid index: no node highlighted
        self.navigator.viewport().update()

    def _navigated(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.navigator_model.node(current)
        if node is not None:
            page = self.show_page(node.kind, node.ident)
            scope = getattr(page, "show_scope", None)
            if callable(scope):  # "Upcoming" or a year: that part of the board's meetings
                scope(node_scope(node))

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
            if self.pages.holds(key):
                try:
                    self.services.meetings.meeting(ident)
                except NotFoundError:
                    self.pages.drop(key)

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
        if kind in ("board", "meetings", "members", "actions", "review", "forward_plan"):
            return ident
        return None

    def _update_title(self) -> None:
        where = self.services.db.name if self.attached else ""
        page_title = ""
        if self._shown is not None:
            page_title = self.pages.title(self._shown[0])
        demo = " (demo)" if self.demo else ""
        self.setWindowTitle(
            f"{page_title} – scbmeet{demo} – {where}" if page_title else f"scbmeet{demo}"
        )

    def find(self) -> None:
        """Edit ▸ Find: filter the page shown, or else search everything."""
        page = self.current_page()
        focus = getattr(page, "focus_filter", None)
        if callable(focus):
            focus()
        elif self.has_page("search"):
            self.show_page("search", None)
        else:
            self.statusBar().showMessage("There is nothing to filter on this page.", 5000)

    # -- remembering the window (what is kept, and where: window_memory) ----------------------
    def save_settings(self) -> None:
        key = self.current_key()
        save_window(self, self.splitter, self.place_key, key if self.attached else None)

    def restore_geometry(self) -> None:
        restore_window(self, self.splitter)

    def restore_place(self) -> None:
        place = remembered_place(self.place_key)
        if not (place is not None and self.select_key(place)):
            self.go_to_default_place()

    def go_to_default_place(self) -> None:
        """The next meeting of the first board; Getting started if there are no boards."""
        key = self._default_key()
        if key is not None:
            self.select_key(key)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
