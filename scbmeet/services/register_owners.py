"""Action owners: working out which people or organisations a typed name (or list of names)
means.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlmodel import Session, select

from scbmeet.domain import dto
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Organisation, Person
from scbmeet.services.base import ServiceBase, get_or_fail
from scbmeet.services.convert import organisation_names, person_info
from scbmeet.text.names import name_fits, read_name
from scbmeet.text.shorthand import split_owner_text


def distinct_owners(s: Session, owners: Sequence[dto.OwnerRef]) -> list[dto.OwnerRef]:
    """``owners`` once each, in order, every one checked to be in the register (for writing
    an action's or a plan action's owner rows)."""
    seen: set[tuple[int | None, int | None]] = set()
    kept = []
    for owner in owners:
        key = (owner.person_id, owner.organisation_id)
        if key in seen:
            continue
        seen.add(key)
        if owner.person_id is not None:
            get_or_fail(s, Person, owner.person_id, "person")
        else:
            get_or_fail(s, Organisation, owner.organisation_id, "organisation")
        kept.append(owner)
    return kept


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace(".", ""))


def _whole_names(info: dto.PersonInfo) -> set[str]:
    """The ways the register and the minutes write a person's whole name: one of these typed
    names that person only, even if a looser reading ("P Smith") would fit others too."""
    forms = {info.full_name, info.display_name, info.in_actions}
    return {_norm(f) for f in forms} - {""}


def _short_forms(info: dto.PersonInfo) -> set[str]:
    """``P J Smith``, ``Councillor P J Smith``, ``Councillor Smith``: forms several people
    may share."""
    forms = {
        info.formal_name,
        f"{info.title} {info.family_name}",
        f"{dto.initials(info.given_names)} {info.family_name}",
    }
    return {_norm(f) for f in forms} - {""}


class OwnersPart(ServiceBase):
    """Matching typed owner names to the register; never guessing."""

    def match_owner(self, text: str) -> list[dto.OwnerRef]:
        """Everyone and everything that ``text`` could name as an action owner.

        A person matches by the name as written in the register or in actions (full name,
        title and name, PRESENT-list form, "name in actions"); failing that, as boards write
        names - with a title or rank ("DCC Alan Goodwin"), initials ("P J Smith", "PJ Smith"),
        a short form ("Kul Mahay" for Kulwant) or, with their own title, the family name
        alone ("Cllr Smith"). An organisation or team matches by its name or short name.
        Case and dots are ignored; several matches are all returned (the caller asks).
        """
        wanted = _norm(text)
        if not wanted:
            return []
        typed = read_name(text)
        exact: list[dto.OwnerRef] = []
        loose: list[dto.OwnerRef] = []
        with self.db.reading() as s:
            names = organisation_names(s)
            for p in s.exec(select(Person)).all():
                info = person_info(p, names)
                owner = dto.OwnerRef(person_id=info.id, name=info.full_name)
                if wanted in _whole_names(info):
                    exact.append(owner)
                elif wanted in _short_forms(info) or name_fits(
                    typed, info.title, info.given_names, info.family_name
                ):
                    loose.append(owner)
            for o in s.exec(select(Organisation)).all():
                if wanted in {_norm(o.name), _norm(o.short_name)} - {""}:
                    exact.append(dto.OwnerRef(organisation_id=o.id, name=o.short_name or o.name))
        return exact or loose

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
