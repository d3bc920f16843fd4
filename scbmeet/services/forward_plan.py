"""The forward plan (work programme): what the board wants to see, and when."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.closed import closed_item_ids, session_of
from scbmeet.domain.enums import ItemKind, MeetingState
from scbmeet.domain.enums import Session as Sess
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem, Board, ForwardPlanEntry, Meeting, MinuteItem
from scbmeet.services.agenda_rows import add_item_row, check_agenda_editable
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    clean_text,
    get_or_fail,
    optional_text,
    record_audit,
    require_choice,
    require_text,
    snapshot,
)


def add_months(start: date, months: int) -> date:
    """The first day of the month ``months`` after ``start`` 's month."""
    index = start.year * 12 + (start.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


USUAL_GAP_DAYS = 91  # a board with fewer than two meetings is taken to meet quarterly


def usual_gap(dates: Sequence[date]) -> int:
    """The board's meeting cycle in days: the middle of the gaps between its meetings."""
    ordered = sorted(set(dates))
    gaps = sorted((b - a).days for a, b in pairwise(ordered))
    return gaps[len(gaps) // 2] if gaps else USUAL_GAP_DAYS


def comes_to(meeting_date: date, due: date, later_meetings: Sequence[date], gap: int) -> bool:
    """Whether a request due on ``due`` comes to a meeting on ``meeting_date``.

    It comes to the meeting nearest its due date: any meeting on or after the due date (it is
    then due or overdue), or an earlier one when that is at least as near as the next meeting
    after it (the next one known, else one cycle on). So it is never left for a meeting more
    than half a cycle late: "six-monthly" asked in June is due in December; a board meeting on
    27 November and then in March takes it in November.
    """
    if due <= meeting_date:
        return True
    following = min((d for d in later_meetings if d > meeting_date), default=None)
    if following is None:
        following = meeting_date + timedelta(days=gap)
    return (due - meeting_date).days <= (following - due).days


def entries_due(s: Session, meeting: Meeting) -> list[ForwardPlanEntry]:
    """Pending entries that come to ``meeting``: asked for at this meeting or an earlier one,
    or due (by month) nearest this meeting or before it (:func:`comes_to`)."""
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
    others = [d for ident, d in meeting_dates.items() if ident != meeting.id]
    gap = usual_gap([*others, meeting.date])
    due = []
    for entry in rows:
        if entry.due_meeting_id is not None:
            due_date = meeting_dates.get(entry.due_meeting_id)
            if due_date is not None and due_date <= meeting.date:
                due.append(entry)
        elif entry.due_month is not None and comes_to(meeting.date, entry.due_month, others, gap):
            due.append(entry)
    return due


def add_entry_item(s: Session, meeting_id: int, entry: ForwardPlanEntry) -> AgendaItem:
    """The agenda item that takes ``entry``: in the closed session (at its end) for closed
    business, else in the open session before AOB and the date of the next meeting."""
    position = None
    if entry.session != Sess.CLOSED:
        tail = s.exec(
            select(AgendaItem)
            .where(
                AgendaItem.meeting_id == meeting_id,
                col(AgendaItem.parent_id).is_(None),
                AgendaItem.session == Sess.OPEN.value,
                col(AgendaItem.kind).in_((ItemKind.AOB.value, ItemKind.NEXT_MEETING.value)),
            )
            .order_by(col(AgendaItem.position))
        ).first()
        if tail is not None:  # keep AOB and the next-meeting date at the end
            position = tail.position
            for sib in s.exec(
                select(AgendaItem).where(
                    AgendaItem.meeting_id == meeting_id,
                    col(AgendaItem.parent_id).is_(None),
                    col(AgendaItem.position) >= tail.position,
                )
            ).all():
                sib.position += 1
    item = add_item_row(
        s,
        meeting_id,
        entry.title,
        notes=entry.detail,
        position=position,
        session_kind=entry.session,
        closed_reference=source_reference(s, entry) if entry.session == Sess.CLOSED else "",
    )
    entry.agenda_item_id = item.id
    return item


def source_reference(s: Session, entry: ForwardPlanEntry) -> str:
    """The closed-session reference of the item a request was asked in (or of its parent)."""
    minute = s.get(MinuteItem, entry.source_minute_item_id) if entry.source_minute_item_id else None
    item = s.get(AgendaItem, minute.agenda_item_id) if minute and minute.agenda_item_id else None
    while item is not None and not item.closed_reference and item.parent_id is not None:
        item = s.get(AgendaItem, item.parent_id)
    return item.closed_reference if item is not None else ""


def source_session(s: Session, minute_id: int | None, item_id: int | None) -> str:
    """The session of the minute or agenda item a request was made in (the one rule)."""
    if minute_id is not None:
        item_id = get_or_fail(s, MinuteItem, minute_id, "minute").agenda_item_id or item_id
    if item_id is None:
        return Sess.OPEN.value
    item = get_or_fail(s, AgendaItem, item_id, "agenda item")
    meeting_items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == item.meeting_id))
    return session_of(item_id in closed_item_ids(meeting_items.all()))


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
        session=e.session,
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
        source_agenda_item_id: int | None = None,
        source_text: str = "",
        closed: bool = False,
    ) -> dto.ForwardPlanInfo:
        """Ask for something at a meeting, in a month, or ``in_months`` after ``from_date``.

        An entry asked for in a minute or item taken in closed session is closed business
        itself (and so is one marked ``closed``): the meeting that takes it takes it in closed.
        """
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
            session = source_session(s, source_minute_item_id, source_agenda_item_id)
            entry = ForwardPlanEntry(
                board_id=board_id,
                title=require_text(title, "forward plan title", max_length=300),
                detail=clean_text(detail).strip(),
                due_meeting_id=due_meeting_id,
                due_month=due_month.replace(day=1) if due_month else None,
                source_minute_item_id=source_minute_item_id,
                source_text=optional_text(source_text, "source", max_length=300),
                created_on=from_date or date.today(),
                session=Sess.CLOSED.value if closed else session,
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
                (
                    "title",
                    "detail",
                    "due_meeting_id",
                    "due_month",
                    "withdrawn",
                    "source_text",
                    "session",
                ),
                "forward plan entry",
            )
            entry.title = require_text(entry.title, "forward plan title", max_length=300)
            entry.session = require_choice(entry.session, Sess, "session")
            if entry.session == Sess.OPEN and (
                source_session(s, entry.source_minute_item_id, None) == Sess.CLOSED
            ):
                raise ValidationError(
                    f"{entry.title!r} was asked for in closed session, so it stays closed."
                )
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
        """Put an entry on a meeting's agenda as a new item (in closed session if it is
        closed business)."""
        with self.db.transaction() as s:
            entry = get_or_fail(s, ForwardPlanEntry, entry_id, "forward plan entry")
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            check_agenda_editable(meeting)
            if meeting.board_id != entry.board_id:
                raise ValidationError("That meeting belongs to another board.")
            if entry.agenda_item_id is not None:
                raise ValidationError(f"{entry.title!r} is already on an agenda.")
            assert meeting.id is not None
            item = add_entry_item(s, meeting.id, entry)
            entry.agenda_item_id = item.id
            info = _info(s, entry)
        self._changed("agenda", meeting_id)
        self._changed("forward_plan", entry_id)
        return info

    def answer_with(self, entry_id: int, agenda_item_id: int) -> dto.ForwardPlanInfo:
        """Mark an item added by hand as answering a request: the request is then answered
        there, and no meeting adds it again. A closed request makes the item closed."""
        with self.db.transaction() as s:
            entry = get_or_fail(s, ForwardPlanEntry, entry_id, "forward plan entry")
            item = get_or_fail(s, AgendaItem, agenda_item_id, "agenda item")
            meeting = get_or_fail(s, Meeting, item.meeting_id, "meeting")
            check_agenda_editable(meeting)
            if meeting.board_id != entry.board_id:
                raise ValidationError("That item is on another board's agenda.")
            if entry.agenda_item_id is not None and entry.agenda_item_id != agenda_item_id:
                raise ValidationError(f"{entry.title!r} is already on an agenda.")
            entry.agenda_item_id = agenda_item_id
            if entry.session == Sess.CLOSED and item.session != Sess.CLOSED:
                item.session = Sess.CLOSED.value
                for child in s.exec(select(AgendaItem).where(AgendaItem.parent_id == item.id)):
                    child.session = Sess.CLOSED.value
            info = _info(s, entry)
        self._changed("agenda", meeting.id)
        self._changed("forward_plan", entry_id)
        return info

    def answered_by(self, agenda_item_id: int) -> list[dto.ForwardPlanInfo]:
        """The requests an agenda item answers."""
        with self.db.reading() as s:
            rows = s.exec(
                select(ForwardPlanEntry).where(ForwardPlanEntry.agenda_item_id == agenda_item_id)
            ).all()
            return [_info(s, e) for e in rows]
