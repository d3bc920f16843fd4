"""Minutes: numbered items with narrative, resolutions (and, via the action service, actions)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.agenda_order import display_order
from scbmeet.domain.closed import closed_item_ids
from scbmeet.domain.enums import ItemKind, MeetingState
from scbmeet.domain.errors import ConflictError, ValidationError
from scbmeet.domain.models import Action, AgendaItem, Meeting, MinuteItem, Resolution
from scbmeet.services.audit import record_minute_deletions
from scbmeet.services.base import (
    clean_text,
    get_or_fail,
    record_audit,
    require_text,
    snapshot,
)
from scbmeet.services.convert import action_infos
from scbmeet.services.meetings import (
    board_for,
    ensure_minutes_editable,
    minute_items_of,
    was_reopened,
)
from scbmeet.services.numbering import minute_reference, next_free_number, numbering_year, renumber
from scbmeet.services.resolutions import ResolutionsPart, editable_meeting_of_minute

# Items whose record is not a numbered minute: apologies go in the opening paragraphs.
UNMINUTED_KINDS = (ItemKind.APOLOGIES.value, ItemKind.DECLARATIONS.value)


def load_minutes(s: Session, meeting_id: int) -> list[dto.MinuteItemInfo]:
    items = minute_items_of(s, meeting_id)
    if not items:
        return []
    ids = [i.id for i in items if i.id is not None]
    resolutions: dict[int, list[dto.ResolutionInfo]] = defaultdict(list)
    for r in s.exec(
        select(Resolution)
        .where(col(Resolution.minute_item_id).in_(ids))
        .order_by(col(Resolution.position), col(Resolution.id))
    ).all():
        resolutions[r.minute_item_id].append(
            dto.ResolutionInfo(r.id or 0, r.minute_item_id, r.position, r.text, r.version)
        )
    action_rows = s.exec(
        select(Action)
        .where(col(Action.minute_item_id).in_(ids))
        .order_by(col(Action.position), col(Action.id))
    ).all()
    actions: dict[int, list[dto.ActionInfo]] = defaultdict(list)
    for a in action_infos(s, action_rows):
        actions[a.minute_item_id or -1].append(a)
    closed_items = closed_item_ids(
        s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    )
    return [
        dto.MinuteItemInfo(
            id=i.id or 0,
            meeting_id=i.meeting_id,
            agenda_item_id=i.agenda_item_id,
            position=i.position,
            numbering_year=i.numbering_year,
            number=i.number,
            reference=minute_reference(i.number, i.numbering_year),
            title=i.title,
            narrative=i.narrative,
            version=i.version,
            updated_at=i.updated_at,
            is_closed=i.agenda_item_id in closed_items,
            resolutions=tuple(resolutions.get(i.id or -1, [])),
            actions=tuple(actions.get(i.id or -1, [])),
        )
        for i in items
    ]


class MinutesService(ResolutionsPart):
    """Taking and correcting a meeting's minutes."""

    def minutes(self, meeting_id: int) -> list[dto.MinuteItemInfo]:
        with self.db.reading() as s:
            get_or_fail(s, Meeting, meeting_id, "meeting")
            return load_minutes(s, meeting_id)

    def minute(self, minute_id: int) -> dto.MinuteItemInfo:
        with self.db.reading() as s:
            minute = get_or_fail(s, MinuteItem, minute_id, "minute")
            return next(m for m in load_minutes(s, minute.meeting_id) if m.id == minute_id)

    def add_minute(
        self,
        meeting_id: int,
        title: str,
        *,
        agenda_item_id: int | None = None,
        narrative: str = "",
        index: int | None = None,
    ) -> dto.MinuteItemInfo:
        """Add a minute at the end (or at ``index``); numbers run on and are recomputed."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            ensure_minutes_editable(meeting)
            if agenda_item_id is not None:
                item = get_or_fail(s, AgendaItem, agenda_item_id, "agenda item")
                if item.meeting_id != meeting_id:
                    raise ValidationError("That agenda item belongs to another meeting.")
            minute_id = self._insert(s, meeting, title, agenda_item_id, narrative, index)
            self._audit_addition(s, meeting, minute_id)
        self._changed("minutes", meeting_id)
        return self.minute(minute_id)

    def _insert(
        self,
        s: Session,
        meeting: Meeting,
        title: str,
        agenda_item_id: int | None,
        narrative: str,
        index: int | None,
    ) -> int:
        board = board_for(s, meeting)
        year = numbering_year(board, meeting.date)
        existing = minute_items_of(s, meeting.id or 0)
        minute = MinuteItem(
            meeting_id=meeting.id or 0,
            board_id=board.id or 0,
            agenda_item_id=agenda_item_id,
            numbering_year=year,
            number=next_free_number(s, board, year),
            title=require_text(title, "minute title", max_length=300),
            narrative=clean_text(narrative),
        )
        s.add(minute)
        ordered = existing[:]
        ordered.insert(
            len(existing) if index is None else max(0, min(index, len(existing))), minute
        )
        for pos, m in enumerate(ordered, start=1):
            m.position = pos
        if meeting.state in (MeetingState.PLANNED, MeetingState.AGENDA_ISSUED, MeetingState.HELD):
            meeting.state = MeetingState.MINUTES_DRAFTED.value
        renumber(s, board, year)
        assert minute.id is not None
        return minute.id

    def _audit_addition(self, s: Session, meeting: Meeting, minute_id: int) -> None:
        """A minute added to reopened minutes is a change to the approved record."""
        if was_reopened(s, meeting.id or 0):
            record_audit(
                s,
                self.db,
                entity="minuteitem",
                entity_id=minute_id,
                operation="add_after_approval",
                meeting_id=meeting.id,
                after=snapshot(get_or_fail(s, MinuteItem, minute_id, "minute")),
            )

    def draft_from_agenda(self, meeting_id: int) -> list[dto.MinuteItemInfo]:
        """A minute for every agenda item not yet minuted (apologies are not numbered)."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            ensure_minutes_editable(meeting)
            items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
            minuted = {m.agenda_item_id for m in minute_items_of(s, meeting_id)}
            for item in display_order(items):
                if item.parent_id is not None or item.kind in UNMINUTED_KINDS or item.id in minuted:
                    continue
                added = self._insert(s, meeting, item.title, item.id, "", None)
                self._audit_addition(s, meeting, added)
        self._changed("minutes", meeting_id)
        return self.minutes(meeting_id)

    def update_minute(
        self,
        minute_id: int,
        *,
        title: str | None = None,
        narrative: str | None = None,
        expected_version: int | None = None,
    ) -> dto.MinuteItemInfo:
        """Save a minute's title or narrative.

        With ``expected_version`` the save only goes through if nobody else saved the minute
        since that version was read (a conditional UPDATE, so two saves cannot interleave);
        otherwise nothing is overwritten, the unsaved text is kept in the audit trail
        (``save_conflict``), and :class:`ConflictError` carries their text and version:
        saving again with ``expected_version=conflict.theirs_version`` keeps one's own.
        """
        try:
            return self._save_minute(minute_id, title, narrative, expected_version)
        except ConflictError as conflict:
            self._keep_unsaved_version(minute_id, conflict, title, narrative)
            raise

    def _save_minute(
        self,
        minute_id: int,
        title: str | None,
        narrative: str | None,
        expected_version: int | None,
    ) -> dto.MinuteItemInfo:
        with self.db.transaction() as s:
            minute = get_or_fail(s, MinuteItem, minute_id, "minute")
            meeting = editable_meeting_of_minute(s, minute)
            before = snapshot(minute)
            values: dict[str, object] = {}
            if title is not None:
                values["title"] = require_text(title, "minute title", max_length=300)
            if narrative is not None:
                values["narrative"] = clean_text(narrative)
            if not values:
                return self._info_in(s, minute)
            values["version"] = MinuteItem.version + 1
            values["updated_at"] = datetime.now(UTC).replace(microsecond=0)
            statement = update(MinuteItem).where(col(MinuteItem.id) == minute_id)
            if expected_version is not None:
                statement = statement.where(col(MinuteItem.version) == expected_version)
            result = s.execute(
                statement.values(**values).execution_options(synchronize_session=False)
            )
            if result.rowcount == 0:  # type: ignore[attr-defined]
                s.refresh(minute)
                raise ConflictError(
                    f"Minute {minute_reference(minute.number, minute.numbering_year)} was changed "
                    "by someone else since you opened it, so your text was not saved over "
                    "theirs; both versions are kept: choose one, or merge them.",
                    theirs=minute.narrative,
                    theirs_title=minute.title,
                    theirs_version=minute.version,
                )
            s.refresh(minute)
            if was_reopened(s, meeting.id or 0):
                record_audit(
                    s,
                    self.db,
                    entity="minuteitem",
                    entity_id=minute_id,
                    operation="edit_after_approval",
                    meeting_id=meeting.id,
                    before=before,
                    after=snapshot(minute),
                )
            info = self._info_in(s, minute)
        self._changed("minute", minute_id)
        return info

    def _keep_unsaved_version(
        self,
        minute_id: int,
        conflict: ConflictError,
        title: str | None,
        narrative: str | None,
    ) -> None:
        """Keep the text that lost a save conflict in the audit trail, so that neither
        version is lost even if the window showing it is closed."""
        with self.db.transaction() as s:
            minute = get_or_fail(s, MinuteItem, minute_id, "minute")
            record_audit(
                s,
                self.db,
                entity="minuteitem",
                entity_id=minute_id,
                operation="save_conflict",
                meeting_id=minute.meeting_id,
                reason="saved at the same time as another change; this version was not saved",
                before=snapshot(minute),
                after=json.dumps(
                    {
                        "title": conflict.theirs_title if title is None else title,
                        "narrative": conflict.theirs if narrative is None else narrative,
                    },
                    ensure_ascii=False,
                ),
            )

    @staticmethod
    def _info_in(s: Session, minute: MinuteItem) -> dto.MinuteItemInfo:
        return next(m for m in load_minutes(s, minute.meeting_id) if m.id == minute.id)

    def move_minute(self, minute_id: int, new_index: int) -> list[dto.MinuteItemInfo]:
        """Move a minute to ``new_index`` (0-based); the numbers follow the new order."""
        with self.db.transaction() as s:
            minute = get_or_fail(s, MinuteItem, minute_id, "minute")
            meeting = editable_meeting_of_minute(s, minute)
            before = snapshot(minute)
            ordered = [m for m in minute_items_of(s, meeting.id or 0) if m.id != minute_id]
            ordered.insert(max(0, min(new_index, len(ordered))), minute)
            for pos, m in enumerate(ordered, start=1):
                m.position = pos
            board = board_for(s, meeting)
            renumber(s, board, numbering_year(board, meeting.date))
            meeting_id = meeting.id or 0
            if was_reopened(s, meeting_id):
                s.flush()
                record_audit(
                    s,
                    self.db,
                    entity="minuteitem",
                    entity_id=minute_id,
                    operation="edit_after_approval",
                    meeting_id=meeting_id,
                    reason="moved",
                    before=before,
                    after=snapshot(minute),
                )
        self._changed("minutes", meeting_id)
        return self.minutes(meeting_id)

    def delete_minute(self, minute_id: int) -> None:
        """Delete a minute with its resolutions and actions; later numbers close up."""
        with self.db.transaction() as s:
            minute = get_or_fail(s, MinuteItem, minute_id, "minute")
            meeting = editable_meeting_of_minute(s, minute)
            record_minute_deletions(s, self.db, [minute], meeting_id=meeting.id)
            s.delete(minute)
            s.flush()
            for pos, m in enumerate(minute_items_of(s, meeting.id or 0), start=1):
                m.position = pos
            board = board_for(s, meeting)
            renumber(s, board, numbering_year(board, meeting.date))
        self._changed("minutes", meeting.id)

    # -- resolutions --------------------------------------------------------------------------
