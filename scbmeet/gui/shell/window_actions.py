"""The main window's actions, menus, toolbar and status bar, and when each action is
enabled.

A mixin of :class:`~scbmeet.gui.shell.main_window.MainWindow`: tests, pages and the Word
export reach the actions as the window's own attributes (``window.minutes_action``), and
the actions call the window's commands, so the two are one object. What it uses from the
window is declared below; the commands are in :mod:`~scbmeet.gui.shell.meeting_commands`
and :mod:`~scbmeet.gui.shell.database_commands`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton

from scbmeet.gui import hooks
from scbmeet.gui.shell.clipboard import edit_focused
from scbmeet.gui.shell.help_dialogs import GETTING_STARTED, shortcuts_html, text_window
from scbmeet.gui.shell.meeting_commands import EXPORT_LABELS
from scbmeet.gui.shell.recent import fill_recent_menu, recent_databases
from scbmeet.gui.widgets.elided_label import ElidedLabel
from scbmeet.gui.widgets.icons import icon
from scbmeet.settings import OPEN_AFTER_EXPORT, Settings

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from PySide6.QtGui import QUndoGroup

    from scbmeet.services import Services


class WindowActions:
    """Makes the main window's actions, menus, toolbar and status bar, and keeps the
    actions enabled only where they apply."""

    if TYPE_CHECKING:  # from the window (whose commands the actions call)
        services: Services
        attached: bool
        demo: bool
        undo_group: QUndoGroup

        def switch_to(self, path: Path, then: Callable[[Any], None] | None = None) -> None: ...

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
        self.invitation_action = a(
            "Calendar &invitation (.ics)…",
            self.export_current_invitation,
            icon_name="export",
            tip="Save the meeting's calendar invitation, for Outlook or any calendar",
        )
        self.pdf_export_actions: list[QAction] = []
        for kind, public, text, _name in hooks.PDF_EXPORTS:
            action = a(
                text,
                lambda k=kind, p=public: self.export_current_pdf(k, p),
                icon_name="export",
                tip=f"Save the meeting's {EXPORT_LABELS[(kind, public)]} as a PDF to publish",
            )
            self.pdf_export_actions.append(action)
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
            self.search_everything,
            shortcut="Ctrl+Shift+F",
            icon_name="find",
            tip="Search every board's minutes, actions and papers (Ctrl+Shift+F)",
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
        self.templates_action = a(
            "Agenda te&mplates…",
            self.manage_templates,
            icon_name="template",
            tip="Rename or delete the board's saved agenda templates",
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
        self.import_minutes_action = a(
            "Import &past minutes…",
            self.import_minutes,
            icon_name="import",
            tip="Bring the board's history in from past minutes and agendas (Word or PDF)",
        )
        self.about_action = a("&About scbmeet", self.about)
        self._create_edit_and_help_actions()
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

    def _create_edit_and_help_actions(self) -> None:
        a = self._action
        self.edit_actions = {
            method: a(text, lambda m=method: edit_focused(m), shortcut=key)
            for method, text, key in (
                ("cut", "Cu&t", QKeySequence.StandardKey.Cut),
                ("copy", "&Copy", QKeySequence.StandardKey.Copy),
                ("paste", "&Paste", QKeySequence.StandardKey.Paste),
                ("selectAll", "Select &all", QKeySequence.StandardKey.SelectAll),
            )
        }
        for action in self.edit_actions.values():
            # Text fields and lists handle these keys themselves; the menu items are for
            # people who look for them there.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.shortcuts_action = a("&Keyboard shortcuts", self.show_shortcuts)
        self.getting_started_action = a("&Getting started", self.show_getting_started)

    def search_everything(self) -> None:
        page = self.show_page("search", None)
        focus = getattr(page, "focus_filter", None)
        if callable(focus):
            focus()

    def show_shortcuts(self) -> None:
        self._show_text_window("Keyboard shortcuts", shortcuts_html(self.menuBar()))

    def show_getting_started(self) -> None:
        self._show_text_window("Getting started", GETTING_STARTED)

    def _show_text_window(self, title: str, html: str) -> None:
        window = text_window(self, title, html)
        window.setObjectName(title)
        self.help_window = window  # one at a time; kept alive while it is open
        window.show()

    def _fill_recent_menu(self) -> None:
        settings = self.settings()
        current = self.services.db.path if self.attached else None
        fill_recent_menu(self.recent_menu, recent_databases(settings), current, self.switch_to)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_meeting_action)
        file_menu.addAction(self.open_database_action)
        self.recent_menu = QMenu("Recent &databases", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.export_menu = QMenu("&Export", self)
        self.export_menu.setIcon(icon("export"))
        self.export_menu.addActions(self.export_actions)
        self.export_menu.addAction(self.invitation_action)
        self.pdf_export_menu = self.export_menu.addMenu("As P&DF")
        self.pdf_export_menu.addActions(self.pdf_export_actions)
        self.export_menu.addSeparator()
        self.export_menu.addAction(self.open_after_export_action)
        file_menu.addMenu(self.export_menu)
        file_menu.addAction(self.import_members_action)
        file_menu.addAction(self.import_minutes_action)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addActions(list(self.edit_actions.values()))
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.search_action)
        meeting_menu = bar.addMenu("&Meeting")
        meeting_menu.addAction(self.new_meeting_action)
        meeting_menu.addAction(self.meeting_details_action)
        meeting_menu.addAction(self.minutes_action)
        meeting_menu.addAction(self.template_action)
        meeting_menu.addAction(self.templates_action)
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
        help_menu.addAction(self.getting_started_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
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
        self.search_action.setIconText("Search all")  # the toolbar's short label
        toolbar.addAction(self.search_action)  # Ctrl+Shift+F, found where people look

    def _create_status_bar(self) -> None:
        # A long path is cut in the middle (its tooltip has it whole), never widening the window.
        self.database_label = ElidedLabel()
        self.statusBar().addPermanentWidget(self.database_label)

    def _show_database_name(self) -> None:
        name = self.services.db.name
        self.database_label.setText(
            "Demo database (a fresh copy; changes are thrown away on closing)"
            if self.demo
            else name
        )
        self.database_label.setToolTip(name if not self.demo else f"Demo database: {name}")

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
            *self.pdf_export_actions,
            self.invitation_action,
            self.minutes_action,
            self.meeting_details_action,
            self.template_action,
            self.delete_meeting_action,
            self.audit_action,
        ):
            action.setEnabled(meeting)
        self.edit_board_action.setEnabled(board)
        self.templates_action.setEnabled(board)
        self.import_members_action.setEnabled(board)
        self.import_minutes_action.setEnabled(board)
        self.add_member_action.setEnabled(board)
        self.search_action.setEnabled(self.attached and self.has_page("search"))

    @staticmethod
    def settings() -> Settings:
        return Settings.default()
