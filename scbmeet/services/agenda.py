"""Agendas: items and sub-items in order, presenters, papers and their files, templates."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.enums import FileRole, ItemKind, ItemStatus, MeetingState, PaperState
from scbmeet.domain.enums import Session as Sess
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import (
    AgendaItem,
    AgendaItemTheme,
    AgendaPresenter,
    AgendaTemplate,
    Board,
    Meeting,
    Paper,
    PaperFile,
    PaperTheme,
    Person,
    Theme,
)
from scbmeet.services.agenda_snapshot import (
    PAPER_FIELDS,
    ItemSnapshot,
    PaperSnapshot,
    paper_snapshot,
    reset_paper_rows,
    restore_paper_rows,
    restore_rows,
    take_snapshot,
)
from scbmeet.services.audit import record_agenda_item_deletions
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
from scbmeet.services.convert import paper_file_info, people_by_id

UNNUMBERED_KINDS = (ItemKind.APOLOGIES.value, ItemKind.NEXT_MEETING.value)
ITEM_FIELDS = (
    "title",
    "kind",
    "session",
    "closed_reference",
    "status",
    "presenter_text",
    "duration_minutes",
    "notes",
)
MAX_FILE_BYTES = 200 * 1024 * 1024


def display_order(items: Sequence[AgendaItem]) -> list[AgendaItem]:
    """Top-level items as the agenda shows them: open session first, then closed, each by
    position; each followed by its sub-items."""
    top = sorted(
        (i for i in items if i.parent_id is None),
        key=lambda i: (i.session == Sess.CLOSED, i.position, i.id or 0),
    )
    children: dict[int, list[AgendaItem]] = defaultdict(list)
    for i in items:
        if i.parent_id is not None:
            children[i.parent_id].append(i)
    ordered: list[AgendaItem] = []
    for item in top:
        ordered.append(item)
        ordered.extend(
            sorted(children.get(item.id or -1, []), key=lambda c: (c.position, c.id or 0))
        )
    return ordered


def item_numbers(items: Sequence[AgendaItem]) -> dict[int, str]:
    """``{item id: "4"}`` / ``"4.1"`` for sub-items; apologies and next meeting are headings."""
    numbers: dict[int, str] = {}
    top = 0
    sub: dict[int, int] = defaultdict(int)
    for item in display_order(items):
        assert item.id is not None
        if item.parent_id is None:
            if item.kind in UNNUMBERED_KINDS:
                numbers[item.id] = ""
                continue
            top += 1
            numbers[item.id] = str(top)
        else:
            parent_number = numbers.get(item.parent_id, "")
            sub[item.parent_id] += 1
            numbers[item.id] = f"{parent_number}.{sub[item.parent_id]}" if parent_number else ""
    return numbers


def load_agenda(session: Session, meeting_id: int) -> list[dto.AgendaItemInfo]:
    """The meeting's agenda in display order, with numbers, presenters, papers and themes."""
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    if not items:
        return []
    ids = [i.id for i in items if i.id is not None]
    numbers = item_numbers(items)
    presenter_rows = session.exec(
        select(AgendaPresenter)
        .where(col(AgendaPresenter.agenda_item_id).in_(ids))
        .order_by(col(AgendaPresenter.position), col(AgendaPresenter.id))
    ).all()
    papers = session.exec(
        select(Paper)
        .where(col(Paper.agenda_item_id).in_(ids))
        .order_by(col(Paper.position), col(Paper.id))
    ).all()
    people = people_by_id(
        session, [p.person_id for p in presenter_rows] + [p.author_id for p in papers]
    )
    presenters: dict[int, list[int]] = defaultdict(list)
    for p in presenter_rows:
        presenters[p.agenda_item_id].append(p.person_id)
    paper_infos = _paper_infos(session, papers, people)
    papers_by_item: dict[int, list[dto.PaperInfo]] = defaultdict(list)
    for info in paper_infos:
        papers_by_item[info.agenda_item_id].append(info)
    themes: dict[int, list[int]] = defaultdict(list)
    for t in session.exec(
        select(AgendaItemTheme).where(col(AgendaItemTheme.agenda_item_id).in_(ids))
    ).all():
        themes[t.agenda_item_id].append(t.theme_id)
    out = []
    for item in display_order(items):
        assert item.id is not None
        ids_ = presenters.get(item.id, [])
        names = [people[i].full_name for i in ids_ if i in people]
        if item.presenter_text:
            names.append(item.presenter_text)
        out.append(
            dto.AgendaItemInfo(
                id=item.id,
                meeting_id=item.meeting_id,
                parent_id=item.parent_id,
                position=item.position,
                number=numbers[item.id],
                title=item.title,
                kind=item.kind,
                session=item.session,
                closed_reference=item.closed_reference,
                status=item.status,
                presenter_ids=tuple(ids_),
                presenter_text=item.presenter_text,
                presenters=", ".join(names),
                duration_minutes=item.duration_minutes,
                notes=item.notes,
                theme_ids=tuple(sorted(themes.get(item.id, []))),
                papers=tuple(papers_by_item.get(item.id, [])),
            )
        )
    return out


