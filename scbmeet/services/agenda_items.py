"""Agenda items: adding, changing, deleting, ordering and nesting them, and putting a deleted
one back (undo).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session, select

from scbmeet.domain import dto
from scbmeet.domain.bullets import checked_bullets, stored_bullets
from scbmeet.domain.closed import OPEN_UNDER_CLOSED
from scbmeet.domain.enums import ItemKind, ItemStatus
from scbmeet.domain.enums import Session as Sess
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import (
    AgendaItem,
    AgendaItemTheme,
    AgendaPresenter,
    Meeting,
    Person,
    Theme,
)
from scbmeet.services.agenda_rows import AgendaPart, add_item_row, check_agenda_editable
from scbmeet.services.agenda_snapshot import ItemSnapshot, restore_rows, take_snapshot
from scbmeet.services.audit import record_agenda_item_deletions
from scbmeet.services.base import (
    apply_changes,
    clean_text,
    get_or_fail,
    require_choice,
    require_text,
)
from scbmeet.services.exempt_rules import checked_paragraphs, require_urgency
from scbmeet.services.plan_restricted import refuse_open_case_reviews

ITEM_FIELDS = (
    "title",
    "kind",
    "session",
    "closed_reference",
    "status",
    "presenter_text",
    "duration_minutes",
    "notes",
    "exempt_paragraphs",
    "closed_reason",
    "urgency_reason",
)


class AgendaItemsPart(AgendaPart):
    """A meeting's items and sub-items in order, with presenters and themes."""

    def add_item(
        self,
        meeting_id: int,
        title: str,
        *,
        kind: str = ItemKind.ORDINARY.value,
        session: str = Sess.OPEN.value,
        closed_reference: str = "",
        presenter_text: str = "",
        presenter_ids: Sequence[int] = (),
        parent_id: int | None = None,
        before_item_id: int | None = None,
        notes: str = "",
        duration_minutes: int | None = None,
        theme_ids: Sequence[int] = (),
        exempt_paragraphs: str | Sequence[int] = "",
        closed_reason: str = "",
        urgency_reason: str = "",
        bullets: Sequence[str] = (),
    ) -> dto.AgendaItemInfo:
        """Add an item at the end (or before ``before_item_id``) of the agenda or a parent.

        ``bullets`` are unnumbered points printed under the item's number, in order. A
        closed item may say why it is closed (``exempt_paragraphs`` of Schedule 12A, or
        ``closed_reason``); saying why takes the item into closed session, as ``agenda add``
        does (refused under an open item). Once the agenda is published an item needs
        ``urgency_reason``."""
        says_why = bool(checked_paragraphs(exempt_paragraphs) or clean_text(closed_reason).strip())
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            check_agenda_editable(meeting)
            urgency_reason = require_urgency(meeting, urgency_reason, "item")
            if parent_id is not None:
                parent = get_or_fail(s, AgendaItem, parent_id, "agenda item")
                if parent.meeting_id != meeting_id or parent.parent_id is not None:
                    raise ValidationError(
                        "Sub-items go one level deep, under an item of the same meeting."
                    )
                session = parent.session
                if says_why and session == Sess.OPEN:
                    raise ValidationError(
                        f"{title.strip()!r} would go under {parent.title!r}, which is in open "
                        "session: Schedule 12A paragraphs or a reason for closing go only with "
                        "closed business."
                    )
            elif says_why:
                session = Sess.CLOSED.value
            position = None
            if before_item_id is None and parent_id is None and session == Sess.OPEN:
                # New business goes before AOB and the date of the next meeting.
                tail = [
                    x
                    for x in self._siblings(s, meeting_id, None)
                    if x.session == Sess.OPEN and x.kind in (ItemKind.AOB, ItemKind.NEXT_MEETING)
                ]
                before_item_id = tail[0].id if tail else None
            if before_item_id is not None:
                before = get_or_fail(s, AgendaItem, before_item_id, "agenda item")
                position = before.position
                for sib in self._siblings(s, meeting_id, before.parent_id):
                    if sib.position >= position:
                        sib.position += 1
                parent_id = before.parent_id
            item = add_item_row(
                s,
                meeting_id,
                title,
                kind=kind,
                session_kind=session,
                closed_reference=closed_reference,
                presenter_text=presenter_text,
                parent_id=parent_id,
                position=position,
                notes=notes,
                duration_minutes=duration_minutes,
                bullets=bullets,
            )
            assert item.id is not None
            item.exempt_paragraphs = checked_paragraphs(exempt_paragraphs)
            item.closed_reason = clean_text(closed_reason).strip()
            item.urgency_reason = urgency_reason
            self._set_presenters(s, item.id, presenter_ids)
            self._set_themes(s, item.id, theme_ids)
            self._normalise_positions(s, meeting_id, parent_id)
            item_id = item.id
        self._changed("agenda", meeting_id)
        return self.item(item_id)

    def update_item(
        self,
        item_id: int,
        changes: Mapping[str, Any],
        *,
        presenter_ids: Sequence[int] | None = None,
        theme_ids: Sequence[int] | None = None,
        bullets: Sequence[str] | None = None,
    ) -> dto.AgendaItemInfo:
        """Change an item's ``changes`` fields; ``presenter_ids``, ``theme_ids`` and
        ``bullets`` (the whole list, in its new order) replace what it had when given."""
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            check_agenda_editable(get_or_fail(s, Meeting, item.meeting_id, "meeting"))
            apply_changes(item, changes, ITEM_FIELDS, "agenda item")
            if bullets is not None:
                item.bullets = stored_bullets(checked_bullets(bullets))
            item.title = require_text(item.title, "item title", max_length=300)
            item.kind = require_choice(item.kind, ItemKind, "kind of item")
            item.session = require_choice(item.session, Sess, "session")
            item.status = require_choice(item.status, ItemStatus, "item status")
            if item.duration_minutes is not None and item.duration_minutes < 0:
                raise ValidationError("An item's timing cannot be negative.")
            item.exempt_paragraphs = checked_paragraphs(item.exempt_paragraphs)
            item.closed_reason = clean_text(item.closed_reason).strip()
            item.urgency_reason = clean_text(item.urgency_reason).strip()
            self._keep_reasons_to_closed_items(item, changes)
            self._refuse_open_under_closed(s, item)
            children: list[AgendaItem] = []
            if "session" in changes:  # sub-items go with their parent
                children = list(
                    s.exec(select(AgendaItem).where(AgendaItem.parent_id == item.id)).all()
                )
                for child in children:
                    child.session = item.session
            refuse_open_case_reviews(s, [item, *children])
            if presenter_ids is not None:
                self._set_presenters(s, item_id, presenter_ids)
            if theme_ids is not None:
                self._set_themes(s, item_id, theme_ids)
            meeting_id = item.meeting_id
        self._changed("agenda", meeting_id)
        return self.item(item_id)

    @staticmethod
    def _keep_reasons_to_closed_items(item: AgendaItem, changes: Mapping[str, Any]) -> None:
        """An open item says no reason for closing: given one, refused in one line naming
        it; one left from when it was closed goes as it is taken back into open session."""
        if item.session != Sess.OPEN or not (item.exempt_paragraphs or item.closed_reason):
            return
        given = any(changes.get(key) for key in ("exempt_paragraphs", "closed_reason"))
        if given:
            raise ValidationError(
                f"{item.title!r} is in open session: give Schedule 12A paragraphs or a reason "
                "for closing only with closed business (take it into closed session too)."
            )
        item.exempt_paragraphs, item.closed_reason = "", ""

    def delete_item(self, item_id: int) -> None:
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            meeting = get_or_fail(s, Meeting, item.meeting_id, "meeting")
            check_agenda_editable(meeting)
            record_agenda_item_deletions(s, self.db, [item], meeting_id=meeting.id)
            parent_id = item.parent_id
            s.delete(item)
            s.flush()
            self._normalise_positions(s, meeting.id or 0, parent_id)
        self._changed("agenda", meeting.id)

    def move_item(
        self, item_id: int, new_index: int, *, parent_id: int | None = -1
    ) -> dto.AgendaItemInfo:
        """Move an item to ``new_index`` among its siblings (0-based), or under another parent.

        ``parent_id=-1`` keeps the current parent; ``None`` makes it a top-level item.
        """
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            meeting_id = item.meeting_id
            check_agenda_editable(get_or_fail(s, Meeting, meeting_id, "meeting"))
            self._place(s, item, item.parent_id if parent_id == -1 else parent_id, new_index)
        self._changed("agenda", meeting_id)
        return self.item(item_id)

    def _place(
        self, s: Session, item: AgendaItem, target_parent: int | None, new_index: int
    ) -> None:
        """Put ``item`` at ``new_index`` among the children of ``target_parent``.

        For a top-level item the index counts within its own session (open or closed).
        """
        meeting_id = item.meeting_id
        old_parent = item.parent_id
        if target_parent is not None:
            parent = get_or_fail(s, AgendaItem, target_parent, "agenda item")
            if (
                parent.meeting_id != meeting_id
                or parent.parent_id is not None
                or parent.id == item.id
            ):
                raise ValidationError(
                    "An item can only go under a top-level item of the same meeting."
                )
            if s.exec(select(AgendaItem.id).where(AgendaItem.parent_id == item.id)).first():
                raise ValidationError("An item with sub-items cannot itself become a sub-item.")
            item.session = parent.session
            refuse_open_case_reviews(s, [item])
        item.parent_id = target_parent
        siblings = [x for x in self._siblings(s, meeting_id, target_parent) if x.id != item.id]
        if target_parent is None:  # the index counts within the item's own session
            same = [x for x in siblings if x.session == item.session]
            other = [x for x in siblings if x.session != item.session]
            new_index = max(0, min(new_index, len(same)))
            same.insert(new_index, item)
            ordered = same + other
        else:
            new_index = max(0, min(new_index, len(siblings)))
            siblings.insert(new_index, item)
            ordered = siblings
        for pos, sib in enumerate(ordered, start=1):
            sib.position = pos
        if old_parent != target_parent:
            self._normalise_positions(s, meeting_id, old_parent)

    @staticmethod
    def _refuse_open_under_closed(s: Session, item: AgendaItem) -> None:
        """An item under a closed item is closed too (:mod:`scbmeet.domain.closed`)."""
        if item.parent_id is None or item.session == Sess.CLOSED:
            return
        parent = get_or_fail(s, AgendaItem, item.parent_id, "agenda item")
        if parent.session == Sess.CLOSED:
            raise ValidationError(OPEN_UNDER_CLOSED.format(title=item.title))

    @staticmethod
    def _siblings(s: Session, meeting_id: int, parent_id: int | None) -> list[AgendaItem]:
        rows = s.exec(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.parent_id == parent_id
            )
        ).all()
        return sorted(rows, key=lambda i: (i.session == Sess.CLOSED, i.position, i.id or 0))

    def _normalise_positions(self, s: Session, meeting_id: int, parent_id: int | None) -> None:
        s.flush()
        for pos, sib in enumerate(self._siblings(s, meeting_id, parent_id), start=1):
            sib.position = pos

    @staticmethod
    def _set_presenters(s: Session, item_id: int, person_ids: Sequence[int]) -> None:
        for row in s.exec(
            select(AgendaPresenter).where(AgendaPresenter.agenda_item_id == item_id)
        ).all():
            s.delete(row)
        for pos, pid in enumerate(dict.fromkeys(person_ids)):
            get_or_fail(s, Person, pid, "person")
            s.add(AgendaPresenter(agenda_item_id=item_id, person_id=pid, position=pos))

    @staticmethod
    def _set_themes(s: Session, item_id: int, theme_ids: Sequence[int]) -> None:
        for row in s.exec(
            select(AgendaItemTheme).where(AgendaItemTheme.agenda_item_id == item_id)
        ).all():
            s.delete(row)
        s.flush()
        for tid in dict.fromkeys(theme_ids):
            get_or_fail(s, Theme, tid, "theme")
            s.add(AgendaItemTheme(agenda_item_id=item_id, theme_id=tid))

    # -- undo support ---------------------------------------------------------------------
    def snapshot_item(self, item_id: int) -> ItemSnapshot:
        """The item with its sub-items, papers and files, to hand back to :meth:`restore_item`."""
        with self.db.reading() as s:
            return take_snapshot(s, get_or_fail(s, AgendaItem, item_id, "agenda item"))

    def restore_item(
        self, snap: ItemSnapshot, index: int, *, parent_id: int | None = None
    ) -> dto.AgendaItemInfo:
        """Put a deleted item back at ``index`` (as :meth:`move_item` counts) under ``parent_id``."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, snap.meeting_id, "meeting")
            check_agenda_editable(meeting)
            if parent_id is not None and snap.children:
                raise ValidationError("An item with sub-items cannot itself become a sub-item.")
            end = len(self._siblings(s, snap.meeting_id, parent_id)) + 1
            item = restore_rows(s, snap, parent_id, end)
            self._place(s, item, parent_id, index)
            assert item.id is not None
            item_id = item.id
        self._changed("agenda", snap.meeting_id)
        self._changed("forward_plan")
        return self.item(item_id)
