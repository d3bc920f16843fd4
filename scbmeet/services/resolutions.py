"""Resolutions ("RESOLVED that ...") under a minute: adding, changing and removing them.

Every resolution has a ``version`` that a save can check, as a minute's does: of two windows
saving the same resolution, the second is refused (nothing is overwritten), its text is kept
in the audit trail (``save_conflict``), and :class:`ConflictError` carries both texts so the
window can show them side by side.
"""

from __future__ import annotations

import json

from sqlalchemy import update
from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.errors import ConflictError
from scbmeet.domain.models import Meeting, MinuteItem, Resolution
from scbmeet.services.base import (
    ServiceBase,
    get_or_fail,
    record_audit,
    require_text,
    snapshot,
)
from scbmeet.services.conflicts import REFUSED_REASON
from scbmeet.services.meetings import ensure_minutes_editable, was_reopened


def editable_meeting_of_minute(s: Session, minute: MinuteItem) -> Meeting:
    meeting = get_or_fail(s, Meeting, minute.meeting_id, "meeting")
    ensure_minutes_editable(meeting)
    return meeting


def resolution_info(row: Resolution) -> dto.ResolutionInfo:
    return dto.ResolutionInfo(row.id or 0, row.minute_item_id, row.position, row.text, row.version)


class ResolutionsPart(ServiceBase):
    """The resolutions of the minutes (a part of the minutes service)."""

    def add_resolution(self, minute_id: int, text: str) -> dto.ResolutionInfo:
        with self.db.transaction() as s:
            minute = get_or_fail(s, MinuteItem, minute_id, "minute")
            meeting = editable_meeting_of_minute(s, minute)
            positions = s.exec(
                select(Resolution.position).where(Resolution.minute_item_id == minute_id)
            ).all()
            row = Resolution(
                minute_item_id=minute_id,
                position=max([0, *positions]) + 1,
                text=require_text(normalise_resolution(text), "resolution"),
            )
            s.add(row)
            s.flush()
            if was_reopened(s, meeting.id or 0):
                record_audit(
                    s,
                    self.db,
                    entity="resolution",
                    entity_id=row.id,
                    operation="add_after_approval",
                    meeting_id=meeting.id,
                    after=snapshot(row),
                )
            info = resolution_info(row)
        self._changed("minute", minute_id)
        return info

    def update_resolution(
        self, resolution_id: int, text: str, *, expected_version: int | None = None
    ) -> dto.ResolutionInfo:
        """Change a resolution's text; with ``expected_version``, only if nobody else saved
        it since that version was read (else :class:`ConflictError`, and the refused text
        is kept in the audit trail; saving again with ``conflict.theirs_version`` keeps it)."""
        wanted = require_text(normalise_resolution(text), "resolution")
        try:
            return self._save_resolution(resolution_id, wanted, expected_version)
        except ConflictError:
            self._keep_refused(resolution_id, wanted)
            raise

    def _save_resolution(
        self, resolution_id: int, text: str, expected_version: int | None
    ) -> dto.ResolutionInfo:
        with self.db.transaction() as s:
            row = get_or_fail(s, Resolution, resolution_id, "resolution")
            minute = get_or_fail(s, MinuteItem, row.minute_item_id, "minute")
            meeting = editable_meeting_of_minute(s, minute)
            before = snapshot(row)
            statement = update(Resolution).where(col(Resolution.id) == resolution_id)
            if expected_version is not None:  # a conditional UPDATE: two saves cannot interleave
                statement = statement.where(col(Resolution.version) == expected_version)
            result = s.execute(
                statement.values(text=text, version=Resolution.version + 1).execution_options(
                    synchronize_session=False
                )
            )
            s.refresh(row)
            if result.rowcount == 0:  # type: ignore[attr-defined]
                raise ConflictError(
                    "This resolution was changed by someone else since you opened it, so "
                    "yours was not saved over theirs; both are kept: choose one.",
                    theirs=row.text,
                    theirs_version=row.version,
                    mine=text,
                )
            if was_reopened(s, meeting.id or 0):
                record_audit(
                    s,
                    self.db,
                    entity="resolution",
                    entity_id=resolution_id,
                    operation="edit_after_approval",
                    meeting_id=meeting.id,
                    before=before,
                    after=snapshot(row),
                )
            info = resolution_info(row)
        self._changed("minute", row.minute_item_id)
        return info

    def _keep_refused(self, resolution_id: int, text: str) -> None:
        """The text that lost a save conflict goes to the audit trail, so neither is lost."""
        with self.db.transaction() as s:
            row = get_or_fail(s, Resolution, resolution_id, "resolution")
            minute = get_or_fail(s, MinuteItem, row.minute_item_id, "minute")
            record_audit(
                s,
                self.db,
                entity="resolution",
                entity_id=resolution_id,
                operation="save_conflict",
                meeting_id=minute.meeting_id,
                reason=REFUSED_REASON,
                before=snapshot(row),
                after=json.dumps({"text": text}, ensure_ascii=False),
            )

    def delete_resolution(self, resolution_id: int) -> None:
        with self.db.transaction() as s:
            row = get_or_fail(s, Resolution, resolution_id, "resolution")
            minute = get_or_fail(s, MinuteItem, row.minute_item_id, "minute")
            meeting = editable_meeting_of_minute(s, minute)
            record_audit(
                s,
                self.db,
                entity="resolution",
                entity_id=resolution_id,
                operation="delete",
                meeting_id=meeting.id,
                before=snapshot(row),
            )
            s.delete(row)
        self._changed("minute", row.minute_item_id)


def normalise_resolution(text: str) -> str:
    """Drop a leading "RESOLVED" that the documents add themselves."""
    stripped = (text or "").strip()
    head = stripped[:9].upper()
    if head.startswith("RESOLVED"):
        stripped = stripped[8:].lstrip(" :,-")
    return stripped
