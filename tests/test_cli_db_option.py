"""``--db`` means the same before or after the command, and a command that names a database
never creates or touches the default one."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from scbmeet.cli import build_parser, main
from scbmeet.storage.engine import default_database_path

# Commands that open no database at all, so take no --db of their own.
NO_DATABASE = {("export", "template")}


def command_parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every leaf command of the parser, with its words (``("export", "agenda")``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from command_parsers(sub, (*path, name))
            return
    if path:
        yield path, parser


@pytest.fixture
def demo_file(demo):
    services, _summary = demo
    return str(services.db.path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_that_opens_a_database_takes_db_after_it_too():
    commands = dict(command_parsers(build_parser()))
    assert len(commands) > 20
    without = {
        words
        for words, parser in commands.items()
        if not any("--db" in action.option_strings for action in parser._actions)
    }
    assert without == NO_DATABASE


@pytest.mark.parametrize(
    "command",
    [
        ["meetings"],
        ["actions", "--outstanding"],
        ["show", "2026-09-09", "--board", "MSCB"],
        ["check"],
        ["backups"],
        ["search", "domestic abuse"],
        ["audit", "--meeting", "2026-09-09", "--board", "MSCB"],
    ],
    ids=lambda words: words[0],
)
def test_db_before_the_command_reads_the_same_database_as_after(demo_file, capsys, command):
    default = default_database_path()
    after = run(capsys, *command, "--db", demo_file)
    before = run(capsys, "--db", demo_file, *command)
    assert after[0] == 0, after[2]
    assert before == after
    assert not default.exists()


def test_a_write_with_db_before_the_command_goes_to_that_database(demo_file, tmp_path, capsys):
    exported = tmp_path / "board.json"
    assert run(capsys, "--db", demo_file, "export-json", str(exported))[0] == 0
    target = str(tmp_path / "copy.sqlite3")
    assert run(capsys, "--db", target, "init")[0] == 0
    assert run(capsys, "--db", target, "import-json", str(exported))[0] == 0
    code, out, _ = run(capsys, "--db", target, "meetings")
    assert code == 0 and "MSCB" in out
    assert not default_database_path().exists()


def test_two_different_databases_are_refused_and_the_same_one_twice_is_not(
    demo_file, tmp_path, capsys
):
    other = str(tmp_path / "other.sqlite3")
    with pytest.raises(SystemExit) as refused:
        main(["--db", other, "meetings", "--db", demo_file])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "--db is given twice with different databases" in err and "Traceback" not in err
    code, out, _ = run(capsys, "--db", demo_file, "meetings", "--db", demo_file)
    assert code == 0 and "MSCB" in out
    assert not (tmp_path / "other.sqlite3").exists()


def test_demo_with_a_command_is_refused(demo_file, capsys):
    with pytest.raises(SystemExit) as refused:
        main(["--demo", "meetings", "--db", demo_file])
    assert refused.value.code == 2
    assert "--demo opens the app on a demo board" in capsys.readouterr().err
    assert not default_database_path().exists()
