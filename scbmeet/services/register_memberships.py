"""Who sits on a board: memberships (a person's term and role) and seats (an organisation's
place on the board, with its holder and deputy).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.enums import Role
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Board, Membership, Organisation, Person, Seat
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    get_or_fail,
    optional_text,
    require_choice,
)
from scbmeet.services.convert import organisation_names, people_by_id


class MembershipsPart(ServiceBase):
    """Boards' memberships and seats."""

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
