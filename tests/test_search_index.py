"""The search index as part of the schema: migration 0002, backfill, engine indexes, JSON."""

from __future__ import annotations

import dataclasses
from datetime import date

import sqlalchemy as sa
from alembic import command
from sqlmodel import SQLModel

from scbmeet import jsonio
from scbmeet.domain.models import Action, AgendaItem, Board, Meeting, MinuteItem, Paper, Resolution
from scbmeet.services import Services
from scbmeet.services.search import SQLITE_RANK, SearchHit, pg_rank_statement
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import make_engine
from scbmeet.storage.revisions import alembic_config, head_revision
from scbmeet.storage.schema import current_revision


def _insert(conn: sa.Connection, tables: dict[str, sa.Table], row: SQLModel) -> int:
    """Insert ``row`` (its defaults filled in by the model) into the table as the old schema
    has it: only the columns that schema knows, so later columns do not break the test."""
    table = tables[row.__tablename__]  # type: ignore[index]
    values = {c.name: getattr(row, c.name) for c in table.columns if c.name != "id"}
    return conn.execute(table.insert().values(**values)).inserted_primary_key[0]


def _fill_at_0001(url: str) -> None:
    """A database stopped at revision 0001 (before search existed) holding one of each record."""
    engine = make_engine(url)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        old = sa.MetaData()
        old.reflect(conn)
        tables = dict(old.tables)
        board_id = _insert(conn, tables, Board(name="Legacy Board", short_name="LB"))
        meeting = Meeting(board_id=board_id, date=date(2013, 6, 5))
        meeting_id = _insert(conn, tables, meeting)
        minute = MinuteItem(
            meeting_id=meeting_id,
            board_id=board_id,
            numbering_year=2013,
            number=10,
            title="Child sexual exploitation",
            narrative="A presentation on grooming.",
        )
        minute_id = _insert(conn, tables, minute)
        item = AgendaItem(meeting_id=meeting_id, title="Alcohol harm", notes="Tagging data.")
        item_id = _insert(conn, tables, item)
        _insert(
            conn,
            tables,
            Resolution(minute_item_id=minute_id, text="that the checklist be adopted."),
        )
        action = Action(
            board_id=board_id,
            minute_item_id=minute_id,
            text="Arrange a summit.",
            created_on=meeting.date,
        )
        _insert(conn, tables, action)
        _insert(conn, tables, Paper(agenda_item_id=item_id, title="Purple Flag application"))
    engine.dispose()


def test_opening_a_0001_database_adds_search_and_indexes_old_records(db_url):
    _fill_at_0001(db_url)
    db = open_database(db_url)
    try:
        assert current_revision(db) == head_revision()
        search = Services(db).search
        expected = {
            "grooming": "minute",
            "checklist": "resolution",
            "summit": "action",
            "tagging": "agenda_item",
            "purple flag": "paper",
        }
        for words, kind in expected.items():
            hits = search.search(words)
            assert [h.kind for h in hits] == [kind], words
        assert search.search("grooming")[0].minute_reference == "10/13"
    finally:
        db.dispose()


def test_downgrade_to_0001_removes_the_index(sqlite_db_url):
    db = open_database(sqlite_db_url)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    names = set(sa.inspect(db.engine).get_table_names())
    db.dispose()
    assert "search_index" not in names
    assert "minuteitem" in names


def test_the_index_is_not_part_of_the_data_model():
    assert not [t for t in SQLModel.metadata.tables if "search" in t]


def test_json_round_trip_leaves_the_index_out_and_rebuilds_it(services, tmp_path):
    board = services.register.create_board("Round Trip Board", "RTB")
    meeting = services.meetings.create_meeting(board.id, date(2026, 2, 4), standard_agenda=False)
    services.minutes.add_minute(meeting.id, "Knife crime", narrative="Weapons sweep.")
    data = jsonio.export_data(services.db)
    assert not [name for name in data["tables"] if "search" in name]
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        jsonio.import_data(target, data)
        hits = Services(target).search.search("weapons")
        assert [h.title.text for h in hits] == ["Knife crime"]
    finally:
        target.dispose()


