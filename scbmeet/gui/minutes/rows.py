"""What the minutes window lists down its left side, as plain data built from the services.

One row per agenda item (sub-items included, apologies replaced by the attendance row),
then any minute that has no agenda item. A row is named by a :class:`RowKey` that stays
the same while the minute behind it is created, renumbered or moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scbmeet.domain import dto
from scbmeet.domain.enums import ItemKind, ItemStatus


@dataclass(frozen=True)
class RowKey:
    """``("item", agenda item id)``, ``("minute", minute id)`` or the attendance row."""

    kind: str
    id: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


ATTENDANCE = RowKey("attendance", 0)


@dataclass(frozen=True)
class AgendaRow:
    key: RowKey
    number: str  # the agenda number ("4", "4.1"), "" for headings and extra minutes
    title: str
    kind: str  # an ItemKind value; "" for the attendance row and minute-only rows
    status: str  # an ItemStatus value; "" where there is no agenda item
    depth: int
    closed_session: bool
    agenda_item: dto.AgendaItemInfo | None = None
    minute: dto.MinuteItemInfo | None = None
    held: bool = False  # an item raised in the room, kept in the journal: not yet saved

    @property
    def reference(self) -> str:
        return self.minute.reference if self.minute else ""

    @property
    def deferred(self) -> bool:
        return self.status == ItemStatus.DEFERRED

    @property
    def can_be_minuted(self) -> bool:
        return self.key.kind not in (ATTENDANCE.kind, HELD)


# Standard items minuted in a pane of their own rather than as a row of the agenda.
PANE_KINDS = (ItemKind.APOLOGIES, ItemKind.DECLARATIONS)
ATTENDANCE_AND_DECLARATIONS = "Attendance and declarations"


def build_rows(
    agenda: Sequence[dto.AgendaItemInfo], minutes: Sequence[dto.MinuteItemInfo]
) -> list[AgendaRow]:
    """The rows in agenda order: attendance first, extra minutes last."""
    by_item: dict[int, dto.MinuteItemInfo] = {}
    extra: list[dto.MinuteItemInfo] = []
    # Apologies are the attendance row, so a minute filed under them is listed on its own;
    # declarations are taken in their pane (Ctrl+I) and printed in the opening, likewise.
    agenda_ids = {item.id for item in agenda if item.kind not in PANE_KINDS}
    for minute in minutes:
        item_id = minute.agenda_item_id
        if item_id is not None and item_id in agenda_ids and item_id not in by_item:
            by_item[item_id] = minute
        else:
            extra.append(minute)
    # The row says it takes the declarations too, so that their item's number, missing from
    # the list below it, is not looked for in vain.
    declarations = next((i for i in agenda if i.kind == ItemKind.DECLARATIONS), None)
    if declarations is None:
        rows = [AgendaRow(ATTENDANCE, "", "Attendance and apologies", "", "", 0, False)]
    else:
        number = declarations.number
        rows = [AgendaRow(ATTENDANCE, number, ATTENDANCE_AND_DECLARATIONS, "", "", 0, False)]
    for item in agenda:
        if item.kind in PANE_KINDS:
            continue
        rows.append(
            AgendaRow(
                key=RowKey("item", item.id),
                number=item.number,
                title=item.title,
                kind=item.kind,
                status=item.status,
                depth=0 if item.parent_id is None else 1,
                closed_session=item.is_closed,
                agenda_item=item,
                minute=by_item.get(item.id),
            )
        )
    for minute in extra:
        rows.append(
            AgendaRow(
                key=RowKey("minute", minute.id),
                number="",
                title=minute.title,
                kind="",
                status="",
                depth=0,
                closed_session=minute.is_closed,
                minute=minute,
            )
        )
    return rows


HELD = "held"


@dataclass(frozen=True)
class HeldItem:
    """An item raised in the room while the database could not take it."""

    ident: str
    title: str
    before_item_id: int | None  # the top-level item it goes before (None: the session's end)
    closed: bool


def with_held_items(rows: list[AgendaRow], held: Sequence[HeldItem]) -> list[AgendaRow]:
    """The agenda rows with the held new items where they will go, marked not yet saved."""
    rows = list(rows)
    for number, item in enumerate(held):
        row = AgendaRow(RowKey(HELD, number), "", item.title, "", "", 0, item.closed, held=True)
        before = row_index(rows, RowKey("item", item.before_item_id or 0))
        if before is None:  # the end of its session: before the first closed row, if open
            before = next(
                (i for i, r in enumerate(rows) if r.closed_session and not item.closed and i),
                None,
            )
        rows.insert(before if before is not None else len(rows), row)
    return rows


def row_index(rows: Sequence[AgendaRow], key: RowKey) -> int | None:
    return next((i for i, row in enumerate(rows) if row.key == key), None)


@dataclass(frozen=True)
class RecordRow:
    """One resolution, action or update request under a minute."""

    kind: str  # "resolution", "action" or "update" ("draft": another unfinished dialog)
    id: int | str  # the record's id; a held step's or draft's ident when ``pending``
    text: str
    owners: str = ""
    due: str = ""
    owner_to_confirm: bool = False
    pending: str = ""  # "held": kept in the journal, not yet saved; "unfinished": a draft

    @property
    def key(self) -> tuple[str, int | str]:
        """What Enter and Delete act on: ``("action", 12)``, ``("held", ident)``..."""
        if self.pending == "held":
            return ("held", self.id)
        if self.pending:
            return ("draft", self.id)
        return (self.kind, self.id)


def record_rows(
    minute: dto.MinuteItemInfo | None, requests: Sequence[dto.ForwardPlanInfo]
) -> list[RecordRow]:
    """A minute's resolutions, then its actions, then the updates it asked for."""
    if minute is None:
        return []
    rows = [RecordRow("resolution", r.id, r.text) for r in minute.resolutions]
    rows += [
        RecordRow("action", a.id, a.text, a.owner_line, due_label(a), not a.owner_confirmed)
        for a in minute.actions
    ]
    rows += [
        RecordRow("update", e.id, e.title, "", e.due_label)
        for e in requests
        if e.source_minute_item_id == minute.id
    ]
    return rows


