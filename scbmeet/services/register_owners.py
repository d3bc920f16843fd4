"""Action owners: working out which people or organisations a typed name (or list of names)
means.
"""

from __future__ import annotations

import re

from sqlmodel import select

from scbmeet.domain import dto
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Organisation, Person
from scbmeet.services.base import ServiceBase
from scbmeet.services.convert import organisation_names, person_info
from scbmeet.text.shorthand import split_owner_text


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace(".", ""))


class OwnersPart(ServiceBase):
    """Matching typed owner names to the register; never guessing."""

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
