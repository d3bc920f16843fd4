"""Full-text search over minutes, resolutions, actions, agenda items and papers.

SQLite: one FTS5 table, ``search_index``, kept in step by triggers on the five source
tables (insert, update of the searched columns, delete - including deletes cascaded from
a meeting). Each source row has one index row whose rowid is ``id * 8 + kind code``, so a
trigger finds it without scanning. Column weights for ``ORDER BY rank`` are stored in the
table's own configuration, so every query ranks the same way.

PostgreSQL: GIN indexes on weighted ``tsvector`` expressions of each source table (titles
weight A, texts weight B). The database keeps expression indexes current by itself; the
search service repeats the same expressions so that the planner uses them.

Existing rows are indexed by this migration (SQLite backfill; PostgreSQL builds the indexes
over the rows already there). Nothing here is declared on ``SQLModel.metadata``: the index
is not data, so JSON export/import never sees it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The index rows of one source table; expressions use {row} for the source row
# (``new`` in a trigger, the table itself in the backfill).
#   table, kind, kind code, title, body, board id, columns whose change re-indexes the row
SOURCES = [
    (
        "minuteitem",
        "minute",
        1,
        "{row}.title",
        "{row}.narrative",
        "{row}.board_id",
        ("title", "narrative", "board_id"),
    ),
    (
        "resolution",
        "resolution",
        2,
        "''",
        "{row}.text",
        "(SELECT board_id FROM minuteitem WHERE id = {row}.minute_item_id)",
        ("text", "minute_item_id"),
    ),
    (
        "action",
        "action",
        3,
        "''",
        "{row}.text",
        "{row}.board_id",
        ("text", "board_id"),
    ),
    (
        "agendaitem",
        "agenda_item",
        4,
        "{row}.title",
        "{row}.notes",
        "(SELECT board_id FROM meeting WHERE id = {row}.meeting_id)",
        ("title", "notes", "meeting_id"),
    ),
    (
        "paper",
        "paper",
        5,
        "{row}.title",
        "{row}.recommendation",
        "(SELECT m.board_id FROM agendaitem ai JOIN meeting m ON m.id = ai.meeting_id"
        " WHERE ai.id = {row}.agenda_item_id)",
        ("title", "recommendation", "agenda_item_id"),
    ),
]

FTS_TABLE = """
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, kind UNINDEXED, ref_id UNINDEXED, board_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
# bm25 weights: a word in a title counts ten times one in a text.
FTS_RANK = "INSERT INTO search_index(search_index, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"

# PostgreSQL: (table, index name, tsvector expression). The search service uses the same
# expressions (scbmeet.services.search.PG_DOCUMENTS); a test checks the indexes are used.
PG_INDEXES = [
    (
        "minuteitem",
        "ix_minuteitem_search",
        "setweight(to_tsvector('english'::regconfig, title), 'A')"
        " || setweight(to_tsvector('english'::regconfig, narrative), 'B')",
    ),
    (
        "resolution",
        "ix_resolution_search",
        "setweight(to_tsvector('english'::regconfig, text), 'B')",
    ),
    ("action", "ix_action_search", "setweight(to_tsvector('english'::regconfig, text), 'B')"),
    (
        "agendaitem",
        "ix_agendaitem_search",
        "setweight(to_tsvector('english'::regconfig, title), 'A')"
        " || setweight(to_tsvector('english'::regconfig, notes), 'B')",
    ),
    (
        "paper",
        "ix_paper_search",
        "setweight(to_tsvector('english'::regconfig, title), 'A')"
        " || setweight(to_tsvector('english'::regconfig, recommendation), 'B')",
    ),
]


def _insert_sql(kind: str, code: int, title: str, body: str, board: str, row: str) -> str:
    values = ", ".join(
        [
            f"{row}.id * 8 + {code}",
            title.format(row=row),
            body.format(row=row),
            f"'{kind}'",
            f"{row}.id",
            board.format(row=row),
        ]
    )
    return f"INSERT INTO search_index (rowid, title, body, kind, ref_id, board_id) SELECT {values}"


def _sqlite_triggers(
    table: str, kind: str, code: int, title: str, body: str, board: str, cols: tuple[str, ...]
) -> list[str]:
    insert = _insert_sql(kind, code, title, body, board, "new")
    delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code}"
    watched = ", ".join(cols)
    return [
        f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {insert}; END",
        f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {watched} ON {table} "
        f"BEGIN {delete}; {insert}; END",
        f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete}; END",
    ]


def _upgrade_sqlite() -> None:
    op.execute(FTS_TABLE)
    op.execute(FTS_RANK)
    for table, kind, code, title, body, board, cols in SOURCES:
        for statement in _sqlite_triggers(table, kind, code, title, body, board, cols):
            op.execute(statement)
        # Backfill: a database migrated from 0001 finds its old minutes at once.
        op.execute(_insert_sql(kind, code, title, body, board, table) + f" FROM {table}")


def _upgrade_postgresql() -> None:
    for table, name, expression in PG_INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin (({expression}))")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _upgrade_sqlite()
    elif dialect == "postgresql":
        _upgrade_postgresql()
    else:  # pragma: no cover - scbmeet supports SQLite and PostgreSQL only
        raise NotImplementedError(f"no full-text search for {dialect}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table, *_ in SOURCES:
            for suffix in ("ai", "au", "ad"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
        op.execute("DROP TABLE IF EXISTS search_index")
    elif dialect == "postgresql":
        for _table, name, _expression in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
