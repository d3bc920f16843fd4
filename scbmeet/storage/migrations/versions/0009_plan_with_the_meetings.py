"""The partnership plan with the meetings: review items, links, recommendations, decisions.

``planreviewitem`` (an agenda item that is the review of a plan), ``planactionlink`` (a
meeting action taken towards a plan action), ``planrecommendation`` (an action put to the
board for support, under a priority) and ``plandecision`` (the board's decision on one at a
meeting: supported, not supported or deferred) and ``planduty`` (a statutory task due
every year, put on the forward plan ahead of it), ``casereview`` and ``casereviewstage`` (a
restricted case review: reference, costs, dated stages, its recommendations a plan of its
own). Nothing existing changes.

Search finds plan actions and progress updates: on SQLite, triggers keep them in the
``search_index`` of migration 0002 (kinds ``plan_action`` and ``plan_progress``, codes 6
and 7 of its ``id * 8 + code`` rowids), existing rows indexed here; on PostgreSQL, GIN
indexes over the same ``scbmeet_english`` expressions the search service uses.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 00:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The board of a plan action, and of a progress update, from the row ({row}).
_BOARD_OF_PRIORITY = (
    "(SELECT pl.board_id FROM planpriority pp JOIN plan pl ON pl.id = pp.plan_id"
    " WHERE pp.id = {priority})"
)
SEARCH_SOURCES = [
    # table, kind, code, body, board, columns whose change re-indexes the row
    (
        "planaction",
        "plan_action",
        6,
        "{row}.text",
        _BOARD_OF_PRIORITY.format(priority="{row}.priority_id"),
        ("text", "priority_id"),
    ),
    (
        "planprogress",
        "plan_progress",
        7,
        "{row}.text",
        _BOARD_OF_PRIORITY.format(
            priority="(SELECT priority_id FROM planaction WHERE id = {row}.plan_action_id)"
        ),
        ("text", "plan_action_id"),
    ),
]
PG_INDEXES = [
    ("planaction", "ix_planaction_search"),
    ("planprogress", "ix_planprogress_search"),
]
PG_EXPRESSION = "setweight(to_tsvector('scbmeet_english'::regconfig, text), 'B')"


def _insert_sql(kind: str, code: int, body: str, board: str, row: str) -> str:
    values = f"{row}.id * 8 + {code}, '', {body.format(row=row)}, '{kind}', {row}.id, " + (
        board.format(row=row)
    )
    return f"INSERT INTO search_index (rowid, title, body, kind, ref_id, board_id) SELECT {values}"


def _upgrade_search() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table, name in PG_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (({PG_EXPRESSION}))")
        return
    for table, kind, code, body, board, cols in SEARCH_SOURCES:
        insert = _insert_sql(kind, code, body, board, "new")
        delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code}"
        op.execute(f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {insert}; END")
        op.execute(
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {', '.join(cols)} ON {table} "
            f"BEGIN {delete}; {insert}; END"
        )
        # BEFORE: a plan's rows cascade away together, and the index row is found by rowid.
        op.execute(f"CREATE TRIGGER {table}_search_bd BEFORE DELETE ON {table} BEGIN {delete}; END")
        op.execute(_insert_sql(kind, code, body, board, table) + f" FROM {table}")


def _downgrade_search() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for _table, name in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        return
    for table, _kind, code, *_rest in SEARCH_SOURCES:
        for suffix in ("ai", "au", "bd"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
        op.execute(f"DELETE FROM search_index WHERE rowid % 8 = {code}")


def upgrade() -> None:
    op.create_table(
        "planreviewitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agendaitem.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_planreviewitem_agenda_item_id", "planreviewitem", ["agenda_item_id"], unique=True
    )
    op.create_index("ix_planreviewitem_plan_id", "planreviewitem", ["plan_id"])
    op.create_table(
        "planactionlink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_action_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_action_id"], ["planaction.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_action_id", "action_id", name="uq_plan_action_link"),
    )
    op.create_index("ix_planactionlink_plan_action_id", "planactionlink", ["plan_action_id"])
    op.create_index("ix_planactionlink_action_id", "planactionlink", ["action_id"])
    op.create_table(
        "planrecommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("priority_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("in_progress", sa.String(length=300), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["priority_id"], ["planpriority.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_planrecommendation_plan_id", "planrecommendation", ["plan_id"])
    op.create_table(
        "plandecision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"], ["planrecommendation.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plandecision_recommendation_id", "plandecision", ["recommendation_id"])
    op.create_index("ix_plandecision_meeting_id", "plandecision", ["meeting_id"])
    op.create_table(
        "planduty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_month", sa.Integer(), nullable=False),
        sa.Column("due_day", sa.Integer(), nullable=False),
        sa.Column("notice_months", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["board_id"], ["board.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_planduty_board_id", "planduty", ["board_id"])
    op.create_table(
        "casereview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("costs_pence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["board_id"], ["board.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("board_id", "reference", name="uq_casereview_board_reference"),
        sa.UniqueConstraint("plan_id"),
    )
    op.create_index("ix_casereview_board_id", "casereview", ["board_id"])
    op.create_table(
        "casereviewstage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_review_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=120), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["case_review_id"], ["casereview.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_casereviewstage_case_review_id", "casereviewstage", ["case_review_id"])
    _upgrade_search()


def downgrade() -> None:
    _downgrade_search()
    for table in (
        "casereviewstage",
        "casereview",
        "planduty",
        "plandecision",
        "planrecommendation",
        "planactionlink",
        "planreviewitem",
    ):
        op.drop_table(table)
