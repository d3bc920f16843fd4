"""The member CSV dialog through the main window: a path pasted into the file field is read
when Enter is pressed (quoted, or as a file:// address), and a template to fill in is saved
from the dialog, which then imports as it is (issue 19)."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from scbmeet.gui import hooks
from scbmeet.gui.register.csv_import import CsvImportDialog
from scbmeet.gui.shell.extensions import install_extensions
from scbmeet.gui.shell.main_window import MainWindow
from scbmeet.services.csv_import import COLUMNS

CSV = "family_name,given_names,organisation,email\nBaxter,Siân,EBC,sian.baxter@ebc.example.org\n"


@pytest.fixture
def window(qtbot, demo_services, demo, monkeypatch):
    monkeypatch.setattr(hooks, "export_document", hooks.export_document)
    w = MainWindow(demo_services, demo=True)
    install_extensions(w)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.navigate("members", demo[1].board_id)
    return w


def checked(qtbot, dialog: CsvImportDialog) -> None:
    qtbot.waitUntil(
        lambda: dialog.preview is not None or bool(dialog.visible_problems()), timeout=30_000
    )


@pytest.mark.parametrize("as_pasted", ['"{}"', "{}", "file://{}"])
def test_a_pasted_path_is_read_when_enter_is_pressed(window, prompts, tmp_path, qtbot, as_pasted):
    path = tmp_path / "sub group members.csv"
    path.write_text(CSV, encoding="utf-8")
    pasted = as_pasted.format(QUrl.fromLocalFile(str(path)).path() if "file" in as_pasted else path)
    seen: list[CsvImportDialog] = []

    def paste(dialog: CsvImportDialog) -> bool:
        seen.append(dialog)
        assert not dialog.file_edit.isReadOnly()
        QGuiApplication.clipboard().setText(pasted)
        dialog.file_edit.setFocus()
        dialog.file_edit.paste()
        QTest.keyClick(dialog.file_edit, Qt.Key.Key_Return)
        checked(qtbot, dialog)
        return False

    prompts.on_dialog(paste)
    window.import_members_action.trigger()
    dialog = seen[0]
    assert dialog.visible_problems() == []
    assert [r.family_name for r in dialog.model.rows()] == ["Baxter"]
    assert dialog.import_button.text() == "Import 1 member"
    assert dialog.result() == 0 and dialog.imported == 0  # Enter read the file, did not import


def test_a_path_with_no_file_is_said_at_the_field(window, prompts, tmp_path, qtbot):
    seen: list[CsvImportDialog] = []

    def type_path(dialog: CsvImportDialog) -> bool:
        seen.append(dialog)
        QTest.keyClicks(dialog.file_edit, str(tmp_path / "missing.csv"))
        QTest.keyClick(dialog.file_edit, Qt.Key.Key_Return)
        return False

    prompts.on_dialog(type_path)
    window.import_members_action.trigger()
    assert seen[0].visible_problems() == [f"There is no file {tmp_path / 'missing.csv'}."]
    assert not seen[0].import_button.isEnabled()


def test_a_template_saved_from_the_dialog_imports_as_it_is(
    window, prompts, demo_services, tmp_path, qtbot
):
    prompts.save_path = tmp_path / "members template"  # .csv is added
    written = tmp_path / "members template.csv"
    seen: list[CsvImportDialog] = []

    def save_then_load(dialog: CsvImportDialog) -> bool:
        seen.append(dialog)
        dialog.findChild(type(dialog.import_button), "templateButton").click()
        qtbot.waitUntil(lambda: "Saved the template" in dialog.summary.text(), timeout=20_000)
        dialog.load_file(written)
        checked(qtbot, dialog)
        return False

    prompts.on_dialog(save_then_load)
    window.import_members_action.trigger()
    rows = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 2
    dialog = seen[0]
    assert dialog.preview is not None and dialog.preview.ok, dialog.summary.text()
    assert dialog.import_button.text() == "Import 1 member"
