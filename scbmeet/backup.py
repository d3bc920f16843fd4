"""Copies of SQLite databases made with SQLite's online backup API.

A plain file copy of a live WAL database can come out empty or inconsistent (the newest
pages live in the ``-wal`` file); the backup API copies a consistent snapshot instead.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from scbmeet.errors import NotADatabaseError


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy the database at ``source`` to ``destination`` and check the copy."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    src = sqlite3.connect(str(source), timeout=5)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    verify_sqlite(partial)
    partial.replace(destination)
    return destination


def restore_sqlite(backup: Path, target: Path) -> None:
    """Write the contents of ``backup`` over the database at ``target`` (through SQLite)."""
    src = sqlite3.connect(str(backup))
    try:
        dst = sqlite3.connect(str(target), timeout=5)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def verify_sqlite(path: Path) -> None:
    """Raise :class:`NotADatabaseError` unless ``path`` passes SQLite's integrity check."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(f"{path} is not a usable SQLite database ({exc}).") from exc
    if rows != [("ok",)]:
        problems = "; ".join(str(r[0]) for r in rows[:3])
        raise NotADatabaseError(f"{path} failed its integrity check: {problems}")


def timestamped_name(stem: str, label: str) -> str:
    return f"{stem}-{label}-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