def test_search_goes_through_the_engines_index(db):
    """PostgreSQL: every table through its GIN index; SQLite: the FTS5 table's own index."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            plan = "\n".join(
                str(row[3])
                for row in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT rowid FROM search_index "
                    "WHERE search_index MATCH 'exploit*' ORDER BY rank LIMIT 10"
                )
            )
            assert "VIRTUAL TABLE INDEX" in plan
            return
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(
            row[0]
            for row in conn.execute(
                sa.text("EXPLAIN " + pg_rank_statement(by_board=False).text),
                {"query": "exploit:*", "limit": 10},
            )
        )
    for index in (
        "ix_minuteitem_search",
        "ix_resolution_search",
        "ix_action_search",
        "ix_agendaitem_search",
        "ix_paper_search",
    ):
        assert index in plan


def test_sqlite_index_rows_follow_their_sources(sqlite_db_url):
    db = open_database(sqlite_db_url)
    services = Services(db)
    try:
        board = services.register.create_board("Count Board", "CB")
        meeting = services.meetings.create_meeting(board.id, date(2026, 3, 4))  # standard agenda
        minute = services.minutes.add_minute(meeting.id, "Arson")
        with db.engine.connect() as conn:
            counted = dict(
                conn.exec_driver_sql("SELECT kind, count(*) FROM search_index GROUP BY kind").all()
            )
            items = conn.exec_driver_sql("SELECT count(*) FROM agendaitem").scalar()
        assert counted == {"agenda_item": items, "minute": 1}
        services.minutes.delete_minute(minute.id)
        with db.engine.connect() as conn:
            left = conn.exec_driver_sql(
                "SELECT count(*) FROM search_index WHERE kind = 'minute'"
            ).scalar()
        assert left == 0
    finally:
        db.dispose()


def test_sqlite_search_ranks_as_the_index_does(sqlite_db_url):
    """The search's own ranking gives FTS5's rank, in FTS5's order, ties included."""
    db = open_database(sqlite_db_url)
    services = Services(db)
    try:
        board = services.register.create_board("Tie Board", "TB")
        services.register.create_person("Okafor", given_names="Rachel")
        meeting = services.meetings.create_meeting(board.id, date(2026, 3, 4))
        minute = services.minutes.add_minute(meeting.id, "Graffiti", narrative="Graffiti again.")
        for _ in range(12):  # the same words, the same score: only the tie-break orders them
            services.actions.add_action(minute.id, "Remove the graffiti.", "Rachel Okafor")
        hits = services.search.search("graffiti", limit=6)
        with db.engine.connect() as conn:
            configured = conn.exec_driver_sql(
                "SELECT v FROM search_index_config WHERE k = 'rank'"
            ).scalar()
            fts5 = conn.exec_driver_sql(
                "SELECT kind, ref_id, -rank FROM search_index "
                "WHERE search_index MATCH '\"graffiti\"*' ORDER BY rank LIMIT 6"
            ).all()
        assert configured.replace("bm25(", "bm25(search_index, ") == SQLITE_RANK
        assert [(h.kind, h.id, h.rank) for h in hits] == [tuple(row) for row in fts5]
        assert hits[0].kind == "minute" and len({h.rank for h in hits[1:]}) == 1
        assert all(set(vars(h)) == {f.name for f in dataclasses.fields(SearchHit)} for h in hits)
    finally:
        db.dispose()


def test_sqlite_search_reads_inside_an_open_transaction():
    """An in-memory database has one connection: a search may run inside its transaction."""
    db = open_database("sqlite://", daily_backup=False)
    services = Services(db)
    try:
        board = services.register.create_board("Memory Board", "MB")
        meeting = services.meetings.create_meeting(board.id, date(2026, 3, 4))
        services.minutes.add_minute(meeting.id, "Graffiti", narrative="Graffiti again.")
        with db.transaction() as s:
            s.execute(sa.text("SELECT 1"))  # the transaction has begun
            hits = services.search.search("graffiti")
            assert [(h.title.text, h.place) for h in hits] == [
                ("Graffiti", "MB 4 March 2026, minute 1/26")
            ]
    finally:
        db.dispose()
