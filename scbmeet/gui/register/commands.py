"""Undoable edits of the register pages: members, people, seats and organisations.

They are :class:`~scbmeet.gui.widgets.commands.ServiceCommand` s like the meeting page's: each
does its work through the services, runs once before it is pushed (a refusal reaches the
dialog or page and nothing is pushed), and undo and redo call the services again; a
refused undo or redo is reported and the command dropped.

A deleted person comes back whole from the snapshot
:meth:`~scbmeet.services.register.RegisterService.delete_person` returns (memberships and
seats included), and an addition undone and redone is added again: either way the rows
get new ids, so commands remember the ids records had when they were made and look up
their ids of the moment in the context's :class:`~scbmeet.gui.widgets.commands.IdMap` s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QUndoStack

from scbmeet.domain.dto import MembershipInfo, OrganisationInfo, PersonInfo, SeatInfo
from scbmeet.gui.widgets.commands import IdMap, ServiceCommand, execute, shortened
from scbmeet.services import Services
from scbmeet.services.register_snapshot import PersonSnapshot, RestoredPerson

TERM_FIELDS = ("role", "seat_id", "start_date", "end_date")


@dataclass(frozen=True)
class MemberValues:
    """What the member dialog edits: a person (``person_id`` None: a new one) and a term."""

    person_id: int | None
    person: Mapping[str, Any]  # title, given_names, family_name, ... as update_person takes
    term: Mapping[str, Any]  # role, seat_id, start_date, end_date

    @property
    def name(self) -> str:
        return " ".join(
            str(self.person.get(k) or "") for k in ("given_names", "family_name")
        ).strip()


@dataclass
class RegisterContext:
    """What the commands of one register page share."""

    services: Services
    stack: QUndoStack
    people: IdMap = field(default_factory=IdMap)
    memberships: IdMap = field(default_factory=IdMap)
    seats: IdMap = field(default_factory=IdMap)
    organisations: IdMap = field(default_factory=IdMap)
    report: Callable[[BaseException], None] = lambda exc: None

    def execute(self, command: RegisterCommand) -> None:
        """Do ``command`` now (errors propagate) and put it on the undo stack; a command
        that changes nothing (a dialog OK'd as it was) is neither done nor pushed."""
        if command.changes_anything():
            execute(self.stack, command)

    def rebind_restored(self, snap: PersonSnapshot, restored: RestoredPerson) -> None:
        """A person (and their memberships) came back under new ids."""
        self.people.rebind(snap.id, restored.person.id)
        for old, new in restored.membership_ids.items():
            self.memberships.rebind(old, new)


def now(ids: IdMap, original: int | None) -> int:
    """The id of the moment of a record a command knows by its first id."""
    current = ids.current(original)
    assert current is not None
    return current


def seat_originals(ctx: RegisterContext, term: Mapping[str, Any]) -> dict[str, Any]:
    """A term with its seat known by the seat's first id (a seat re-added gets a new one)."""
    term = dict(term)
    if term.get("seat_id") is not None:
        term["seat_id"] = ctx.seats.original(term["seat_id"])
    return term


def seat_currents(ctx: RegisterContext, term: Mapping[str, Any]) -> dict[str, Any]:
    term = dict(term)
    if "seat_id" in term:
        term["seat_id"] = ctx.seats.current(term["seat_id"])
    return term


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict, dict]:
    """The fields ``after`` changes, as (before, after) dicts of those fields only."""
    new = {k: v for k, v in after.items() if before.get(k) != v}
    return {k: before.get(k) for k in new}, new


