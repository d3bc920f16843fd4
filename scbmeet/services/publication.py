"""Publication records: issuing the agenda (refused while a closed item on a statutory board
gives no Schedule 12A paragraph), the minutes signed as a correct record, and the decision
notice sent out, with the dates each is due by.

The dates follow :mod:`scbmeet.domain.calendar_days` in the board's nation; the board sets
how many working days before publication papers are due and after the meeting the decision
notice is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from scbmeet.domain.calendar_days import DEFAULT_CLEAR_DAYS, nation_of, working_days_after
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import MeetingState, Role
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem, Board, Meeting, Membership
from scbmeet.domain.public_dto import PublicationInfo
from scbmeet.services.agenda_rows import board_for
from scbmeet.services.base import ServiceBase, clean_text, get_or_fail, record_audit, snapshot
from scbmeet.services.convert import people_by_id
from scbmeet.services.exempt_rules import (
    deadline_of,
    decision_notice_due,
    is_late_addition,
    issue_problems,
    papers_due,
)


def publication_info(meeting: Meeting, board: Board) -> PublicationInfo:
    assert meeting.id is not None
    return PublicationInfo(
        meeting_id=meeting.id,
        meeting_date=meeting.date,
        access_rules=board.access_rules,
        deadline=deadline_of(meeting, board),
        papers_due=papers_due(meeting, board),
        published_at=meeting.published_at,
        published_by=meeting.published_by,
        minutes_signed_by=meeting.minutes_signed_by,
        minutes_signed_on=meeting.minutes_signed_on,
        decision_notice_due=decision_notice_due(meeting, board),
        decisions_published_on=meeting.decisions_published_on,
    )


def chair_on(s: Session, board_id: int, day: date) -> str:
    """``Councillor Ann Hale (Chair)``: the board's chair on ``day``, or ""."""
    rows = s.exec(
        select(Membership).where(Membership.board_id == board_id, Membership.role == Role.CHAIR)
    ).all()
    for m in rows:
        if (m.start_date is None or m.start_date <= day) and (
            m.end_date is None or day <= m.end_date
        ):
            person = people_by_id(s, [m.person_id]).get(m.person_id)
            if person is not None:
                return f"{person.display_name} (Chair)"
    return ""


