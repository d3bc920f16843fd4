"""Everything an agenda item is made of, as plain data, so that a deleted item can come back.

The desktop app's Undo keeps an :class:`ItemSnapshot` of an item before deleting it and
gives it back to :meth:`~scbmeet.services.agenda.AgendaService.restore_item`: the item
returns with its sub-items, presenters, themes, papers and their files, and the
forward-plan entries and minutes that pointed at it point at it again. The restored rows
get new ids.

A single paper has its own :class:`PaperSnapshot` (with its files' bytes): Undo gives a
deleted paper back with :meth:`~scbmeet.services.agenda.AgendaService.restore_paper`, and
puts a changed paper back as it was with
:meth:`~scbmeet.services.agenda.AgendaService.reset_paper`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from sqlmodel import Session, col, select

from scbmeet.domain.models import (
    AgendaItem,
    AgendaItemTheme,
    AgendaPresenter,
    ForwardPlanEntry,
    MinuteItem,
    Paper,
    PaperFile,
    PaperTheme,
    Person,
    Theme,
)

Linked = TypeVar("Linked", ForwardPlanEntry, MinuteItem)  # rows that point at an agenda item


@dataclass(frozen=True)
class FileSnapshot:
    role: str
    position: int
    filename: str
    media_type: str
    sha256: str
    content: bytes = field(repr=False)
    id: int = 0  # the file's id when the snapshot was taken

    def key(self) -> tuple[str, int, str, str]:
        """What makes a stored file the same file again (its id changes on restore)."""
        return (self.role, self.position, self.filename, self.sha256)


@dataclass(frozen=True)
class PaperSnapshot:
    position: int
    title: str
    author_id: int | None
    author_text: str
    attached_text: str
    recommendation: str
    state: str
    due_date: date | None
    received_on: date | None
    theme_ids: tuple[int, ...]
    files: tuple[FileSnapshot, ...]
    id: int = 0  # the paper's id when the snapshot was taken; restoring gives it a new one
    agenda_item_id: int = 0
    urgency_reason: str = ""


@dataclass(frozen=True)
class ItemSnapshot:
    """An agenda item and all that hangs from it, at the moment it was taken."""

    id: int  # the item's id when the snapshot was taken; restoring gives it a new one
    meeting_id: int
    title: str
    kind: str
    session: str
    closed_reference: str
    status: str
    presenter_text: str
    duration_minutes: int | None
    notes: str
    presenter_ids: tuple[int, ...]
    theme_ids: tuple[int, ...]
    papers: tuple[PaperSnapshot, ...]
    children: tuple[ItemSnapshot, ...]
    forward_plan_ids: tuple[int, ...]
    minute_ids: tuple[int, ...]
    exempt_paragraphs: str = ""
    closed_reason: str = ""
    urgency_reason: str = ""
    bullets: str = ""


def take_snapshot(s: Session, item: AgendaItem) -> ItemSnapshot:
    """The item (and its sub-items, papers and files) as plain data."""
    assert item.id is not None
    presenters = s.exec(
        select(AgendaPresenter.person_id)
        .where(AgendaPresenter.agenda_item_id == item.id)
        .order_by(col(AgendaPresenter.position), col(AgendaPresenter.id))
    ).all()
    themes = s.exec(
        select(AgendaItemTheme.theme_id).where(AgendaItemTheme.agenda_item_id == item.id)
    ).all()
    papers = s.exec(
        select(Paper)
        .where(Paper.agenda_item_id == item.id)
        .order_by(col(Paper.position), col(Paper.id))
    ).all()
    children = s.exec(
        select(AgendaItem)
        .where(AgendaItem.parent_id == item.id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all()
    return ItemSnapshot(
        id=item.id,
        meeting_id=item.meeting_id,
        title=item.title,
        kind=item.kind,
        session=item.session,
        closed_reference=item.closed_reference,
        status=item.status,
        presenter_text=item.presenter_text,
        duration_minutes=item.duration_minutes,
        notes=item.notes,
        bullets=item.bullets,
        presenter_ids=tuple(presenters),
        theme_ids=tuple(sorted(themes)),
        papers=tuple(paper_snapshot(s, p) for p in papers),
        children=tuple(take_snapshot(s, c) for c in children),
        forward_plan_ids=tuple(
            i
            for i in s.exec(
                select(ForwardPlanEntry.id).where(ForwardPlanEntry.agenda_item_id == item.id)
            ).all()
            if i is not None
        ),
        minute_ids=tuple(
            i
            for i in s.exec(select(MinuteItem.id).where(MinuteItem.agenda_item_id == item.id)).all()
            if i is not None
        ),
        exempt_paragraphs=item.exempt_paragraphs,
        closed_reason=item.closed_reason,
        urgency_reason=item.urgency_reason,
    )


def paper_snapshot(s: Session, paper: Paper) -> PaperSnapshot:
    """The paper with its themes and files (bytes and all) as plain data."""
    assert paper.id is not None
    files = s.exec(
        select(PaperFile)
        .where(PaperFile.paper_id == paper.id)
        .order_by(col(PaperFile.position), col(PaperFile.id))
    ).all()
    themes = s.exec(select(PaperTheme.theme_id).where(PaperTheme.paper_id == paper.id)).all()
    return PaperSnapshot(
        position=paper.position,
        title=paper.title,
        author_id=paper.author_id,
        author_text=paper.author_text,
        attached_text=paper.attached_text,
        recommendation=paper.recommendation,
        state=paper.state,
        due_date=paper.due_date,
        received_on=paper.received_on,
        theme_ids=tuple(sorted(themes)),
        files=tuple(
            FileSnapshot(
                f.role, f.position, f.filename, f.media_type, f.sha256, bytes(f.content), f.id or 0
            )
            for f in files
        ),
        id=paper.id,
        agenda_item_id=paper.agenda_item_id,
        urgency_reason=paper.urgency_reason,
    )


def restore_rows(
    s: Session, snap: ItemSnapshot, parent_id: int | None, position: int
) -> AgendaItem:
    """Insert the snapshot's rows again (new ids); people or themes deleted since are left out."""
    item = AgendaItem(
        meeting_id=snap.meeting_id,
        parent_id=parent_id,
        position=position,
        title=snap.title,
        kind=snap.kind,
        session=snap.session,
        closed_reference=snap.closed_reference,
        status=snap.status,
        presenter_text=snap.presenter_text,
        duration_minutes=snap.duration_minutes,
        notes=snap.notes,
        bullets=snap.bullets,
        exempt_paragraphs=snap.exempt_paragraphs,
        closed_reason=snap.closed_reason,
        urgency_reason=snap.urgency_reason,
    )
    s.add(item)
    s.flush()
    assert item.id is not None
    live_people = _existing(s, Person, snap.presenter_ids)
    for pos, pid in enumerate(p for p in snap.presenter_ids if p in live_people):
        s.add(AgendaPresenter(agenda_item_id=item.id, person_id=pid, position=pos))
    for tid in _existing(s, Theme, snap.theme_ids):
        s.add(AgendaItemTheme(agenda_item_id=item.id, theme_id=tid))
    for paper in snap.papers:
        restore_paper_rows(s, paper, item.id)
    for pos, child in enumerate(snap.children, start=1):
        restore_rows(s, child, item.id, pos)
    _relink(s, ForwardPlanEntry, snap.forward_plan_ids, item.id)
    _relink(s, MinuteItem, snap.minute_ids, item.id)
    return item


