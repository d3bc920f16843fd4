"""The fixed vocabularies of the domain, stored in the database as their string values.

They are plain ``StrEnum`` s rather than database enum types so that migrations stay simple
on SQLite and PostgreSQL alike; :data:`ENUM_COLUMNS` lets the importer validate them.
"""

from enum import StrEnum

from scbmeet.domain.access_rules import ACCESS_ENUM_COLUMNS
from scbmeet.domain.plan_vocabulary import PLAN_ENUM_COLUMNS


class NumberingScheme(StrEnum):
    """How a board's minute numbers (``10/13``) restart."""

    CALENDAR = "calendar"  # restart every 1 January
    MUNICIPAL = "municipal"  # restart in the board's chosen month (usually May)


class OrgKind(StrEnum):
    """What sort of body an organisation is; a team is a unit inside another one."""

    COUNCIL = "council"
    POLICE = "police"
    FIRE = "fire"
    PROBATION = "probation"
    HEALTH = "health"
    PCC = "pcc"
    VOLUNTARY = "voluntary"
    TEAM = "team"
    OTHER = "other"


class Role(StrEnum):
    """A person's role on a board."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    ADVISER = "adviser"
    OFFICER = "officer"


class MeetingState(StrEnum):
    """Where a meeting is in its life; the order of the members is the order of life."""

    PLANNED = "planned"
    AGENDA_ISSUED = "agenda_issued"
    HELD = "held"
    MINUTES_DRAFTED = "minutes_drafted"
    MINUTES_APPROVED = "minutes_approved"


class AttendanceStatus(StrEnum):
    """How a person took part in a meeting."""

    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    IN_ATTENDANCE = "in_attendance"  # officers and guests who are not members


class ItemKind(StrEnum):
    """Standard agenda items, which the services and documents treat specially."""

    APOLOGIES = "apologies"
    DECLARATIONS = "declarations"
    MINUTES = "minutes"
    MATTERS_ARISING = "matters_arising"
    ORDINARY = "ordinary"
    AOB = "aob"
    NEXT_MEETING = "next_meeting"


class Session(StrEnum):
    """Whether an agenda item is taken in public."""

    OPEN = "open"
    CLOSED = "closed"


class ItemStatus(StrEnum):
    """What became of an agenda item at its meeting."""

    SCHEDULED = "scheduled"
    TAKEN = "taken"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"


class PaperState(StrEnum):
    """Where a paper is on its way to the board."""

    EXPECTED = "expected"
    ATTACHED = "attached"
    TO_FOLLOW = "to_follow"
    TABLED = "tabled"


class FileRole(StrEnum):
    """Whether a stored file is the paper itself or one of its appendices."""

    PAPER = "paper"
    APPENDIX = "appendix"


class ActionState(StrEnum):
    """The life of an action; done and dropped are closed."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_closed(self) -> bool:
        return self in (ActionState.DONE, ActionState.DROPPED)


CLOSED_ACTION_STATES = (ActionState.DONE.value, ActionState.DROPPED.value)
OPEN_ACTION_STATES = (ActionState.OPEN.value, ActionState.IN_PROGRESS.value)

# (table, column) -> vocabulary, for validating imported data.
ENUM_COLUMNS: dict[tuple[str, str], type[StrEnum]] = {
    ("board", "numbering"): NumberingScheme,
    ("organisation", "kind"): OrgKind,
    ("membership", "role"): Role,
    ("meeting", "state"): MeetingState,
    ("attendance", "status"): AttendanceStatus,
    ("agendaitem", "kind"): ItemKind,
    ("agendaitem", "session"): Session,
    ("agendaitem", "status"): ItemStatus,
    ("paper", "state"): PaperState,
    ("paperfile", "role"): FileRole,
    ("action", "state"): ActionState,
    ("forwardplanentry", "session"): Session,
}
ENUM_COLUMNS.update(PLAN_ENUM_COLUMNS)
ENUM_COLUMNS.update(ACCESS_ENUM_COLUMNS)