class PublicationService(ServiceBase):
    """When the agenda went out, the minutes were signed and the decisions notified."""

    def record(self, meeting_id: int) -> PublicationInfo:
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            return publication_info(meeting, board_for(s, meeting))

    def signature(self, meeting_id: int) -> tuple[str, date | None]:
        """Who signed the minutes as a correct record, and on what day (``("", None)``
        until they are signed): what the minutes print, without working out deadlines."""
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            return meeting.minutes_signed_by, meeting.minutes_signed_on

    def is_late_addition(self, meeting_id: int) -> bool:
        """Whether an item or paper added now is supplementary and needs a reason for urgency."""
        with self.db.reading() as s:
            return is_late_addition(get_or_fail(s, Meeting, meeting_id, "meeting"))

    def issue_problems(self, meeting_id: int) -> list[str]:
        """Why the agenda cannot be issued yet (empty: it can)."""
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
            return issue_problems(items, board_for(s, meeting).access_rules)

    def issue_agenda(self, meeting_id: int, *, at: datetime | None = None) -> PublicationInfo:
        """Publish the agenda: record when and by whom, and mark the meeting "agenda issued".

        Refused, with the first problem, while a closed item gives no Schedule 12A paragraph
        on a board that follows the statutory rules."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            board = board_for(s, meeting)
            if meeting.published_at is not None:
                raise ValidationError(
                    f"The agenda of {long_date(meeting.date)} was already published on "
                    f"{long_date(meeting.published_at.date())}."
                )
            if meeting.state not in (MeetingState.PLANNED, MeetingState.AGENDA_ISSUED):
                raise ValidationError(
                    f"The meeting of {long_date(meeting.date)} has been held; its agenda "
                    "can no longer be issued."
                )
            items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
            problems = issue_problems(items, board.access_rules)
            if problems:
                more = f" ({len(problems) - 1} more like it)" if len(problems) > 1 else ""
                raise ValidationError(problems[0] + more)
            before = snapshot(meeting)
            moment = at or datetime.now(UTC)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            meeting.published_at = moment.replace(microsecond=0)
            meeting.published_by = self.db.user
            meeting.state = MeetingState.AGENDA_ISSUED.value
            meeting.version += 1
            self._audit(s, meeting, "issue_agenda", before)
            info = publication_info(meeting, board)
        self._changed("meeting", meeting_id)
        return info

    def sign_minutes(
        self, meeting_id: int, signed_by: str = "", *, on: date | None = None
    ) -> PublicationInfo:
        """Record who signed the approved minutes as a correct record, and when (by default
        the board's chair, on the day they were approved)."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            board = board_for(s, meeting)
            if meeting.state != MeetingState.MINUTES_APPROVED:
                raise ValidationError(
                    f"The minutes of {long_date(meeting.date)} are not approved yet; they are "
                    "signed once confirmed as a correct record."
                )
            day = on or meeting.approved_on or date.today()
            signer = clean_text(signed_by).strip() or chair_on(s, board.id or 0, day)
            if not signer:
                raise ValidationError("Say who signed the minutes (the board has no chair).")
            if len(signer) > 200:
                raise ValidationError("The name of who signed is too long (at most 200).")
            before = snapshot(meeting)
            meeting.minutes_signed_by, meeting.minutes_signed_on = signer, day
            self._audit(s, meeting, "sign_minutes", before)
            info = publication_info(meeting, board)
        self._changed("meeting", meeting_id)
        return info

    def record_decision_notice(self, meeting_id: int, *, on: date | None = None) -> PublicationInfo:
        """Note that the decision notice went out (the first time it was written)."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            if meeting.decisions_published_on is None:
                meeting.decisions_published_on = on or date.today()
            info = publication_info(meeting, board_for(s, meeting))
        self._changed("meeting", meeting_id)
        return info

    def deadline_note(self, meeting_id: int, on: date) -> tuple[str, bool]:
        """What the meeting page and the papers tracker say about publishing the agenda, and
        whether it is a warning (the deadline is near or past and the agenda is not out)."""
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            info = publication_info(meeting, board_for(s, meeting))
            state = meeting.state
        return deadline_note(info, state, on)

    def reminders(self, board_id: int, on: date) -> list[str]:
        """What the chair's review reminds about on ``on``: agendas due out within three
        working days or overdue, and decision notices due or overdue."""
        notes: list[str] = []
        with self.db.reading() as s:
            board = get_or_fail(s, Board, board_id, "board")
            # Only meetings to come, or held within the 60 days a decision notice is
            # reminded of (not every meeting of a long history).
            recent = on - timedelta(days=DECISION_REMINDER_DAYS)
            meetings = s.exec(
                select(Meeting).where(Meeting.board_id == board_id, col(Meeting.date) >= recent)
            ).all()
            for m in sorted(meetings, key=lambda m: m.date):
                info = publication_info(m, board)
                notes.extend(_reminders_for(m, info, on))
        return notes

    def _audit(self, s: Session, meeting: Meeting, operation: str, before: str) -> None:
        record_audit(
            s,
            self.db,
            entity="meeting",
            entity_id=meeting.id,
            operation=operation,
            meeting_id=meeting.id,
            before=before,
            after=snapshot(meeting),
        )


REMINDER_DAYS = 3  # working days before the agenda's deadline that the reminders start


def deadline_is_near(info: PublicationInfo, on: date) -> bool:
    """Whether the agenda's deadline falls within :data:`REMINDER_DAYS` working days of
    ``on`` (so a Friday's reminder already covers the Wednesday after the weekend)."""
    return info.deadline <= working_days_after(on, REMINDER_DAYS, nation_of(info.access_rules))


DECISION_REMINDER_DAYS = 60  # days after a meeting its decision notice is reminded of


def weekday_date(day: date) -> str:
    return f"{day:%a} {long_date(day)}"


def deadline_note(info: PublicationInfo, state: str, on: date) -> tuple[str, bool]:
    if info.published_at is not None:
        when = weekday_date(info.published_at.date())
        by = f" by {info.published_by}" if info.published_by else ""
        late = info.published_late
        after = f", after the deadline of {weekday_date(info.deadline)}" if late else ""
        return f"Agenda published {when}{by}{after}", late
    if state != MeetingState.PLANNED.value or info.meeting_date < on:
        return "", False
    when = f"{weekday_date(info.deadline)} ({DEFAULT_CLEAR_DAYS} clear working days)"
    if info.deadline < on:
        return f"The agenda was due out by {when}", True
    papers = f"; papers due by {weekday_date(info.papers_due)}" if info.papers_due >= on else ""
    return f"Agenda out by {when}{papers}", deadline_is_near(info, on)


def _reminders_for(m: Meeting, info: PublicationInfo, on: date) -> list[str]:
    when = f"the meeting of {long_date(m.date)}"
    notes = []
    if m.published_at is None and m.date >= on and m.state == MeetingState.PLANNED:
        if info.deadline < on:
            notes.append(
                f"The agenda for {when} was due out by {long_date(info.deadline)}: it is late."
            )
        elif deadline_is_near(info, on):
            notes.append(f"The agenda for {when} must be published by {long_date(info.deadline)}.")
    if (
        m.date < on
        and m.decisions_published_on is None
        and (on - m.date).days <= DECISION_REMINDER_DAYS
    ):
        due = long_date(info.decision_notice_due)
        if info.decision_notice_due < on:
            notes.append(f"The decision notice for {when} was due by {due}: it is overdue.")
        else:
            notes.append(f"The decision notice for {when} is due by {due}.")
    return notes
