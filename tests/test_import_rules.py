"""``import-json`` keeps the services' and ``check``'s rules, and cleans file names as on
attach (issue 20, item 9): one line per problem, nothing imported on failure."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from scbmeet import jsonio
from scbmeet.cli import main
from scbmeet.domain.errors import ImportFormatError
from scbmeet.services import Services
from scbmeet.services.integrity import check_database
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import Database, sqlite_url

Export = dict[str, Any]


@pytest.fixture(scope="module")
def base_export(tmp_path_factory: pytest.TempPathFactory) -> Export:
    """A valid export: an approved meeting with two minutes, a closed action, a paper file."""
    folder = tmp_path_factory.mktemp("import-rules")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCBMEET_DATA_DIR", str(folder))
        database = open_database(sqlite_url(folder / "base.sqlite3"))
        s = Services(database)
        board = s.register.create_board("Marlshire Safer Communities Board", "MSCB")
        s.register.create_person("Goodwin", given_names="Sally")
        june = s.meetings.create_meeting(board.id, date(2013, 6, 5), standard_agenda=False)
        item = s.agenda.add_item(june.id, "ASB update")
        paper = s.agenda.add_paper(item.id, "ASB quarterly report")
        s.agenda.attach_file(paper.id, "asb.docx", b"PK\x03\x04 report")
        first = s.minutes.add_minute(june.id, "ASB update", agenda_item_id=item.id)
        s.minutes.add_minute(june.id, "Any other business")
        s.actions.add_action(first.id, "Circulate the data", "Sally Goodwin")
        data = jsonio.export_data(database)
        database.dispose()
    data["tables"]["meeting"][0].update(state="minutes_approved", approved_on="2013-07-01")
    data["tables"]["action"][0].update(state="done", closed_on="2013-06-20")
    return data


def _counts(db: Database) -> dict[str, int]:
    with db.reading() as s:
        conn = s.connection()
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in jsonio.tables()
        }


def _cli_import(capsys, db: Database, data: Export, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCBMEET_DATABASE_URL", db.url)
        code = main(["import-json", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


def _file(data: Export) -> dict[str, Any]:
    return data["tables"]["paperfile"][0]


def _set_file(data: Export, content: bytes) -> None:
    _file(data).update(content=base64.b64encode(content).decode("ascii"))


BREAKAGES: dict[str, tuple[Callable[[Export], None], str]] = {
    "approved without a date": (
        lambda d: d["tables"]["meeting"][0].update(approved_on=None),
        "meeting[0] (2013-06-05) is approved but has no approval date",
    ),
    "a negative minute number": (
        lambda d: d["tables"]["minuteitem"][0].update(number=-3),
        "minuteitem[0].number is -3; minute numbers start at 1",
    ),
    "a zero minute number": (
        lambda d: d["tables"]["minuteitem"][1].update(number=0),
        "minuteitem[1].number is 0",
    ),
    "minutes out of order": (
        lambda d: d["tables"]["minuteitem"][1].update(number=7),
        "the minutes of meeting 2013-06-05 are not numbered in order (1, 7)",
    ),
    "a closed action without a date": (
        lambda d: d["tables"]["action"][0].update(closed_on=None),
        "action[0] is done but has no closing date",
    ),
    "a file whose sha256 is not its bytes": (
        lambda d: _file(d).update(sha256="0" * 64),
        "paperfile[0] (asb.docx): its sha256 does not match its contents",
    ),
    "a file whose size is not its bytes": (
        lambda d: _file(d).update(size=10_000_000),
        "paperfile[0] (asb.docx) says it is 10000000 bytes but holds 11 bytes",
    ),
    "a file swapped for other bytes": (
        lambda d: _set_file(d, b"MZ\x90\x00 malwar"),
        "paperfile[0] (asb.docx): its sha256 does not match its contents",
    ),
    "a file name with nothing usable": (
        lambda d: _file(d).update(filename="../.."),
        "paperfile[0] has no usable file name ('../..')",
    ),
}


def test_the_base_export_imports_and_passes_check(base_export, db):
    jsonio.import_data(db, copy.deepcopy(base_export))
    assert check_database(db) == []


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_file_breaking_a_rule_is_refused_with_one_line_and_nothing_imported(
    capsys, db, base_export, tmp_path, breakage
):
    mutate, expected = BREAKAGES[breakage]
    broken = copy.deepcopy(base_export)
    mutate(broken)
    before = _counts(db)
    code, err = _cli_import(capsys, db, broken, tmp_path)
    assert code == 1
    assert err.count("\n") == 1, err
    assert err.startswith("scbmeet: Nothing was imported: ") and expected in err, err
    assert _counts(db) == before


def test_every_problem_gets_a_line_of_its_own(capsys, db, base_export, tmp_path):
    broken = copy.deepcopy(base_export)
    for name in (
        "approved without a date",
        "a negative minute number",
        "a file whose size is not its bytes",
    ):
        BREAKAGES[name][0](broken)
    before = _counts(db)
    code, err = _cli_import(capsys, db, broken, tmp_path)
    lines = err.splitlines()
    assert code == 1
    assert lines[0] == "scbmeet: Nothing was imported: the file breaks 3 of scbmeet's rules:"
    assert [line.strip() for line in lines[1:]] == [
        BREAKAGES["approved without a date"][1],
        BREAKAGES["a negative minute number"][1],
        BREAKAGES["a file whose size is not its bytes"][1],
    ]
    assert _counts(db) == before


HOSTILE_NAMES = {
    "../../etc/cron.d/job.docx": "job.docx",
    "..\\..\\Windows\\System32\\evil.docx": "evil.docx",
    "CON.docx": "_CON.docx",
    "aux": "_aux",
    "report\u202excod.docx": "reportxcod.docx",
    "\x1b[31mred\x07.docx": "[31mred.docx",
    "minutes.docx.": "minutes.docx",
}


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_hostile_file_names_are_cleaned_as_on_attach(db, base_export, hostile):
    data = copy.deepcopy(base_export)
    _file(data).update(filename=hostile)
    jsonio.import_data(db, data)
    with db.reading() as s:
        stored = s.connection().exec_driver_sql("SELECT filename FROM paperfile").scalars().all()
    assert stored == [HOSTILE_NAMES[hostile]]


def test_a_matching_replacement_file_is_accepted(db, base_export):
    data = copy.deepcopy(base_export)
    content = b"PK\x03\x04 a corrected report"
    _set_file(data, content)
    _file(data).update(size=len(content), sha256=hashlib.sha256(content).hexdigest().upper())
    assert jsonio.import_data(db, data)["paperfile"] == 1


def test_validation_alone_refuses_without_a_database(base_export):
    broken = copy.deepcopy(base_export)
    BREAKAGES["a negative minute number"][0](broken)
    with pytest.raises(ImportFormatError, match="minute numbers start at 1"):
        jsonio.validate(broken)
