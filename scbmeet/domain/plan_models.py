"""The partnership plan's tables: plans, their priorities, plan actions, owners and progress.

A board keeps a strategic action plan (a three-year partnership plan or a county community
safety agreement) and reviews progress against it at its meetings. Each priority answers a
threat or risk; each plan action under it has lead owners (people or organisations, as a
meeting action's), a target date, milestones, and a progress update per review, rated in
words (on track, at risk, ...), optionally at a meeting. :mod:`scbmeet.domain.models`
imports this module, so the tables are registered wherever the others are.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from scbmeet.domain.plan_vocabulary import PlanState, ProgressStatus


class Plan(SQLModel, table=True):
    """A board's partnership plan for a period ("2024-2027")."""

    __table_args__ = (UniqueConstraint("board_id", "name", name="uq_plan_board_name"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    period: str = Field(default="", max_length=40)
    status: str = Field(default=PlanState.ACTIVE.value, max_length=20)


class PlanPriority(SQLModel, table=True):
    """A priority of a plan (a theme such as domestic abuse) and the threat or risk it answers."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    position: int = 0
    theme: str = Field(max_length=200)
    threat: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class PlanAction(SQLModel, table=True):
    """What partners will do under a priority, by when."""

    id: int | None = Field(default=None, primary_key=True)
    priority_id: int = Field(foreign_key="planpriority.id", ondelete="CASCADE", index=True)
    position: int = 0
    text: str = Field(sa_column=Column(Text, nullable=False))
    target_date: date | None = None
    milestones: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class PlanActionOwner(SQLModel, table=True):
    """One lead owner of a plan action: a person, or an organisation or team."""

    __table_args__ = (
        CheckConstraint(
            "(person_id IS NULL) <> (organisation_id IS NULL)", name="ck_plan_owner_one_kind"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_action_id: int = Field(foreign_key="planaction.id", ondelete="CASCADE", index=True)
    position: int = 0
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE")
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="CASCADE"
    )


class PlanProgress(SQLModel, table=True):
    """Progress on a plan action at one review: a dated narrative and its rating."""

    id: int | None = Field(default=None, primary_key=True)
    plan_action_id: int = Field(foreign_key="planaction.id", ondelete="CASCADE", index=True)
    on_date: date
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(default=ProgressStatus.ON_TRACK.value, max_length=20)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")


class PlanReviewItem(SQLModel, table=True):
    """An agenda item that is the review of a plan: the pack appends the plan's table as
    it stood at the meeting, and minutes mode records progress against it at the item."""

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(
        foreign_key="agendaitem.id", ondelete="CASCADE", unique=True, index=True
    )
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)


class PlanActionLink(SQLModel, table=True):
    """A meeting action taken towards a plan action: the progress of each shows on both."""

    __table_args__ = (UniqueConstraint("plan_action_id", "action_id", name="uq_plan_action_link"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_action_id: int = Field(foreign_key="planaction.id", ondelete="CASCADE", index=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)


class PlanRecommendation(SQLModel, table=True):
    """An "action for support by the board": a recommendation of a plan's report, under one
    of its priorities, listed again at each review until the board decides it."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    priority_id: int | None = Field(
        default=None, foreign_key="planpriority.id", ondelete="SET NULL"
    )
    position: int = 0
    text: str = Field(sa_column=Column(Text, nullable=False))
    in_progress: str = Field(default="", max_length=300)  # "Yes", "Report back in November"
    raised_on: date


class PlanDecision(SQLModel, table=True):
    """The board's decision on a recommendation at a meeting: supported, not supported or
    deferred (a deferred one comes back until it is decided)."""

    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: int = Field(
        foreign_key="planrecommendation.id", ondelete="CASCADE", index=True
    )
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    decision: str = Field(max_length=20)
    note: str = Field(default="", max_length=500)


class PlanDuty(SQLModel, table=True):
    """A statutory task that comes round every year (the strategic assessment, refreshing the
    plan, sending it to the police and crime commissioner, the annual scrutiny), due on a
    day of the year and put on the forward plan ``notice_months`` before."""

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=300)
    due_month: int = 1
    due_day: int = 1
    notice_months: int = 2


class CaseReview(SQLModel, table=True):
    """A restricted case review (a domestic homicide review delegated to the board): its
    reference, where it has got to, what it has cost, and its recommendations as plan-style
    actions (a plan of its own, never listed with the board's plans). Closed business: it
    comes to the closed session and is never in a public document."""

    __table_args__ = (
        UniqueConstraint("board_id", "reference", name="uq_casereview_board_reference"),
    )

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    reference: str = Field(max_length=60)
    title: str = Field(default="", max_length=300)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", unique=True)
    costs_pence: int = 0


class CaseReviewStage(SQLModel, table=True):
    """A stage a case review reached (notified, panel appointed, report submitted...), dated."""

    id: int | None = Field(default=None, primary_key=True)
    case_review_id: int = Field(foreign_key="casereview.id", ondelete="CASCADE", index=True)
    stage: str = Field(max_length=120)
    on_date: date
