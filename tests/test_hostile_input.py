"""Broken and hostile input to ``import-json`` and the member CSV import.

Hypothesis starts from a valid export (or member file) and breaks it in one way: wrong
types, missing keys, huge strings, unknown versions, duplicated ids, control
characters, dangling references, rows that break a database constraint, or no export
at all. Whatever it generates, the answer is one clear line (exit status 1 on the
command line, an :class:`ImportFormatError`/:class:`ValidationError` from the services),
never a traceback or an internal error, and nothing at all imported.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scbmeet import jsonio
from scbmeet.cli import main
from scbmeet.domain.enums import ENUM_COLUMNS
from scbmeet.domain.errors import ValidationError
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import Database, sqlite_url

HYPOTHESIS = settings(
    max_examples=35,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\u202e", "\x0c"])


# -- the valid starting points ----------------------------------------------------------------
@pytest.fixture(scope="module")
def base_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid export of a small but complete board (every kind of row)."""
    folder = tmp_path_factory.mktemp("hostile-base")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCBMEET_DATA_DIR", str(folder))
        mp.setenv("SCBMEET_USER", "test-secretary")
        database = open_database(sqlite_url(folder / "base.sqlite3"))
        s = Services(database)
        board = s.register.create_board("Marlshire Safer Communities Board", "MSCB")
        police = s.register.create_organisation("Marlshire Police", short_name="MP")
        s.register.create_person("Goodwin", given_names="Sally", organisation_id=police.id)
        theme = s.register.create_theme("Anti-social behaviour")
        june = s.meetings.create_meeting(board.id, date(2013, 6, 5), standard_agenda=False)
        s.meetings.create_meeting(board.id, date(2013, 11, 6), standard_agenda=False)
        item = s.agenda.add_item(june.id, "ASB update", theme_ids=[theme.id])
        s.agenda.add_item(june.id, "Hotspots", parent_id=item.id)
        paper = s.agenda.add_paper(item.id, "ASB quarterly report")
        s.agenda.attach_file(paper.id, "asb.docx", b"PK\x03\x04 report")
        first = s.minutes.add_minute(june.id, "ASB update", agenda_item_id=item.id)
        second = s.minutes.add_minute(june.id, "Any other business")
        s.minutes.add_resolution(first.id, "that the report be noted")
        gone = s.minutes.add_resolution(second.id, "that nothing be done")
        s.minutes.delete_resolution(gone.id)
        s.actions.add_action(first.id, "Circulate the data", "Sally Goodwin")
        data = jsonio.export_data(database)
        database.dispose()
    return data


@pytest.fixture
def target(db: Database) -> Iterator[Database]:
    """The database imported into: it already holds another board, which must not change."""
    services = Services(db)
    services.register.create_board("Eastvale Community Safety Partnership", "ECSP")
    services.register.create_organisation("Eastvale Borough Council", short_name="EBC")
    yield db


def row_counts(db: Database) -> dict[str, int]:
    with db.reading() as s:
        conn = s.connection()
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in jsonio.tables()
        }


# -- ways to break an export -------------------------------------------------------------------
def _python_type(column: sa.Column[Any]) -> type:
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return str
    return str if kind is object else kind  # SQLModel's AutoString says "object"


def _columns(data: dict[str, Any], want: Any) -> list[tuple[str, str]]:
    """(table, column) pairs of tables with rows whose column satisfies ``want``."""
    return [
        (t.name, c.name)
        for t in jsonio.tables()
        if data["tables"].get(t.name)
        for c in t.columns
        if want(t, c)
    ]


def _wrong_value(column: sa.Column[Any]) -> st.SearchStrategy[Any]:
    containers = st.one_of(
        st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers())
    )
    kind = _python_type(column)
    if kind is bool:
        return st.one_of(st.integers(), st.text(max_size=5), st.floats(), containers)
    if kind is int:
        return st.one_of(
            st.text(max_size=5),
            st.floats(),
            st.booleans(),
            st.integers(min_value=2**31),
            st.integers(max_value=-(2**31) - 1),
            containers,
        )
    if kind is bytes:
        return st.one_of(
            st.sampled_from(["not base64!", "a", "====", "YWJj\n", "\x00\x01"]), st.integers()
        )
    if kind in (date, sa.DateTime().python_type, sa.Time().python_type):
        bad_text = st.sampled_from(["2013-02-30", "yesterday", "5 June 2013", "25:61", "\x07"])
        return st.one_of(bad_text, st.integers(), st.floats(), st.booleans(), containers)
    vocabulary = ENUM_COLUMNS.get((column.table.name, column.name))
    if vocabulary is not None:
        allowed = {v.value for v in vocabulary}
        return st.one_of(
            st.text(max_size=12).filter(lambda v: v not in allowed), st.integers(), containers
        )
    return st.one_of(st.integers(), st.floats(), st.booleans(), containers)


