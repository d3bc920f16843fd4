"""A person's place in the register, as plain data, so that a deleted person can come back.

The desktop app's Undo of "Delete person" keeps the :class:`PersonSnapshot` that
:meth:`~scbmeet.services.register.RegisterService.delete_person` returns and gives it to
:meth:`~scbmeet.services.register.RegisterService.restore_person`: the person returns with
their memberships of every board and the seats they held or deputised in. Nothing else
needs keeping: a person who appears in any meeting record (attendance, deputising,
presenting, a paper, a declaration, an action) is never deleted. The restored rows get
new ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from scbmeet.domain import dto


@dataclass(frozen=True)
class MembershipSnapshot:
    id: int  # the membership's id when the snapshot was taken
    board_id: int
    role: str
    seat_id: int | None
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class PersonSnapshot:
    id: int  # the person's id when the snapshot was taken
    title: str
    given_names: str
    family_name: str
    job_title: str
    organisation_id: int | None
    email: str
    active: bool
    memberships: tuple[MembershipSnapshot, ...] = ()
    held_seat_ids: tuple[int, ...] = ()
    deputy_seat_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class RestoredPerson:
    """The person put back, and the new id of each membership (keyed by its old id)."""

    person: dto.PersonInfo
    membership_ids: dict[int, int] = field(default_factory=dict)