class RegisterCommand(ServiceCommand):
    """A command on a register page; a refused undo or redo goes to ``ctx.report``."""

    def __init__(self, ctx: RegisterContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx

    def changes_anything(self) -> bool:
        return True

    def report(self, exc: BaseException) -> None:
        self.ctx.report(exc)


class UpdateMembershipCommand(RegisterCommand):
    """Change a member's term (end it, say); undo sets it back."""

    def __init__(
        self, ctx: RegisterContext, membership: MembershipInfo, after: Mapping[str, Any], text: str
    ) -> None:
        super().__init__(ctx, text)
        self.membership_id = ctx.memberships.original(membership.id)
        before = seat_originals(ctx, {name: getattr(membership, name) for name in TERM_FIELDS})
        self.before, self.after = changed(before, seat_originals(ctx, after))

    def changes_anything(self) -> bool:
        return bool(self.after)

    def _set(self, values: Mapping[str, Any]) -> None:
        self.ctx.services.register.update_membership(
            now(self.ctx.memberships, self.membership_id), seat_currents(self.ctx, values)
        )

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


def end_membership(
    ctx: RegisterContext, membership: MembershipInfo, on: Any
) -> UpdateMembershipCommand:
    """ "End membership of Sally Goodwin"."""
    return UpdateMembershipCommand(
        ctx,
        membership,
        {"end_date": on},
        f"End membership of {shortened(membership.person.full_name)}",
    )


class UpdatePersonCommand(RegisterCommand):
    """Change a person's details (make them inactive, say); undo sets them back."""

    def __init__(
        self, ctx: RegisterContext, person: PersonInfo, after: Mapping[str, Any], text: str
    ) -> None:
        super().__init__(ctx, text)
        self.person_id = ctx.people.original(person.id)
        before = {name: getattr(person, name) for name in after}
        self.before, self.after = changed(before, after)

    def changes_anything(self) -> bool:
        return bool(self.after)

    def _set(self, values: Mapping[str, Any]) -> None:
        self.ctx.services.register.update_person(now(self.ctx.people, self.person_id), values)

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


def deactivate_person(ctx: RegisterContext, person: PersonInfo) -> UpdatePersonCommand:
    return UpdatePersonCommand(
        ctx, person, {"active": False}, f"Deactivate {shortened(person.full_name)}"
    )


class DeletePersonCommand(RegisterCommand):
    """Delete someone entered by mistake; undo brings them back with memberships and seats."""

    def __init__(self, ctx: RegisterContext, person: PersonInfo) -> None:
        super().__init__(ctx, f"Delete {shortened(person.full_name)}")
        self.person_id = ctx.people.original(person.id)
        self._snapshot: PersonSnapshot | None = None

    def apply(self) -> None:
        self._snapshot = self.ctx.services.register.delete_person(
            now(self.ctx.people, self.person_id)
        )

    def revert(self) -> None:
        assert self._snapshot is not None
        restored = self.ctx.services.register.restore_person(self._snapshot)
        self.ctx.rebind_restored(self._snapshot, restored)


class AddMemberCommand(RegisterCommand):
    """Put a person (new, or one in the register) on a board.

    Undo takes the membership back (and a person it created, who is deleted; their
    details, if an existing person's were changed, are set back); redo adds them again.
    """

    def __init__(self, ctx: RegisterContext, board_id: int, values: MemberValues) -> None:
        super().__init__(ctx, f"Add member {shortened(values.name)}")
        self.board_id = board_id
        self.values = values
        self.term = seat_originals(ctx, values.term)
        self.created = values.person_id is None
        self.person_id = None if self.created else ctx.people.original(values.person_id or 0)
        self.membership_id: int | None = None
        self.person_before: dict[str, Any] = {}
        self._snapshot: PersonSnapshot | None = None

    def do(self) -> None:
        reg = self.ctx.services.register
        if self.created:
            fields = dict(self.values.person)
            family = str(fields.pop("family_name"))
            self.person_id = reg.create_person(family, **fields).id
        else:
            person = reg.person(now(self.ctx.people, self.person_id))
            self.person_before = {k: getattr(person, k) for k in self.values.person}
            reg.update_person(person.id, self.values.person)
        self.membership_id = self._add_membership()

    def _add_membership(self) -> int:
        term = seat_currents(self.ctx, self.term)
        person_id = now(self.ctx.people, self.person_id)
        return self.ctx.services.register.add_membership(self.board_id, person_id, **term).id

    def revert(self) -> None:
        reg = self.ctx.services.register
        if self.created:
            self._snapshot = reg.delete_person(now(self.ctx.people, self.person_id))
            return
        reg.remove_membership(now(self.ctx.memberships, self.membership_id))
        reg.update_person(now(self.ctx.people, self.person_id), self.person_before)

    def apply(self) -> None:
        reg = self.ctx.services.register
        if self.created:
            assert self._snapshot is not None
            self.ctx.rebind_restored(self._snapshot, reg.restore_person(self._snapshot))
            return
        reg.update_person(now(self.ctx.people, self.person_id), self.values.person)
        assert self.membership_id is not None
        self.ctx.memberships.rebind(
            now(self.ctx.memberships, self.membership_id), self._add_membership()
        )


class EditMemberCommand(RegisterCommand):
    """Change a member's details and term together, one step to undo."""

    def __init__(
        self, ctx: RegisterContext, membership: MembershipInfo, values: MemberValues
    ) -> None:
        super().__init__(
            ctx, f"Edit member {shortened(values.name or membership.person.full_name)}"
        )
        self.person_id = ctx.people.original(membership.person.id)
        self.membership_id = ctx.memberships.original(membership.id)
        person_now = {name: getattr(membership.person, name) for name in values.person}
        term_now = seat_originals(ctx, {name: getattr(membership, name) for name in TERM_FIELDS})
        self.person_before, self.person_after = changed(person_now, values.person)
        self.term_before, self.term_after = changed(term_now, seat_originals(ctx, values.term))

    def changes_anything(self) -> bool:
        return bool(self.person_after or self.term_after)

    def _set(self, person: Mapping[str, Any], term: Mapping[str, Any]) -> None:
        reg = self.ctx.services.register
        if person:
            reg.update_person(now(self.ctx.people, self.person_id), person)
        if term:
            membership_id = now(self.ctx.memberships, self.membership_id)
            reg.update_membership(membership_id, seat_currents(self.ctx, term))

    def apply(self) -> None:
        self._set(self.person_after, self.term_after)

    def revert(self) -> None:
        self._set(self.person_before, self.term_before)


SEAT_PEOPLE = ("holder_id", "deputy_id")


def people_originals(ctx: RegisterContext, values: Mapping[str, Any]) -> dict[str, Any]:
    """A seat's fields with its holder and deputy known by their first ids."""
    return {
        k: (ctx.people.original(v) if k in SEAT_PEOPLE and v is not None else v)
        for k, v in values.items()
    }


def people_currents(ctx: RegisterContext, values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (ctx.people.current(v) if k in SEAT_PEOPLE else v) for k, v in values.items()}


def seat_name(organisation_name: str, label: str) -> str:
    """“Voluntary sector”, or "for Marlshire Police" for a seat without a label."""
    return f"“{shortened(label)}”" if label else f"for {shortened(organisation_name)}"


class AddSeatCommand(RegisterCommand):
    """Give an organisation a seat on the board; undo takes it back, redo adds it again."""

    def __init__(
        self,
        ctx: RegisterContext,
        board_id: int,
        organisation: OrganisationInfo,
        values: Mapping[str, Any],
    ) -> None:
        super().__init__(ctx, f"Add seat {seat_name(organisation.name, values.get('label', ''))}")
        self.board_id = board_id
        self.organisation_id = ctx.organisations.original(organisation.id)
        self.values = people_originals(ctx, values)
        self.seat_id: int | None = None

    def _people(self) -> dict[str, Any]:
        return people_currents(self.ctx, self.values)

    def do(self) -> None:
        self.seat_id = self._add()

    def _add(self) -> int:
        organisation_id = now(self.ctx.organisations, self.organisation_id)
        return self.ctx.services.register.add_seat(
            self.board_id, organisation_id, **self._people()
        ).id

    def revert(self) -> None:
        self.ctx.services.register.remove_seat(now(self.ctx.seats, self.seat_id))

    def apply(self) -> None:
        assert self.seat_id is not None
        old = now(self.ctx.seats, self.seat_id)
        self.ctx.seats.rebind(old, self._add())


class EditSeatCommand(RegisterCommand):
    """Change a seat's label, holder, deputy or vote; undo sets them back."""

    def __init__(self, ctx: RegisterContext, seat: SeatInfo, after: Mapping[str, Any]) -> None:
        super().__init__(ctx, f"Edit seat {seat_name(seat.organisation_name, seat.label)}")
        self.seat_id = ctx.seats.original(seat.id)
        before = {name: getattr(seat, name) for name in after}
        # Holder and deputy are kept by their first ids: a person may be deleted and restored.
        self.before, self.after = (people_originals(ctx, v) for v in changed(before, after))

    def changes_anything(self) -> bool:
        return bool(self.after)

    def _set(self, values: Mapping[str, Any]) -> None:
        self.ctx.services.register.update_seat(
            now(self.ctx.seats, self.seat_id), people_currents(self.ctx, values)
        )

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


class AddOrganisationCommand(RegisterCommand):
    """Add an organisation; undo takes it back (refused once something refers to it)."""

    def __init__(self, ctx: RegisterContext, name: str, values: Mapping[str, Any]) -> None:
        super().__init__(ctx, f"Add organisation {shortened(name)}")
        self.name = name
        self.values = dict(values)
        self.organisation_id: int | None = None

    def _create(self) -> int:
        values = dict(self.values)
        values["parent_id"] = self.ctx.organisations.current(values.get("parent_id"))
        return self.ctx.services.register.create_organisation(self.name, **values).id

    def do(self) -> None:
        self.organisation_id = self._create()

    def revert(self) -> None:
        self.ctx.services.register.remove_organisation(
            now(self.ctx.organisations, self.organisation_id)
        )

    def apply(self) -> None:
        assert self.organisation_id is not None
        old = now(self.ctx.organisations, self.organisation_id)
        self.ctx.organisations.rebind(old, self._create())


class UpdateOrganisationCommand(RegisterCommand):
    """Change an organisation (or make it inactive); undo sets it back."""

    def __init__(
        self,
        ctx: RegisterContext,
        organisation: OrganisationInfo,
        after: Mapping[str, Any],
        text: str = "",
    ) -> None:
        super().__init__(ctx, text or f"Edit organisation {shortened(organisation.name)}")
        self.organisation_id = ctx.organisations.original(organisation.id)
        before = {name: getattr(organisation, name) for name in after}
        self.before, self.after = changed(before, after)

    def changes_anything(self) -> bool:
        return bool(self.after)

    def _set(self, values: Mapping[str, Any]) -> None:
        self.ctx.services.register.update_organisation(
            now(self.ctx.organisations, self.organisation_id), values
        )

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


def deactivate_organisation(
    ctx: RegisterContext, organisation: OrganisationInfo
) -> UpdateOrganisationCommand:
    return UpdateOrganisationCommand(
        ctx, organisation, {"active": False}, f"Deactivate {shortened(organisation.name)}"
    )
