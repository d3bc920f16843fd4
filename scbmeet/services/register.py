"""The register: boards, organisations (and teams), people, memberships, seats, themes.

:class:`RegisterService` is what ``services.register`` is: one service made of a part per
job, each in its own module - boards (:mod:`~scbmeet.services.register_boards`),
organisations (:mod:`~scbmeet.services.register_organisations`), people
(:mod:`~scbmeet.services.register_people`), memberships and seats
(:mod:`~scbmeet.services.register_memberships`), themes
(:mod:`~scbmeet.services.register_themes`) and matching action owners' names
(:mod:`~scbmeet.services.register_owners`).
"""

from __future__ import annotations

from scbmeet.services.register_boards import BoardsPart
from scbmeet.services.register_memberships import MembershipsPart
from scbmeet.services.register_organisations import OrganisationsPart
from scbmeet.services.register_owners import OwnersPart
from scbmeet.services.register_people import PeoplePart
from scbmeet.services.register_themes import ThemesPart


class RegisterService(
    BoardsPart, OrganisationsPart, PeoplePart, MembershipsPart, ThemesPart, OwnersPart
):
    """Who is who: boards and their members, organisations and their seats."""
