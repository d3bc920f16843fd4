"""Declarations of interest made at a meeting: who, at which item, what interest, and whether
they left the room while the item was taken.

Recorded in minutes mode as the meeting goes (and correctable there); the minutes print them
under "Declarations of interest". Once the minutes are approved they lock with them; a change
to reopened minutes is kept in the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.access_rules import InterestKind
from scbmeet.domain.errors import NotFoundError, ValidationError
from scbmeet.domain.models import AgendaItem, Declaration, Interest, Meeting
from scbmeet.services.base import (
    ServiceBase,
    clean_text,
    get_or_fail,
    record_audit,
    require_choice,
    snapshot,
)
from scbmeet.services.convert import people_by_id
from scbmeet.services.meetings import ensure_minutes_editable, was_reopened

DECLARATION_FIELDS = ("person_id", "agenda_item_id", "nature", "left_room", "interest_id", "kind")


def _info(row: Declaration, person: dto.PersonInfo | None) -> dto.DeclarationInfo:
    return dto.DeclarationInfo(
        id=row.id or 0,
        meeting_id=row.meeting_id,
        person_id=row.person_id,
        person_name=person.in_actions if person else "?",  # "Councillor Paul Smith"
        agenda_item_id=row.agenda_item_id,
        nature=row.nature,
        left_room=row.left_room,
        interest_id=row.interest_id,
        kind=row.kind,
    )


def _check(s: Session, row: Declaration) -> None:
    """A nature in words, a person of the register, an item of the same meeting."""
    row.nature = clean_text(row.nature).strip()
    if not row.nature:
        raise ValidationError("Say what the interest is.")
    if not people_by_id(s, [row.person_id]):
        raise NotFoundError(f"There is no person with id {row.person_id}.")
    if row.agenda_item_id is not None:
        item = get_or_fail(s, AgendaItem, row.agenda_item_id, "agenda item")
        if item.meeting_id != row.meeting_id:
            raise ValidationError("That agenda item belongs to another meeting.")
    if row.interest_id is not None:  # kept against the register: the member's own interest
        interest = get_or_fail(s, Interest, row.interest_id, "registered interest")
        if interest.person_id != row.person_id:
            raise ValidationError("That registered interest is another member's.")
        row.kind = row.kind or interest.kind
    if row.kind:
        row.kind = require_choice(row.kind, InterestKind, "kind of interest")


class DeclarationService(ServiceBase):
    """Recording, correcting and listing declarations of interest."""

    def add(
        self,
        meeting_id: int,
        person_id: int,
        nature: str,
        *,
        agenda_item_id: int | None = None,
        left_room: bool = False,
        interest_id: int | None = None,
        kind: str = "",
    ) -> dto.DeclarationInfo:
        """Record a declaration; ``interest_id`` keeps it against the register (its kind
        then defaults to the registered one). A member declaring a disclosable pecuniary
        interest at an item does not count towards the quorum there."""
        with self.db.transaction() as s:
            ensure_minutes_editable(get_or_fail(s, Meeting, meeting_id, "meeting"))
            row = Declaration(
                meeting_id=meeting_id,
                person_id=person_id,
                agenda_item_id=agenda_item_id,
                nature=nature,
                left_room=left_room,
                interest_id=interest_id,
                kind=kind,
            )
            _check(s, row)
            s.add(row)
            s.flush()
            self._audit(s, row, "add_after_approval", before="")
            info = _info(row, people_by_id(s, [person_id]).get(person_id))
        self._changed("declaration", meeting_id)
        return info

    def update(self, declaration_id: int, changes: Mapping[str, Any]) -> dto.DeclarationInfo:
        unknown = set(changes) - set(DECLARATION_FIELDS)
        if unknown:
            raise ValidationError(f"Cannot change {', '.join(sorted(unknown))} of a declaration.")
        with self.db.transaction() as s:
            row = get_or_fail(s, Declaration, declaration_id, "declaration")
            ensure_minutes_editable(get_or_fail(s, Meeting, row.meeting_id, "meeting"))
            before = snapshot(row)
            for name, value in changes.items():
                setattr(row, name, value)
            _check(s, row)
            self._audit(s, row, "edit", before=before)
            info = _info(row, people_by_id(s, [row.person_id]).get(row.person_id))
        self._changed("declaration", info.meeting_id)
        return info

    def delete(self, declaration_id: int) -> dto.DeclarationInfo:
        """Remove a declaration recorded by mistake; returns it (for undo)."""
        with self.db.transaction() as s:
            row = get_or_fail(s, Declaration, declaration_id, "declaration")
            ensure_minutes_editable(get_or_fail(s, Meeting, row.meeting_id, "meeting"))
            info = _info(row, people_by_id(s, [row.person_id]).get(row.person_id))
            self._audit(s, row, "delete", before=snapshot(row))
            s.delete(row)
        self._changed("declaration", info.meeting_id)
        return info

    def of_meeting(self, meeting_id: int) -> list[dto.DeclarationInfo]:
        """The meeting's declarations, in the order they were made."""
        with self.db.reading() as s:
            rows = s.exec(
                select(Declaration)
                .where(Declaration.meeting_id == meeting_id)
                .order_by(col(Declaration.id))
            ).all()
            people = people_by_id(s, [r.person_id for r in rows])
            return [_info(r, people.get(r.person_id)) for r in rows]

    def _audit(self, s: Session, row: Declaration, operation: str, *, before: str) -> None:
        """Changes to reopened (once approved) minutes are kept in the audit trail."""
        if not was_reopened(s, row.meeting_id):
            return
        record_audit(
            s,
            self.db,
            entity="declaration",
            entity_id=row.id,
            operation=operation,
            meeting_id=row.meeting_id,
            before=before,
            after="" if operation == "delete" else snapshot(row),
        )
