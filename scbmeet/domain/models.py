"""The database tables, as SQLModel classes.

Only the persistence layer and the services use these; everything above the services
(CLI output, documents, GUI) works with the plain dataclasses in :mod:`scbmeet.domain.dto`.
Foreign keys cascade where a child cannot outlive its parent (an agenda item without
its meeting) and are set to NULL where the child is a record in its own right (a minute
whose agenda item was removed).  Rows edited by more than one person at a time carry a
``version`` that every save checks (see :mod:`scbmeet.services.base`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import UTC, date, datetime, time

from sqlalchemy import CheckConstraint, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from scbmeet.domain.enums import (
    ActionState,
    FileRole,
    ItemKind,
    ItemStatus,
    MeetingState,
    NumberingScheme,
    OrgKind,
    PaperState,
    Role,
    Session,
)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _uid() -> str:
    return f"{uuid.uuid4()}@scbmeet"


class Board(SQLModel, table=True):
    """A board or one of its sub-groups (a CSP, a task group)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    short_name: str = Field(max_length=40, unique=True)
    parent_id: int | None = Field(default=None, foreign_key="board.id", ondelete="SET NULL")
    default_venue: str = Field(default="", max_length=300)
    default_start_time: time | None = None
    numbering: str = Field(default=NumberingScheme.CALENDAR.value, max_length=20)
    numbering_start_month: int = Field(default=1)
    quorum_members: int | None = None
    quorum_statutory_orgs: int | None = None
    active: bool = True
    say_no_declarations: bool = False  # minutes say "No declarations ..." when there were none
    # Access to information (revision 0008): "" = not bound by the Local Government Act
    # 1972 rules (free-text reasons); "england" / "wales" = the statutory wording of that nation.
    access_rules: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    papers_due_days: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    decision_notice_days: int = Field(default=2, sa_column_kwargs={"server_default": "2"})


class Organisation(SQLModel, table=True):
    """A council, the constabulary, a health body; or a team inside one (``parent_id``)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    short_name: str = Field(default="", max_length=40)
    kind: str = Field(default=OrgKind.OTHER.value, max_length=20)
    is_statutory: bool = False  # a "responsible authority" under the Crime and Disorder Act
    parent_id: int | None = Field(default=None, foreign_key="organisation.id", ondelete="SET NULL")
    active: bool = True


class Person(SQLModel, table=True):
    """Anybody who sits on, attends, presents to or owns actions of a board."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="", max_length=40)  # Councillor, Supt, Insp, Dr
    given_names: str = Field(default="", max_length=120)
    family_name: str = Field(max_length=120)
    job_title: str = Field(default="", max_length=200)
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="SET NULL", index=True
    )
    email: str = Field(default="", max_length=254)
    active: bool = True
    action_name: str = Field(default="", max_length=200)  # "Councillor P Smith"; "" = title + name


class Seat(SQLModel, table=True):
    """A place on a board given to an organisation, held by a member, with a deputy."""

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", ondelete="CASCADE")
    label: str = Field(default="", max_length=120)
    holder_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    deputy_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    voting: bool = True


class Membership(SQLModel, table=True):
    """A person's role on a board for a term."""

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    role: str = Field(default=Role.MEMBER.value, max_length=20)
    seat_id: int | None = Field(default=None, foreign_key="seat.id", ondelete="SET NULL")
    start_date: date | None = None
    end_date: date | None = None


