"""The members CSV dialog reads a file by the same rule as ``scbmeet import-members``:
UTF-8, else Windows-1252 (and it says so), UTF-16 and semicolons refused with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from scbmeet.gui.register.csv_import import CsvImportDialog

CSV = (
    "Title,First name,Surname,Organisation,Email,Role\n"
    "Cllr,Siân,Baxter,EBC,sian.baxter@ebc.example.org,member\n"
)


@pytest.fixture
def board_id(demo):
    _, summary = demo
    return summary.board_id


def _load(qtbot, dialog: CsvImportDialog, path: Path) -> None:
    dialog.load_file(path)
    qtbot.waitUntil(
        lambda: dialog.preview is not None or bool(dialog.visible_problems()), timeout=30_000
    )


def test_a_windows_1252_file_is_read_as_such_and_the_dialog_says_so(
    qtbot, demo_services, board_id, tmp_path
):
    path = tmp_path / "members.csv"
    path.write_bytes(CSV.encode("cp1252"))
    dialog = CsvImportDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    _load(qtbot, dialog, path)
    assert [r.given_names for r in dialog.model.rows()] == ["Siân"]
    assert "read as Windows-1252 (it is not UTF-8)" in dialog.summary.text()
    assert dialog.import_button.isEnabled()


def test_a_utf8_file_says_nothing_about_its_encoding(qtbot, demo_services, board_id, tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(CSV.encode("utf-8-sig"))
    dialog = CsvImportDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    _load(qtbot, dialog, path)
    assert [r.given_names for r in dialog.model.rows()] == ["Siân"]
    assert "Windows-1252" not in dialog.summary.text()


@pytest.mark.parametrize(
    ("content", "hint"),
    [
        (CSV.replace(",", "\t").encode("utf-16"), "is UTF-16 text"),
        (CSV.replace(",", ";").encode("utf-8"), "is separated by semicolons"),
    ],
)
def test_utf16_and_semicolon_files_get_a_hint_and_nothing_to_import(
    qtbot, demo_services, board_id, tmp_path, content, hint
):
    path = tmp_path / "members.csv"
    path.write_bytes(content)
    dialog = CsvImportDialog(demo_services, board_id)
    qtbot.addWidget(dialog)
    _load(qtbot, dialog, path)
    problem = dialog.visible_problems()[0]
    assert hint in problem and "CSV UTF-8 (Comma delimited)" in problem
    assert not dialog.import_button.isEnabled()
