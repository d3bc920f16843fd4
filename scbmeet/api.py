"""The Python interface for scripts: open a database, then call the services.

    from scbmeet.api import open_board_database

    services = open_board_database("board.sqlite3")
    board = services.register.board_by_short_name("MSCB")

What is public, and kept stable within a major :data:`API_VERSION`:

- this module's :func:`open_board_database`, :data:`API_VERSION` and :data:`PUBLIC_SERVICES`;
- :class:`scbmeet.services.Services` and, on it, the services named in
  :data:`PUBLIC_SERVICES` with their methods whose names do not start with ``_``;
- the plain data they take and return (:mod:`scbmeet.domain.dto`), the vocabularies
  (:mod:`scbmeet.domain.enums`) and the errors (:mod:`scbmeet.domain.errors`).

Everything else (the tables in ``scbmeet.domain.models``, ``storage``, the services'
modules and their parts) is internal and may change in any release. ``docs/python-api.md``
is the reference, generated from the docstrings by ``scripts/make_api_reference.py``.
"""

from __future__ import annotations

import os

from scbmeet.services import Services

# Major.minor: a minor release adds to the interface, a major one may change it.
API_VERSION = "1.0"

# The services a script may use (attributes of Services), in the reference's order.
PUBLIC_SERVICES = (
    "register",
    "meetings",
    "agenda",
    "minutes",
    "actions",
    "forward_plan",
    "attendance",
    "action_register",
    "chasing",
    "paper_chasing",
    "search",
    "places",
    "declarations",
    "quorum",
    "member_csv",
    "plans",
    "plan_meetings",
    "plan_decisions",
    "plan_cycle",
    "plan_csv",
    "plan_duties",
    "case_reviews",
    "history",
    "interests",
    "publication",
)


def open_board_database(
    path_or_url: str | os.PathLike[str] | None = None, *, create: bool = False
) -> Services:
    """The services over a database: a SQLite file's path, a SQLAlchemy URL
    (``postgresql://...``), or None for ``$SCBMEET_DATABASE_URL`` or the user's default file.

    The database is upgraded to this version's schema if it is older (a copy is kept). A
    missing file is refused unless ``create`` is true. Errors are
    :class:`scbmeet.domain.errors.ScbmeetError` subclasses with a message for the user.
    """
    from scbmeet.storage.database import open_database
    from scbmeet.storage.engine import resolve_url

    url = resolve_url(path_or_url)
    return Services(open_database(url, create=create or path_or_url is None))