class Theme(SQLModel, table=True):
    """A priority theme (anti-social behaviour, domestic abuse, ...)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Meeting(SQLModel, table=True):
    """One meeting of a board."""

    __table_args__ = (UniqueConstraint("board_id", "date", name="uq_meeting_board_date"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    date: dt.date
    start_time: time | None = None
    end_time: time | None = None
    venue: str = Field(default="", max_length=300)
    title: str = Field(default="", max_length=200)  # e.g. "Extraordinary meeting"
    state: str = Field(default=MeetingState.PLANNED.value, max_length=20)
    # Set when a later meeting confirms these minutes as a correct record.
    approved_at_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    approved_on: dt.date | None = None
    # Where minute numbering starts when earlier minutes of the year are not in this database.
    first_minute_number: int | None = None
    # The publication records (revision 0008).
    published_at: datetime | None = None
    published_by: str = Field(default="", max_length=120, sa_column_kwargs={"server_default": ""})
    minutes_signed_by: str = Field(
        default="", max_length=200, sa_column_kwargs={"server_default": ""}
    )
    minutes_signed_on: dt.date | None = None
    decisions_published_on: dt.date | None = None
    ical_uid: str = Field(default_factory=_uid, max_length=100)
    ical_sequence: int = 0
    version: int = 1
    updated_at: datetime = Field(default_factory=_now)


class Attendance(SQLModel, table=True):
    """How one person took part in one meeting."""

    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id", name="uq_attendance_meeting_person"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    status: str = Field(max_length=20)
    substitute_for_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="SET NULL"
    )
    arrived_during_id: int | None = Field(
        default=None, foreign_key="agendaitem.id", ondelete="SET NULL"
    )
    left_during_id: int | None = Field(
        default=None, foreign_key="agendaitem.id", ondelete="SET NULL"
    )
    note: str = Field(default="", max_length=300)


class AgendaItem(SQLModel, table=True):
    """An item (or, with ``parent_id``, a sub-item) on a meeting's agenda."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    parent_id: int | None = Field(default=None, foreign_key="agendaitem.id", ondelete="CASCADE")
    position: int = 0
    title: str = Field(max_length=300)
    kind: str = Field(default=ItemKind.ORDINARY.value, max_length=20)
    session: str = Field(default=Session.OPEN.value, max_length=10)
    closed_reference: str = Field(default="", max_length=60)
    status: str = Field(default=ItemStatus.SCHEDULED.value, max_length=20)
    presenter_text: str = Field(default="", max_length=300)  # free-text presenters
    duration_minutes: int | None = None
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Why a closed item is closed: Schedule 12A paragraphs ("1,7") or a reason in words; and
    # why an item added after the agenda was published is urgent (revision 0008).
    exempt_paragraphs: str = Field(
        default="", max_length=20, sa_column_kwargs={"server_default": ""}
    )
    closed_reason: str = Field(
        default="", sa_column=Column(Text, nullable=False, default="", server_default="")
    )
    urgency_reason: str = Field(
        default="", sa_column=Column(Text, nullable=False, default="", server_default="")
    )
    # Unnumbered points under the item's number, one a line, in order (revision 0012_bullets).
    bullets: str = Field(
        default="", sa_column=Column(Text, nullable=False, default="", server_default="")
    )


class AgendaPresenter(SQLModel, table=True):
    """A registered person presenting an item (free-text ones live on the item)."""

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(foreign_key="agendaitem.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")
    position: int = 0


class Paper(SQLModel, table=True):
    """A report for an agenda item; its files are stored in :class:`PaperFile`."""

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(foreign_key="agendaitem.id", ondelete="CASCADE", index=True)
    position: int = 0
    title: str = Field(max_length=300)
    author_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    author_text: str = Field(default="", max_length=300)
    attached_text: str = Field(default="", max_length=500)  # "Attached" on the cover sheet
    recommendation: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    state: str = Field(default=PaperState.EXPECTED.value, max_length=20)
    due_date: date | None = None  # due to the secretary
    received_on: date | None = None
    # Why a paper added after the agenda was published is urgent (revision 0008).
    urgency_reason: str = Field(
        default="", sa_column=Column(Text, nullable=False, default="", server_default="")
    )


class PaperFile(SQLModel, table=True):
    """The bytes of a paper or appendix, kept *inside* the database.

    Storing the file in the database means a paper survives copying the database to
    another machine, a backup restores it, and JSON export carries it (base64).
    """

    id: int | None = Field(default=None, primary_key=True)
    paper_id: int = Field(foreign_key="paper.id", ondelete="CASCADE", index=True)
    role: str = Field(default=FileRole.PAPER.value, max_length=20)
    position: int = 0
    filename: str = Field(max_length=255)
    media_type: str = Field(default="application/octet-stream", max_length=120)
    size: int = 0
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    added_at: datetime = Field(default_factory=_now)


