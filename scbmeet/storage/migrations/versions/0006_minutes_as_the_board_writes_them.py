"""The record as the board writes it: where an action was taken, owners' names in actions,
who left the room on a declaration, and whether the minutes say there were no declarations.

- ``action.after_line``: how many lines of text of its minute's narrative came before the
  action when it was taken (NULL for actions recorded before this revision, or away from
  the narrative: they are printed after the narrative, as before).
- ``person.action_name``: how ``Action:`` lines name the person ("Councillor P Smith");
  empty means title + name.
- ``declaration.left_room``: the member left the room for the item.
- ``board.say_no_declarations``: the minutes say "No declarations of interest were made."
  when there were none (off unless the board's style asks for it).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch table copy): SQLite adds a column with a constant default in
    # place, so an old database with its search triggers is upgraded without rebuilding tables.
    op.add_column("action", sa.Column("after_line", sa.Integer(), nullable=True))
    op.add_column(
        "person",
        sa.Column("action_name", sa.String(length=200), nullable=False, server_default=""),
    )
    op.add_column(
        "declaration",
        sa.Column("left_room", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "board",
        sa.Column("say_no_declarations", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), never a batch rebuild: dropping and re-creating these
    # tables on SQLite would cascade-delete their children and lose the search triggers.
    op.drop_column("board", "say_no_declarations")
    op.drop_column("declaration", "left_room")
    op.drop_column("person", "action_name")
    op.drop_column("action", "after_line")
