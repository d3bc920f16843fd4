"""A meeting's agenda as plain data, and the row helpers the agenda's parts share with other
services (meetings, minutes, the forward plan).

Loading an agenda with its presenters, papers and themes in a
few queries, adding an item row, and the lock once a meeting's minutes are approved.
:class:`AgendaPart` is the base of the parts :class:`~scbmeet.services.agenda.AgendaService`
is made of: the reads they all use. Display order and numbering are
:mod:`scbmeet.domain.agenda_order`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session, col, select

from scbmeet.domain import dto
from scbmeet.domain.access_rules import parse_paragraphs
from scbmeet.domain.agenda_order import display_order, item_numbers
from scbmeet.domain.bullets import bullets_of, checked_bullets, stored_bullets
from scbmeet.domain.closed import closed_item_ids, session_of
from scbmeet.domain.enums import ItemKind, MeetingState
from scbmeet.domain.enums import Session as Sess
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import (
    AgendaItem,
    AgendaItemTheme,
    AgendaPresenter,
    Board,
    Meeting,
    Paper,
    PaperFile,
    PaperTheme,
)
from scbmeet.services.base import (
    ServiceBase,
    clean_text,
    get_or_fail,
    optional_text,
    require_choice,
    require_text,
)
from scbmeet.services.convert import paper_file_info, people_by_id

# Every standard agenda calls for declarations of interest straight after apologies.
DECLARATIONS_TITLE = "Declarations of interest"


def load_agenda(session: Session, meeting_id: int) -> list[dto.AgendaItemInfo]:
    """The meeting's agenda in display order, with numbers, presenters, papers and themes."""
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    if not items:
        return []
    ids = [i.id for i in items if i.id is not None]
    numbers = item_numbers(items)
    closed = closed_item_ids(items)
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
    paper_infos = load_paper_infos(session, papers, people)
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
                session=session_of(item.id in closed),  # the rule, not only the item's mark
                closed_reference=item.closed_reference,
                status=item.status,
                presenter_ids=tuple(ids_),
                presenter_text=item.presenter_text,
                presenters=", ".join(names),
                duration_minutes=item.duration_minutes,
                notes=item.notes,
                theme_ids=tuple(sorted(themes.get(item.id, []))),
                papers=tuple(papers_by_item.get(item.id, [])),
                exempt_paragraphs=paragraphs_of(item),
                closed_reason=item.closed_reason,
                urgency_reason=item.urgency_reason,
                bullets=bullets_of(item.bullets),
            )
        )
    return out


def load_paper_infos(
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
                urgency_reason=p.urgency_reason,
            )
        )
    return out


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """The board's meeting before this one (None for its first)."""
    return session.exec(
        select(Meeting)
        .where(Meeting.board_id == meeting.board_id, col(Meeting.date) < meeting.date)
        .order_by(col(Meeting.date).desc())
    ).first()


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
    bullets: Sequence[str] | str = (),
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
        bullets=stored_bullets(checked_bullets(bullets)),
    )
    session.add(item)
    session.flush()
    return item


def paragraphs_of(item: AgendaItem) -> tuple[int, ...]:
    return parse_paragraphs(item.exempt_paragraphs) if item.exempt_paragraphs else ()


def check_agenda_editable(meeting: Meeting) -> None:
    if meeting.state == MeetingState.MINUTES_APPROVED:
        raise ValidationError(
            f"The meeting of {dto.long_date(meeting.date)} has approved minutes; its agenda is part of the record."
        )


def board_for(session: Session, meeting: Meeting) -> Board:
    return get_or_fail(session, Board, meeting.board_id, "board")


class AgendaPart(ServiceBase):
    """What every part of the agenda service reads: a meeting's agenda, one item."""

    def agenda(self, meeting_id: int) -> list[dto.AgendaItemInfo]:
        with self.db.reading() as s:
            get_or_fail(s, Meeting, meeting_id, "meeting")
            return load_agenda(s, meeting_id)

    def item(self, item_id: int) -> dto.AgendaItemInfo:
        with self.db.reading() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            return next(i for i in load_agenda(s, item.meeting_id) if i.id == item_id)
