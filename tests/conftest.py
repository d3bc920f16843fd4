"""Shared fixtures: a fresh database per test (SQLite, and PostgreSQL when configured).

Set ``SCBMEET_TEST_DATABASE_URL`` to an admin URL of a PostgreSQL server (for example
``postgresql://postgres@127.0.0.1:54329/postgres``) and every test that uses ``db`` also
runs against a fresh PostgreSQL database created for it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from scbmeet.demo import DemoSummary, build_demo
from scbmeet.services import Services
from scbmeet.storage.backup import backup_sqlite
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import Database, sqlite_url

# Hypothesis' 200 ms deadline per example measures the machine, and the test machines
# are shared and slow: no property test fails for taking its time.
settings.register_profile("shared-machines", deadline=None)
settings.load_profile("shared-machines")

# A GUI test waits on a condition, never on time; its timeout only says when to give up.
# On a shared, loaded machine a step that takes 50 ms on a quiet one can take seconds, so
# every wait gets WAIT_SCALE times the timeout it names (it still returns at once when
# the condition holds, and still fails if it never does).
WAIT_SCALE = int(os.environ.get("SCBMEET_TEST_WAIT_SCALE", "10"))
_wait_until = QtBot.waitUntil


def _patient_wait_until(
    self: QtBot, callback: Callable[[], bool | None], *, timeout: int = 5000
) -> None:
    _wait_until(self, callback, timeout=timeout * WAIT_SCALE)


QtBot.waitUntil = _patient_wait_until  # type: ignore[method-assign]

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


@pytest.fixture(autouse=True)
def _hooks_as_they_were() -> Iterator[None]:
    """Put the GUI hooks back after every test: a main window started by one test installs
    the Word and PDF exporters, and a later test in the same worker must still see the
    hooks it expects (its own stand-ins, or the "not available yet" defaults)."""
    from scbmeet.gui import hooks  # Qt is loaded already, by pytest-qt

    saved = dict(vars(hooks))
    yield
    vars(hooks).update(saved)


@pytest.fixture(autouse=True)
def _collector_as_it_was() -> Iterator[None]:
    """Give the garbage collector back every object a test's warm-up exempted from its
    passes (``gc.freeze()``): the next tests' garbage must be collected as usual."""
    import gc

    yield
    if gc.get_freeze_count():
        gc.unfreeze()


def _pg_url(name: str) -> str:
    import sqlalchemy as sa

    return sa.engine.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _pg_admin():
    import sqlalchemy as sa

    return sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str]:
    """A PostgreSQL database migrated to head once per run, cloned for every test."""
    name = f"scbmeet_tpl_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    open_database(_pg_url(name)).dispose()
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _fresh_postgres_url(template: str) -> Iterator[str]:
    name = f"scbmeet_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        # FILE_COPY skips WAL-logging the copy, which is several times faster for tests.
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
    try:
        yield _pg_url(name)
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
        yield from _fresh_postgres_url(request.getfixturevalue("_pg_template"))


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


class SmallBoard:
    """A board with two organisations, a team and four people, for rule tests."""

    def __init__(self, services: Services, *, numbering: str = "calendar", start_month: int = 1):
        reg = services.register
        self.services = services
        self.board = reg.create_board(
            "Test Safer Communities Board",
            "TSCB",
            default_venue="County Hall",
            numbering=numbering,
            numbering_start_month=start_month,
        )
        self.council = reg.create_organisation(
            "Test County Council", short_name="TCC", kind="council", is_statutory=True
        )
        self.police = reg.create_organisation(
            "Test Police", short_name="TP", kind="police", is_statutory=True
        )
        self.unit = reg.create_organisation(
            "Research Unit", short_name="RU", kind="team", parent_id=self.council.id
        )
        self.sally = reg.create_person(
            "Goodwin",
            given_names="Sally",
            organisation_id=self.council.id,
            email="sally@tcc.example",
        )
        self.kul = reg.create_person(
            "Mahay", given_names="Kul", title="Supt", organisation_id=self.police.id
        )
        self.chair = reg.create_person(
            "Smith", given_names="Paul James", title="Councillor", organisation_id=self.council.id
        )
        self.david = reg.create_person("Lowe", given_names="David", organisation_id=self.council.id)
        for person, role in (
            (self.chair, "chair"),
            (self.sally, "officer"),
            (self.kul, "member"),
            (self.david, "member"),
        ):
            reg.add_membership(self.board.id, person.id, role=role)

    def meeting(self, on, **kwargs):
        return self.services.meetings.create_meeting(
            self.board.id, on, standard_agenda=False, **kwargs
        )

    def minutes(self, meeting_id, *titles):
        return [self.services.minutes.add_minute(meeting_id, t) for t in titles]

    def refs(self, meeting_id):
        return [m.reference for m in self.services.minutes.minutes(meeting_id)]


@pytest.fixture
def small(services: Services) -> SmallBoard:
    return SmallBoard(services)


@pytest.fixture
def small_board_factory(services: Services):
    """Build a SmallBoard with other numbering settings: ``small_board_factory(numbering=...)``."""
    return lambda **kwargs: SmallBoard(services, **kwargs)


@pytest.fixture
def undated_demo(demo: tuple[Services, DemoSummary]) -> tuple[Services, DemoSummary]:
    """The demo with every action's due date cleared, for tests that set their own."""
    services, _summary = demo
    for action in services.actions.actions():
        if action.due_date is not None:
            services.actions.update_action(action.id, {"due_date": None})
    return demo
