"""Importing a board's members from a CSV file: a preview of every row's problems, then all or nothing.

The preview is the services' own check (:meth:`MemberCsvService.preview`), so what the
window says is exactly what the import will accept. Import is possible only when no row
has a problem, and runs off the GUI thread in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPushButton, QTableView, QWidget

from scbmeet.domain.errors import ImportFormatError
from scbmeet.gui.register.dialogs import ROLE_LABELS
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.dialogs import FormDialog
from scbmeet.gui.widgets.exporting import choose_export_path
from scbmeet.gui.widgets.forms import child
from scbmeet.gui.widgets.progress import run_with_progress
from scbmeet.gui.widgets.table_models import (
    FLAG_BACKGROUND,
    PLAIN,
    Column,
    RecordFilterProxy,
    RecordTableModel,
    RowLook,
    configure_table,
)
from scbmeet.services import Services
from scbmeet.services.csv_import import CsvPreview, CsvRow
from scbmeet.text.csv_text import CsvText, decode_csv

MAX_FILE_BYTES = 5 * 1024 * 1024
WRAP_ROWS_UP_TO = 500  # measuring every row of a long file would take a while


def read_csv_text(path: Path) -> CsvText:
    """The file's text, by the same rule as ``scbmeet import-members`` (UTF-8, else
    Windows-1252, said; UTF-16 and semicolon-separated files refused with a hint)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"Cannot read {path.name}: {exc.strerror}.") from exc
    if len(data) > MAX_FILE_BYTES:
        raise ImportFormatError(f"{path.name} is too large for a list of members.")
    return decode_csv(data, path.name)


def _term(row: CsvRow) -> str:
    start = f"{row.start_date.day} {row.start_date:%b %Y}" if row.start_date else ""
    end = f"{row.end_date.day} {row.end_date:%b %Y}" if row.end_date else ""
    if start and end:
        return f"{start} – {end}"
    return f"from {start}" if start else f"until {end}" if end else ""


PREVIEW_COLUMNS: list[Column[CsvRow]] = [
    Column("Line", lambda r: str(r.line), sort=lambda r: r.line, align_right=True),
    Column(
        "Problems",
        lambda r: "; ".join(r.problems) or r.note or "ready",
        sort=lambda r: (not r.problems, r.line),
        tooltip=lambda r: "\n".join(r.problems),
    ),
    Column("Name", lambda r: " ".join(x for x in (r.title, r.given_names, r.family_name) if x)),
    Column("Organisation", lambda r: r.organisation),
    Column("Email", lambda r: r.email),
    Column("Role", lambda r: ROLE_LABELS.get(r.role, r.role).split(" (")[0]),
    Column("Term", _term),
]


def typed_path(text: str) -> Path | None:
    """The path in what was typed or pasted: quotes and a ``file://`` address taken off."""
    text = text.strip().strip('"').strip("'").strip()
    if not text:
        return None
    if text.startswith("file:"):
        text = QUrl(text).toLocalFile() or text
    return Path(text).expanduser()


