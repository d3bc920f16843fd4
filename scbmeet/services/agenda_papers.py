"""Papers of agenda items and the files stored with them: adding, changing, attaching,
chasing late papers, and putting a deleted or changed paper back (undo).
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.enums import FileRole, PaperState
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem, Meeting, Paper, PaperFile, PaperTheme, Person, Theme
from scbmeet.services.agenda_rows import (
    AgendaPart,
    board_for,
    check_agenda_editable,
    load_paper_infos,
)
from scbmeet.services.agenda_snapshot import (
    PAPER_FIELDS,
    PaperSnapshot,
    paper_snapshot,
    reset_paper_rows,
    restore_paper_rows,
)
from scbmeet.services.base import (
    apply_changes,
    clean_text,
    get_or_fail,
    optional_text,
    record_audit,
    require_choice,
    require_text,
    snapshot,
)
from scbmeet.services.convert import paper_file_info, people_by_id
from scbmeet.services.exempt_rules import papers_due, require_urgency
from scbmeet.storage.files import safe_filename, write_into_folder
from scbmeet.storage.office_files import check_archive, is_office_file, review_marks

MAX_FILE_BYTES = 200 * 1024 * 1024
# What each stored Word file carries, by content hash (files never change once stored).
_REVIEW_CACHE: dict[str, str] = {}


class AgendaPapersPart(AgendaPart):
    """Collecting a meeting's papers and their files."""

    def add_paper(
        self,
        item_id: int,
        title: str,
        *,
        author_id: int | None = None,
        author_text: str = "",
        attached_text: str = "",
        recommendation: str = "",
        state: str = PaperState.EXPECTED.value,
        due_date: date | None = None,
        theme_ids: Sequence[int] = (),
        urgency_reason: str = "",
    ) -> dto.PaperInfo:
        """Expect a paper for an item; due (unless ``due_date`` says otherwise) the board's
        number of working days before the agenda must be published. Once the agenda is
        published a paper added is supplementary and needs ``urgency_reason``."""
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            meeting = get_or_fail(s, Meeting, item.meeting_id, "meeting")
            check_agenda_editable(meeting)
            urgency_reason = require_urgency(meeting, urgency_reason, "paper")
            if due_date is None and meeting.published_at is None:
                due_date = papers_due(meeting, board_for(s, meeting))
            if author_id is not None:
                get_or_fail(s, Person, author_id, "person")
            existing = s.exec(select(Paper.position).where(Paper.agenda_item_id == item_id)).all()
            paper = Paper(
                agenda_item_id=item_id,
                position=max([0, *existing]) + 1,
                title=require_text(title, "paper title", max_length=300),
                author_id=author_id,
                author_text=optional_text(author_text, "author", max_length=300),
                attached_text=optional_text(attached_text, "list of attachments", max_length=500),
                recommendation=clean_text(recommendation).strip(),
                state=require_choice(state, PaperState, "paper state"),
                due_date=due_date,
                urgency_reason=urgency_reason,
            )
            s.add(paper)
            s.flush()
            assert paper.id is not None
            for tid in dict.fromkeys(theme_ids):
                get_or_fail(s, Theme, tid, "theme")
                s.add(PaperTheme(paper_id=paper.id, theme_id=tid))
            paper_id, meeting_id = paper.id, item.meeting_id
        self._changed("agenda", meeting_id)
        return self.paper(paper_id)

    def paper(self, paper_id: int) -> dto.PaperInfo:
        with self.db.reading() as s:
            paper = get_or_fail(s, Paper, paper_id, "paper")
            return load_paper_infos(s, [paper], people_by_id(s, [paper.author_id]))[0]

    def update_paper(self, paper_id: int, changes: Mapping[str, Any]) -> dto.PaperInfo:
        with self.db.transaction() as s:
            paper = get_or_fail(s, Paper, paper_id, "paper")
            item = get_or_fail(s, AgendaItem, paper.agenda_item_id, "agenda item")
            check_agenda_editable(get_or_fail(s, Meeting, item.meeting_id, "meeting"))
            apply_changes(paper, changes, PAPER_FIELDS, "paper")
            paper.title = require_text(paper.title, "paper title", max_length=300)
            paper.state = require_choice(paper.state, PaperState, "paper state")
            meeting_id = item.meeting_id
        self._changed("agenda", meeting_id)
        return self.paper(paper_id)

    def delete_paper(self, paper_id: int) -> None:
        with self.db.transaction() as s:
            paper = get_or_fail(s, Paper, paper_id, "paper")
            item = get_or_fail(s, AgendaItem, paper.agenda_item_id, "agenda item")
            check_agenda_editable(get_or_fail(s, Meeting, item.meeting_id, "meeting"))
            record_audit(
                s,
                self.db,
                entity="paper",
                entity_id=paper_id,
                operation="delete",
                meeting_id=item.meeting_id,
                before=snapshot(paper),
            )
            s.delete(paper)
        self._changed("agenda", item.meeting_id)

    def attach_file(
        self,
        paper_id: int,
        filename: str,
        content: bytes,
        *,
        role: str = FileRole.PAPER.value,
        media_type: str | None = None,
    ) -> dto.PaperFileInfo:
        """Store a file's bytes with the paper; the paper becomes *attached*."""
        name = safe_filename(filename)
        if len(content) > MAX_FILE_BYTES:
            raise ValidationError(
                f"{name} is too large to attach ({len(content) // 1_048_576} MB)."
            )
        if is_office_file(name):
            check_archive(name, content)  # a zip bomb is refused before anything opens it
        kind = media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        with self.db.transaction() as s:
            paper = get_or_fail(s, Paper, paper_id, "paper")
            meeting_id = self._editable_meeting_of(s, paper)
            existing = s.exec(
                select(PaperFile.position).where(PaperFile.paper_id == paper_id)
            ).all()
            row = PaperFile(
                paper_id=paper_id,
                role=require_choice(role, FileRole, "file role"),
                position=max([0, *existing]) + 1,
                filename=name,
                media_type=kind,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                content=content,
            )
            s.add(row)
            if role == FileRole.PAPER and paper.state in (
                PaperState.EXPECTED,
                PaperState.TO_FOLLOW,
            ):
                paper.state = PaperState.ATTACHED.value
                paper.received_on = paper.received_on or date.today()
            s.flush()
            info = paper_file_info(row)
        self._changed("agenda", meeting_id)
        return info

    def attach_path(
        self, paper_id: int, path: Path, *, role: str = FileRole.PAPER.value
    ) -> dto.PaperFileInfo:
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise ValidationError(f"Cannot read {path}: {exc.strerror}.") from exc
        return self.attach_file(paper_id, path.name, content, role=role)

    def file_content(self, file_id: int) -> tuple[dto.PaperFileInfo, bytes]:
        with self.db.reading() as s:
            row = get_or_fail(s, PaperFile, file_id, "paper file")
            return paper_file_info(row), bytes(row.content)

    def review_notes(self, meeting_id: int) -> dict[int, str]:
        """``{paper id: "tracked changes (3), comments (1)"}`` for the meeting's Word papers
        that carry what must not go out unseen (see :func:`review_marks`)."""
        query = (
            select(PaperFile.id, PaperFile.paper_id, PaperFile.filename, PaperFile.sha256)
            .join(Paper, col(Paper.id) == PaperFile.paper_id)
            .join(AgendaItem, col(AgendaItem.id) == Paper.agenda_item_id)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(col(PaperFile.position))
        )
        notes: dict[int, list[str]] = {}
        with self.db.reading() as s:
            for file_id, paper_id, filename, sha in s.exec(query).all():
                if not filename.lower().endswith(".docx"):
                    continue
                found = _REVIEW_CACHE.get(sha)
                if found is None:
                    content = s.exec(select(PaperFile.content).where(PaperFile.id == file_id)).one()
                    found = _REVIEW_CACHE[sha] = review_marks(bytes(content)).describe()
                if found:
                    notes.setdefault(paper_id, []).append(f"{filename}: {found}")
        return {paper_id: "; ".join(found) for paper_id, found in notes.items()}

    def save_file_to(self, file_id: int, folder: Path) -> Path:
        """Write a stored file into ``folder`` under a safe name (see :mod:`scbmeet.storage.files`):
        never outside the folder, never over another file; returns the file's path."""
        info, content = self.file_content(file_id)
        return write_into_folder(folder, info.filename, content, fallback=f"paper-{file_id}")

    def remove_file(self, file_id: int) -> None:
        with self.db.transaction() as s:
            row = get_or_fail(s, PaperFile, file_id, "paper file")
            meeting_id = self._editable_meeting_of(s, get_or_fail(s, Paper, row.paper_id, "paper"))
            s.delete(row)
        self._changed("agenda", meeting_id)

    @staticmethod
    def _editable_meeting_of(s: Session, paper: Paper) -> int:
        """The id of the paper's meeting, refusing if its agenda is part of approved minutes."""
        item = get_or_fail(s, AgendaItem, paper.agenda_item_id, "agenda item")
        check_agenda_editable(get_or_fail(s, Meeting, item.meeting_id, "meeting"))
        return item.meeting_id

    def mark_late_papers(self, meeting_id: int, today: date) -> list[dto.PaperInfo]:
        """Papers still expected after their due date become *to follow*; returns them."""
        with self.db.transaction() as s:
            items = s.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)).all()
            papers = s.exec(
                select(Paper).where(
                    col(Paper.agenda_item_id).in_(items),
                    Paper.state == PaperState.EXPECTED.value,
                    col(Paper.due_date).is_not(None),
                    col(Paper.due_date) < today,
                )
            ).all()
            for p in papers:
                p.state = PaperState.TO_FOLLOW.value
            ids = [p.id for p in papers if p.id is not None]
        if ids:
            self._changed("agenda", meeting_id)
        return [self.paper(i) for i in ids]

    def missing_papers(self, meeting_id: int) -> list[dto.PaperInfo]:
        """Papers of the meeting not yet in the secretary's hands, by due date."""
        papers = [p for item in self.agenda(meeting_id) for p in item.papers]
        missing = [p for p in papers if p.state in (PaperState.EXPECTED, PaperState.TO_FOLLOW)]
        return sorted(missing, key=lambda p: (p.due_date or date.max, p.title))

    # -- undo support ---------------------------------------------------------------------
    def paper_values(self, paper_id: int) -> dict[str, Any]:
        """The paper's fields as :meth:`update_paper` takes them (to put them back later)."""
        with self.db.reading() as s:
            paper = get_or_fail(s, Paper, paper_id, "paper")
            return {name: getattr(paper, name) for name in PAPER_FIELDS}

    def snapshot_paper(self, paper_id: int) -> PaperSnapshot:
        """The paper with its themes and files (bytes and all), for :meth:`restore_paper`
        or :meth:`reset_paper`."""
        with self.db.reading() as s:
            return paper_snapshot(s, get_or_fail(s, Paper, paper_id, "paper"))

    def restore_paper(self, snap: PaperSnapshot, item_id: int) -> dto.PaperInfo:
        """Put a deleted paper back under ``item_id`` in its old place, with its files.

        The paper and its files get new ids; the audit trail records the restore.
        """
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            check_agenda_editable(get_or_fail(s, Meeting, item.meeting_id, "meeting"))
            paper = restore_paper_rows(s, snap, item_id)
            s.flush()
            assert paper.id is not None
            record_audit(
                s,
                self.db,
                entity="paper",
                entity_id=paper.id,
                operation="restore",
                meeting_id=item.meeting_id,
                after=snapshot(paper),
            )
            paper_id, meeting_id = paper.id, item.meeting_id
        self._changed("agenda", meeting_id)
        return self.paper(paper_id)

    def reset_paper(self, paper_id: int, snap: PaperSnapshot) -> dto.PaperInfo:
        """Make the paper as ``snap`` has it again (fields, themes, files) in one change."""
        with self.db.transaction() as s:
            paper = get_or_fail(s, Paper, paper_id, "paper")
            meeting_id = self._editable_meeting_of(s, paper)
            reset_paper_rows(s, paper, snap)
        self._changed("agenda", meeting_id)
        return self.paper(paper_id)
