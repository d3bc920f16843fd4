"""The minutes window's widgets and layout, built from the Designer form ``minutes_window.ui``.

:class:`MinutesPanes` is the base of :class:`~scbmeet.gui.minutes.window.MinutesWindow`:
it finds the form's widgets and keeps them as the window's own attributes (as a
uic-generated form would), styles them and gives the agenda and records their models.
It connects nothing - each part of the window wires the widgets it acts on.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QBoxLayout,
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
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain import dto
from scbmeet.gui.minutes.models import AgendaModel, RecordsModel
from scbmeet.gui.widgets.forms import child, load_form
from scbmeet.gui.widgets.screen import first_size

BANNER_STYLE = (
    "#bannerFrame { background: #b00020; border-radius: 4px; }"
    " #bannerFrame QLabel { color: white; font-weight: bold; }"
)
NOTICE_STYLE = (
    "#noticeFrame { background: #fff4ce; border: 1px solid #d9b100; border-radius: 4px; }"
)
HEADING_STYLE = "font-size: 15pt; font-weight: bold;"


class MinutesPanes(QMainWindow):
    """The agenda on the left; the minute page or the attendance page on the right; the
    notice above the page and the red not-saved banner across the foot of the window (the
    form puts it below the panes, so its appearing never moves the agenda under a click)."""

    def build_panes(self, meeting: dto.MeetingInfo) -> None:
        self.form_host = QWidget(self)
        self.form = load_form("minutes_window", self.form_host)
        self.setCentralWidget(self.form_host)
        f = self.form
        self.banner = child(f, QFrame, "bannerFrame")
        self.banner_label = child(f, QLabel, "bannerLabel")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.retry_button = child(f, QPushButton, "bannerRetryButton")
        self.restore_button = child(f, QPushButton, "bannerRestoreButton")
        self.restore_button.hide()
        self.notice_frame = child(f, QFrame, "noticeFrame")
        self.notice_label = child(f, QLabel, "noticeLabel")
        self.notice_frame.setStyleSheet(NOTICE_STYLE)
        self.notice_frame.hide()
        self.notice_dismiss_button = child(f, QPushButton, "noticeDismissButton")
        self.pages = child(f, QStackedWidget, "pages")
        self.minute_page = child(f, QWidget, "minutePage")
        self.attendance_page = child(f, QWidget, "attendancePage")
        self._notices_beside_the_agenda()
        self._build_agenda()
        self._build_minute_page()
        self._style_headings(meeting)
        self.save_status = QLabel()
        self.statusBar().addPermanentWidget(self.save_status)

    def _notices_beside_the_agenda(self) -> None:
        """The notice goes above the item, not above the whole window: one appearing as a
        shorthand line is recorded must not push the agenda down under a click on its way."""
        splitter = child(self.form, QSplitter, "splitter")
        right = QWidget(splitter)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        index = splitter.indexOf(self.pages)
        layout.addWidget(self.notice_frame)
        layout.addWidget(self.pages, 1)
        splitter.insertWidget(index, right)

    def size_panes(self) -> None:
        """The window's first size (once its menus and status bar are in place)."""
        # An explicit minimum keeps the layout from re-imposing one whenever a banner
        # appears (which some window systems cannot even be told about).
        self.setMinimumSize(900, 600)
        self.resize(first_size(self, 1280, 800))
        child(self.form, QSplitter, "splitter").setSizes([380, 900])

    def _style_headings(self, meeting: dto.MeetingInfo) -> None:
        meeting_label = child(self.form, QLabel, "meetingLabel")
        title = f" — {meeting.title}" if meeting.title else ""
        meeting_label.setText(
            f"<b>{meeting.board_name}</b><br>{dto.long_date(meeting.date)}{title}"
        )
        self.heading = child(self.form, QLabel, "itemHeading")
        self.details = child(self.form, QLabel, "itemDetails")
        self.heading.setStyleSheet(HEADING_STYLE)
        self.attendance_heading = child(self.form, QLabel, "attendanceHeading")
        self.attendance_heading.setStyleSheet(HEADING_STYLE)
        # The quorum at the item being taken, under its heading (it changes as people come
        # and go, so the minute-taker sees it where the minute is typed).
        self.quorum_line = QLabel()
        self.quorum_line.setObjectName("quorumLine")
        self.quorum_line.setWordWrap(True)
        parent = self.details.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(layout.indexOf(self.details) + 1, self.quorum_line)

    def _build_agenda(self) -> None:
        self.agenda_view = child(self.form, QTreeView, "agendaView")
        self.agenda_model = AgendaModel(self)
        self.agenda_view.setModel(self.agenda_model)
        header = self.agenda_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def _build_minute_page(self) -> None:
        f = self.form
        self.title_edit = child(f, QLineEdit, "titleEdit")
        self.narrative = child(f, QPlainTextEdit, "narrativeEdit")
        self.narrative.setUndoRedoEnabled(False)  # the window's undo stack covers typing
        self.records_view = child(f, QTreeView, "recordsView")
        self.records_model = RecordsModel(self)
        self.records_view.setModel(self.records_model)
        header = self.records_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.confirm_frame = child(f, QFrame, "confirmFrame")
        self.confirm_label = child(f, QLabel, "confirmLabel")
        self.confirm_button = child(f, QPushButton, "confirmButton")
        self.resolution_button = child(f, QPushButton, "resolutionButton")
        self.action_button = child(f, QPushButton, "actionButton")
        self.update_button = child(f, QPushButton, "updateButton")
        self.defer_button = child(f, QPushButton, "deferButton")
        self.minute_splitter = child(f, QSplitter, "minuteSplitter")
        self.minute_splitter.setSizes([0, 420, 200])