def counted(number: int, noun: str) -> str:
    """``1 row``, ``2 rows``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


class _EnterKey(QObject):
    """Enter in the file field reads the file typed there (and does not press Import)."""

    def __init__(self, on_enter: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_enter = on_enter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in enter
        ):
            self._on_enter()
            return True
        return super().eventFilter(watched, event)


class CsvImportDialog(FormDialog):
    """Choose a CSV file, see each row's problems, import every row or none."""

    FORM = "csv_import_dialog"

    def __init__(self, services: Services, board_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.board_id = board_id
        self.text = ""
        self.preview: CsvPreview | None = None
        self.imported = 0
        board = services.register.board(board_id)
        self.setWindowTitle(f"Import members of {board.short_name} from CSV")
        self.file_edit = child(self.form, QLineEdit, "fileEdit")
        self.summary = child(self.form, QLabel, "summaryLabel")
        self.model: RecordTableModel[CsvRow] = RecordTableModel(
            PREVIEW_COLUMNS,
            look=lambda r: (
                RowLook(warning=True, background=FLAG_BACKGROUND) if r.problems else PLAIN
            ),
            parent=self,
        )
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = child(self.form, QTableView, "previewView")
        configure_table(
            self.view,
            self.proxy,
            stretch=1,
            widths={0: 45, 2: 140, 3: 170, 4: 210, 5: 70, 6: 120},
            sort_column=1,
        )
        child(self.form, QPushButton, "browseButton").clicked.connect(self.choose_file)
        child(self.form, QPushButton, "templateButton").clicked.connect(self.save_template)
        self._enter = _EnterKey(self.load_typed_path, self)
        self.file_edit.installEventFilter(self._enter)
        self.file_edit.textEdited.connect(self._path_edited)
        self.import_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.import_button.setEnabled(False)
        self.summary.setText("Choose the file to see what would be imported.")

    def is_dirty(self) -> bool:
        return False  # nothing is typed here; the file stays where it is

    def choose_file(self) -> None:
        paths = dialogs.choose_open_files(
            self, "Members file", "CSV files (*.csv *.txt);;All files (*)"
        )
        if paths:
            self.load_file(paths[0])

    def _path_edited(self) -> None:
        """A path being typed: what was checked before is not what would be imported."""
        self.preview = None
        self.import_button.setEnabled(False)
        self.summary.setStyleSheet("")
        self.summary.setText("Press Enter to check the file.")

    def load_typed_path(self) -> None:
        """A path typed or pasted in the file field (quoted, or a file:// address, as file
        managers copy them), read when Enter is pressed."""
        path = typed_path(self.file_edit.text())
        if path is None:
            return
        if not path.is_file():
            self.show_problem(self.file_edit, f"There is no file {path}.")
            return
        self.load_file(path)

    def save_template(self) -> None:
        """Save a CSV file with the columns the import reads and an example row, to fill in."""
        from scbmeet.exports.member_csv_template import export_member_csv_template

        path = choose_export_path(
            self, "Save a members template", "members template.csv", "CSV files (*.csv)"
        )
        if path is None:
            return
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        services = self.services

        def saved(written: Path) -> None:
            self.summary.setStyleSheet("")
            self.summary.setText(
                f"Saved the template as {written}. Fill it in (the example row shows how "
                "roles and dates are written; replace it), save it as CSV and choose it here."
            )

        run_with_progress(
            self,
            "Saving the template…",
            lambda: export_member_csv_template(services, path),
            on_done=saved,
            on_error=lambda exc: self.show_problem(None, dialogs_text(exc)),
        )

    def load_file(self, path: Path) -> None:
        """Read and check ``path`` in the background; the preview appears when done."""
        self.file_edit.setText(str(path))
        self.clear_errors()
        self.import_button.setEnabled(False)
        self.summary.setText("Checking the file…")
        services, board_id = self.services, self.board_id

        def check() -> tuple[CsvText, CsvPreview]:
            csv = read_csv_text(path)
            return csv, services.member_csv.preview(board_id, csv.text)

        run_with_progress(
            self, f"Checking {path.name}…", check, on_done=self._show, on_error=self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.preview = None
        self.model.set_rows([])
        self.summary.setText("")
        self.show_problem(
            None, str(exc) if isinstance(exc, ImportFormatError) else dialogs_text(exc)
        )

    def _show(self, result: tuple[CsvText, CsvPreview]) -> None:
        csv, self.preview = result
        self.text = csv.text
        preview = self.preview
        self.model.set_rows(preview.rows)
        if len(preview.rows) <= WRAP_ROWS_UP_TO:  # show every problem in full
            self.view.setWordWrap(True)
            self.view.resizeRowsToContents()
        if preview.file_problems:
            self.summary.setText("The file cannot be imported: " + " ".join(preview.file_problems))
            self.summary.setStyleSheet("color: #b3261e;")
        else:
            bad = sum(1 for r in preview.rows if r.problems)
            total = len(preview.rows)
            existing = sum(1 for r in preview.rows if r.person_id is not None and not r.problems)
            if bad:
                self.summary.setText(
                    f"{counted(total, 'row')}: {total - bad} ready, {bad} with problems "
                    "(shown first). "
                    "Nothing will be imported until every row is right: correct the file and choose it again."
                )
                self.summary.setStyleSheet("color: #b3261e;")
            else:
                already = f" ({existing} already in the register)" if existing else ""
                self.summary.setText(f"{counted(total, 'row')}, all ready to import{already}.")
                self.summary.setStyleSheet("color: #2e7d32;")
        if csv.note:
            self.summary.setText(f"{self.summary.text()} The file was {csv.note}.")
        self.import_button.setEnabled(preview.ok)
        self.import_button.setText(
            f"Import {counted(len(preview.rows), 'member')}" if preview.ok else "Import"
        )

    def try_accept(self) -> bool:
        """Import every row in the background; close only when all are in."""
        if self.preview is None or not self.preview.ok:
            self.show_problem(None, "Choose a file whose rows are all ready first.")
            return False
        self.clear_errors()
        self.button_box.setEnabled(False)
        services, board_id, text = self.services, self.board_id, self.text

        def done(count: int) -> None:
            self.imported = count
            self.button_box.setEnabled(True)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.button_box.setEnabled(True)
            self.show_problem(None, dialogs_text(exc))

        run_with_progress(
            self,
            "Importing members…",
            lambda: services.member_csv.import_members(board_id, text),
            on_done=done,
            on_error=failed,
        )
        return True


def dialogs_text(exc: BaseException) -> str:
    from scbmeet.gui.widgets.errors import error_text

    return error_text(exc)
