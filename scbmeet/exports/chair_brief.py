"""The chair's brief: the agenda with what the chair needs to steer each item.

For every item: who presents it, a suggested timing (running from the start time), the
decision its paper recommends, the outstanding actions and forward-plan requests it
answers, and, at the start and where an interest has been recorded, a reminder to call
for declarations of interest. The brief is for the chair only and says so on every page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from scbmeet.domain import dto
from scbmeet.domain.access_rules import exclusion_resolution
from scbmeet.domain.dto import long_date
from scbmeet.domain.enums import AttendanceStatus, ItemKind, PaperState
from scbmeet.domain.public_dto import InterestInfo
from scbmeet.exports.exempt_session import paragraphs_of
from scbmeet.exports.formats import (
    clock,
    due_label,
    join_names,
    meeting_when_where,
    minute_sort_key,
    person_with_organisation,
    state_label,
)
from scbmeet.exports.records import MeetingRecord, overdue_reference, visible_actions
from scbmeet.exports.writer import Span, WordWriter, bold
from scbmeet.services import Services

MARKING = "Not for publication: chair's brief"
DECLARATIONS_REMINDER = (
    "Declarations of interest: after apologies, ask members whether they have an interest "
    "to declare in any item on this agenda, and make sure each is recorded in the minutes."
)
# Minutes the house style allows when an item has no timing of its own.
DEFAULT_MINUTES = {
    ItemKind.APOLOGIES.value: 2,
    ItemKind.DECLARATIONS.value: 3,
    ItemKind.MINUTES.value: 5,
    ItemKind.MATTERS_ARISING.value: 10,
    ItemKind.AOB.value: 5,
    ItemKind.NEXT_MEETING.value: 2,
}
ITEM_MINUTES, PAPER_ITEM_MINUTES, SUB_ITEM_MINUTES = 15, 20, 5


@dataclass(frozen=True)
class Slot:
    """When an item is planned to start, and for how long."""

    minutes: int
    start: time | None

    @property
    def end(self) -> time | None:
        if self.start is None:
            return None
        moment = datetime.combine(date(2000, 1, 1), self.start) + timedelta(minutes=self.minutes)
        return moment.time()

    def label(self) -> str:
        length = f"{self.minutes} minute{'s' if self.minutes != 1 else ''}"
        if self.start is None or self.end is None:
            return length
        return f"{clock(self.start)} to {clock(self.end)} ({length})"


def suggested_minutes(record: MeetingRecord, item: dto.AgendaItemInfo) -> int:
    if item.duration_minutes is not None:
        return item.duration_minutes
    if item.kind in DEFAULT_MINUTES:
        return DEFAULT_MINUTES[item.kind]
    base = PAPER_ITEM_MINUTES if item.papers else ITEM_MINUTES
    return base + SUB_ITEM_MINUTES * len(record.sub_items(item))


def timetable(
    record: MeetingRecord, items: list[dto.AgendaItemInfo]
) -> Iterator[tuple[dto.AgendaItemInfo, Slot]]:
    """Each item with its slot, one after the other from the meeting's start time."""
    start = record.meeting.start_time
    for item in items:
        slot = Slot(suggested_minutes(record, item), start)
        yield item, slot
        start = slot.end


class BriefContext:
    """What the brief cross-references: actions, forward-plan requests, themes."""

    def __init__(self, record: MeetingRecord, today: date | None) -> None:
        self.record = record
        services = record.services
        everything = sorted(record.outstanding_actions(), key=minute_sort_key)
        # One rule says which actions arose in closed session; they stay in its closed part.
        open_ids = {a.id for a in visible_actions(services, everything)}
        self.actions = [a for a in everything if a.id in open_ids]
        self.closed_actions = [a for a in everything if a.id not in open_ids]
        self.overdue_before = overdue_reference(record.meeting, today)
        item_ids = {i.id for i in record.agenda}
        self.requests = [
            e
            for e in services.forward_plan.entries(record.board.id)
            if e.agenda_item_id in item_ids
        ]
        self._minutes: dict[int, dto.MinuteItemInfo] = {}
        # Registered interests of members that the items' titles, themes or papers touch.
        self.interests = {
            t.agenda_item_id: t.interests for t in services.interests.touching(record.meeting.id)
        }

    def minute(self, minute_id: int) -> dto.MinuteItemInfo:
        if minute_id not in self._minutes:
            self._minutes[minute_id] = self.record.services.minutes.minute(minute_id)
        return self._minutes[minute_id]

    def requests_for(self, item: dto.AgendaItemInfo) -> list[dto.ForwardPlanInfo]:
        return [e for e in self.requests if e.agenda_item_id == item.id]

    def actions_for(self, item: dto.AgendaItemInfo) -> list[dto.ActionInfo]:
        """Matters arising answers every outstanding action; another item answers those
        sharing its themes, and those of the minute that asked for it to come back. An open
        item answers only actions from open minutes; a closed item only closed ones."""
        closed = item.id in self.record.closed_item_ids  # the one rule: it or an ancestor
        actions = self.closed_actions if closed else self.actions
        if item.kind == ItemKind.MATTERS_ARISING:
            return list(actions)
        themes = set(item.theme_ids)
        for paper in item.papers:
            themes |= set(paper.theme_ids)
        for sub in self.record.sub_items(item):
            themes |= set(sub.theme_ids)
        sources = {e.source_minute_item_id for e in self.requests_for(item)}
        return [
            a
            for a in actions
            if themes & set(a.theme_ids)
            or (a.minute_item_id is not None and a.minute_item_id in sources)
        ]


