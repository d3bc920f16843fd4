"""The register's people: creating and changing them, and deleting someone entered by mistake
(with what Undo needs to put them back, memberships and seats included).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import (
    ActionOwner,
    AgendaPresenter,
    Attendance,
    Board,
    Declaration,
    Membership,
    Organisation,
    Paper,
    Person,
    Seat,
)
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    get_or_fail,
    optional_text,
    require_text,
)
from scbmeet.services.convert import organisation_names, person_info
from scbmeet.services.register_snapshot import MembershipSnapshot, PersonSnapshot, RestoredPerson

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

PERSON_FIELDS = (
    "title",
    "given_names",
    "family_name",
    "job_title",
    "organisation_id",
    "email",
    "active",
    "action_name",
)


def check_email(email: str) -> str:
    email = email.strip()
    if email and not EMAIL_RE.match(email):
        raise ValidationError(f"{email!r} is not a valid email address.")
    return email


class PeoplePart(ServiceBase):
    """People, and the checks on their details."""

    def create_person(
        self,
        family_name: str,
        *,
        given_names: str = "",
        title: str = "",
        job_title: str = "",
        organisation_id: int | None = None,
        email: str = "",
        action_name: str = "",
    ) -> dto.PersonInfo:
        person = Person(
            action_name=optional_text(action_name, "name in actions", max_length=200),
            family_name=require_text(family_name, "family name", max_length=120),
            given_names=optional_text(given_names, "given names", max_length=120),
            title=optional_text(title, "title", max_length=40),
            job_title=optional_text(job_title, "job title", max_length=200),
            organisation_id=organisation_id,
            email=check_email(email),
        )
        with self.db.transaction() as s:
            if organisation_id is not None:
                get_or_fail(s, Organisation, organisation_id, "organisation")
            s.add(person)
            s.flush()
            info = person_info(person, organisation_names(s))
        self._changed("person", info.id)
        return info

    def update_person(self, person_id: int, changes: Mapping[str, Any]) -> dto.PersonInfo:
        with self.db.transaction() as s:
            person = get_or_fail(s, Person, person_id, "person")
            apply_changes(person, changes, PERSON_FIELDS, "person")
            person.family_name = require_text(person.family_name, "family name", max_length=120)
            person.email = check_email(person.email)
            person.action_name = optional_text(
                person.action_name, "name in actions", max_length=200
            )
            if person.organisation_id is not None:
                get_or_fail(s, Organisation, person.organisation_id, "organisation")
            info = person_info(person, organisation_names(s))
        self._changed("person", person_id)
        return info

    def deactivate_person(self, person_id: int) -> dto.PersonInfo:
        """People are never deleted once they appear in records; they are made inactive."""
        return self.update_person(person_id, {"active": False})

    def delete_person(self, person_id: int) -> PersonSnapshot:
        """Delete someone entered by mistake; refused once they appear in any meeting record.

        Returns what was deleted (the person, their memberships and seats) for
        :meth:`restore_person`, taken in the same transaction.
        """
        with self.db.transaction() as s:
            person = get_or_fail(s, Person, person_id, "person")
            if self._in_meeting_records(s, person_id):
                raise ValidationError(
                    f"{person.given_names} {person.family_name} appears in meeting records "
                    "and cannot be deleted; make them inactive instead."
                )
            snap = self._person_snapshot(s, person)
            s.delete(person)
        self._changed("person", person_id)
        return snap

    @staticmethod
    def _in_meeting_records(s: Session, person_id: int) -> bool:
        """Whether deleting the person would take anything out of a meeting's record."""
        uses = (
            select(Attendance.id).where(Attendance.person_id == person_id),
            select(Attendance.id).where(Attendance.substitute_for_id == person_id),
            select(ActionOwner.id).where(ActionOwner.person_id == person_id),
            select(AgendaPresenter.id).where(AgendaPresenter.person_id == person_id),
            select(Paper.id).where(Paper.author_id == person_id),
            select(Declaration.id).where(Declaration.person_id == person_id),
        )
        return any(s.exec(query).first() is not None for query in uses)

    @staticmethod
    def _person_snapshot(s: Session, person: Person) -> PersonSnapshot:
        assert person.id is not None
        memberships = s.exec(
            select(Membership).where(Membership.person_id == person.id).order_by(col(Membership.id))
        ).all()
        seats = s.exec(
            select(Seat)
            .where((Seat.holder_id == person.id) | (Seat.deputy_id == person.id))
            .order_by(col(Seat.id))
        ).all()
        return PersonSnapshot(
            id=person.id,
            title=person.title,
            given_names=person.given_names,
            family_name=person.family_name,
            job_title=person.job_title,
            organisation_id=person.organisation_id,
            email=person.email,
            active=person.active,
            memberships=tuple(
                MembershipSnapshot(
                    id=m.id or 0,
                    board_id=m.board_id,
                    role=m.role,
                    seat_id=m.seat_id,
                    start_date=m.start_date,
                    end_date=m.end_date,
                )
                for m in memberships
            ),
            held_seat_ids=tuple(x.id or 0 for x in seats if x.holder_id == person.id),
            deputy_seat_ids=tuple(x.id or 0 for x in seats if x.deputy_id == person.id),
        )

    def restore_person(self, snap: PersonSnapshot) -> RestoredPerson:
        """Put a deleted person back (new ids) with their memberships and seats.

        A membership of a board deleted meanwhile is left out; a seat deleted meanwhile, or
        taken by someone else since, stays as it is now.
        """
        with self.db.transaction() as s:
            organisation_id = snap.organisation_id
            if organisation_id is not None and s.get(Organisation, organisation_id) is None:
                organisation_id = None
            person = Person(
                title=snap.title,
                given_names=snap.given_names,
                family_name=snap.family_name,
                job_title=snap.job_title,
                organisation_id=organisation_id,
                email=snap.email,
                active=snap.active,
            )
            s.add(person)
            s.flush()
            assert person.id is not None
            membership_ids = self._restore_memberships(s, person.id, snap.memberships)
            self._restore_seats(s, person.id, snap)
            info = person_info(person, organisation_names(s))
        self._changed("person", info.id)
        return RestoredPerson(info, membership_ids)

    @staticmethod
    def _restore_memberships(
        s: Session, person_id: int, memberships: tuple[MembershipSnapshot, ...]
    ) -> dict[int, int]:
        new_ids: dict[int, int] = {}
        for m in memberships:
            if s.get(Board, m.board_id) is None:
                continue
            seat_gone = m.seat_id is not None and s.get(Seat, m.seat_id) is None
            seat_id = None if seat_gone else m.seat_id
            row = Membership(
                board_id=m.board_id,
                person_id=person_id,
                role=m.role,
                seat_id=seat_id,
                start_date=m.start_date,
                end_date=m.end_date,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            new_ids[m.id] = row.id
        return new_ids

    @staticmethod
    def _restore_seats(s: Session, person_id: int, snap: PersonSnapshot) -> None:
        for seat_id in snap.held_seat_ids:
            seat = s.get(Seat, seat_id)
            if seat is not None and seat.holder_id is None and seat.deputy_id != person_id:
                seat.holder_id = person_id
        for seat_id in snap.deputy_seat_ids:
            seat = s.get(Seat, seat_id)
            if seat is not None and seat.deputy_id is None and seat.holder_id != person_id:
                seat.deputy_id = person_id

    def people(
        self, *, include_inactive: bool = True, organisation_id: int | None = None
    ) -> list[dto.PersonInfo]:
        with self.db.reading() as s:
            query = select(Person).order_by(col(Person.family_name), col(Person.given_names))
            if not include_inactive:
                query = query.where(Person.active == True)  # noqa: E712
            if organisation_id is not None:
                query = query.where(Person.organisation_id == organisation_id)
            names = organisation_names(s)
            return [person_info(p, names) for p in s.exec(query).all()]

    def person(self, person_id: int) -> dto.PersonInfo:
        with self.db.reading() as s:
            person = get_or_fail(s, Person, person_id, "person")
            return person_info(person, organisation_names(s))
