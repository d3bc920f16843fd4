"""A killed backup's ``.partial`` and ``-partial-journal`` files are counted by
``scbmeet backups`` and removed by the next backup (issue 20, item 10)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from scbmeet.cli import main
from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

# Writes a backup-like copy in one transaction and stops half-way, holding SQLite's lock,
# as a backup does while it copies.
HALF_WRITTEN_COPY = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("CREATE TABLE pages (data BLOB)")
con.execute("INSERT INTO pages VALUES (zeroblob(200000))")
con.execute("BEGIN IMMEDIATE")
con.execute("DELETE FROM pages")
con.execute("INSERT INTO pages VALUES (zeroblob(100000))")
print("copying", flush=True)
time.sleep(600)
"""


def _make_db(path: Path) -> Path:
    database = open_database(sqlite_url(path))
    Services(database).register.create_board("Marlshire Safer Communities Board", "MSCB")
    database.dispose()
    return path


def _copy_in_progress(partial: Path) -> subprocess.Popen[str]:
    partial.parent.mkdir(parents=True, exist_ok=True)
    child = subprocess.Popen(
        [sys.executable, "-c", HALF_WRITTEN_COPY, str(partial)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "copying"
    return child


def _killed_backup(database: Path) -> list[Path]:
    partial = (
        backup.backup_folder(database) / f"{database.stem}-daily-20261120-090000.sqlite3.partial"
    )
    child = _copy_in_progress(partial)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    left = [partial, partial.with_name(partial.name + "-journal")]
    assert all(p.exists() for p in left)
    return left


def test_backups_counts_and_the_next_backup_removes_a_killed_backups_files(capsys, tmp_path):
    database = _make_db(tmp_path / "board.sqlite3")
    left = _killed_backup(database)
    assert backup.leftover_partials(database) == sorted(left)

    assert main(["backups", "--db", str(database)]) == 0
    out = capsys.readouterr().out
    assert "2 unfinished file(s)" in out and "the next backup removes them" in out

    assert main(["backup", "--db", str(database)]) == 0
    capsys.readouterr()
    assert not any(p.exists() for p in left)
    assert backup.leftover_partials(database) == []
    assert [b.kind for b in backup.list_backups(database)] == [backup.MANUAL]
    assert main(["backups", "--db", str(database)]) == 0
    assert "unfinished" not in capsys.readouterr().out


def test_a_backup_still_being_written_by_another_process_is_left_alone(tmp_path):
    database = _make_db(tmp_path / "board.sqlite3")
    partial = (
        backup.backup_folder(database) / f"{database.stem}-manual-20261120-090000.sqlite3.partial"
    )
    child = _copy_in_progress(partial)
    try:
        backup.take_backup(database, backup.MANUAL)
        assert partial.exists()
        assert partial.with_name(partial.name + "-journal").exists()
    finally:
        child.kill()
        child.wait()
    backup.take_backup(database, backup.MANUAL)
    assert not partial.exists()
