"""The access-to-information rules public bodies meet by.

``board.access_rules`` ("" when the board does not follow the Local Government Act 1972
access-to-information rules, else the nation whose wording it uses: "england" or "wales"),
``board.papers_due_days`` (papers are due this many working days before the agenda must be
published) and ``board.decision_notice_days`` (the decision notice is due this many working
days after the meeting). An agenda item records why it is closed (``exempt_paragraphs``:
Schedule 12A paragraphs "1,7"; or ``closed_reason`` in words) and, added after the agenda was
published, why it is urgent (``urgency_reason``); so does a late paper. A meeting records when
and by whom its agenda was published, who signed its minutes and when, and when its decision
notice went out. ``interest`` is the register of members' standing interests; a declaration
made at a meeting may name the registered interest and its kind.

Existing boards do not follow the statutory rules (the wording stays as it was).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 00:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN (SQLite 3.35+): rebuilding ``meeting`` or ``board``, which many
    # tables refer to, is what batch mode would do.
    for table, column in COLUMNS:
        op.add_column(table, column)
    op.create_table(
        "interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("matter", sa.String(length=300), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_interest_person_id", "interest", ["person_id"])
    with op.batch_alter_table("declaration") as batch:
        batch.add_column(sa.Column("interest_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("kind", sa.String(length=30), nullable=False, server_default=""))
        batch.create_foreign_key(
            "fk_declaration_interest_id", "interest", ["interest_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("declaration") as batch:
        batch.drop_constraint("fk_declaration_interest_id", type_="foreignkey")
        batch.drop_column("kind")
        batch.drop_column("interest_id")
    op.drop_index("ix_interest_person_id", table_name="interest")
    op.drop_table("interest")
    for table, column in reversed(COLUMNS):
        op.drop_column(table, column.name)


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


COLUMNS = [
    ("board", sa.Column("access_rules", sa.String(length=20), nullable=False, server_default="")),
    ("board", sa.Column("papers_due_days", sa.Integer(), nullable=False, server_default="3")),
    ("board", sa.Column("decision_notice_days", sa.Integer(), nullable=False, server_default="2")),
    (
        "agendaitem",
        sa.Column("exempt_paragraphs", sa.String(length=20), nullable=False, server_default=""),
    ),
    ("agendaitem", _text("closed_reason")),
    ("agendaitem", _text("urgency_reason")),
    ("paper", _text("urgency_reason")),
    ("meeting", sa.Column("published_at", sa.DateTime(), nullable=True)),
    (
        "meeting",
        sa.Column("published_by", sa.String(length=120), nullable=False, server_default=""),
    ),
    (
        "meeting",
        sa.Column("minutes_signed_by", sa.String(length=200), nullable=False, server_default=""),
    ),
    ("meeting", sa.Column("minutes_signed_on", sa.Date(), nullable=True)),
    ("meeting", sa.Column("decisions_published_on", sa.Date(), nullable=True)),
]