def _paper_infos(
    session: Session, papers: Sequence[Paper], people: dict[int, dto.PersonInfo]
) -> list[dto.PaperInfo]:
    ids = [p.id for p in papers if p.id is not None]
    if not ids:
        return []
    files: dict[int, list[dto.PaperFileInfo]] = defaultdict(list)
    # Only the metadata: the bytes stay in the database until somebody asks for them.
    file_rows = session.exec(
        select(PaperFile)
        .where(col(PaperFile.paper_id).in_(ids))
        .order_by(col(PaperFile.position), col(PaperFile.id))
    ).all()
    for f in file_rows:
        files[f.paper_id].append(paper_file_info(f))
    themes: dict[int, list[int]] = defaultdict(list)
    for t in session.exec(select(PaperTheme).where(col(PaperTheme.paper_id).in_(ids))).all():
        themes[t.paper_id].append(t.theme_id)
    out = []
    for p in papers:
        assert p.id is not None
        author = people.get(p.author_id or -1)
        author_name = p.author_text or (author.full_name if author else "")
        out.append(
            dto.PaperInfo(
                id=p.id,
                agenda_item_id=p.agenda_item_id,
                position=p.position,
                title=p.title,
                author_id=p.author_id,
                author_name=author_name,
                attached_text=p.attached_text,
                recommendation=p.recommendation,
                state=p.state,
                due_date=p.due_date,
                received_on=p.received_on,
                files=tuple(files.get(p.id, [])),
                theme_ids=tuple(sorted(themes.get(p.id, []))),
            )
        )
    return out


def add_item_row(
    session: Session,
    meeting_id: int,
    title: str,
    *,
    kind: str = ItemKind.ORDINARY.value,
    session_kind: str = Sess.OPEN.value,
    closed_reference: str = "",
    presenter_text: str = "",
    parent_id: int | None = None,
    position: int | None = None,
    notes: str = "",
    duration_minutes: int | None = None,
) -> AgendaItem:
    """Insert an agenda item row (at the end of its level unless a position is given)."""
    if position is None:
        siblings = session.exec(
            select(AgendaItem.position).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.parent_id == parent_id
            )
        ).all()
        position = max([0, *siblings]) + 1
    item = AgendaItem(
        meeting_id=meeting_id,
        parent_id=parent_id,
        position=position,
        title=require_text(title, "item title", max_length=300),
        kind=require_choice(kind, ItemKind, "kind of item"),
        session=require_choice(session_kind, Sess, "session"),
        closed_reference=optional_text(closed_reference, "closed-session reference", max_length=60),
        presenter_text=optional_text(presenter_text, "presenter", max_length=300),
        notes=clean_text(notes),
        duration_minutes=duration_minutes,
    )
    session.add(item)
    session.flush()
    return item


