"""The forward plan (work programme): what the board wants to see, and when."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.enums import MeetingState
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem, Board, ForwardPlanEntry, Meeting, MinuteItem
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    clean_text,
    get_or_fail,
    optional_text,
    record_audit,
    require_text,
    snapshot,
)


def add_months(start: date, months: int) -> date:
    """The first day of the month ``months`` after ``start`` 's month."""
    index = start.year * 12 + (start.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def entries_due(s: Session, meeting: Meeting) -> list[ForwardPlanEntry]:
    """Pending entries due at (or overdue by) ``meeting``: asked for at this meeting or an
    earlier one, or for its month or an earlier month."""
    meeting_dates: dict[int | None, date] = {
        m.id: m.date
        for m in s.exec(select(Meeting).where(Meeting.board_id == meeting.board_id)).all()
    }
    rows = s.exec(
        select(ForwardPlanEntry)
        .where(
            ForwardPlanEntry.board_id == meeting.board_id,
            col(ForwardPlanEntry.agenda_item_id).is_(None),
            ForwardPlanEntry.withdrawn == False,  # noqa: E712
        )
        .order_by(col(ForwardPlanEntry.id))
    ).all()
    month = meeting.date.replace(day=1)
    due = []
    for entry in rows:
        if entry.due_meeting_id is not None:
            due_date = meeting_dates.get(entry.due_meeting_id)
            if due_date is not None and due_date <= meeting.date:
                due.append(entry)
        elif entry.due_month is not None and entry.due_month <= month:
            due.append(entry)
    return due


def _info(s: Session, e: ForwardPlanEntry) -> dto.ForwardPlanInfo:
    due_meeting_date = s.get(Meeting, e.due_meeting_id).date if e.due_meeting_id else None  # type: ignore[union-attr]
    answered = None
    if e.agenda_item_id is not None:
        item = s.get(AgendaItem, e.agenda_item_id)
        meeting = s.get(Meeting, item.meeting_id) if item else None
        if (
            meeting is not None
            and meeting.state != MeetingState.PLANNED
            and meeting.state != MeetingState.AGENDA_ISSUED
        ):
            answered = meeting.id
    return dto.ForwardPlanInfo(
        id=e.id or 0,
        board_id=e.board_id,
        title=e.title,
        detail=e.detail,
        due_meeting_id=e.due_meeting_id,
        due_meeting_date=due_meeting_date,
        due_month=e.due_month,
        source_minute_item_id=e.source_minute_item_id,
        source_text=e.source_text,
        agenda_item_id=e.agenda_item_id,
        answered_meeting_id=answered,
        withdrawn=e.withdrawn,
        created_on=e.created_on,
    )


class ForwardPlanService(ServiceBase):
    """Requests such as "a further update in six months", brought back on the right agenda."""

    def add_entry(
        self,
        board_id: int,
        title: str,
        *,
        detail: str = "",
        due_meeting_id: int | None = None,
        due_month: date | None = None,
        in_months: int | None = None,
        from_date: date | None = None,
        source_minute_item_id: int | None = None,
        source_text: str = "",
    ) -> dto.ForwardPlanInfo:
        """Ask for something at a meeting, in a month, or ``in_months`` after ``from_date``."""
        if in_months is not None:
            if in_months < 1 or in_months > 60:
                raise ValidationError("Ask for an update between 1 and 60 months ahead.")
            due_month = add_months(from_date or date.today(), in_months)
        if due_meeting_id is None and due_month is None:
            raise ValidationError("Say when the board wants to see it: a meeting or a month.")
        with self.db.transaction() as s:
            get_or_fail(s, Board, board_id, "board")
            if due_meeting_id is not None:
                m = get_or_fail(s, Meeting, due_meeting_id, "meeting")
                if m.board_id != board_id:
                    raise ValidationError("That meeting belongs to another board.")
            if source_minute_item_id is not None:
                get_or_fail(s, MinuteItem, source_minute_item_id, "minute")
            entry = ForwardPlanEntry(
                board_id=board_id,
                title=require_text(title, "forward plan title", max_length=300),
                detail=clean_text(detail).strip(),
                due_meeting_id=due_meeting_id,
                due_month=due_month.replace(day=1) if due_month else None,
                source_minute_item_id=source_minute_item_id,
                source_text=optional_text(source_text, "source", max_length=300),
                created_on=from_date or date.today(),
            )
            s.add(entry)
            s.flush()
            info = _info(s, entry)
        self._changed("forward_plan", info.id)
        return info

    def update_entry(self, entry_id: int, changes: Mapping[str, Any]) -> dto.ForwardPlanInfo:
        with self.db.transaction() as s:
            entry = get_or_fail(s, ForwardPlanEntry, entry_id, "forward plan entry")
            apply_changes(
                entry,
                changes,
                ("title", "detail", "due_meeting_id", "due_month", "withdrawn", "source_text"),
                "forward plan entry",
            )
            entry.title = require_text(entry.title, "forward plan title", max_length=300)
            if entry.due_month is not None:
                entry.due_month = entry.due_month.replace(day=1)
            info = _info(s, entry)
        self._changed("forward_plan", entry_id)
        return info

    def delete_entry(self, entry_id: int) -> None:
        with self.db.transaction() as s:
            entry = get_or_fail(s, ForwardPlanEntry, entry_id, "forward plan entry")
            record_audit(
                s,
                self.db,
                entity="forwardplanentry",
                entity_id=entry_id,
                operation="delete",
                before=snapshot(entry),
            )
            s.delete(entry)
        self._changed("forward_plan", entry_id)

    def entries(self, board_id: int, *, include_done: bool = True) -> list[dto.ForwardPlanInfo]:
        with self.db.reading() as s:
            rows = s.exec(
                select(ForwardPlanEntry)
                .where(ForwardPlanEntry.board_id == board_id)
                .order_by(col(ForwardPlanEntry.due_month), col(ForwardPlanEntry.id))
            ).all()
            infos = [_info(s, e) for e in rows]
        if not include_done:
            infos = [i for i in infos if i.status == "pending"]
        return infos

    def due_at(self, meeting_id: int) -> list[dto.ForwardPlanInfo]:
        """Entries due at this meeting that are not yet on any agenda."""
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            return [_info(s, e) for e in entries_due(s, meeting)]

    def due_on(self, board_id: int, on: date) -> list[dto.ForwardPlanInfo]:
        """Entries that a meeting of the board on ``on`` should be offered (before it exists)."""
        with self.db.reading() as s:
            get_or_fail(s, Board, board_id, "board")
            planned = Meeting(board_id=board_id, date=on)  # never added to the session
            return [_info(s, e) for e in entries_due(s, planned)]

    def schedule(self, entry_id: int, meeting_id: int) -> dto.ForwardPlanInfo:
        """Put an entry on a meeting's agenda as a new item."""
        from scbmeet.services.agenda_rows import add_item_row, check_agenda_editable

        with self.db.transaction() as s:
            entry = get_or_fail(s, ForwardPlanEntry, entry_id, "forward plan entry")
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            check_agenda_editable(meeting)
            if meeting.board_id != entry.board_id:
                raise ValidationError("That meeting belongs to another board.")
            if entry.agenda_item_id is not None:
                raise ValidationError(f"{entry.title!r} is already on an agenda.")
            assert meeting.id is not None
            aob = s.exec(
                select(AgendaItem).where(
                    AgendaItem.meeting_id == meeting.id, AgendaItem.kind == "aob"
                )
            ).first()
            position = None
            if aob is not None:  # keep AOB and the next-meeting date at the end
                position = aob.position
                for sib in s.exec(
                    select(AgendaItem).where(
                        AgendaItem.meeting_id == meeting.id,
                        col(AgendaItem.parent_id).is_(None),
                        col(AgendaItem.position) >= aob.position,
                    )
                ).all():
                    sib.position += 1
            item = add_item_row(s, meeting.id, entry.title, notes=entry.detail, position=position)
            entry.agenda_item_id = item.id
            info = _info(s, entry)
        self._changed("agenda", meeting_id)
        self._changed("forward_plan", entry_id)
        return info
