"""Agenda templates: saving a meeting's agenda shape under a name, renaming and deleting
them, and filling a new meeting's agenda from one or from the previous meeting's agenda.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain.bullets import bullets_of
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import ItemKind
from scbmeet.domain.enums import Session as Sess
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem, AgendaPresenter, AgendaTemplate, Meeting, Person
from scbmeet.services.agenda_rows import (
    DECLARATIONS_TITLE,
    AgendaPart,
    add_item_row,
    previous_meeting,
)
from scbmeet.services.base import get_or_fail, require_text


class AgendaTemplatesPart(AgendaPart):
    """A board's saved agenda shapes."""

    def save_template(self, meeting_id: int, name: str) -> int:
        """Save the meeting's agenda shape (items, sub-items, presenters) under ``name``."""
        name = require_text(name, "template name", max_length=120)
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            existing = s.exec(
                select(AgendaTemplate).where(
                    AgendaTemplate.board_id == meeting.board_id, AgendaTemplate.name == name
                )
            ).first()
            template = existing or AgendaTemplate(board_id=meeting.board_id, name=name, body="")
            template.body = json.dumps(agenda_shape(s, meeting_id), ensure_ascii=False)
            s.add(template)
            s.flush()
            assert template.id is not None
            template_id = template.id
        self._changed("template", template_id)
        return template_id

    def templates(self, board_id: int) -> list[tuple[int, str]]:
        with self.db.reading() as s:
            rows = s.exec(
                select(AgendaTemplate)
                .where(AgendaTemplate.board_id == board_id)
                .order_by(col(AgendaTemplate.name))
            ).all()
            return [(t.id or 0, t.name) for t in rows]

    def rename_template(self, template_id: int, name: str) -> None:
        """Give a saved template another name (refused if the board has one by that name)."""
        name = require_text(name, "template name", max_length=120)
        with self.db.transaction() as s:
            template = get_or_fail(s, AgendaTemplate, template_id, "agenda template")
            taken = s.exec(
                select(AgendaTemplate).where(
                    AgendaTemplate.board_id == template.board_id,
                    AgendaTemplate.name == name,
                    AgendaTemplate.id != template_id,
                )
            ).first()
            if taken is not None:
                raise ValidationError(f"The board already has a template called {name!r}.")
            template.name = name
            s.add(template)
        self._changed("template", template_id)

    def delete_template(self, template_id: int) -> None:
        """Delete a saved template (the meetings made from it keep their agendas)."""
        with self.db.transaction() as s:
            s.delete(get_or_fail(s, AgendaTemplate, template_id, "agenda template"))
        self._changed("template", template_id)

    def previous_agenda(self, board_id: int, before: date) -> tuple[int, date] | None:
        """The board's latest meeting before ``before`` that has an agenda: (id, date)."""
        with self.db.reading() as s:
            meeting = s.exec(
                select(Meeting)
                .where(
                    Meeting.board_id == board_id,
                    col(Meeting.date) < before,
                    col(Meeting.id).in_(select(AgendaItem.meeting_id)),
                )
                .order_by(col(Meeting.date).desc())
            ).first()
            return (meeting.id or 0, meeting.date) if meeting is not None else None


def agenda_shape(session: Session, meeting_id: int) -> list[dict[str, Any]]:
    """A meeting's agenda as a template keeps it: each main item (title, kind, session,
    presenters, duration, bullets) with its sub-items, in agenda order; no papers or notes."""
    items = session.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all()
    presenters: dict[int, list[int]] = {}
    for row in session.exec(
        select(AgendaPresenter)
        .where(col(AgendaPresenter.agenda_item_id).in_([i.id for i in items]))
        .order_by(col(AgendaPresenter.position))
    ).all():
        presenters.setdefault(row.agenda_item_id, []).append(row.person_id)
    return [
        {
            "title": i.title,
            "kind": i.kind,
            "session": i.session,
            "closed_reference": i.closed_reference,
            "presenter_text": i.presenter_text,
            "presenter_ids": presenters.get(i.id or 0, []),
            "duration_minutes": i.duration_minutes,
            "bullets": bullets_of(i.bullets),
            "sub": [
                {
                    "title": c.title,
                    "presenter_text": c.presenter_text,
                    "bullets": bullets_of(c.bullets),
                }
                for c in items
                if c.parent_id == i.id
            ],
        }
        for i in items
        if i.parent_id is None
    ]


def copy_agenda(session: Session, from_meeting_id: int, meeting: Meeting) -> None:
    """Fill an empty meeting's agenda with the shape of another meeting's of the board."""
    source = get_or_fail(session, Meeting, from_meeting_id, "meeting")
    if source.board_id != meeting.board_id:
        raise ValidationError("That meeting belongs to another board.")
    apply_shape(session, agenda_shape(session, from_meeting_id), meeting)


def apply_template(session: Session, template_id: int, meeting: Meeting) -> None:
    """Fill an empty meeting's agenda from a saved template."""
    template = get_or_fail(session, AgendaTemplate, template_id, "agenda template")
    if template.board_id != meeting.board_id:
        raise ValidationError("That template belongs to another board.")
    apply_shape(session, json.loads(template.body), meeting)


def with_declarations(shape: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The shape with a "Declarations of interest" item after apologies (or first), for a
    template saved, or an agenda copied, from before every standard agenda had one."""
    kinds = [entry.get("kind") for entry in shape]
    titles = {" ".join(str(entry.get("title", "")).lower().split()) for entry in shape}
    if ItemKind.DECLARATIONS.value in kinds or DECLARATIONS_TITLE.lower() in titles:
        return shape  # one already, standard or typed in by hand: never a second
    at = kinds.index(ItemKind.APOLOGIES.value) + 1 if ItemKind.APOLOGIES.value in kinds else 0
    declarations = {"title": DECLARATIONS_TITLE, "kind": ItemKind.DECLARATIONS.value}
    return [*shape[:at], declarations, *shape[at:]]


def apply_shape(session: Session, shape: list[dict[str, Any]], meeting: Meeting) -> None:
    """Add a template's or a copied agenda's items to ``meeting``. The minutes item names
    the meeting before this one (or is left out for a board's first meeting)."""
    assert meeting.id is not None
    previous = previous_meeting(session, meeting)
    for entry in with_declarations(shape):
        title = entry["title"]
        if entry.get("kind") == ItemKind.MINUTES.value:
            if previous is None:
                continue
            title = f"Minutes of the meeting held on {long_date(previous.date)}"
        item = add_item_row(
            session,
            meeting.id,
            title,
            kind=entry.get("kind", ItemKind.ORDINARY.value),
            session_kind=entry.get("session", Sess.OPEN.value),
            closed_reference=entry.get("closed_reference", ""),
            presenter_text=entry.get("presenter_text", ""),
            duration_minutes=entry.get("duration_minutes"),
            bullets=entry.get("bullets", ()),
        )
        assert item.id is not None
        for pos, pid in enumerate(entry.get("presenter_ids", [])):
            if session.get(Person, pid) is not None:
                session.add(AgendaPresenter(agenda_item_id=item.id, person_id=pid, position=pos))
        for sub in entry.get("sub", []):
            add_item_row(
                session,
                meeting.id,
                sub["title"],
                session_kind=item.session,
                presenter_text=sub.get("presenter_text", ""),
                parent_id=item.id,
                bullets=sub.get("bullets", ()),
            )
