"""The one rule that decides what is closed: an agenda item is taken in closed session if it,
or any item above it, is marked closed.

Every document, export and service asks this module (never ``item.session`` directly), so the
public minutes, the public action logs, the calendar invitation and the forward plan cannot
disagree about an item. The services also refuse to store an open sub-item under a closed
parent (:func:`inconsistent_items`), so the rule and the stored marks normally say the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

CLOSED = "closed"
OPEN = "open"


class SessionMarked(Protocol):
    """Anything placed on an agenda: a table row or its plain-data copy."""

    @property
    def id(self) -> int | None: ...

    @property
    def parent_id(self) -> int | None: ...

    @property
    def session(self) -> str: ...


Marked = TypeVar("Marked", bound=SessionMarked)


def closed_item_ids(items: Iterable[SessionMarked]) -> frozenset[int]:
    """The ids of the items that are closed: marked closed themselves or under a closed item."""
    by_id: dict[int, SessionMarked] = {i.id: i for i in items if i.id is not None}
    closed: set[int] = set()
    for ident in by_id:
        if is_closed(ident, by_id):
            closed.add(ident)
    return frozenset(closed)


def is_closed(item_id: int | None, by_id: Mapping[int, SessionMarked]) -> bool:
    """Whether the item ``item_id`` of ``by_id`` (every item of its meeting) is closed."""
    seen: set[int] = set()
    current = by_id.get(item_id) if item_id is not None else None
    while current is not None and current.id not in seen:  # ``seen``: never loop on bad data
        if current.session == CLOSED:
            return True
        seen.add(current.id or 0)
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return False


def session_of(closed: bool) -> str:
    return CLOSED if closed else OPEN


def inconsistent_items(items: Iterable[Marked]) -> list[Marked]:
    """Items marked open that sit under a closed item (a state the services refuse)."""
    listed = list(items)
    closed = closed_item_ids(listed)
    return [i for i in listed if i.id in closed and i.session != CLOSED]


OPEN_UNDER_CLOSED = (
    "A sub-item of a closed-session item is taken in closed session too; "
    "{title!r} cannot be open while the item above it is closed."
)
