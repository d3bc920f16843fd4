"""Indexes for the chair's review: a board's actions by day closed, and by lifespan.

``ix_action_board_closed`` (board, closed on, state) finds the actions closed since the last
meeting by range and counts closings per day from the index; ``ix_action_board_lifespan``
(board, raised, state, closed, due date, due meeting) holds every column the review's
trend and totals read, so the database counts them from the index without reading the
actions' rows (their text). Nothing else changes.

Revision ID: 0011_review
Revises: 0010_register
Create Date: 2026-12-07 03:55:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_review"
down_revision: str | None = "0010_register"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIFESPAN = ["board_id", "created_on", "state", "closed_on", "due_date", "due_meeting_id"]


def upgrade() -> None:
    op.create_index("ix_action_board_closed", "action", ["board_id", "closed_on", "state"])
    op.create_index("ix_action_board_lifespan", "action", LIFESPAN)


def downgrade() -> None:
    op.drop_index("ix_action_board_lifespan", table_name="action")
    op.drop_index("ix_action_board_closed", table_name="action")
