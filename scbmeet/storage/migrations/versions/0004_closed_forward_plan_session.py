"""Forward-plan entries keep the session they were asked for in; resolutions get a version.

``forwardplanentry.session`` ("open" or "closed"): an update requested in a closed-session
minute is itself closed business, so the meeting that takes it puts it in its closed session
and no public document or invitation names it. Existing entries asked for from a minute of a
closed item (or of an item under a closed item) become closed.

``resolution.version``: every save of a resolution checks it, so of two windows saving the
same resolution the second is refused instead of silently overwriting the first.

Revision ID: 0004_closed
Revises: 0003
Create Date: 2026-12-06 21:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_closed"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("forwardplanentry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session", sa.String(length=10), nullable=False, server_default="open")
        )
    with op.batch_alter_table("resolution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    _close_entries_from_closed_minutes()


def _close_entries_from_closed_minutes() -> None:
    """Sub-items go one level deep, so an item is closed if it or its parent is."""
    op.execute(
        """
        UPDATE forwardplanentry SET session = 'closed'
        WHERE source_minute_item_id IN (
            SELECT m.id FROM minuteitem m
            JOIN agendaitem i ON i.id = m.agenda_item_id
            LEFT JOIN agendaitem p ON p.id = i.parent_id
            WHERE i.session = 'closed' OR p.session = 'closed'
        )
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("resolution", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("forwardplanentry", schema=None) as batch_op:
        batch_op.drop_column("session")
