"""The partnership plan with the meetings: review items, links, recommendations, decisions.

``planreviewitem`` (an agenda item that is the review of a plan), ``planactionlink`` (a
meeting action taken towards a plan action), ``planrecommendation`` (an action put to the
board for support, under a priority) and ``plandecision`` (the board's decision on one at a
meeting: supported, not supported or deferred). Nothing existing changes.

Revision ID: 0008_plan
Revises: 0007
Create Date: 2026-12-07 00:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_plan"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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


def downgrade() -> None:
    for table in ("plandecision", "planrecommendation", "planactionlink", "planreviewitem"):
        op.drop_table(table)
