"""The register of interests: each member's standing interests, and the agenda items they touch.

An interest is a kind (disclosable pecuniary, other registrable, non-registrable), the
organisation or matter, and the dates it runs between. An item touches an interest when the
item's title, its themes or its papers' titles name the matter: every distinctive word of a
short matter ("Women's Aid"), or at least two of a longer one ("Marlshire Women's Aid refuge").
Only interests of the board's members on the meeting's date, current on that date, count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from scbmeet.domain.access_rules import InterestKind
from scbmeet.domain.agenda_order import display_order
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import (
    AgendaItem,
    AgendaItemTheme,
    Interest,
    Meeting,
    Membership,
    Paper,
    PaperTheme,
    Person,
    Theme,
)
from scbmeet.domain.public_dto import InterestInfo, ItemInterests
from scbmeet.services.base import (
    ServiceBase,
    apply_changes,
    get_or_fail,
    require_choice,
    require_text,
)
from scbmeet.services.convert import people_by_id

INTEREST_FIELDS = ("kind", "matter", "start_date", "end_date")
# Words that say nothing about which body or matter is meant.
COMMON_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "a",
        "an",
        "ltd",
        "limited",
        "plc",
        "cic",
        "group",
        "council",
        "county",
        "borough",
        "district",
        "city",
        "board",
        "member",
        "trustee",
        "director",
        "governor",
        "employee",
        "partner",
        "local",
        "service",
        "services",
    ]
)
WORD = re.compile(r"[a-z0-9][a-z0-9'’]*")


def distinctive_words(text: str) -> set[str]:
    words = {w.replace("’", "'") for w in WORD.findall(text.lower())}
    return {w for w in words if w not in COMMON_WORDS and len(w) > 2}


def touches(matter: str, text_words: set[str]) -> bool:
    """Whether text (as its distinctive words) names the matter of an interest."""
    wanted = distinctive_words(matter.split("(")[0])  # "(trustee)" says the role, not the body
    if not wanted:
        return False
    found = len(wanted & text_words)
    return found == len(wanted) or found >= 2


def interest_info(row: Interest, names: Mapping[int, str]) -> InterestInfo:
    return InterestInfo(
        id=row.id or 0,
        person_id=row.person_id,
        person_name=names.get(row.person_id, "?"),
        kind=row.kind,
        matter=row.matter,
        start_date=row.start_date,
        end_date=row.end_date,
    )


def _held_on(interest: InterestInfo, day: date) -> bool:
    """Whether the interest was on the register on ``day`` (open-ended dates hold)."""
    started = interest.start_date is None or interest.start_date <= day
    return started and (interest.end_date is None or interest.end_date >= day)


def _check(row: Interest) -> None:
    row.kind = require_choice(row.kind, InterestKind, "kind of interest")
    row.matter = require_text(row.matter, "organisation or matter", max_length=300)
    if row.start_date and row.end_date and row.end_date < row.start_date:
        raise ValidationError("An interest cannot end before it starts.")


def _names(s: Session, person_ids: Iterable[int]) -> dict[int, str]:
    return {pid: p.display_name for pid, p in people_by_id(s, person_ids).items()}


def item_texts(s: Session, meeting_id: int) -> dict[int, set[str]]:
    """{item id: the distinctive words of its title, its themes and its papers' titles}."""
    items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    ids = [i.id for i in items if i.id is not None]
    themes = {t.id: t.name for t in s.exec(select(Theme)).all()}
    words = {i.id: distinctive_words(i.title) for i in items if i.id is not None}
    for link in s.exec(
        select(AgendaItemTheme).where(col(AgendaItemTheme.agenda_item_id).in_(ids))
    ).all():
        words[link.agenda_item_id] |= distinctive_words(themes.get(link.theme_id, ""))
    papers = s.exec(select(Paper).where(col(Paper.agenda_item_id).in_(ids))).all()
    paper_item = {p.id: p.agenda_item_id for p in papers}
    for p in papers:
        words[p.agenda_item_id] |= distinctive_words(p.title)
    for tag in s.exec(
        select(PaperTheme).where(col(PaperTheme.paper_id).in_(list(paper_item)))
    ).all():
        words[paper_item[tag.paper_id]] |= distinctive_words(themes.get(tag.theme_id, ""))
    return words


def members_on(s: Session, board_id: int, day: date) -> set[int]:
    rows = s.exec(select(Membership).where(Membership.board_id == board_id)).all()
    return {
        m.person_id
        for m in rows
        if (m.start_date is None or m.start_date <= day)
        and (m.end_date is None or day <= m.end_date)
    }


class InterestService(ServiceBase):
    """Keeping the register of interests, and finding the interests an agenda touches."""

    def add(
        self,
        person_id: int,
        kind: str,
        matter: str,
        *,
        start_date: date | None = None,
        end_date: date | None = None,
    ) -> InterestInfo:
        with self.db.transaction() as s:
            get_or_fail(s, Person, person_id, "person")
            row = Interest(
                person_id=person_id,
                kind=kind,
                matter=matter,
                start_date=start_date,
                end_date=end_date,
            )
            _check(row)
            s.add(row)
            s.flush()
            info = interest_info(row, _names(s, [person_id]))
        self._changed("interest", info.id)
        return info

    def update(self, interest_id: int, changes: Mapping[str, Any]) -> InterestInfo:
        with self.db.transaction() as s:
            row = get_or_fail(s, Interest, interest_id, "interest")
            apply_changes(row, changes, INTEREST_FIELDS, "interest")
            _check(row)
            info = interest_info(row, _names(s, [row.person_id]))
        self._changed("interest", interest_id)
        return info

    def delete(self, interest_id: int) -> None:
        with self.db.transaction() as s:
            s.delete(get_or_fail(s, Interest, interest_id, "interest"))
        self._changed("interest", interest_id)

    def of_person(self, person_id: int, *, on: date | None = None) -> list[InterestInfo]:
        """A person's interests, the current ones (no end date) first; with ``on``, only
        those registered on that day (a meeting's date)."""
        with self.db.reading() as s:
            rows = s.exec(select(Interest).where(Interest.person_id == person_id)).all()
            names = _names(s, [person_id])
            infos = [interest_info(r, names) for r in rows]
        if on is not None:
            infos = [i for i in infos if _held_on(i, on)]
        return sorted(infos, key=lambda i: (i.end_date is not None, i.matter.lower()))

    def register(self) -> list[InterestInfo]:
        """Every interest in the register, by person."""
        with self.db.reading() as s:
            rows = s.exec(
                select(Interest).order_by(col(Interest.person_id), col(Interest.id))
            ).all()
            names = _names(s, {r.person_id for r in rows})
            return [interest_info(r, names) for r in rows]

    def touching(self, meeting_id: int) -> list[ItemInterests]:
        """For each item of the meeting that touches registered interests of the board's
        members (current on the meeting's date), those interests; items in agenda order."""
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            members = members_on(s, meeting.board_id, meeting.date)
            rows = s.exec(select(Interest).where(col(Interest.person_id).in_(list(members)))).all()
            names = _names(s, members)
            interests = [
                i for i in (interest_info(r, names) for r in rows) if i.current_on(meeting.date)
            ]
            texts = item_texts(s, meeting_id)
            items = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
            order = {item.id: n for n, item in enumerate(display_order(items))}
        found = [
            ItemInterests(item_id, tuple(i for i in interests if touches(i.matter, words)))
            for item_id, words in texts.items()
        ]
        return sorted((f for f in found if f.interests), key=lambda f: order[f.agenda_item_id])
