"""Agenda templates: saving a meeting's agenda shape under a name, and filling a new meeting's
agenda from one.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from scbmeet.domain.enums import ItemKind
from scbmeet.domain.enums import Session as Sess
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaPresenter, AgendaTemplate, Meeting, Person
from scbmeet.services.agenda_rows import AgendaPart, add_item_row
from scbmeet.services.base import get_or_fail, require_text


class AgendaTemplatesPart(AgendaPart):
    """A board's saved agenda shapes."""

    def save_template(self, meeting_id: int, name: str) -> int:
        """Save the meeting's agenda shape (items, sub-items, presenters) under ``name``."""
        name = require_text(name, "template name", max_length=120)
        agenda = self.agenda(meeting_id)
        body = [
            {
                "title": i.title,
                "kind": i.kind,
                "session": i.session,
                "closed_reference": i.closed_reference,
                "presenter_text": i.presenter_text,
                "presenter_ids": list(i.presenter_ids),
                "duration_minutes": i.duration_minutes,
                "sub": [
                    {"title": c.title, "presenter_text": c.presenter_text}
                    for c in agenda
                    if c.parent_id == i.id
                ],
            }
            for i in agenda
            if i.parent_id is None
        ]
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            existing = s.exec(
                select(AgendaTemplate).where(
                    AgendaTemplate.board_id == meeting.board_id, AgendaTemplate.name == name
                )
            ).first()
            template = existing or AgendaTemplate(board_id=meeting.board_id, name=name, body="")
            template.body = json.dumps(body, ensure_ascii=False)
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

    def delete_template(self, template_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_fail(s, AgendaTemplate, template_id, "agenda template"))
        self._changed("template", template_id)


def apply_template(session: Session, template_id: int, meeting: Meeting) -> None:
    """Fill an empty meeting's agenda from a saved template."""
    template = get_or_fail(session, AgendaTemplate, template_id, "agenda template")
    if template.board_id != meeting.board_id:
        raise ValidationError("That template belongs to another board.")
    assert meeting.id is not None
    for entry in json.loads(template.body):
        item = add_item_row(
            session,
            meeting.id,
            entry["title"],
            kind=entry.get("kind", ItemKind.ORDINARY.value),
            session_kind=entry.get("session", Sess.OPEN.value),
            closed_reference=entry.get("closed_reference", ""),
            presenter_text=entry.get("presenter_text", ""),
            duration_minutes=entry.get("duration_minutes"),
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
            )
