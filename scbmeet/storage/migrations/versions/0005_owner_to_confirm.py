"""Actions whose owner is still to be confirmed.

A ``#action`` line typed in minutes mode names its owner as the minute-taker heard it
("Rachel Okafer"). When the name picks out nobody in the register, or several people, the
action is stored at once - nothing typed is lost and no dialog interrupts the typing - with
the name as typed in ``action.owner_to_confirm``. A non-empty value is the "owner to be
confirmed" state: the minutes print the name so marked, and confirming the owner (a click
in minutes mode, or the secretary later) writes the register owner and empties it.

Existing actions have their owners confirmed (an empty value).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.add_column(
            sa.Column("owner_to_confirm", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.drop_column("owner_to_confirm")