def quorum_line(quorum: dto.QuorumInfo) -> str:
    """``Quorate: 7 voting members present (quorum 5)``; inquorate said in words too."""
    members = f"{quorum.members_present} voting member{'' if quorum.members_present == 1 else 's'}"
    parts = [f"{members} present"]
    if quorum.members_needed is not None:
        parts[0] += f" (quorum {quorum.members_needed})"
    if quorum.organisations_needed is not None:
        parts.append(
            f"{quorum.statutory_organisations} statutory organisations represented "
            f"(quorum {quorum.organisations_needed})"
        )
    if quorum.members_needed is None and quorum.organisations_needed is None:
        return f"{parts[0]} (the board has no quorum set)"
    return ("Quorate: " if quorum.quorate else "NOT QUORATE: ") + "; ".join(parts)


def due_label(action: dto.ActionInfo) -> str:
    if action.due_meeting_date is not None:
        return f"meeting of {dto.long_date(action.due_meeting_date)}"
    return dto.long_date(action.due_date) if action.due_date else ""


# -- attendance -------------------------------------------------------------------------------

ROLE_LABELS = {
    "chair": "Chair",
    "vice_chair": "Vice-chair",
    "member": "Member",
    "adviser": "Adviser",
    "officer": "Officer",
}
STATUS_LABELS = {
    "present": "Present",
    "apologies": "Apologies",
    "absent": "Absent",
    "in_attendance": "In attendance",
}
GUESTS_GROUP = "Substitutes, officers and guests"


@dataclass(frozen=True)
class Attendee:
    person: dto.PersonInfo
    role: str  # the membership role, or "" for someone who is not a member
    attendance: dto.AttendanceInfo | None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""


@dataclass(frozen=True)
class AttendanceGroup:
    name: str
    people: tuple[Attendee, ...]


def attendance_groups(
    memberships: Sequence[dto.MembershipInfo], attendance: Sequence[dto.AttendanceInfo]
) -> list[AttendanceGroup]:
    """Members grouped by organisation (chair first in each), then everyone else who came."""
    recorded = {a.person.id: a for a in attendance}
    groups: dict[str, list[Attendee]] = {}
    member_ids = set()
    role_order = list(ROLE_LABELS)
    for m in sorted(
        memberships,
        key=lambda m: (
            role_order.index(m.role) if m.role in role_order else 99,
            m.person.family_name,
        ),
    ):
        if m.person.id in member_ids:
            continue
        member_ids.add(m.person.id)
        org = m.person.organisation_name or "No organisation"
        groups.setdefault(org, []).append(Attendee(m.person, m.role, recorded.get(m.person.id)))
    result = [AttendanceGroup(name, tuple(people)) for name, people in sorted(groups.items())]
    others = [
        Attendee(a.person, "", a)
        for a in sorted(attendance, key=lambda a: a.person.family_name)
        if a.person.id not in member_ids
    ]
    if others:
        result.append(AttendanceGroup(GUESTS_GROUP, tuple(others)))
    return result


def attendance_note(attendee: Attendee, item_labels: dict[int, str]) -> str:
    """``substitute for Kieran Walsh; arrived during item 4``."""
    a = attendee.attendance
    if a is None:
        return ""
    parts = []
    if a.substitute_for_name:
        parts.append(f"substitute for {a.substitute_for_name}")
    if a.arrived_during_id is not None:
        parts.append(f"arrived during {item_labels.get(a.arrived_during_id, 'an item')}")
    if a.left_during_id is not None:
        parts.append(f"left during {item_labels.get(a.left_during_id, 'an item')}")
    if a.note:
        parts.append(a.note)
    return "; ".join(parts)


def item_labels(agenda: Sequence[dto.AgendaItemInfo]) -> dict[int, str]:
    """``{id: "item 4"}`` (or the title for unnumbered items), as attendance notes name them."""
    return {i.id: f"item {i.number}" if i.number else i.title for i in agenda}
