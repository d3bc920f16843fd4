"""``--db`` takes a database URL as well as a file's path, before or after the command: real
commands run as a user's shell runs them (a fresh process each), on every configured
backend (SQLite through an ``sqlite:///`` URL, and PostgreSQL when
``SCBMEET_TEST_DATABASE_URL`` is set). A URL that cannot be reached or read, a name that is
nearly a URL, and the file-only commands on a server's database each get one clear line,
never a password."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from scbmeet.storage.engine import default_database_path, describe_url, resolve_url, sqlite_url
from scbmeet.storage.server import pg_dump_command, unreachable_message
from scbmeet.storage.urls import mask_password, short_name
from tests.cli_run import run

PASSWORD = "Hunter2-secret"
SERVER = f"postgresql://clerk:{PASSWORD}@council-db:5432/scb"


def with_password(url: str) -> str:
    """A PostgreSQL URL with a password in it (the test server trusts local connections, so
    it is never checked: only never shown); an SQLite URL as it is."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    return parsed.set(password=PASSWORD).render_as_string(hide_password=False)


def scbmeet(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``scbmeet ARGV`` in a fresh process (the test's private data folder is inherited)."""
    return subprocess.run(
        [sys.executable, "-m", "scbmeet", *argv],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
    )


def succeeds(*argv: str) -> str:
    result = scbmeet(*argv)
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    return result.stdout


def fails_in_one_line(*argv: str, cwd: Path | None = None) -> str:
    result = scbmeet(*argv, cwd=cwd)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("scbmeet: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    return result.stderr


def test_real_commands_take_a_database_url_before_or_after_them(db_url, tmp_path):
    url = with_password(db_url)
    shown = describe_url(url)
    assert f"Database ready: {shown}" in succeeds("--db", url, "init")
    assert f"Demo board MSCB (Marlshire Safer Communities Board) written to {shown}" in succeeds(
        "demo", "--db", url
    )
    before, after = succeeds("--db", url, "meetings"), succeeds("meetings", "--db", url)
    assert before == after and before.count("MSCB") == 4
    for checked in (succeeds("--db", url, "check"), succeeds("check", "--db", url)):
        assert f"{shown}: no problems found" in checked
        # A server's database is told what backs it up, as scbmeet's daily backup does not.
        assert ("pg_dump" in checked) == db_url.startswith("postgresql")
    first, second = str(tmp_path / "a.json"), str(tmp_path / "b.json")
    succeeds("--db", url, "export-json", first)
    succeeds("export-json", second, "--db", url)
    exports = []
    for name in (first, second):
        data = json.loads(Path(name).read_text(encoding="utf-8"))
        data.pop("exported_at")
        exports.append(data)
    assert exports[0] == exports[1] and len(exports[0]["tables"]["meeting"]) == 4
    assert not default_database_path().exists()  # the URL named, never the default file


def test_a_database_that_is_not_there_is_named(db_url, tmp_path):
    if db_url.startswith("postgresql"):
        missing = make_url(db_url).set(database="scbmeet_no_such_db")
        url = with_password(missing.render_as_string(hide_password=False))
        where = f"{missing.host}, port {missing.port}" if missing.port else missing.host
        said = f"Cannot open the database scbmeet_no_such_db on {where}: the server has no such"
        said += " database"
    else:
        url = sqlite_url(tmp_path / "missing.sqlite3")
        said = f"There is no database at {tmp_path / 'missing.sqlite3'}"
    assert said in fails_in_one_line("meetings", "--db", url)
    assert said in fails_in_one_line("--db", url, "check")


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (
            f"postgresql://clerk:{PASSWORD}@127.0.0.1:1/scb",
            "Cannot open the database scb on 127.0.0.1, port 1: nothing answers there",
        ),
        (
            f"postgresql://clerk:{PASSWORD}@no-such-host.invalid/scb",
            "Cannot open the database scb on no-such-host.invalid: no computer called "
            "no-such-host.invalid can be found",
        ),
        (
            f"postgresql://clerk:{PASSWORD}@council-db:fivefour/scb",
            "postgresql://clerk:***@council-db:fivefour/scb is not a database URL scbmeet can read",
        ),
        (
            f"postgresql+nosuchdriver://clerk:{PASSWORD}@council-db/scb",
            "scbmeet does not know the database type 'postgresql+nosuchdriver'",
        ),
    ],
    ids=["refused", "unknown-host", "bad-port", "unknown-type"],
)
def test_a_url_that_cannot_be_reached_or_read_is_one_line(url, said):
    assert said in fails_in_one_line("--db", url, "meetings")


@pytest.mark.parametrize("typo", ["postgres:/dbserver/scb", "postgresql//dbserver/scb"])
def test_a_name_that_is_nearly_a_url_is_explained(typo, tmp_path):
    said = f"--db {typo!r} is neither a database file nor a database URL"
    for argv in (("--db", typo, "init"), ("meetings", "--db", typo), ("--db", typo)):
        stderr = fails_in_one_line(*argv, cwd=tmp_path)  # the last one: the app's --db
        assert said in stderr and "postgresql://user@host/database" in stderr
    assert list(tmp_path.iterdir()) == []  # no file or folder made of the typo


def test_postgres_is_taken_for_postgresql_and_sqlite_urls_name_their_file(tmp_path, monkeypatch):
    assert resolve_url("postgres://clerk@council-db/scb") == "postgresql://clerk@council-db/scb"
    monkeypatch.chdir(tmp_path)
    assert resolve_url("sqlite:///board.sqlite3") == sqlite_url(tmp_path / "board.sqlite3")
    assert resolve_url("sqlite:///board.sqlite3") == resolve_url("board.sqlite3")


@pytest.mark.parametrize(
    ("argv", "instead"),
    [
        (("backup",), "back it up with pg_dump -Fc -f scb.dump 'postgresql://clerk@council-db"),
        (("backups",), "lists scbmeet's backups of SQLite files"),
        (("restore", "board.sqlite3"), "restore it with pg_restore"),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else "",
)
def test_file_only_commands_say_what_to_do_for_a_server_database(capsys, argv, instead):
    for words in ((*argv, "--db", SERVER), ("--db", SERVER, *argv)):
        code, out, err = run(capsys, *words)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and instead in err
        assert "postgresql://clerk:***@council-db:5432/scb is on a server" in err
        assert PASSWORD not in err


def test_the_password_in_a_url_is_never_shown(capsys):
    assert describe_url(SERVER) == "postgresql://clerk:***@council-db:5432/scb"
    assert mask_password(f"postgresql://clerk:{PASSWORD}@host:port/db") == (
        "postgresql://clerk:***@host:port/db"
    )
    assert short_name(SERVER) == "scb on council-db"
    assert PASSWORD not in pg_dump_command(SERVER)
    assert PASSWORD not in unreachable_message(SERVER, ConnectionRefusedError("refused"))
    code, _, err = run(capsys, "--db", SERVER, "meetings", "--db", SERVER.replace("/scb", "/x"))
    assert (
        code == 2 and "--db is given twice with different databases" in err and PASSWORD not in err
    )