def _pick_row(draw: st.DrawFn, data: dict[str, Any], table: str) -> dict[str, Any]:
    rows = data["tables"][table]
    return rows[draw(st.integers(0, len(rows) - 1))]


@st.composite
def broken_exports(draw: st.DrawFn, base: dict[str, Any]) -> tuple[str, Any]:
    data = copy.deepcopy(base)
    kind = draw(
        st.sampled_from(
            [
                "wrong type",
                "missing key",
                "huge string",
                "unknown version",
                "duplicated id",
                "control characters",
                "dangling reference",
                "broken structure",
                "constraint",
                "not an export",
            ]
        )
    )
    by_name = {t.name: t for t in jsonio.tables()}
    if kind == "wrong type":
        table, name = draw(st.sampled_from(_columns(data, lambda t, c: True)))
        _pick_row(draw, data, table)[name] = draw(_wrong_value(by_name[table].c[name]))
    elif kind == "missing key":
        choices = _columns(
            data, lambda t, c: c.primary_key or (not c.nullable and c.default is None)
        )
        table, name = draw(st.sampled_from(choices))
        _pick_row(draw, data, table).pop(name, None)
    elif kind == "huge string":
        choices = _columns(
            data,
            lambda t, c: getattr(c.type, "length", None) and _python_type(c) is str,
        )
        table, name = draw(st.sampled_from(choices))
        limit = by_name[table].c[name].type.length
        filler = draw(st.sampled_from(["x", "Ж", "安", "\u00e9"]))
        _pick_row(draw, data, table)[name] = filler * (limit + draw(st.integers(1, 5000)))
    elif kind == "unknown version":
        if draw(st.booleans()):
            data["version"] = draw(
                st.one_of(
                    st.integers(min_value=2),
                    st.integers(max_value=0),
                    st.text(max_size=5),
                    st.floats(),
                    st.none(),
                    st.booleans(),
                )
            )
        else:
            data["format"] = draw(st.text(max_size=20).filter(lambda f: f != jsonio.FORMAT))
    elif kind == "duplicated id":
        tables = [t for t, rows in data["tables"].items() if len(rows) >= 2 and "id" in rows[0]]
        table = draw(st.sampled_from(sorted(tables)))
        rows = data["tables"][table]
        rows[1]["id"] = rows[0]["id"]
    elif kind == "control characters":
        where = draw(st.sampled_from(["table", "field", "vocabulary", "nul"]))
        text = draw(st.text(max_size=8)) + draw(CONTROL) + draw(st.text(max_size=8))
        if where == "table":
            data["tables"][text] = []
        elif where == "field":
            _pick_row(draw, data, "meeting")[text] = "x"
        elif where == "vocabulary":
            _pick_row(draw, data, "meeting")["state"] = "planned" + text
        else:
            _pick_row(draw, data, "minuteitem")["narrative"] = text.replace("\x00", "") + "\x00"
    elif kind == "dangling reference":
        choices = [
            (t.name, fk.parent.name, fk.column.table.name)
            for t in jsonio.tables()
            if data["tables"].get(t.name)
            for fk in t.foreign_keys
        ]
        table, name, target_table = draw(st.sampled_from(choices))
        known = [r.get("id", 0) for r in data["tables"][target_table]]
        _pick_row(draw, data, table)[name] = max([0, *known]) + draw(st.integers(1, 10**6))
    elif kind == "broken structure":
        where = draw(st.sampled_from(["tables", "rows", "row"]))
        junk = draw(st.one_of(st.integers(), st.text(max_size=5), st.none(), st.booleans()))
        if where == "tables":
            data["tables"] = draw(st.one_of(st.just([]), st.just(junk)))
        elif where == "rows":
            data["tables"]["meeting"] = draw(st.one_of(st.just({}), st.just(junk)))
        else:
            data["tables"]["minuteitem"][0] = junk
    elif kind == "constraint":
        if draw(st.booleans()):
            meetings = data["tables"]["meeting"]
            meetings[1]["date"] = meetings[0]["date"]  # one board meeting twice in a day
        else:
            minutes = data["tables"]["minuteitem"]
            minutes[1]["number"] = minutes[0]["number"]  # a minute number used twice
    else:
        json_values = st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=10,
        )
        data = draw(json_values)
    return kind, data