def restore_paper_rows(s: Session, snap: PaperSnapshot, item_id: int) -> Paper:
    """Insert the paper, its themes and its files again under ``item_id`` (new ids)."""
    author_id = snap.author_id if s.get(Person, snap.author_id or -1) is not None else None
    paper = Paper(
        agenda_item_id=item_id,
        position=snap.position,
        title=snap.title,
        author_id=author_id,
        author_text=snap.author_text,
        attached_text=snap.attached_text,
        recommendation=snap.recommendation,
        state=snap.state,
        due_date=snap.due_date,
        received_on=snap.received_on,
        urgency_reason=snap.urgency_reason,
    )
    s.add(paper)
    s.flush()
    assert paper.id is not None
    for tid in _existing(s, Theme, snap.theme_ids):
        s.add(PaperTheme(paper_id=paper.id, theme_id=tid))
    for f in snap.files:
        restore_file_row(s, paper.id, f)
    return paper


def reset_paper_rows(s: Session, paper: Paper, snap: PaperSnapshot) -> None:
    """Make ``paper`` as the snapshot has it: fields, themes and files.

    Files the snapshot also has stay as they are (no bytes rewritten); others go, and the
    snapshot's missing files come back with their places.
    """
    assert paper.id is not None
    for name in PAPER_FIELDS:
        setattr(paper, name, getattr(snap, name))
    if paper.author_id is not None and s.get(Person, paper.author_id) is None:
        paper.author_id = None  # the author has left the register since
    for theme_row in s.exec(select(PaperTheme).where(PaperTheme.paper_id == paper.id)).all():
        s.delete(theme_row)
    s.flush()
    for tid in _existing(s, Theme, snap.theme_ids):
        s.add(PaperTheme(paper_id=paper.id, theme_id=tid))
    wanted = {f.key(): f for f in snap.files}
    for file_row in s.exec(select(PaperFile).where(PaperFile.paper_id == paper.id)).all():
        key = (file_row.role, file_row.position, file_row.filename, file_row.sha256)
        if wanted.pop(key, None) is None:
            s.delete(file_row)
    for f in wanted.values():
        restore_file_row(s, paper.id, f)


# A paper's own fields: what update_paper may change, and what a snapshot puts back.
PAPER_FIELDS = (
    "title",
    "author_id",
    "author_text",
    "attached_text",
    "recommendation",
    "state",
    "due_date",
    "received_on",
    "urgency_reason",
)


def restore_file_row(s: Session, paper_id: int, f: FileSnapshot) -> PaperFile:
    row = PaperFile(
        paper_id=paper_id,
        role=f.role,
        position=f.position,
        filename=f.filename,
        media_type=f.media_type,
        size=len(f.content),
        sha256=f.sha256,
        content=f.content,
    )
    s.add(row)
    return row


def _existing(s: Session, model: type[Person] | type[Theme], ids: tuple[int, ...]) -> set[int]:
    if not ids:
        return set()
    found = s.exec(select(model.id).where(col(model.id).in_(ids))).all()
    return {i for i in found if i is not None}


def _relink(s: Session, model: type[Linked], ids: tuple[int, ...], item_id: int) -> None:
    """Point rows that lost their agenda item (and have not found another) back at it."""
    if not ids:
        return
    for row in s.exec(select(model).where(col(model.id).in_(ids))).all():
        if row.agenda_item_id is None:
            row.agenda_item_id = item_id
