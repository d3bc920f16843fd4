"""Search on PostgreSQL keeps common words, as SQLite's does.

PostgreSQL's ``english`` text-search configuration drops stop words ("the", "of", "it"),
so a search for them, or for a phrase made only of them, found nothing on PostgreSQL while
SQLite's FTS5 (porter stemming, no stop list) found every match. This revision adds a
configuration, ``scbmeet_english``: the ``english`` one with its stemmer replaced by the
same Snowball English stemmer *without* a stop-word list, and rebuilds the five GIN
indexes of revision 0002 over it. Words are still stemmed (``exploited`` finds
``exploitation``); nothing is dropped.

SQLite needs no change: its index never dropped words.

Downgrade rebuilds the indexes over ``english`` and removes the configuration.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 00:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONFIG = "scbmeet_english"
DICTIONARY = "scbmeet_english_stem"

# (table, index name, title column or None, text column), as in revision 0002. The search
# service builds the same expressions (scbmeet.services.search.pg_document), which a test
# checks by asking the planner.
INDEXES = [
    ("minuteitem", "ix_minuteitem_search", "title", "narrative"),
    ("resolution", "ix_resolution_search", None, "text"),
    ("action", "ix_action_search", None, "text"),
    ("agendaitem", "ix_agendaitem_search", "title", "notes"),
    ("paper", "ix_paper_search", "title", "recommendation"),
]


def _expression(config: str, title: str | None, body: str) -> str:
    """Titles weigh A, texts B: exactly revision 0002's expressions, over ``config``."""
    weighted_body = f"setweight(to_tsvector('{config}'::regconfig, {body}), 'B')"
    if title is None:
        return weighted_body
    return f"setweight(to_tsvector('{config}'::regconfig, {title}), 'A') || {weighted_body}"


def _rebuild_indexes(config: str) -> None:
    for table, name, title, body in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(
            f"CREATE INDEX {name} ON {table} USING gin (({_expression(config, title, body)}))"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite's FTS5 index keeps every word already
    op.execute(
        f"CREATE TEXT SEARCH DICTIONARY {DICTIONARY} (TEMPLATE = snowball, Language = english)"
    )
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english)")
    op.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING REPLACE english_stem WITH {DICTIONARY}"
    )
    _rebuild_indexes(CONFIG)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _rebuild_indexes("english")
    op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    op.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {DICTIONARY}")
