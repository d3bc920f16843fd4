"""The register's organisations (and their teams): creating, changing and taking one back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, func, select

from scbmeet.domain import dto
from scbmeet.domain.enums import OrgKind
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import ActionOwner, Organisation, Person, Seat
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    get_or_fail,
    optional_text,
    require_choice,
    require_text,
)
from scbmeet.services.convert import organisation_info

ORG_FIELDS = ("name", "short_name", "kind", "is_statutory", "parent_id", "active")


def _check_team_has_parent(org: Organisation) -> None:
    if org.kind == OrgKind.TEAM.value and org.parent_id is None:
        raise ValidationError(
            f"A team is part of an organisation: choose the organisation {org.name!r} belongs to."
        )


class OrganisationsPart(ServiceBase):
    """Organisations and teams (an organisation with a parent)."""

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
        _check_team_has_parent(org)
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
            _check_team_has_parent(org)
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