def action_text(context: BriefContext, action: dto.ActionInfo) -> list[str | Span]:
    due = due_label(action)
    details = [action.owner_line, state_label(action.state).lower()]
    if due:
        details.append(f"due {due}")
    line: list[str | Span] = [
        bold(action.minute_reference or "\u2013"),
        f" {action.text} ({'; '.join(details)})",
    ]
    if action.is_overdue(context.overdue_before):
        line += [" ", Span("OVERDUE", bold=True, colour="C00000")]
    return line


def request_text(context: BriefContext, entry: dto.ForwardPlanInfo) -> str:
    source = ""
    if entry.source_minute_item_id is not None:
        source = f", asked for at minute {context.minute(entry.source_minute_item_id).reference}"
    elif entry.source_text:
        source = f", from {entry.source_text}"
    due = f", due {entry.due_label}" if entry.due_label else ""
    return f"{entry.title}{source}{due}."


def paper_text(paper: dto.PaperInfo) -> str:
    if paper.state == PaperState.ATTACHED:
        state = "attached"
    elif paper.state == PaperState.TABLED:
        state = "to be tabled"
    else:
        state = f"to follow{f', due {long_date(paper.due_date)}' if paper.due_date else ''}"
    return f"{paper.title} ({state})"


def decision_sought(record: MeetingRecord, item: dto.AgendaItemInfo) -> list[str]:
    """The decision the item's papers recommend, or the standard one for its kind."""
    recommended = [p.recommendation for p in item.papers if p.recommendation]
    if recommended:
        return recommended
    if item.kind == ItemKind.MINUTES and record.previous_meeting is not None:
        return [
            f"That the minutes of the meeting held on {long_date(record.previous_meeting.date)} "
            "be confirmed as a correct record and signed by the Chair."
        ]
    if item.kind == ItemKind.MATTERS_ARISING:
        return ["Note progress on the outstanding actions and close those completed."]
    if item.kind == ItemKind.NEXT_MEETING:
        following = record.next_meeting
        return [
            f"Confirm the next meeting: {meeting_when_where(following)}."
            if following
            else "Agree the date of the next meeting."
        ]
    if item.kind == ItemKind.AOB:
        return ["Take only business notified to the Chair before the meeting."]
    if item.kind == ItemKind.APOLOGIES:
        received = [a.person for a in record.attending(AttendanceStatus.APOLOGIES)]
        names = join_names([person_with_organisation(p) for p in received]) or "none so far"
        return [f"Record apologies (received so far: {names})."]
    return []


def labelled(writer: WordWriter, label: str, text: str | list[str | Span]) -> None:
    content: list[str | Span] = [bold(f"{label}: ")]
    content += [text] if isinstance(text, str) else text
    writer.paragraph(content)


def render_item(
    writer: WordWriter, context: BriefContext, item: dto.AgendaItemInfo, slot: Slot
) -> None:
    record = context.record
    number = f"{item.number}. " if item.number else ""
    writer.heading(f"{number}{item.title}", 2)
    for point in item.bullets:  # as the agenda prints them, under the item's number
        writer.bullet_point(point, "SCB Minute Text")
    declared = [d for d in record.declarations if d.agenda_item_id == item.id]
    if declared or item.kind == ItemKind.DECLARATIONS:
        names = "; ".join(f"{d.person_name}: {d.nature}" for d in declared)
        writer.paragraph(
            f"Call for declarations of interest.{' Already declared: ' + names if names else ''}",
            "SCB Reminder",
        )
    for interest in context.interests.get(item.id, ()):
        writer.paragraph(registered_interest_line(interest), "SCB Reminder")
    if item.is_closed and item.closed_reference:
        labelled(writer, "Reference", item.closed_reference)
    chair_led = item.kind in DEFAULT_MINUTES  # the standard items are the chair's own
    labelled(writer, "Presenter", item.presenters or ("Chair" if chair_led else "Not yet named"))
    labelled(writer, "Suggested timing", slot.label())
    for sub in record.sub_items(item):
        presenter = f" ({sub.presenters})" if sub.presenters else ""
        writer.paragraph(f"{sub.number} {sub.title}{presenter}", "SCB Minute Text")
    for paper in item.papers:
        labelled(writer, "Paper", paper_text(paper))
    for decision in decision_sought(record, item):
        labelled(writer, "Decision sought", decision)
    requests = context.requests_for(item)
    if requests:
        writer.paragraph(bold("Forward plan requests this item answers:"))
        for entry in requests:
            writer.paragraph(request_text(context, entry), "SCB Minute Text")
    actions = context.actions_for(item)
    if actions:
        writer.paragraph(bold("Actions this item answers:"))
        for action in actions:
            writer.paragraph(action_text(context, action), "SCB Minute Text")
    if item.notes.strip():
        labelled(writer, "Notes", item.notes.strip())