def check_agenda_editable(meeting: Meeting) -> None:
    if meeting.state == MeetingState.MINUTES_APPROVED:
        raise ValidationError(
            f"The meeting of {dto.long_date(meeting.date)} has approved minutes; its agenda is part of the record."
        )


class AgendaService(ServiceBase):
    """Building a meeting's agenda and collecting its papers."""

    def agenda(self, meeting_id: int) -> list[dto.AgendaItemInfo]:
        with self.db.reading() as s:
            get_or_fail(s, Meeting, meeting_id, "meeting")
            return load_agenda(s, meeting_id)

    def item(self, item_id: int) -> dto.AgendaItemInfo:
        with self.db.reading() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            return next(i for i in load_agenda(s, item.meeting_id) if i.id == item_id)

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
    ) -> dto.AgendaItemInfo:
        """Add an item at the end (or before ``before_item_id``) of the agenda or a parent."""
        with self.db.transaction() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            check_agenda_editable(meeting)
            if parent_id is not None:
                parent = get_or_fail(s, AgendaItem, parent_id, "agenda item")
                if parent.meeting_id != meeting_id or parent.parent_id is not None:
                    raise ValidationError(
                        "Sub-items go one level deep, under an item of the same meeting."
                    )
                session = parent.session
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
            )
            assert item.id is not None
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
    ) -> dto.AgendaItemInfo:
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            check_agenda_editable(get_or_fail(s, Meeting, item.meeting_id, "meeting"))
            apply_changes(item, changes, ITEM_FIELDS, "agenda item")
            item.title = require_text(item.title, "item title", max_length=300)
            item.kind = require_choice(item.kind, ItemKind, "kind of item")
            item.session = require_choice(item.session, Sess, "session")
            item.status = require_choice(item.status, ItemStatus, "item status")
            if item.duration_minutes is not None and item.duration_minutes < 0:
                raise ValidationError("An item's timing cannot be negative.")
            if "session" in changes:  # sub-items go with their parent
                for child in s.exec(
                    select(AgendaItem).where(AgendaItem.parent_id == item.id)
                ).all():
                    child.session = item.session
            if presenter_ids is not None:
                self._set_presenters(s, item_id, presenter_ids)
            if theme_ids is not None:
                self._set_themes(s, item_id, theme_ids)
            meeting_id = item.meeting_id
        self._changed("agenda", meeting_id)
        return self.item(item_id)

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

    # -- papers -------------------------------------------------------------------------------
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
    ) -> dto.PaperInfo:
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            check_agenda_editable(get_or_fail(s, Meeting, item.meeting_id, "meeting"))
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
            return _paper_infos(s, [paper], people_by_id(s, [paper.author_id]))[0]

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

    def save_file_to(self, file_id: int, folder: Path) -> Path:
        """Write a stored file into ``folder`` under a safe name (see :mod:`scbmeet.storage.files`):
        never outside the folder, never over another file; returns the file's path."""
        from scbmeet.storage.files import write_into_folder

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

    # -- templates --------------------------------------------------------------------------
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


# Names Windows keeps for devices, with or without an extension (``CON.docx`` too).
WINDOWS_RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10)}
)


def safe_filename(filename: str) -> str:
    """A file name with no folders in it, safe to write anywhere: ``../x/y.docx`` -> ``y.docx``."""
    name = filename.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    if not name:
        raise ValidationError(f"{filename!r} is not a usable file name.")
    if name.split(".", 1)[0].rstrip(" ").upper() in WINDOWS_RESERVED_NAMES:
        name = "_" + name
    if len(name.encode()) > 200:
        stem, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        base = (stem if keep else name).encode()[: 200 - len(keep) - 1].decode(errors="ignore")
        name = f"{base}.{keep}" if keep else base
    return name


def board_for(session: Session, meeting: Meeting) -> Board:
    return get_or_fail(session, Board, meeting.board_id, "board")
