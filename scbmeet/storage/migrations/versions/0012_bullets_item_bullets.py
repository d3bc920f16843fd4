"""An agenda item's unnumbered bullet points as data of their own.

``agendaitem.bullets`` holds them one a line, in order. Until now a secretary typed them as
"- " (or "• ") lines in the item's notes: the upgrade moves those lines out of the notes into
the bullets; the downgrade puts them back at the end of the notes as "- " lines.

Revision ID: 0012_bullets
Revises: 0011_review
Create Date: 2026-12-07 07:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_bullets"
down_revision: str | None = "0011_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MARKS = ("- ", "\u2022 ")
ITEMS = sa.table(
    "agendaitem",
    sa.column("id", sa.Integer()),
    sa.column("notes", sa.Text()),
    sa.column("bullets", sa.Text()),
)


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite 3.35+): batch mode would rebuild a table many others refer to.
    op.add_column("agendaitem", sa.Column("bullets", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    rows = bind.execute(sa.select(ITEMS.c.id, ITEMS.c.notes).where(ITEMS.c.notes != "")).all()
    for item_id, notes in rows:
        kept, bullets = _split(notes or "")
        if bullets:
            bind.execute(
                ITEMS.update()
                .where(ITEMS.c.id == item_id)
                .values(notes=kept, bullets="\n".join(bullets))
            )


def downgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(ITEMS.c.id, ITEMS.c.notes, ITEMS.c.bullets).where(ITEMS.c.bullets != "")
    ).all()
    for item_id, notes, bullets in rows:
        lines = [f"- {b}" for b in (bullets or "").splitlines() if b.strip()]
        joined = "\n".join([notes, *lines] if notes else lines)
        bind.execute(ITEMS.update().where(ITEMS.c.id == item_id).values(notes=joined))
    op.drop_column("agendaitem", "bullets")


def _split(notes: str) -> tuple[str, list[str]]:
    """The notes without their "- " lines, and those lines' text (kept here, not imported,
    so the migration stays as it was written)."""
    kept: list[str] = []
    bullets: list[str] = []
    for line in notes.splitlines():
        stripped = line.strip()
        if stripped[:2] in MARKS and stripped[2:].strip():
            bullets.append(stripped[2:].strip())
        else:
            kept.append(line)
    return "\n".join(kept).strip("\n"), bullets