def registered_interest_line(interest: InterestInfo) -> str:
    """``Registered interest: Cllr Dev Sharma - ... (disclosable pecuniary interest: takes no
    part and does not count towards the quorum)``."""
    consequence = (
        ": takes no part and does not count towards the quorum or a vote"
        if interest.is_pecuniary
        else ""
    )
    return (
        f"Registered interest: {interest.person_name} - {interest.matter} "
        f"({interest.kind_label}{consequence})."
    )


def render_closed_session_start(writer: WordWriter, context: BriefContext) -> None:
    """The closed session's heading, the exclusion reminder, and the closed matters arising."""
    writer.heading("Closed session", 1)
    closed = context.record.top_items(closed=True)
    resolution = exclusion_resolution(paragraphs_of(closed), context.record.board.access_rules)
    writer.paragraph(f"Before these items, ask the Board to resolve {resolution}", "SCB Reminder")
    answered = any(
        i.kind == ItemKind.MATTERS_ARISING for i in context.record.top_items(closed=True)
    )
    if context.closed_actions and not answered:
        writer.paragraph(bold("Matters arising from closed-session minutes:"))
        for action in context.closed_actions:
            writer.paragraph(action_text(context, action), "SCB Minute Text")


def render_overview(writer: WordWriter, record: MeetingRecord, finish: time | None) -> None:
    board = record.board
    writer.paragraph(DECLARATIONS_REMINDER, "SCB Reminder")
    quorum = []
    if board.quorum_members:
        quorum.append(f"at least {board.quorum_members} members present")
    if board.quorum_statutory_orgs:
        quorum.append(f"at least {board.quorum_statutory_orgs} statutory organisations represented")
    if quorum:
        labelled(writer, "Quorum", " with ".join(quorum) + ".")
    if record.chair is not None:
        labelled(writer, "In the Chair", record.chair.formal_name)
    meeting = record.meeting
    if meeting.start_time is not None and finish is not None:
        planned = f"{clock(meeting.start_time)} to {clock(finish)}"
        if meeting.end_time is not None and finish > meeting.end_time:
            planned += (
                f"; the meeting is booked until {clock(meeting.end_time)}, so timings need trimming"
            )
        labelled(writer, "Planned timing", planned + ".")


def build_chair_brief(
    services: Services,
    meeting_id: int,
    *,
    today: date | None = None,
    template: Path | str | None = None,
) -> WordWriter:
    record = MeetingRecord(services, meeting_id)
    context = BriefContext(record, today)
    writer = WordWriter(template)
    writer.furniture(
        f"{record.board.name}: chair's brief, {long_date(record.meeting.date)}", [MARKING]
    )
    writer.paragraph(record.board.name, "SCB Title")
    writer.paragraph(f"Chair's brief: {meeting_when_where(record.meeting)}", "SCB Subtitle")
    items = record.top_items(closed=False) + record.top_items(closed=True)
    slots = list(timetable(record, items))
    writer.heading("Before the meeting", 1)
    render_overview(writer, record, slots[-1][1].end if slots else None)
    closed_started = False
    writer.heading("Open session", 1)
    for item, slot in slots:
        if item.is_closed and not closed_started:
            closed_started = True
            render_closed_session_start(writer, context)
        render_item(writer, context, item, slot)
    if not closed_started and context.closed_actions:
        render_closed_session_start(writer, context)
    writer.properties(
        title=f"Chair's brief: {record.board.name}, {long_date(record.meeting.date)}",
        author=record.board.name,
        subject=f"Briefing for the Chair, meeting of {long_date(record.meeting.date)}",
        keywords=f"{record.board.short_name}; chair's brief",
        category="Chair's brief",
        status="Not for publication",
    )
    return writer


def export_chair_brief(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    today: date | None = None,
    template: Path | str | None = None,
) -> Path:
    """Write the chair's brief for a meeting to ``out`` (atomically)."""
    return build_chair_brief(services, meeting_id, today=today, template=template).save(out)
