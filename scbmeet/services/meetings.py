"""Meetings: creating them with the standard agenda, their life, attendance, approval."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.enums import AttendanceStatus, ItemKind, MeetingState
from scbmeet.domain.errors import NotFoundError, ReadOnlyError, ValidationError
from scbmeet.domain.models import (
    AgendaItem,
    Attendance,
    AuditEntry,
    Board,
    ForwardPlanEntry,
    Meeting,
    MinuteItem,
    Person,
)
from scbmeet.services.agenda_rows import (
    DECLARATIONS_TITLE,
    add_item_row,
    board_for,
    previous_meeting,
)
from scbmeet.services.agenda_templates import apply_template, copy_agenda
from scbmeet.services.audit import record_meeting_deletion
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    get_or_fail,
    optional_text,
    record_audit,
    require_choice,
    snapshot,
)
from scbmeet.services.convert import meeting_info, people_by_id
from scbmeet.services.forward_plan import add_entry_item, entries_due
from scbmeet.services.numbering import numbering_year, renumber
from scbmeet.storage.engine import Database

MEETING_FIELDS = ("date", "start_time", "end_time", "venue", "title", "first_minute_number")
# What the minutes themselves state about the meeting: locked once they are approved.
MINUTED_FIELDS = frozenset({"date", "start_time", "end_time", "venue", "title"})
STATE_ORDER = [s.value for s in MeetingState]
DEFAULT_INTERVAL_DAYS = 91  # boards of this kind meet quarterly


def ensure_minutes_editable(meeting: Meeting) -> None:
    """Approved minutes are the legal record: refuse changes until they are reopened."""
    if meeting.state == MeetingState.MINUTES_APPROVED:
        raise ReadOnlyError(
            f"The minutes of {dto.long_date(meeting.date)} are approved and read-only; "
            "reopen them, giving a reason, to change them."
        )


def was_reopened(session: Session, meeting_id: int) -> bool:
    return (
        session.exec(
            select(AuditEntry.id).where(
                AuditEntry.meeting_id == meeting_id, AuditEntry.operation == "reopen_minutes"
            )
        ).first()
        is not None
    )


class MeetingService(ServiceBase):
    """Meetings of a board and what happens to them."""

    def create_meeting(
        self,
        board_id: int,
        on: date,
        *,
        start_time: time | None = None,
        venue: str | None = None,
        title: str = "",
        standard_agenda: bool = True,
        include_forward_plan: Sequence[int] | None = None,
        template_id: int | None = None,
        first_minute_number: int | None = None,
        copy_agenda_of: int | None = None,
    ) -> dto.MeetingInfo:
        """Create a meeting with the board's defaults and the standard agenda.

        ``include_forward_plan`` lists the forward-plan entries to put on the agenda; None
        means every entry due at this meeting. ``template_id`` uses a saved agenda instead,
        ``copy_agenda_of`` the agenda of another meeting of the board (its items, sub-items
        and presenters, not its papers).
        """
        if not isinstance(on, date) or isinstance(on, datetime):
            raise ValidationError("A meeting needs a date.")
        with self.db.transaction() as s:
            board = get_or_fail(s, Board, board_id, "board")
            clash = s.exec(
                select(Meeting).where(Meeting.board_id == board_id, Meeting.date == on)
            ).first()
            if clash is not None:
                raise ValidationError(
                    f"{board.short_name} already meets on {dto.long_date(on)}; choose another date."
                )
            meeting = Meeting(
                board_id=board_id,
                date=on,
                start_time=start_time if start_time is not None else board.default_start_time,
                venue=optional_text(
                    board.default_venue if venue is None else venue, "venue", max_length=300
                ),
                title=optional_text(title, "meeting title", max_length=200),
                first_minute_number=first_minute_number,
            )
            s.add(meeting)
            s.flush()
            if template_id is not None:
                apply_template(s, template_id, meeting)
            elif copy_agenda_of is not None:
                copy_agenda(s, copy_agenda_of, meeting)
            elif standard_agenda:
                self._standard_agenda(s, meeting, include_forward_plan)
            info = meeting_info(meeting, board)
        self._changed("meeting", info.id)
        return info

    @staticmethod
    def _standard_agenda(s: Session, meeting: Meeting, include: Sequence[int] | None) -> None:
        assert meeting.id is not None
        mid = meeting.id
        add_item_row(s, mid, "Apologies", kind=ItemKind.APOLOGIES.value)
        add_item_row(s, mid, DECLARATIONS_TITLE, kind=ItemKind.DECLARATIONS.value)
        previous = previous_meeting(s, meeting)
        if previous is not None:
            add_item_row(
                s,
                mid,
                f"Minutes of the meeting held on {dto.long_date(previous.date)}",
                kind=ItemKind.MINUTES.value,
                presenter_text="Chair",
            )
        add_item_row(
            s, mid, "Matters arising", kind=ItemKind.MATTERS_ARISING.value, presenter_text="Chair"
        )
        due = entries_due(s, meeting)
        wanted = set(include) if include is not None else {e.id for e in due}
        for entry in due:
            if entry.id in wanted:  # closed business goes in the closed session
                add_entry_item(s, mid, entry)
        add_item_row(s, mid, "Any other business", kind=ItemKind.AOB.value, presenter_text="Chair")
        add_item_row(s, mid, "Date of next meeting", kind=ItemKind.NEXT_MEETING.value)

    def meeting(self, meeting_id: int) -> dto.MeetingInfo:
        with self.db.reading() as s:
            m = get_or_fail(s, Meeting, meeting_id, "meeting")
            return meeting_info(m, board_for(s, m))

    def meetings(self, board_id: int | None = None) -> list[dto.MeetingInfo]:
        """Meetings, newest first."""
        with self.db.reading() as s:
            query = select(Meeting, Board).join(Board, col(Board.id) == Meeting.board_id)
            if board_id is not None:
                query = query.where(Meeting.board_id == board_id)
            rows = s.exec(query.order_by(col(Meeting.date).desc(), col(Meeting.id).desc())).all()
            return [meeting_info(m, b) for m, b in rows]

    def find_meeting(self, on: date, board_short_name: str | None = None) -> dto.MeetingInfo:
        """The meeting on a date; with several boards meeting that day, the board must be named."""
        candidates = [m for m in self.meetings() if m.date == on]
        if board_short_name:
            candidates = [
                m for m in candidates if m.board_short_name.lower() == board_short_name.lower()
            ]
        if not candidates:
            where = f" of {board_short_name}" if board_short_name else ""
            raise NotFoundError(f"There is no meeting{where} on {on.isoformat()}.")
        if len(candidates) > 1:
            boards = ", ".join(m.board_short_name for m in candidates)
            raise ValidationError(
                f"Several boards met on {on.isoformat()} ({boards}); name one with --board."
            )
        return candidates[0]

    def next_meeting(self, board_id: int, after: date) -> dto.MeetingInfo | None:
        later = [m for m in self.meetings(board_id) if m.date > after]
        return min(later, key=lambda m: m.date) if later else None

    def suggest_date(self, board_id: int, today: date) -> date:
        """A likely date for the board's next meeting, for a new-meeting form to start from.

        The board's usual interval (the last gap between two meetings, else three months)
        after its latest meeting, on the same weekday; never in the past and never on a
        date the board already meets.
        """
        dates = sorted(m.date for m in self.meetings(board_id))
        taken = set(dates)
        if dates:
            gap = (dates[-1] - dates[-2]).days if len(dates) > 1 else DEFAULT_INTERVAL_DAYS
            gap = max(7, round(gap / 7) * 7)  # whole weeks keep the weekday
            suggestion = dates[-1] + timedelta(days=gap)
            while suggestion <= today:
                suggestion += timedelta(days=gap)
        else:
            suggestion = today + timedelta(days=14)
        while suggestion in taken:
            suggestion += timedelta(days=7)
        return suggestion

    def update_meeting(self, meeting_id: int, changes: Mapping[str, Any]) -> dto.MeetingInfo:
        """Change date, time, venue or title; a move raises the calendar sequence number."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            board = board_for(s, meeting)
            old_year = numbering_year(board, meeting.date)
            before = snapshot(meeting)
            done = apply_changes(meeting, changes, MEETING_FIELDS, "meeting")
            meeting.venue = optional_text(meeting.venue, "venue", max_length=300)
            if set(done) & MINUTED_FIELDS:
                ensure_minutes_editable(meeting)
            if "date" in done:
                clash = s.exec(
                    select(Meeting).where(
                        Meeting.board_id == meeting.board_id,
                        Meeting.date == meeting.date,
                        Meeting.id != meeting.id,
                    )
                ).first()
                if clash is not None:
                    raise ValidationError(
                        f"{board.short_name} already meets on {dto.long_date(meeting.date)}."
                    )
            if {"date", "start_time", "end_time", "venue"} & set(done):
                meeting.ical_sequence += 1
            if done:
                meeting.version += 1
                meeting.updated_at = datetime.now().astimezone()
            if set(done) & MINUTED_FIELDS and was_reopened(s, meeting_id):
                record_audit(
                    s,
                    self.db,
                    entity="meeting",
                    entity_id=meeting_id,
                    operation="edit_after_approval",
                    meeting_id=meeting_id,
                    before=before,
                    after=snapshot(meeting),
                )
            if {"date", "first_minute_number"} & set(done):
                new_year = numbering_year(board, meeting.date)
                renumber(s, board, new_year)
                if new_year != old_year:
                    renumber(s, board, old_year)
            info = meeting_info(meeting, board)
        self._changed("meeting", meeting_id)
        return info

    def delete_meeting(self, meeting_id: int, *, reason: str = "") -> None:
        """Delete a meeting and everything in it; refused once its minutes are approved."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            ensure_minutes_editable(meeting)
            board = board_for(s, meeting)
            record_meeting_deletion(s, self.db, meeting, reason=reason)
            year = numbering_year(board, meeting.date)
            s.delete(meeting)
            s.flush()
            renumber(s, board, year)
        self._changed("meeting", meeting_id)

    def set_state(self, meeting_id: int, state: str) -> dto.MeetingInfo:
        """Move a meeting along (or back); approval goes through :meth:`approve_minutes`."""
        state = require_choice(state, MeetingState, "meeting state")
        if state == MeetingState.MINUTES_APPROVED:
            raise ValidationError("Minutes are approved by a later meeting: use approve_minutes.")
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            ensure_minutes_editable(meeting)
            meeting.state = state
            meeting.version += 1
            info = meeting_info(meeting, board_for(s, meeting))
        self._changed("meeting", meeting_id)
        return info

    def approve_minutes(self, meeting_id: int, at_meeting_id: int | None = None) -> dto.MeetingInfo:
        """Confirm a meeting's minutes as a correct record (at a later meeting); they lock."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            board = board_for(s, meeting)
            if meeting.state == MeetingState.MINUTES_APPROVED:
                raise ValidationError(
                    f"The minutes of {dto.long_date(meeting.date)} are already approved."
                )
            approved_on = date.today()
            if at_meeting_id is not None:
                at = get_or_fail(s, Meeting, at_meeting_id, "meeting")
                if at.board_id != meeting.board_id or at.date <= meeting.date:
                    raise ValidationError(
                        "Minutes are approved at a later meeting of the same board."
                    )
                approved_on = at.date
            renumber(s, board, numbering_year(board, meeting.date))
            before = snapshot(meeting)
            meeting.state = MeetingState.MINUTES_APPROVED.value
            meeting.approved_at_id = at_meeting_id
            meeting.approved_on = approved_on
            meeting.version += 1
            record_audit(
                s,
                self.db,
                entity="meeting",
                entity_id=meeting_id,
                operation="approve_minutes",
                meeting_id=meeting_id,
                before=before,
                after=snapshot(meeting),
            )
            info = meeting_info(meeting, board)
        self._changed("meeting", meeting_id)
        return info

    def reopen_minutes(self, meeting_id: int, reason: str) -> dto.MeetingInfo:
        """Unlock approved minutes for correction; the reason is kept in the audit trail."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("Give a reason for reopening approved minutes.")
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            if meeting.state != MeetingState.MINUTES_APPROVED:
                raise ValidationError(
                    f"The minutes of {dto.long_date(meeting.date)} are not approved."
                )
            before = snapshot(meeting)
            meeting.state = MeetingState.MINUTES_DRAFTED.value
            meeting.version += 1
            record_audit(
                s,
                self.db,
                entity="meeting",
                entity_id=meeting_id,
                operation="reopen_minutes",
                meeting_id=meeting_id,
                reason=reason,
                before=before,
                after=snapshot(meeting),
            )
            info = meeting_info(meeting, board_for(s, meeting))
        self._changed("meeting", meeting_id)
        return info

    def previous(self, meeting_id: int) -> dto.MeetingInfo | None:
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            prev = previous_meeting(s, meeting)
            return meeting_info(prev, board_for(s, prev)) if prev else None

    # -- attendance -------------------------------------------------------------------------
    def set_attendance(
        self,
        meeting_id: int,
        person_id: int,
        status: str,
        *,
        substitute_for_id: int | None = None,
        arrived_during_id: int | None = None,
        left_during_id: int | None = None,
        note: str = "",
    ) -> dto.AttendanceInfo:
        """Record (or change) how one person took part."""
        mark = dto.AttendanceMark(
            person_id,
            status,
            substitute_for_id=substitute_for_id,
            arrived_during_id=arrived_during_id,
            left_during_id=left_during_id,
            note=note,
        )
        return self.set_attendances(meeting_id, [mark])[0]

    def set_attendances(
        self, meeting_id: int, marks: Sequence[dto.AttendanceMark]
    ) -> list[dto.AttendanceInfo]:
        """Record how several people took part (a sign-in sheet), all or none."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            ensure_minutes_editable(meeting)
            rows = [mark_attendance(s, self.db, meeting_id, mark) for mark in marks]
            infos = self._attendance_infos(s, rows)
        self._changed("attendance", meeting_id)
        return infos

    def clear_attendance(self, meeting_id: int, person_id: int) -> None:
        with self.db.transaction() as s:
            ensure_minutes_editable(get_or_fail(s, Meeting, meeting_id, "meeting"))
            row = s.exec(
                select(Attendance).where(
                    Attendance.meeting_id == meeting_id, Attendance.person_id == person_id
                )
            ).first()
            if row is not None:
                if was_reopened(s, meeting_id):
                    record_audit(
                        s,
                        self.db,
                        entity="attendance",
                        entity_id=row.id,
                        operation="delete",
                        meeting_id=meeting_id,
                        before=snapshot(row),
                    )
                s.delete(row)
        self._changed("attendance", meeting_id)

    def attendance(self, meeting_id: int) -> list[dto.AttendanceInfo]:
        with self.db.reading() as s:
            get_or_fail(s, Meeting, meeting_id, "meeting")
            rows = s.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)).all()
            infos = self._attendance_infos(s, rows)
        return sorted(infos, key=lambda a: (a.person.organisation_name, a.person.family_name))

    @staticmethod
    def _attendance_infos(s: Session, rows: Sequence[Attendance]) -> list[dto.AttendanceInfo]:
        people = people_by_id(s, [r.person_id for r in rows] + [r.substitute_for_id for r in rows])
        out = []
        for r in rows:
            sub = people.get(r.substitute_for_id or -1)
            out.append(
                dto.AttendanceInfo(
                    id=r.id or 0,
                    meeting_id=r.meeting_id,
                    person=people[r.person_id],
                    status=r.status,
                    substitute_for_id=r.substitute_for_id,
                    substitute_for_name=sub.full_name if sub else "",
                    arrived_during_id=r.arrived_during_id,
                    left_during_id=r.left_during_id,
                    note=r.note,
                )
            )
        return out

    def audit(self, meeting_id: int) -> list[dto.AuditInfo]:
        """The audit trail of a meeting (including its deleted parts), oldest first."""
        with self.db.reading() as s:
            rows = s.exec(
                select(AuditEntry)
                .where(AuditEntry.meeting_id == meeting_id)
                .order_by(col(AuditEntry.id))
            ).all()
            return [audit_info(r) for r in rows]