class MinuteItem(SQLModel, table=True):
    """A numbered minute (``10/13``) of a meeting.

    ``board_id`` and ``numbering_year`` are copied from the meeting so that the database
    itself guarantees that a number is never used twice in a board's year.
    """

    __table_args__ = (
        UniqueConstraint("board_id", "numbering_year", "number", name="uq_minute_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE")
    agenda_item_id: int | None = Field(
        default=None, foreign_key="agendaitem.id", ondelete="SET NULL"
    )
    position: int = 0
    numbering_year: int
    number: int
    title: str = Field(max_length=300)
    narrative: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    version: int = 1
    updated_at: datetime = Field(default_factory=_now)


class Resolution(SQLModel, table=True):
    """A decision: "RESOLVED that ...", under a minute."""

    id: int | None = Field(default=None, primary_key=True)
    minute_item_id: int = Field(foreign_key="minuteitem.id", ondelete="CASCADE", index=True)
    position: int = 0
    text: str = Field(sa_column=Column(Text, nullable=False))
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Action(SQLModel, table=True):
    """Something somebody agreed to do, carried from meeting to meeting until closed."""

    # The chair's review counts a board's actions (revision 0011_review): those closed
    # since a day found by range, and the trend's per-day tallies read from the index alone.
    __table_args__ = (
        Index("ix_action_board_closed", "board_id", "closed_on", "state"),
        Index(
            "ix_action_board_lifespan",
            "board_id",
            "created_on",
            "state",
            "closed_on",
            "due_date",
            "due_meeting_id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    minute_item_id: int | None = Field(
        default=None, foreign_key="minuteitem.id", ondelete="CASCADE", index=True
    )
    position: int = 0
    text: str = Field(sa_column=Column(Text, nullable=False))
    due_date: date | None = None
    due_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    state: str = Field(default=ActionState.OPEN.value, max_length=20, index=True)
    created_on: date
    closed_on: date | None = None
    closed_at_meeting_id: int | None = Field(
        default=None, foreign_key="meeting.id", ondelete="SET NULL"
    )
    version: int = 1
    # The owner as typed when it matched nobody (or several people) in the register: the
    # action's owner is "to be confirmed" while this is not empty (revision 0005).
    owner_to_confirm: str = Field(
        default="", sa_column=Column(Text, nullable=False, default="", server_default="")
    )
    # Lines of the minute's narrative before the action when it was taken (None: after all).
    after_line: int | None = None


class ActionOwner(SQLModel, table=True):
    """One owner of an action: a person, or an organisation or team."""

    __table_args__ = (
        CheckConstraint(
            "(person_id IS NULL) <> (organisation_id IS NULL)", name="ck_owner_one_kind"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    position: int = 0
    person_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="CASCADE", index=True
    )
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="CASCADE", index=True
    )


class ActionUpdate(SQLModel, table=True):
    """Dated progress on an action, optionally reported at a meeting."""

    # Each action's newest progress, read from the index (the register shows it).
    __table_args__ = (Index("ix_actionupdate_newest", "action_id", "on_date", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    on_date: date
    text: str = Field(sa_column=Column(Text, nullable=False))
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")


class ForwardPlanEntry(SQLModel, table=True):
    """Something the board wants to see at a future meeting ("an update in six months")."""

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=300)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    due_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    due_month: date | None = None  # first day of the month it is due
    source_minute_item_id: int | None = Field(
        default=None, foreign_key="minuteitem.id", ondelete="SET NULL"
    )
    source_text: str = Field(default="", max_length=300)
    agenda_item_id: int | None = Field(
        default=None, foreign_key="agendaitem.id", ondelete="SET NULL"
    )
    withdrawn: bool = False
    created_on: date
    # "closed" when asked for in closed session: the meeting that takes it takes it in closed
    session: str = Field(default="open", sa_column_kwargs={"server_default": "open"}, max_length=10)


class AgendaItemTheme(SQLModel, table=True):
    """Tags an agenda item with a priority theme."""

    agenda_item_id: int = Field(foreign_key="agendaitem.id", ondelete="CASCADE", primary_key=True)
    theme_id: int = Field(foreign_key="theme.id", ondelete="CASCADE", primary_key=True)


class PaperTheme(SQLModel, table=True):
    """Tags a paper with a priority theme."""

    paper_id: int = Field(foreign_key="paper.id", ondelete="CASCADE", primary_key=True)
    theme_id: int = Field(foreign_key="theme.id", ondelete="CASCADE", primary_key=True)


class ActionTheme(SQLModel, table=True):
    """Tags an action with a priority theme."""

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", primary_key=True)
    theme_id: int = Field(foreign_key="theme.id", ondelete="CASCADE", primary_key=True)


class Declaration(SQLModel, table=True):
    """A declaration of interest made at a meeting."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")
    agenda_item_id: int | None = Field(
        default=None, foreign_key="agendaitem.id", ondelete="SET NULL"
    )
    nature: str = Field(sa_column=Column(Text, nullable=False))
    left_room: bool = False
    # Kept against the register (revision 0008): the interest declared and its kind.
    interest_id: int | None = Field(default=None, foreign_key="interest.id", ondelete="SET NULL")
    kind: str = Field(default="", max_length=30, sa_column_kwargs={"server_default": ""})


class Interest(SQLModel, table=True):
    """A member's standing interest in the register of interests."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=30)  # an InterestKind value
    matter: str = Field(max_length=300)  # the organisation or matter
    start_date: date | None = None
    end_date: date | None = None


class AgendaTemplate(SQLModel, table=True):
    """A saved agenda shape for a board; ``body`` is JSON (see services.agenda)."""

    __table_args__ = (UniqueConstraint("board_id", "name", name="uq_template_board_name"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=120)
    body: str = Field(sa_column=Column(Text, nullable=False))


class AuditEntry(SQLModel, table=True):
    """One recorded change: what, when, by whom, before and after (JSON).

    Entries name their meeting and action by id but do not cascade with them: the trail
    of a deleted meeting must outlive the meeting.
    """

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=_now, index=True)
    user: str = Field(max_length=120)
    entity: str = Field(max_length=40)
    entity_id: int | None = None
    operation: str = Field(max_length=40)
    meeting_id: int | None = Field(default=None, index=True)
    action_id: int | None = Field(default=None, index=True)
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    before: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    after: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


# The partnership plan's tables live in a module of their own; importing it here registers
# them wherever the other tables are (migrations, JSON export and import).
import scbmeet.domain.plan_models  # noqa: E402, F401
