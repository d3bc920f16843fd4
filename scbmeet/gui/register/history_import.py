"""File > Import past minutes...: choose minutes and agenda documents, see what was
recognised in each (and what was not), put right what was mis-read, then import all of them
or none.

Reading the files, planning the import again after each correction and storing it all run off
the GUI thread (reading and storing behind a progress window), so the app never freezes on a
long history. The preview is the same text ``scbmeet import-minutes --dry-run`` prints; the
corrections (:mod:`scbmeet.gui.register.history_corrections`) are plain data handed to
:func:`~scbmeet.history.matching.plan_import`, never database rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scbmeet.domain import dto
from scbmeet.domain.errors import ImportFormatError
from scbmeet.domain.history import Corrections, ImportPlan, ImportResult, RecognisedDocument
from scbmeet.gui.register.history_corrections import CorrectionsTabs
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.dialogs import ERROR_STYLE
from scbmeet.gui.widgets.errors import error_text
from scbmeet.gui.widgets.progress import run_with_progress
from scbmeet.gui.widgets.tasks import run_task
from scbmeet.history import read_document
from scbmeet.history.matching import plan_import
from scbmeet.history.preview import plan_lines
from scbmeet.services import Services

FILTERS = "Minutes and agendas (*.docx *.pdf);;All files (*)"
RECHECK_AFTER_MS = 300  # a correction being typed is not planned at each key


@dataclass(frozen=True)
class ReadFiles:
    """What reading the files gave: the documents as read, the first plan, the files' own
    problems, and the register to choose from."""

    documents: list[RecognisedDocument]
    plan: ImportPlan
    problems: list[str]
    people: list[dto.PersonInfo]
    organisations: list[dto.OrganisationInfo]


def read_and_plan(
    services: Services, board_id: int, paths: list[Path], progress: Any = None
) -> ReadFiles:
    """Read every file (saying which one), then match them to the register."""
    documents, problems = [], []
    for index, path in enumerate(paths):
        if progress is not None:
            progress(int(100 * index / max(len(paths), 1)), f"Reading {path.name}…")
        try:
            documents.append(read_document(path))
        except ImportFormatError as exc:
            problems.append(str(exc))
    if progress is not None:
        progress(100, "Matching names to the register…")
    return ReadFiles(
        documents,
        plan_import(services, board_id, documents),
        problems,
        services.register.people(include_inactive=False),
        services.register.organisations(include_inactive=False),
    )


def summary_text(plan: ImportPlan) -> str:
    closing = sum(1 for d in plan.documents for o in d.outcomes if o.target and o.state != "open")
    unplaced = sum(len(d.unplaced) for d in plan.documents)
    parts = [
        f"Ready: {len(plan.documents)} document(s), {len(plan.new_people)} new people and "
        f"{len(plan.new_organisations)} new organisations to add"
    ]
    if closing:
        parts.append(f"{closing} earlier action(s) to close")
    if unplaced:
        parts.append(f"{unplaced} paragraph(s) not placed will be left out")
    return "; ".join(parts) + "."


class HistoryImportDialog(QDialog):
    """Choose documents, read and correct the preview, import everything or nothing."""

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.plan: ImportPlan | None = None
        self.documents: list[RecognisedDocument] = []
        self.read_problems: list[str] = []
        self.problems: list[str] = []
        self.result: ImportResult | None = None
        self.plans_shown = 0  # how many plans were shown (each correction makes one)
        self._asked = 0  # the newest re-plan asked for; older answers are dropped
        board = services.register.board(board_id)
        self.setWindowTitle(f"Import past minutes of {board.short_name}")
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.files_label = QLabel("Choose the minutes and agendas (.docx, or .pdf with text).")
        self.files_label.setWordWrap(True)
        browse = QPushButton("&Choose files…")
        browse.clicked.connect(self.choose_files)
        row.addWidget(self.files_label, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setFont(QFont("monospace"))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setAccessibleName("What was recognised")
        self.tabs = CorrectionsTabs(self.preview)
        self.tabs.changed.connect(self._correction_made)
        layout.addWidget(self.tabs, 1)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.recheck = QTimer(self, singleShot=True, interval=RECHECK_AFTER_MS)
        self.recheck.timeout.connect(self.plan_again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def choose_files(self) -> None:
        paths = dialogs.choose_open_files(self, "Import past minutes", FILTERS)
        if paths:
            self.load_files(paths)

    def load_files(self, paths: list[Path]) -> None:
        self.plan = None
        self.import_button.setEnabled(False)
        self.files_label.setText(", ".join(p.name for p in paths))
        self.summary.setText("Reading…")
        services, board_id = self.services, self.board_id
        run_with_progress(
            self,
            "Reading past minutes…",
            lambda progress: read_and_plan(services, board_id, paths, progress),
            on_done=self._files_read,
            on_error=self._show_error,
        )

    def _files_read(self, read: ReadFiles) -> None:
        self.documents = read.documents
        self.read_problems = read.problems
        self.tabs.load(read.plan, read.documents, read.people, read.organisations)
        self._show_plan(read.plan)

    def corrections(self) -> tuple[Corrections, list[str]]:
        return self.tabs.corrections()

    def _correction_made(self) -> None:
        self.import_button.setEnabled(False)
        self.summary.setStyleSheet("")
        self.summary.setText("Checking the corrections…")
        self.recheck.start()

    def plan_again(self) -> None:
        """Make the plan again from the documents as read and the corrections made."""
        self._asked += 1  # any answer still on its way is out of date now
        asked = self._asked
        corrections, typed_wrong = self.corrections()
        if typed_wrong:
            self._show_problems(typed_wrong)
            return
        services, board_id, documents = self.services, self.board_id, list(self.documents)

        def done(plan: ImportPlan) -> None:
            if asked == self._asked and shiboken6.isValid(self):  # not closed meanwhile
                self._show_plan(plan)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self._show_error(exc)

        run_task(
            lambda: plan_import(services, board_id, documents, corrections),
            on_done=done,
            on_error=failed,
        )

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.plans_shown += 1
        self.problems = self.read_problems + list(plan.problems)
        self.preview.setPlainText("\n".join(plan_lines(plan)))
        if self.problems:
            self._show_problems(self.problems)
            return
        self.summary.setStyleSheet("")
        self.summary.setText(summary_text(plan))
        self.import_button.setEnabled(bool(plan.documents) and not self.recheck.isActive())

    def _show_problems(self, problems: list[str]) -> None:
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(
            "Nothing can be imported until these are put right:\n" + "\n".join(problems)
        )
        self.import_button.setEnabled(False)

    def _show_error(self, exc: BaseException) -> None:
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(error_text(exc))
        self.buttons.setEnabled(True)

    def start_import(self) -> None:
        """Plan once more from the corrections (the register may have moved on) and import
        that plan in one transaction; any problem imports nothing."""
        corrections, typed_wrong = self.corrections()
        if self.plan is None or self.problems or typed_wrong or self.recheck.isActive():
            return
        self.buttons.setEnabled(False)
        services, board_id, documents = self.services, self.board_id, list(self.documents)

        def done(result: ImportResult) -> None:
            self.result = result
            self.buttons.setEnabled(True)
            self.accept()

        run_with_progress(
            self,
            "Importing past minutes…",
            lambda: services.history.import_plan(
                plan_import(services, board_id, documents, corrections)
            ),
            on_done=done,
            on_error=self._show_error,
        )
