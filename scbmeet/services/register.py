"""The register: boards, organisations (and teams), people, memberships, seats, themes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from sqlmodel import Session, col, func, select

from scbmeet.domain import dto
from scbmeet.domain.enums import NumberingScheme, OrgKind, Role
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
    Theme,
)
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    clean_text,
    get_or_fail,
    optional_text,
    require_choice,
    require_text,
)
from scbmeet.services.convert import (
    board_info,
    organisation_info,
    organisation_names,
    people_by_id,
    person_info,
)
from scbmeet.services.register_snapshot import MembershipSnapshot, PersonSnapshot, RestoredPerson

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

BOARD_FIELDS = (
    "name",
    "short_name",
    "parent_id",
    "default_venue",
    "default_start_time",
    "numbering",
    "numbering_start_month",
    "quorum_members",
    "quorum_statutory_orgs",
    "active",
)
ORG_FIELDS = ("name", "short_name", "kind", "is_statutory", "parent_id", "active")
PERSON_FIELDS = (
    "title",
    "given_names",
    "family_name",
    "job_title",
    "organisation_id",
    "email",
    "active",
)


def check_email(email: str) -> str:
    email = email.strip()
    if email and not EMAIL_RE.match(email):
        raise ValidationError(f"{email!r} is not a valid email address.")
    return email


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace(".", ""))


# Owners are separated by "/" or ";", or by commas outside brackets ("Smith (MCC, EBC)").
OWNER_SEPARATOR = re.compile(r"[/;]|,(?![^()]*\))")


def split_owner_text(text: str) -> list[str]:
    """``"Sally Goodwin/Kul Mahay"`` -> ``["Sally Goodwin", "Kul Mahay"]`` (blanks dropped)."""
    return [part.strip() for part in OWNER_SEPARATOR.split(text or "") if part.strip()]


class RegisterService(ServiceBase):
    """Who is who: boards and their members, organisations and their seats."""

    # -- boards ---------------------------------------------------------------------------
    def create_board(
        self,
        name: str,
        short_name: str,
        *,
        default_venue: str = "",
        default_start_time: time | None = None,
        numbering: str = NumberingScheme.CALENDAR.value,
        numbering_start_month: int = 1,
        parent_id: int | None = None,
        quorum_members: int | None = None,
        quorum_statutory_orgs: int | None = None,
    ) -> dto.BoardInfo:
        board = Board(
            name=require_text(name, "board name", max_length=200),
            short_name=require_text(short_name, "board short name", max_length=40),
            default_venue=optional_text(default_venue, "venue", max_length=300),
            default_start_time=default_start_time,
            numbering=require_choice(numbering, NumberingScheme, "numbering scheme"),
            numbering_start_month=numbering_start_month,
            parent_id=parent_id,
            quorum_members=quorum_members,
            quorum_statutory_orgs=quorum_statutory_orgs,
        )
        self._check_board(board)
        with self.db.transaction() as s:
            self._check_board_unique(s, board)
            if parent_id is not None:
                get_or_fail(s, Board, parent_id, "parent board")
            s.add(board)
            s.flush()
            info = board_info(board)
        self._changed("board", info.id)
        return info

    @staticmethod
    def _check_board(board: Board) -> None:
        if not 1 <= board.numbering_start_month <= 12:
            raise ValidationError("The numbering year must start in a month from 1 to 12.")
        if board.numbering == NumberingScheme.CALENDAR and board.numbering_start_month != 1:
            board.numbering_start_month = 1
        for value, what in (
            (board.quorum_members, "quorum of members"),
            (board.quorum_statutory_orgs, "quorum of statutory organisations"),
        ):
            if value is not None and value < 0:
                raise ValidationError(f"The {what} cannot be negative.")

    @staticmethod
    def _check_board_unique(s: Session, board: Board) -> None:
        clash = s.exec(
            select(Board).where(
                func.lower(Board.short_name) == board.short_name.lower(), Board.id != board.id
            )
        ).first()
        if clash is not None:
            raise ValidationError(f"There is already a board called {board.short_name!r}.")

    def update_board(self, board_id: int, changes: Mapping[str, Any]) -> dto.BoardInfo:
        with self.db.transaction() as s:
            board = get_or_fail(s, Board, board_id, "board")
            apply_changes(board, changes, BOARD_FIELDS, "board")
            board.name = require_text(board.name, "board name", max_length=200)
            board.short_name = require_text(board.short_name, "board short name", max_length=40)
            board.numbering = require_choice(board.numbering, NumberingScheme, "numbering scheme")
            self._check_board(board)
            self._check_board_unique(s, board)
            if board.parent_id == board.id:
                raise ValidationError("A board cannot be its own parent.")
            info = board_info(board)
        self._changed("board", board_id)
        return info

    def boards(self, *, include_inactive: bool = True) -> list[dto.BoardInfo]:
        with self.db.reading() as s:
            query = select(Board).order_by(col(Board.parent_id).is_not(None), col(Board.name))
            if not include_inactive:
                query = query.where(Board.active == True)  # noqa: E712
            return [board_info(b) for b in s.exec(query).all()]

    def board(self, board_id: int) -> dto.BoardInfo:
        with self.db.reading() as s:
            return board_info(get_or_fail(s, Board, board_id, "board"))

    def board_by_short_name(self, short_name: str) -> dto.BoardInfo:
        with self.db.reading() as s:
            board = s.exec(
                select(Board).where(func.lower(Board.short_name) == short_name.strip().lower())
            ).first()
            if board is None:
                known = ", ".join(b.short_name for b in s.exec(select(Board)).all()) or "none"
                raise ValidationError(f"There is no board called {short_name!r} (boards: {known}).")
            return board_info(board)

    # -- organisations --------------------------------------------------------------------
    def create_organisation(
        self,
        name: str,
        *,
        short_name: str = "",
        kind: str = OrgKind.OTHER.value,
        is_statutory: bool = False,
        parent_id: int | None = None,
    ) -> dto.OrganisationInfo:
        org = Organisation(
            name=require_text(name, "organisation name", max_length=200),
            short_name=optional_text(short_name, "short name", max_length=40),
            kind=require_choice(kind, OrgKind, "kind of organisation"),
            is_statutory=is_statutory,
            parent_id=parent_id,
        )
        with self.db.transaction() as s:
            self._check_org_unique(s, org)
            if parent_id is not None:
                get_or_fail(s, Organisation, parent_id, "organisation")
            s.add(org)
            s.flush()
            info = organisation_info(org)
        self._changed("organisation", info.id)
        return info

    @staticmethod
    def _check_org_unique(s: Session, org: Organisation) -> None:
        clash = s.exec(
            select(Organisation).where(
                func.lower(Organisation.name) == org.name.lower(), Organisation.id != org.id
            )
        ).first()
        if clash is not None:
            raise ValidationError(f"There is already an organisation called {org.name!r}.")

    def update_organisation(self, org_id: int, changes: Mapping[str, Any]) -> dto.OrganisationInfo:
        with self.db.transaction() as s:
            org = get_or_fail(s, Organisation, org_id, "organisation")
            apply_changes(org, changes, ORG_FIELDS, "organisation")
            org.name = require_text(org.name, "organisation name", max_length=200)
            org.kind = require_choice(org.kind, OrgKind, "kind of organisation")
            self._check_org_unique(s, org)
            if org.parent_id == org.id:
                raise ValidationError("An organisation cannot be part of itself.")
            info = organisation_info(org)
        self._changed("organisation", org_id)
        return info

    def remove_organisation(self, org_id: int) -> None:
        """Take back an organisation added by mistake (Undo of "New organisation"); refused
        once anyone, any seat, team or action refers to it: make it inactive instead."""
        with self.db.transaction() as s:
            org = get_or_fail(s, Organisation, org_id, "organisation")
            uses = (
                select(Person.id).where(Person.organisation_id == org_id),
                select(Seat.id).where(Seat.organisation_id == org_id),
                select(Organisation.id).where(Organisation.parent_id == org_id),
                select(ActionOwner.id).where(ActionOwner.organisation_id == org_id),
            )
            if any(s.exec(query).first() is not None for query in uses):
                raise ValidationError(
                    f"{org.name} has people, seats, teams or actions in the register and "
                    "cannot be removed; make it inactive instead."
                )
            s.delete(org)
        self._changed("organisation", org_id)

    def organisations(self, *, include_inactive: bool = True) -> list[dto.OrganisationInfo]:
        with self.db.reading() as s:
            query = select(Organisation).order_by(col(Organisation.name))
            if not include_inactive:
                query = query.where(Organisation.active == True)  # noqa: E712
            return [organisation_info(o) for o in s.exec(query).all()]

    # -- people -----------------------------------------------------------------------------
    def create_person(
        self,
        family_name: str,
        *,
        given_names: str = "",
        title: str = "",
        job_title: str = "",
        organisation_id: int | None = None,
        email: str = "",
    ) -> dto.PersonInfo:
        person = Person(
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

    # -- memberships and seats ----------------------------------------------------------
    def add_membership(
        self,
        board_id: int,
        person_id: int,
        *,
        role: str = Role.MEMBER.value,
        seat_id: int | None = None,
        start_date: date | None = None,
        end_date: date | None = None,
    ) -> dto.MembershipInfo:
        if start_date and end_date and end_date < start_date:
            raise ValidationError("A membership cannot end before it starts.")
        with self.db.transaction() as s:
            get_or_fail(s, Board, board_id, "board")
            get_or_fail(s, Person, person_id, "person")
            if seat_id is not None:
                get_or_fail(s, Seat, seat_id, "seat")
            membership = Membership(
                board_id=board_id,
                person_id=person_id,
                role=require_choice(role, Role, "role"),
                seat_id=seat_id,
                start_date=start_date,
                end_date=end_date,
            )
            s.add(membership)
            s.flush()
            info = self._membership_info(s, membership)
        self._changed("membership", info.id)
        return info

    def update_membership(
        self, membership_id: int, changes: Mapping[str, Any]
    ) -> dto.MembershipInfo:
        with self.db.transaction() as s:
            membership = get_or_fail(s, Membership, membership_id, "membership")
            apply_changes(
                membership, changes, ("role", "seat_id", "start_date", "end_date"), "membership"
            )
            membership.role = require_choice(membership.role, Role, "role")
            if (
                membership.start_date
                and membership.end_date
                and membership.end_date < membership.start_date
            ):
                raise ValidationError("A membership cannot end before it starts.")
            info = self._membership_info(s, membership)
        self._changed("membership", membership_id)
        return info

    def end_membership(self, membership_id: int, on: date) -> dto.MembershipInfo:
        return self.update_membership(membership_id, {"end_date": on})

    def remove_membership(self, membership_id: int) -> None:
        """Take back a membership added by mistake (Undo of "Add member"): to take someone
        off a board, end their membership instead, so their term stays on record."""
        with self.db.transaction() as s:
            s.delete(get_or_fail(s, Membership, membership_id, "membership"))
        self._changed("membership", membership_id)

    @staticmethod
    def _membership_info(s: Session, m: Membership) -> dto.MembershipInfo:
        assert m.id is not None
        person = people_by_id(s, [m.person_id])[m.person_id]
        return dto.MembershipInfo(
            id=m.id,
            board_id=m.board_id,
            person=person,
            role=m.role,
            seat_id=m.seat_id,
            start_date=m.start_date,
            end_date=m.end_date,
        )

    def memberships(
        self, board_id: int, *, current_on: date | None = None
    ) -> list[dto.MembershipInfo]:
        """The board's memberships (only those current on a date, if given), chair first."""
        order = {r.value: i for i, r in enumerate(Role)}
        with self.db.reading() as s:
            rows = s.exec(select(Membership).where(Membership.board_id == board_id)).all()
            people = people_by_id(s, (m.person_id for m in rows))
            infos = [
                dto.MembershipInfo(
                    id=m.id or 0,
                    board_id=m.board_id,
                    person=people[m.person_id],
                    role=m.role,
                    seat_id=m.seat_id,
                    start_date=m.start_date,
                    end_date=m.end_date,
                )
                for m in rows
            ]
        if current_on is not None:
            infos = [m for m in infos if m.is_current(current_on)]
        return sorted(
            infos,
            key=lambda m: (order.get(m.role, 99), m.person.organisation_name, m.person.family_name),
        )

    def add_seat(
        self,
        board_id: int,
        organisation_id: int,
        *,
        label: str = "",
        holder_id: int | None = None,
        deputy_id: int | None = None,
        voting: bool = True,
    ) -> dto.SeatInfo:
        with self.db.transaction() as s:
            get_or_fail(s, Board, board_id, "board")
            org = get_or_fail(s, Organisation, organisation_id, "organisation")
            for pid in (holder_id, deputy_id):
                if pid is not None:
                    get_or_fail(s, Person, pid, "person")
            if holder_id is not None and holder_id == deputy_id:
                raise ValidationError("A seat's deputy must be someone other than its holder.")
            seat = Seat(
                board_id=board_id,
                organisation_id=organisation_id,
                label=optional_text(label, "seat label", max_length=120),
                holder_id=holder_id,
                deputy_id=deputy_id,
                voting=voting,
            )
            s.add(seat)
            s.flush()
            assert seat.id is not None
            info = dto.SeatInfo(
                seat.id,
                board_id,
                organisation_id,
                org.name,
                seat.label,
                holder_id,
                deputy_id,
                voting,
            )
        self._changed("seat", info.id)
        return info

    def update_seat(self, seat_id: int, changes: Mapping[str, Any]) -> None:
        with self.db.transaction() as s:
            seat = get_or_fail(s, Seat, seat_id, "seat")
            apply_changes(seat, changes, ("label", "holder_id", "deputy_id", "voting"), "seat")
            if seat.holder_id is not None and seat.holder_id == seat.deputy_id:
                raise ValidationError("A seat's deputy must be someone other than its holder.")
        self._changed("seat", seat_id)

    def remove_seat(self, seat_id: int) -> None:
        """Take back a seat added by mistake (Undo of "New seat"); refused once a
        membership names it."""
        with self.db.transaction() as s:
            seat = get_or_fail(s, Seat, seat_id, "seat")
            if s.exec(select(Membership.id).where(Membership.seat_id == seat_id)).first():
                raise ValidationError(
                    "A member's term names this seat, so it cannot be removed; "
                    "change their term first."
                )
            s.delete(seat)
        self._changed("seat", seat_id)

    def seats(self, board_id: int) -> list[dto.SeatInfo]:
        with self.db.reading() as s:
            names = organisation_names(s)
            rows = s.exec(
                select(Seat).where(Seat.board_id == board_id).order_by(col(Seat.id))
            ).all()
            return sorted(
                (
                    dto.SeatInfo(
                        r.id or 0,
                        r.board_id,
                        r.organisation_id,
                        names.get(r.organisation_id, ""),
                        r.label,
                        r.holder_id,
                        r.deputy_id,
                        r.voting,
                    )
                    for r in rows
                ),
                key=lambda x: (x.organisation_name, x.id),
            )

    # -- themes -----------------------------------------------------------------------------
    def create_theme(self, name: str, description: str = "") -> dto.ThemeInfo:
        with self.db.transaction() as s:
            name = require_text(name, "theme name", max_length=120)
            if s.exec(select(Theme).where(func.lower(Theme.name) == name.lower())).first():
                raise ValidationError(f"There is already a theme called {name!r}.")
            theme = Theme(name=name, description=clean_text(description).strip())
            s.add(theme)
            s.flush()
            assert theme.id is not None
            info = dto.ThemeInfo(theme.id, theme.name, theme.description)
        self._changed("theme", info.id)
        return info

    def themes(self) -> list[dto.ThemeInfo]:
        with self.db.reading() as s:
            rows = s.exec(select(Theme).order_by(col(Theme.name))).all()
            return [dto.ThemeInfo(t.id or 0, t.name, t.description) for t in rows]

    # -- owners -----------------------------------------------------------------------------
    def match_owner(self, text: str) -> list[dto.OwnerRef]:
        """Everyone and everything that ``text`` could name as an action owner.

        A person matches by full name, by title and family name, or by initials and family
        name; an organisation or team by its name or short name. Case and dots are ignored.
        """
        wanted = _norm(text)
        if not wanted:
            return []
        found: list[dto.OwnerRef] = []
        with self.db.reading() as s:
            names = organisation_names(s)
            for p in s.exec(select(Person)).all():
                info = person_info(p, names)
                forms = {
                    _norm(info.full_name),
                    _norm(info.display_name),
                    _norm(info.formal_name),
                    _norm(f"{info.title} {info.family_name}"),
                    _norm(f"{dto.initials(info.given_names)} {info.family_name}"),
                }
                if wanted in forms:
                    found.append(dto.OwnerRef(person_id=info.id, name=info.full_name))
            for o in s.exec(select(Organisation)).all():
                if wanted in {_norm(o.name), _norm(o.short_name)} - {""}:
                    found.append(dto.OwnerRef(organisation_id=o.id, name=o.short_name or o.name))
        return found

    def resolve_owners(self, text: str) -> list[dto.OwnerRef]:
        """``"Sally Goodwin/Kul Mahay"`` -> owners; unknown or ambiguous names are refused."""
        owners: list[dto.OwnerRef] = []
        for part in split_owner_text(text):
            matches = self.match_owner(part)
            if not matches:
                raise ValidationError(
                    f"{part!r} is not in the register; add them as a person or organisation first."
                )
            if len(matches) > 1:
                raise ValidationError(f"{part!r} could mean more than one owner; be more specific.")
            owners.append(matches[0])
        if not owners:
            raise ValidationError("Name at least one owner.")
        return owners