def test_the_base_export_is_valid_so_each_mutation_is_what_breaks_it(base_export, target):
    before = row_counts(target)
    counts = jsonio.import_data(target, copy.deepcopy(base_export))
    after = row_counts(target)
    assert all(after[t] == before[t] + counts[t] for t in before)
    assert counts["minuteitem"] == 2 and counts["paperfile"] == 1 and counts["auditentry"] == 1


@HYPOTHESIS
@given(data=st.data())
def test_import_json_refuses_broken_exports_through_the_services(base_export, target, data):
    kind, broken = data.draw(broken_exports(base_export), label="mutation")
    before = row_counts(target)
    with pytest.raises(ValidationError) as caught:
        jsonio.import_data(target, broken)
    assert str(caught.value).startswith("Nothing was imported"), kind
    assert row_counts(target) == before, kind


def _cli_import(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["import-json", str(path)])
    _out, err = capsys.readouterr()
    return code, err


def _assert_one_clear_line(code: int, err: str, what: str) -> None:
    assert code == 1, what
    assert "Traceback" not in err and "internal error" not in err, err
    assert err.startswith("scbmeet: ") and err.count("\n") == 1, err


@HYPOTHESIS
@given(data=st.data())
def test_import_json_command_answers_broken_exports_with_one_line(
    base_export, target, data, capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("SCBMEET_DATABASE_URL", target.url)
    kind, broken = data.draw(broken_exports(base_export), label="mutation")
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken, ensure_ascii=data.draw(st.booleans())), encoding="utf-8")
    before = row_counts(target)
    code, err = _cli_import(capsys, path)
    _assert_one_clear_line(code, err, kind)
    assert row_counts(target) == before, kind


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe not utf-8 \x80", "not UTF-8"),
        (b"", "not valid JSON"),
        (b'{"format": "scbmeet-export", "version": 1, "tables": {', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (
            b'{"format": "scbmeet-export", "version": 1, "tables": {"theme": '
            b'[{"id": 1, "name": "\\ud800", "description": ""}]}}',
            "unpaired surrogate",
        ),
        (
            b'{"format": "scbmeet-export", "version": 1, "tables": {"theme": '
            b'[{"id": 1, "name": "x", "description": "' + b"y" * 5_000_001 + b'"}]}}',
            "too long",
        ),
        (b'{"format": "scbmeet-export", "version": NaN, "tables": {}}', "version"),
    ],
)
def test_import_json_command_on_files_that_are_not_exports(
    content, expected, target, capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("SCBMEET_DATABASE_URL", target.url)
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    before = row_counts(target)
    code, err = _cli_import(capsys, path)
    _assert_one_clear_line(code, err, expected)
    assert expected in err
    assert row_counts(target) == before


def test_loops_and_cross_meeting_parents_are_refused(base_export, target):
    looped = copy.deepcopy(base_export)
    items = looped["tables"]["agendaitem"]
    items[0]["parent_id"] = items[1]["id"]  # the sub-item's parent is now its own child
    with pytest.raises(ValidationError, match="loop"):
        jsonio.import_data(target, looped)
    moved = copy.deepcopy(base_export)
    later = next(m for m in moved["tables"]["meeting"] if m["date"] == "2013-11-06")
    sub = next(i for i in moved["tables"]["agendaitem"] if i["parent_id"] is not None)
    sub["meeting_id"] = later["id"]
    with pytest.raises(ValidationError, match="another meeting"):
        jsonio.import_data(target, moved)


def test_control_characters_in_free_text_are_kept_exactly(base_export, target):
    """Text pasted from PDFs carries form feeds and the like; it round-trips unchanged."""
    data = copy.deepcopy(base_export)
    data["tables"]["minuteitem"][0]["narrative"] = "Page one\x0cpage two\x0bline\x07bell\u202e"
    jsonio.import_data(target, data)
    exported = jsonio.export_data(target)["tables"]["minuteitem"]
    assert "Page one\x0cpage two\x0bline\x07bell\u202e" in [m["narrative"] for m in exported]


# -- the member CSV import ---------------------------------------------------------------------
VALID_ROWS = [
    ["Ms", "Priya", "Desai", "Eastvale Borough Council", "priya.desai@eastvale.example"],
    ["Cllr", "Tom", "Reyes", "EBC", ""],
    ["", "Ana", "Silva", "Eastvale Borough Council", "ana.silva@eastvale.example"],
]
HEADER = ["title", "given_names", "family_name", "organisation", "email"]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> str:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value

    return "\r\n".join(",".join(cell(v) for v in row) for row in [header, *rows]) + "\r\n"


@st.composite
def broken_member_files(draw: st.DrawFn) -> tuple[str, str]:
    rows = [list(r) for r in VALID_ROWS]
    header = list(HEADER)
    kind = draw(
        st.sampled_from(
            [
                "missing column",
                "unknown column",
                "duplicated column",
                "control characters",
                "huge field",
                "unknown organisation",
                "duplicated person",
                "bad email",
                "bad date",
                "too many fields",
                "nul byte",
                "no rows",
                "random text",
            ]
        )
    )
    row = rows[draw(st.integers(0, len(rows) - 1))]
    if kind == "missing column":
        drop = draw(st.sampled_from([2, 3]))  # family_name or organisation
        header.pop(drop)
        rows = [r[:drop] + r[drop + 1 :] for r in rows]
    elif kind == "unknown column":
        header.append(draw(st.text(min_size=1, max_size=10).filter(lambda h: h.strip())) + "?")
        rows = [[*r, "x"] for r in rows]
    elif kind == "duplicated column":
        header.append("email")
        rows = [[*r, ""] for r in rows]
    elif kind == "control characters":
        column = draw(st.integers(0, 4))
        row[column] = row[column] + draw(CONTROL.filter(lambda c: c not in "\x00\u202e"))
    elif kind == "huge field":
        column = draw(st.integers(0, 4))
        row[column] = "x" * draw(st.integers(300, 200_000))
    elif kind == "unknown organisation":
        row[3] = draw(st.text(min_size=1, max_size=30).filter(lambda o: o.strip())) + " Ltd?"
    elif kind == "duplicated person":
        rows.append(list(rows[0]))
    elif kind == "bad email":
        row[4] = draw(st.sampled_from(["not-an-email", "a@b", "@example.org", "x y@z.org"]))
    elif kind == "bad date":
        header.append("start_date")
        rows = [[*r, ""] for r in rows]
        row = rows[0]
        row[-1] = draw(st.sampled_from(["5 June 2013", "2013-02-30", "tomorrow", "06/05/2013"]))
    elif kind == "too many fields":
        row.extend(["extra", "fields"])
    elif kind == "nul byte":
        row[2] = row[2] + "\x00"
    elif kind == "no rows":
        rows = []
    else:
        return kind, draw(st.text(max_size=200))
    return kind, _csv(rows, header)


@pytest.fixture
def board_id(target: Database) -> int:
    return Services(target).register.board_by_short_name("ECSP").id


def test_the_valid_member_file_imports(target, board_id):
    assert Services(target).member_csv.import_members(board_id, _csv(VALID_ROWS)) == 3


@HYPOTHESIS
@given(data=st.data())
def test_member_import_refuses_broken_files_through_the_services(target, board_id, data):
    kind, text = data.draw(broken_member_files(), label="mutation")
    before = row_counts(target)
    with pytest.raises(ValidationError) as caught:
        Services(target).member_csv.import_members(board_id, text)
    assert str(caught.value).startswith("Nothing was imported"), kind
    assert row_counts(target) == before, kind


@HYPOTHESIS
@given(data=st.data())
def test_import_members_command_answers_broken_files_with_one_line(
    target, board_id, data, capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("SCBMEET_DATABASE_URL", target.url)
    kind, text = data.draw(broken_member_files(), label="mutation")
    path = tmp_path / "members.csv"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = row_counts(target)
    code = main(["import-members", str(path), "--board", "ECSP"])
    _, err = capsys.readouterr()
    _assert_one_clear_line(code, err, kind)
    assert row_counts(target) == before, kind


def test_import_members_command_reads_a_windows_1252_file_and_says_so(
    target, capsys, tmp_path, monkeypatch
):
    """The same rule as the app's CSV dialog (scbmeet.text.csv_text): UTF-8, else
    Windows-1252, and the user is told which was used."""
    monkeypatch.setenv("SCBMEET_DATABASE_URL", target.url)
    path = tmp_path / "members.csv"
    path.write_bytes(_csv(VALID_ROWS).replace("Silva", "Sílva").encode("cp1252"))
    code = main(["import-members", str(path), "--board", "ECSP"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "read as Windows-1252 (it is not UTF-8)" in out
    with target.reading() as s:
        names = s.connection().exec_driver_sql("SELECT family_name FROM person").scalars().all()
    assert "Sílva" in names
