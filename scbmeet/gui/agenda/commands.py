"""Undoable agenda edits: add, delete, move and edit an item, each a QUndoCommand.

Each command does its work through the services, and its undo calls the services to put
things back (a deleted item is restored whole from a snapshot). Restoring gives rows new
ids, so commands remember the id an item had when they were made and look up its id of
the moment in the builder's :class:`IdMap`.

The commands are :class:`~scbmeet.gui.widgets.commands.ServiceCommand` s: each runs once before it
is pushed, so a refusal (a :class:`~scbmeet.domain.errors.ScbmeetError`) reaches the dialog or
view that asked for it and nothing is put on the stack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtGui import QUndoStack

from scbmeet.domain.access_rules import stored_paragraphs
from scbmeet.domain.dto import AgendaItemInfo
from scbmeet.gui.widgets.commands import IdMap, ServiceCommand, execute, shortened
from scbmeet.services import Services
from scbmeet.services.agenda_snapshot import ItemSnapshot


def quoted(title: str) -> str:
    """``“Budget report”``, a long title cut short: the undo text names what it undoes."""
    return f"“{shortened(title)}”"


@dataclass(frozen=True)
class ItemValues:
    """What the item dialog edits."""

    title: str
    kind: str = "ordinary"
    session: str = "open"
    closed_reference: str = ""
    presenter_ids: tuple[int, ...] = ()
    presenter_text: str = ""
    duration_minutes: int | None = None
    notes: str = ""
    theme_ids: tuple[int, ...] = ()
    answers_entry_id: int | None = None  # a forward-plan request a new item answers
    exempt_paragraphs: tuple[int, ...] = ()  # Schedule 12A, for a closed item
    closed_reason: str = ""
    urgency_reason: str = ""  # a supplementary item's reason for urgency
    bullets: tuple[str, ...] = ()  # unnumbered points under the item's number

    @classmethod
    def of(cls, item: AgendaItemInfo) -> ItemValues:
        return cls(
            title=item.title,
            kind=item.kind,
            session=item.session,
            closed_reference=item.closed_reference,
            presenter_ids=item.presenter_ids,
            presenter_text=item.presenter_text,
            duration_minutes=item.duration_minutes,
            notes=item.notes,
            theme_ids=item.theme_ids,
            exempt_paragraphs=item.exempt_paragraphs,
            closed_reason=item.closed_reason,
            urgency_reason=item.urgency_reason,
            bullets=item.bullets,
        )

    def fields(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "session": self.session,
            "closed_reference": self.closed_reference,
            "presenter_text": self.presenter_text,
            "duration_minutes": self.duration_minutes,
            "notes": self.notes,
            "exempt_paragraphs": stored_paragraphs(self.exempt_paragraphs),
            "closed_reason": self.closed_reason,
            "urgency_reason": self.urgency_reason,
        }


@dataclass(frozen=True)
class Place:
    """Where an item sits: its parent (None: top level) and index, as ``move_item`` counts."""

    parent_id: int | None
    index: int
    session: str


def place_of(agenda: Sequence[AgendaItemInfo], item_id: int) -> Place:
    """The place of an item in an agenda listed in display order."""
    item = next(i for i in agenda if i.id == item_id)
    if item.parent_id is None:
        siblings = [i for i in agenda if i.parent_id is None and i.session == item.session]
    else:
        siblings = [i for i in agenda if i.parent_id == item.parent_id]
    return Place(item.parent_id, [s.id for s in siblings].index(item_id), item.session)


@dataclass
class AgendaContext:
    """What the commands of one meeting's agenda share."""

    services: Services
    meeting_id: int
    stack: QUndoStack
    ids: IdMap = field(default_factory=IdMap)
    paper_ids: IdMap = field(default_factory=IdMap)  # papers get new ids when restored too
    report: Callable[[BaseException], None] = lambda exc: None
    select: Callable[[int], None] = lambda item_id: None  # called with the *current* id
    select_paper: Callable[[int], None] = lambda paper_id: None

    def agenda(self) -> list[AgendaItemInfo]:
        return self.services.agenda.agenda(self.meeting_id)

    def execute(self, command: AgendaCommand) -> None:
        """Do ``command`` now (errors propagate) and put it on the undo stack."""
        execute(self.stack, command)

    def restore(self, snap: ItemSnapshot, place: Place) -> AgendaItemInfo:
        """Restore a deleted item (and its sub-items) and rebind their ids."""
        info = self.services.agenda.restore_item(
            snap, place.index, parent_id=self.ids.current(place.parent_id)
        )
        self.ids.rebind(snap.id, info.id)
        self._rebind_papers(snap, info)
        new_children = [i for i in self.agenda() if i.parent_id == info.id]
        for old, new in zip(snap.children, new_children, strict=False):
            self.ids.rebind(old.id, new.id)
            self._rebind_papers(old, new)
        return info

    def _rebind_papers(self, snap: ItemSnapshot, restored: AgendaItemInfo) -> None:
        """The restored item's papers come back in their old order, with new ids."""
        for old, new in zip(snap.papers, restored.papers, strict=False):
            self.paper_ids.rebind(old.id, new.id)