def audit_info(r: AuditEntry) -> dto.AuditInfo:
    return dto.AuditInfo(
        id=r.id or 0,
        at=r.at,
        user=r.user,
        entity=r.entity,
        entity_id=r.entity_id,
        operation=r.operation,
        meeting_id=r.meeting_id,
        action_id=r.action_id,
        reason=r.reason,
        before=r.before,
        after=r.after,
    )


def forward_plan_entries_for_meeting(s: Session, meeting: Meeting) -> list[ForwardPlanEntry]:
    return entries_due(s, meeting)


def minute_items_of(s: Session, meeting_id: int) -> list[MinuteItem]:
    return list(
        s.exec(
            select(MinuteItem)
            .where(MinuteItem.meeting_id == meeting_id)
            .order_by(col(MinuteItem.position), col(MinuteItem.id))
        ).all()
    )


def mark_attendance(
    s: Session, db: Database, meeting_id: int, mark: dto.AttendanceMark
) -> Attendance:
    """Record one mark in the session ``s`` (audited if the minutes were reopened)."""
    status = require_choice(mark.status, AttendanceStatus, "attendance")
    person_id, substitute_for_id = mark.person_id, mark.substitute_for_id
    get_or_fail(s, Person, person_id, "person")
    if substitute_for_id is not None:
        get_or_fail(s, Person, substitute_for_id, "person")
        if substitute_for_id == person_id:
            raise ValidationError("Someone cannot be their own substitute.")
    for item_id in (mark.arrived_during_id, mark.left_during_id):
        if item_id is not None:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            if item.meeting_id != meeting_id:
                raise ValidationError("That agenda item belongs to another meeting.")
    row = s.exec(
        select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.person_id == person_id
        )
    ).first() or Attendance(meeting_id=meeting_id, person_id=person_id, status=status)
    before = snapshot(row) if row.id is not None else ""
    row.status = status
    row.substitute_for_id = substitute_for_id
    row.arrived_during_id = mark.arrived_during_id
    row.left_during_id = mark.left_during_id
    row.note = optional_text(mark.note, "note", max_length=300)
    s.add(row)
    s.flush()
    if was_reopened(s, meeting_id):
        record_audit(
            s,
            db,
            entity="attendance",
            entity_id=row.id,
            operation="edit_after_approval" if before else "add_after_approval",
            meeting_id=meeting_id,
            before=before,
            after=snapshot(row),
        )
    return row
