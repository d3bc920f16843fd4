"""File > Import past minutes...: choose minutes and agenda documents, see what was
recognised in each (and what was not), then import all of them or none.

Reading the files and storing them both run off the GUI thread behind a progress window, so
the app never freezes on a long history; the preview is the same text
``scbmeet import-minutes --dry-run`` prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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

from scbmeet.domain.errors import ImportFormatError
from scbmeet.domain.history import ImportPlan, ImportResult
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.dialogs import ERROR_STYLE
from scbmeet.gui.widgets.errors import error_text
from scbmeet.gui.widgets.progress import run_with_progress
from scbmeet.history import read_document
from scbmeet.history.matching import plan_import
from scbmeet.history.preview import plan_lines
from scbmeet.services import Services

FILTERS = "Minutes and agendas (*.docx *.pdf);;All files (*)"


def read_and_plan(
    services: Services, board_id: int, paths: list[Path], progress: Any = None
) -> tuple[ImportPlan, list[str]]:
    """Read every file (saying which one), then match them to the register: the plan and
    the files' own problems."""
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
    return plan_import(services, board_id, documents), problems


class HistoryImportDialog(QDialog):
    """Choose documents, read the preview, import everything or nothing."""

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.plan: ImportPlan | None = None
        self.problems: list[str] = []
        self.result: ImportResult | None = None
        board = services.register.board(board_id)
        self.setWindowTitle(f"Import past minutes of {board.short_name}")
        self.resize(760, 520)
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
        layout.addWidget(self.preview, 1)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
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
            on_done=self._show_plan,
            on_error=self._show_error,
        )

    def _show_plan(self, found: tuple[ImportPlan, list[str]]) -> None:
        plan, problems = found
        self.plan = plan
        self.problems = problems + list(plan.problems)
        self.preview.setPlainText("\n".join(plan_lines(plan)))
        if self.problems:
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(
                "Nothing can be imported until these are put right:\n" + "\n".join(self.problems)
            )
        else:
            self.summary.setStyleSheet("")
            self.summary.setText(
                f"Ready: {len(plan.documents)} document(s), {len(plan.new_people)} new "
                f"people and {len(plan.new_organisations)} new organisations to add."
            )
        self.import_button.setEnabled(not self.problems and bool(plan.documents))

    def _show_error(self, exc: BaseException) -> None:
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(error_text(exc))
        self.buttons.setEnabled(True)

    def start_import(self) -> None:
        plan = self.plan
        if plan is None or self.problems:
            return
        self.buttons.setEnabled(False)
        services = self.services

        def done(result: ImportResult) -> None:
            self.result = result
            self.buttons.setEnabled(True)
            self.accept()

        run_with_progress(
            self,
            "Importing past minutes…",
            lambda: services.history.import_plan(plan),
            on_done=done,
            on_error=self._show_error,
        )
