"""Chasing paper authors: a reminder to each author of a paper the secretary still awaits.

As for action owners (:mod:`scbmeet.services.chasing`), each reminder is a draft to read
and send: it names the meeting, and for each paper its item, title and the date it was
due to the secretary (saying how late it is). An author known only by the text typed on
the agenda ("SMRI") gets a draft without a recipient.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from scbmeet.domain import dto
from scbmeet.services.agenda import AgendaService
from scbmeet.services.base import ServiceBase
from scbmeet.services.chasing import Reminder, address_for, salutation
from scbmeet.services.meetings import MeetingService
from scbmeet.services.register import RegisterService


def _paper_lines(
    number: int, item: dto.AgendaItemInfo, paper: dto.PaperInfo, today: date
) -> list[str]:
    where = f"Item {item.number}" if item.number else "The item"
    lines = [f"{number}. {where}, {item.title}: \u201c{paper.title}\u201d"]
    if paper.due_date is None:
        lines.append("   No date was set for it.")
    elif paper.due_date < today:
        late = (today - paper.due_date).days
        lines.append(
            f"   Due {dto.long_date(paper.due_date)} - {late} day{'s' if late != 1 else ''} ago."
        )
    else:
        lines.append(f"   Due {dto.long_date(paper.due_date)}.")
    if paper.state == "to_follow":
        lines.append("   The agenda shows it as to follow.")
    return lines


def compose_paper_body(
    greeting: str,
    meeting: dto.MeetingInfo,
    papers: Sequence[tuple[dto.AgendaItemInfo, dto.PaperInfo]],
    *,
    sender_name: str,
    today: date,
) -> str:
    """The text of a reminder to one author (plain text, one line per paragraph)."""
    parts = [
        f"{greeting},",
        "",
        f"I am preparing the agenda pack for the meeting of the {meeting.board_name} on "
        f"{dto.long_date(meeting.date)}, and have not yet received "
        + ("this paper from you:" if len(papers) == 1 else "these papers from you:"),
        "",
    ]
    for number, (item, paper) in enumerate(papers, start=1):
        parts.extend(_paper_lines(number, item, paper, today))
        parts.append("")
    parts.append(
        "Please send it to me as soon as you can, or let me know when it will be ready so "
        "that the agenda can show it as to follow."
        if len(papers) == 1
        else "Please send them to me as soon as you can, or let me know when they will be "
        "ready so that the agenda can show them as to follow."
    )
    parts.extend(["", "Kind regards,"])
    if sender_name.strip():
        parts.extend(["", sender_name.strip()])
    return "\n".join(parts) + "\n"


class PaperChasingService(ServiceBase):
    """Reminders to the authors of a meeting's missing papers."""

    def paper_reminders(
        self, meeting_id: int, *, today: date | None = None, sender_name: str = ""
    ) -> list[Reminder]:
        """One reminder per author of the meeting's papers still expected or to follow."""
        today = today or date.today()
        meeting = MeetingService(self._ctx).meeting(meeting_id)
        awaited = _awaited_by_author(AgendaService(self._ctx).agenda(meeting_id))
        people = {p.id: p for p in RegisterService(self._ctx).people()} if awaited else {}
        reminders = []
        for (author_id, author_name), papers in awaited.items():
            person = people.get(author_id) if author_id is not None else None
            address = address_for(person) if person else None
            body = compose_paper_body(
                salutation(person), meeting, papers, sender_name=sender_name, today=today
            )
            reminders.append(
                Reminder(
                    owner_name=author_name,
                    person_id=author_id,
                    organisation_id=None,
                    to=(address,) if address else (),
                    subject=f"Paper{'s' if len(papers) > 1 else ''} for the "
                    f"{meeting.board_short_name} meeting on {dto.long_date(meeting.date)}",
                    body=body,
                    papers=tuple(p for _item, p in papers),
                    file_prefix="Papers",
                )
            )
        return reminders


AuthorKey = tuple[int | None, str]


def _awaited_by_author(
    agenda: Sequence[dto.AgendaItemInfo],
) -> dict[AuthorKey, list[tuple[dto.AgendaItemInfo, dto.PaperInfo]]]:
    """The awaited papers (with their items, in agenda order) of each author who is named."""
    by_author: dict[AuthorKey, list[tuple[dto.AgendaItemInfo, dto.PaperInfo]]] = defaultdict(list)
    for item in agenda:
        for paper in item.papers:
            if paper.state in ("expected", "to_follow") and paper.author_name.strip():
                by_author[(paper.author_id, paper.author_name.strip())].append((item, paper))
    return dict(by_author)
