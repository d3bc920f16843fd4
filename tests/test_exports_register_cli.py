"""``scbmeet export register``: the register's action log from the command line."""

from __future__ import annotations

import docx
import pytest

from scbmeet.cli import main


@pytest.fixture
def db_args(demo):
    services, _ = demo
    return ["--db", str(services.db.path)]


def _headings(path, level=1):
    return [p.text for p in docx.Document(path).paragraphs if p.style.name == f"Heading {level}"]


def test_one_owners_outstanding_actions(db_args, tmp_path, capsys):
    out = tmp_path / "rachel.docx"
    argv = ["export", "register", *db_args, "--owner", "Rachel Okafor", "--out", str(out)]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {out}"
    assert _headings(out) == ["Outstanding actions, owner Rachel Okafor"]
    table = docx.Document(out).tables[0]
    assert [r.cells[0].text for r in table.rows[1:]] == ["2/26", "14/26"]


def test_filters_and_grouping(db_args, tmp_path):
    out = tmp_path / "log.docx"
    argv = ["export", "register", *db_args, "--board", "MSCB", "--state", "all"]
    argv += ["--overdue", "--due-before", "2027-01-01", "--by", "owner", "--out", str(out)]
    assert main(argv) == 0
    [heading] = _headings(out)
    assert heading.startswith("All actions of Marlshire Safer Communities Board, overdue")
    assert heading.endswith("due before 1 January 2027")
    assert _headings(out, 2)  # one per owner


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--owner", "Nobody Atall"], "--owner 'Nobody Atall' is not in the register."),
        (["--theme", "Knitting"], "--theme 'Knitting' is not a priority theme."),
        (["--due-before", "tomorrow"], "'tomorrow' is not a date"),
        (["--board", "ZZZ"], "ZZZ"),
    ],
)
def test_bad_input_is_one_line_on_stderr(db_args, tmp_path, capsys, extra, message):
    out = tmp_path / "x.docx"
    assert main(["export", "register", *db_args, *extra, "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
