"""Shared fixtures: a fresh database per test (SQLite, and PostgreSQL when configured).

Set ``SCBMEET_TEST_DATABASE_URL`` to an admin URL of a PostgreSQL server (for example
``postgresql://postgres@127.0.0.1:54329/postgres``) and every test that uses ``db`` also
runs against a fresh PostgreSQL database created for it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from scbmeet.backup import backup_sqlite
from scbmeet.database import Database, open_database, sqlite_url
from scbmeet.demo import DemoSummary, build_demo
from scbmeet.services import Services

PG_ADMIN_URL = os.environ.get("SCBMEET_TEST_DATABASE_URL", "").strip()
BACKENDS = ["sqlite", "postgresql"] if PG_ADMIN_URL else ["sqlite"]
DEMO_TODAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep backups, logs and settings of every test out of the real user folders."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("SCBMEET_DATA_DIR", str(folder))
    monkeypatch.setenv("SCBMEET_USER", "test-secretary")
    monkeypatch.delenv("SCBMEET_DATABASE_URL", raising=False)
    return folder


def _fresh_postgres_url() -> Iterator[str]:
    import sqlalchemy as sa

    name = f"scbmeet_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database on each configured backend."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "test.sqlite3")
    else:
        yield from _fresh_postgres_url()


@pytest.fixture
def sqlite_db_url(tmp_path: Path) -> str:
    """For tests about SQLite itself (files, pragmas, WAL)."""
    return sqlite_url(tmp_path / "test.sqlite3")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    folder = tmp_path_factory.mktemp("demo-template")
    os.environ["SCBMEET_DATA_DIR"] = str(folder)
    path = folder / "demo.sqlite3"
    database = open_database(sqlite_url(path))
    summary = build_demo(Services(database), today=DEMO_TODAY)
    database.dispose()
    return path, summary


@pytest.fixture
def demo(
    _demo_template: tuple[Path, DemoSummary], tmp_path: Path
) -> Iterator[tuple[Services, DemoSummary]]:
    """A private copy of the demo database (built once per run, dated 21 November 2026)."""
    template, summary = _demo_template
    path = backup_sqlite(template, tmp_path / "demo.sqlite3")
    # No daily backup of a throwaway copy: it would cost every demo test a backup.
    database = open_database(sqlite_url(path), daily_backup=False)
    yield Services(database), summary
    database.dispose()
