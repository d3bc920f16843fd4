"""A database scbmeet may not write: a read-only file in rollback-journal mode (as its own
backups are) is read as usual and only writes are refused; a WAL database on a read-only
disk or folder says so in one line, never "damaged" or "unable to open database file"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scbmeet.services import Services
from scbmeet.storage import backup
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

# Root ignores file permissions; without these capabilities it is held to them like anyone.
AS_AN_ORDINARY_USER = (
    [
        "setpriv",
        "--inh-caps=-dac_override,-dac_read_search,-fowner",
        "--bounding-set=-dac_override,-dac_read_search,-fowner",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0
    else []
)
pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or (AS_AN_ORDINARY_USER and shutil.which("setpriv") is None),
    reason="needs POSIX permissions (and setpriv when run as root)",
)

WRITE_ONE_BOARD = textwrap.dedent(
    """
    import sys
    from scbmeet.domain.errors import ScbmeetError
    from scbmeet.services import Services
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import sqlite_url
    from pathlib import Path
    db = open_database(sqlite_url(Path(sys.argv[1])))
    services = Services(db)
    print([b.short_name for b in services.register.boards()])
    try:
        services.register.create_board("Eastvale Community Safety Partnership", "ECSP")
    except ScbmeetError as exc:
        print(exc)
    """
)


def _run(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SCBMEET_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run(
        [*AS_AN_ORDINARY_USER, sys.executable, *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _board_db(path: Path) -> Path:
    database = open_database(sqlite_url(path))
    Services(database).register.create_board("Marlshire Safer Communities Board", "MSCB")
    database.dispose()
    return path


def test_a_read_only_backup_can_be_read_and_refuses_writes(tmp_path):
    source = _board_db(tmp_path / "board.sqlite3")
    copy = backup.backup_to(source, tmp_path / "backup.sqlite3")  # rollback-journal mode
    copy.chmod(0o444)
    before = copy.read_bytes()
    listed = _run(tmp_path, "-m", "scbmeet", "check", "--db", str(copy))
    assert listed.returncode == 0, listed.stderr
    assert "no problems found" in listed.stdout
    wrote = _run(tmp_path, "-c", WRITE_ONE_BOARD, str(copy))
    assert wrote.returncode == 0, wrote.stderr
    boards, refusal = wrote.stdout.splitlines()
    assert boards == "['MSCB']"
    assert refusal == (
        f"The database {copy} is read-only: it can be read, but nothing can be saved to it; "
        "nothing was saved."
    )
    assert copy.read_bytes() == before


def test_a_wal_database_on_a_read_only_folder_says_so_in_one_line(tmp_path):
    folder = tmp_path / "read-only share"
    folder.mkdir()
    path = _board_db(folder / "board.sqlite3")
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        done = _run(tmp_path, "-m", "scbmeet", "meetings", "--db", str(path))
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "damaged" not in done.stderr and "unable to open database file" not in done.stderr
    assert done.stderr.startswith(f"scbmeet: The database {path} is on a disk or in a folder")
    assert "copy it to a writable folder" in done.stderr
    assert path.read_bytes() == before
