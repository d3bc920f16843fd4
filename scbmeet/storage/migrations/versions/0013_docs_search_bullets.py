"""Search finds an agenda item by the words of its bullet points, as by its notes.

Revision 0012 moved an item's bullet points out of its notes into ``agendaitem.bullets``,
which the search index (revision 0002) never read. SQLite: the agenda item's index row now
holds its notes and bullets as its text, the triggers re-index it when its bullets change,
and every agenda item is indexed afresh. PostgreSQL: the item's GIN index is rebuilt over
notes and bullets (the search service builds the same expression).

Downgrade puts back revision 0002/0003's index of title and notes.

Revision ID: 0013_docs
Revises: 0012_bullets
Create Date: 2026-12-07 12:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013_docs"
down_revision: str | None = "0012_bullets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = 4  # the agenda item's kind code in search_index's rowids (revision 0002)
BOARD = "(SELECT board_id FROM meeting WHERE id = {row}.meeting_id)"
PG_CONFIG = "scbmeet_english"


def _insert(body: str, row: str) -> str:
    board = BOARD.format(row=row)
    return (
        "INSERT INTO search_index (rowid, title, body, kind, ref_id, board_id) "
        f"SELECT {row}.id * 8 + {CODE}, {row}.title, {body.format(row=row)}, 'agenda_item', "
        f"{row}.id, {board}"
    )


def _sqlite_index(body: str, watched: str) -> None:
    delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {CODE}"
    for suffix in ("ai", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS agendaitem_search_{suffix}")
    op.execute(
        f"CREATE TRIGGER agendaitem_search_ai AFTER INSERT ON agendaitem BEGIN {_insert(body, 'new')}; END"
    )
    op.execute(
        f"CREATE TRIGGER agendaitem_search_au AFTER UPDATE OF {watched} ON agendaitem "
        f"BEGIN {delete}; {_insert(body, 'new')}; END"
    )
    op.execute("DELETE FROM search_index WHERE kind = 'agenda_item'")
    op.execute(_insert(body, "agendaitem") + " FROM agendaitem")


def _pg_index(body: str) -> None:
    expression = (
        f"setweight(to_tsvector('{PG_CONFIG}'::regconfig, title), 'A')"
        f" || setweight(to_tsvector('{PG_CONFIG}'::regconfig, {body}), 'B')"
    )
    op.execute("DROP INDEX IF EXISTS ix_agendaitem_search")
    op.execute(f"CREATE INDEX ix_agendaitem_search ON agendaitem USING gin (({expression}))")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_index(
            "{row}.notes || char(10) || {row}.bullets", "title, notes, bullets, meeting_id"
        )
    elif dialect == "postgresql":
        _pg_index("notes || ' ' || bullets")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_index("{row}.notes", "title, notes, meeting_id")
    elif dialect == "postgresql":
        _pg_index("notes")