class AgendaCommand(ServiceCommand):
    """A command on one meeting's page; a refused undo or redo goes to ``ctx.report``."""

    def __init__(self, ctx: AgendaContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx

    def report(self, exc: BaseException) -> None:
        self.ctx.report(exc)


class AddItemCommand(AgendaCommand):
    def __init__(
        self,
        ctx: AgendaContext,
        values: ItemValues,
        *,
        parent_id: int | None = None,
        before_id: int | None = None,
    ) -> None:
        super().__init__(ctx, f"Add item {quoted(values.title)}")
        self.values = values
        self.parent_id = parent_id
        self.before_id = before_id
        self.item_id: int | None = None
        self._snapshot: ItemSnapshot | None = None
        self._place: Place | None = None

    def do(self) -> None:
        ids = self.ctx.ids
        info = self.ctx.services.agenda.add_item(
            self.ctx.meeting_id,
            self.values.title,
            kind=self.values.kind,
            session=self.values.session,
            closed_reference=self.values.closed_reference,
            presenter_text=self.values.presenter_text,
            presenter_ids=self.values.presenter_ids,
            parent_id=ids.current(self.parent_id),
            before_item_id=ids.current(self.before_id),
            notes=self.values.notes,
            duration_minutes=self.values.duration_minutes,
            theme_ids=self.values.theme_ids,
            exempt_paragraphs=self.values.exempt_paragraphs,
            closed_reason=self.values.closed_reason,
            urgency_reason=self.values.urgency_reason,
            bullets=self.values.bullets,
        )
        self.item_id = info.id
        self._answer(info.id)
        self.ctx.select(info.id)

    def _answer(self, item_id: int) -> None:
        """Mark the request this item answers (again after redo: a deleted item lets go)."""
        if self.values.answers_entry_id is not None:
            self.ctx.services.forward_plan.answer_with(self.values.answers_entry_id, item_id)

    def revert(self) -> None:
        current = self.ctx.ids.current(self.item_id)
        assert current is not None
        self._place = place_of(self.ctx.agenda(), current)
        self._snapshot = self.ctx.services.agenda.snapshot_item(current)
        self.ctx.services.agenda.delete_item(current)

    def apply(self) -> None:
        assert self._snapshot is not None and self._place is not None
        info = self.ctx.restore(self._snapshot, self._place)
        self._answer(info.id)
        self.ctx.select(info.id)


class DeleteItemCommand(AgendaCommand):
    def __init__(self, ctx: AgendaContext, item: AgendaItemInfo) -> None:
        super().__init__(ctx, f"Delete item {quoted(item.title)}")
        self.item_id = item.id
        self._snapshot: ItemSnapshot | None = None
        self._place: Place | None = None

    def apply(self) -> None:
        current = self.ctx.ids.current(self.item_id)
        assert current is not None
        agenda = self.ctx.agenda()
        place = place_of(agenda, current)
        # Remember the parent by its original id: it may itself be restored later.
        parent = None if place.parent_id is None else self.ctx.ids.original(place.parent_id)
        self._place = replace(place, parent_id=parent)
        self._snapshot = self.ctx.services.agenda.snapshot_item(current)
        self.ctx.services.agenda.delete_item(current)

    def revert(self) -> None:
        assert self._snapshot is not None and self._place is not None
        info = self.ctx.restore(self._snapshot, self._place)
        self.ctx.select(info.id)


class MoveItemCommand(AgendaCommand):
    """Move an item among its siblings, under another item, or back to the top level."""

    def __init__(
        self, ctx: AgendaContext, item: AgendaItemInfo, source: Place, target: Place
    ) -> None:
        super().__init__(ctx, f"Move item {quoted(item.title)}")
        self.item_id = item.id
        ids = ctx.ids
        self.source = replace(
            source, parent_id=None if source.parent_id is None else ids.original(source.parent_id)
        )
        self.target = replace(
            target, parent_id=None if target.parent_id is None else ids.original(target.parent_id)
        )

    def _move(self, place: Place) -> None:
        ids = self.ctx.ids
        current = ids.current(self.item_id)
        assert current is not None
        if place.parent_id is None and self._session_now(current) != place.session:
            # Back out of a parent of the other session: take the old session first, so
            # the index counts among the right items.
            self.ctx.services.agenda.update_item(current, {"session": place.session})
        self.ctx.services.agenda.move_item(
            current, place.index, parent_id=ids.current(place.parent_id)
        )
        self.ctx.select(current)

    def _session_now(self, item_id: int) -> str:
        return self.ctx.services.agenda.item(item_id).session

    def apply(self) -> None:
        self._move(self.target)

    def revert(self) -> None:
        self._move(self.source)


class EditItemCommand(AgendaCommand):
    def __init__(
        self, ctx: AgendaContext, item: AgendaItemInfo, after: ItemValues, text: str = ""
    ) -> None:
        super().__init__(ctx, text or f"Edit item {quoted(item.title)}")
        self.item_id = item.id
        self.before = ItemValues.of(item)
        self.after = after

    def _set(self, values: ItemValues) -> None:
        current = self.ctx.ids.current(self.item_id)
        assert current is not None
        self.ctx.services.agenda.update_item(
            current,
            values.fields(),
            presenter_ids=values.presenter_ids,
            theme_ids=values.theme_ids,
            bullets=values.bullets,
        )
        self.ctx.select(current)

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)
