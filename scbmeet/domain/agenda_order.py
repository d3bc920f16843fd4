"""The order an agenda is shown in and its items' numbers ("4", "4.1").

Works on anything shaped like an agenda item, a table row or a plain row read with
SQLAlchemy Core: ``scbmeet check`` numbers the items it names without the table classes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol, TypeVar

from scbmeet.domain.closed import CLOSED, SessionMarked
from scbmeet.domain.enums import ItemKind

UNNUMBERED_KINDS = (ItemKind.APOLOGIES.value, ItemKind.NEXT_MEETING.value)


class Placed(SessionMarked, Protocol):
    """An agenda item as far as its place on the agenda goes: its session and parent, and
    its position among its siblings."""

    @property
    def position(self) -> int: ...

    @property
    def kind(self) -> str: ...


Item = TypeVar("Item", bound=Placed)


def display_order(items: Sequence[Item]) -> list[Item]:
    """Top-level items as the agenda shows them: open session first, then closed, each by
    position; each followed by its sub-items."""
    top = sorted(
        (i for i in items if i.parent_id is None),
        key=lambda i: (i.session == CLOSED, i.position, i.id or 0),
    )
    children: dict[int, list[Item]] = defaultdict(list)
    for i in items:
        if i.parent_id is not None:
            children[i.parent_id].append(i)
    ordered: list[Item] = []
    for item in top:
        ordered.append(item)
        ordered.extend(
            sorted(children.get(item.id or -1, []), key=lambda c: (c.position, c.id or 0))
        )
    return ordered


def item_numbers(items: Sequence[Placed]) -> dict[int, str]:
    """``{item id: "4"}`` / ``"4.1"`` for sub-items; apologies and next meeting are headings."""
    numbers: dict[int, str] = {}
    top = 0
    sub: dict[int, int] = defaultdict(int)
    for item in display_order(items):
        assert item.id is not None
        if item.parent_id is None:
            if item.kind in UNNUMBERED_KINDS:
                numbers[item.id] = ""
                continue
            top += 1
            numbers[item.id] = str(top)
        else:
            parent_number = numbers.get(item.parent_id, "")
            sub[item.parent_id] += 1
            numbers[item.id] = f"{parent_number}.{sub[item.parent_id]}" if parent_number else ""
    return numbers
