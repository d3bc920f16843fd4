"""One rule for reading a CSV file's bytes, and ``scbmeet import-members`` keeping it."""

from __future__ import annotations

import pytest

from scbmeet.cli import main
from scbmeet.domain.errors import ImportFormatError
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from scbmeet.text.csv_text import decode_csv

CSV = "family_name,given_names,organisation,email\nBaxter,Siân,EBC,sian.baxter@ebc.example.org\n"


@pytest.mark.parametrize(
    ("data", "encoding", "note"),
    [
        (CSV.encode("utf-8"), "UTF-8", ""),
        (CSV.encode("utf-8-sig"), "UTF-8", ""),
        (CSV.encode("cp1252"), "Windows-1252", "read as Windows-1252 (it is not UTF-8)"),
    ],
)
def test_utf8_then_windows_1252_and_which_was_used(data, encoding, note):
    read = decode_csv(data, "members.csv")
    assert read.text == CSV and read.encoding == encoding
    assert read.note.startswith(note) and bool(read.note) == bool(note)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (CSV.encode("utf-16"), "members.csv is UTF-16 text"),
        (CSV.encode("utf-16-le"), "members.csv is UTF-16 text"),
        (CSV.replace(",", ";").encode(), "members.csv is separated by semicolons"),
        (b"family_name,email\n\x81\x8d\x8f\x90\x9d\n", "neither UTF-8 nor Windows-1252"),
    ],
)
def test_files_that_cannot_be_read_right_get_a_hint(data, problem):
    with pytest.raises(ImportFormatError) as refused:
        decode_csv(data, "members.csv")
    message = str(refused.value)
    assert message.startswith("Nothing was imported: ") and problem in message
    assert "CSV UTF-8 (Comma delimited)" in message and "\n" not in message


def test_semicolons_inside_a_comma_separated_file_are_text():
    text = "family_name,given_names,organisation,email\nBaxter;Smith,Jo,EBC,jo@ebc.example.org\n"
    assert decode_csv(text.encode(), "members.csv").text == text


@pytest.fixture
def board_db(tmp_path):
    path = tmp_path / "board.sqlite3"
    database = open_database(sqlite_url(path))
    services = Services(database)
    services.register.create_board("Eastvale Community Safety Partnership", "ECSP")
    services.register.create_organisation("Eastvale Borough Council", short_name="EBC")
    database.dispose()
    return path


def test_the_command_imports_a_windows_1252_file_and_says_so(capsys, tmp_path, board_db):
    path = tmp_path / "members.csv"
    path.write_bytes(CSV.encode("cp1252"))
    assert main(["import-members", str(path), "--board", "ECSP", "--db", str(board_db)]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 member(s) of ECSP" in out
    assert f"({path} read as Windows-1252 (it is not UTF-8)" in out
    database = open_database(sqlite_url(board_db))
    names = [p.given_names for p in Services(database).register.people()]
    database.dispose()
    assert names == ["Siân"]


def test_the_command_refuses_a_semicolon_file_with_the_same_hint_as_the_app(
    capsys, tmp_path, board_db
):
    path = tmp_path / "members.csv"
    path.write_bytes(CSV.replace(",", ";").encode())
    assert main(["import-members", str(path), "--board", "ECSP", "--db", str(board_db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is separated by semicolons" in err
