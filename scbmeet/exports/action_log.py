"""The action log: a board's outstanding actions as of a meeting, and the same per owner.

Each action shows its minute reference, what was agreed, its owners, when it is due, its
state and the latest progress. Overdue actions say OVERDUE in words (in bold, and red for
those who can see it), never by colour alone. The log can be one table in minute order or
by due date, or grouped under each owner; and one document can be written per owner, to send
to them before the meeting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from scbmeet.domain import dto
from scbmeet.domain.dto import long_date
from scbmeet.domain.errors import ValidationError
from scbmeet.exports.formats import (
    closed_markings,
    due_label,
    minute_sort_key,
    slug,
    state_label,
    weekday_date,
)
from scbmeet.exports.records import MeetingRecord, overdue_reference, visible_actions
from scbmeet.exports.writer import Cell, Lines, Span, WordWriter
from scbmeet.services import Services

GROUPINGS = ("minute", "owner", "due")
HEADINGS = ("Minute", "Action", "Owner(s)", "Due", "Status", "Latest progress")
WIDTHS = (1.7, 7.4, 3.6, 2.9, 2.5, 7.6)
OVERDUE = Span("OVERDUE", bold=True, colour="C00000")
OwnerKey = tuple[int | None, int | None]


@dataclass(frozen=True)
class ActionLog:
    """The actions of one log, with the date before which an open action is overdue."""

    record: MeetingRecord
    actions: tuple[dto.ActionInfo, ...]
    overdue_before: date

    def is_overdue(self, action: dto.ActionInfo) -> bool:
        return action.is_overdue(self.overdue_before)

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.actions if self.is_overdue(a))


class OverdueRule(Protocol):
    """What the table's rows need of a log: which actions are overdue (an
    :class:`ActionLog`, or the register's log in :mod:`scbmeet.exports.register_log`)."""

    def is_overdue(self, action: dto.ActionInfo) -> bool: ...


def owner_key(owner: dto.OwnerRef) -> OwnerKey:
    return (owner.person_id, owner.organisation_id)


def load_log(services: Services, meeting_id: int, *, public: bool, today: date | None) -> ActionLog:
    record = MeetingRecord(services, meeting_id, public=public)
    actions = sorted(record.outstanding_actions(), key=minute_sort_key)
    return ActionLog(record, tuple(actions), overdue_reference(record.meeting, today))


def status_cell(log: OverdueRule, action: dto.ActionInfo) -> Cell:
    state = state_label(action.state)
    if action.is_closed and action.closed_on is not None:
        state = f"{state} ({long_date(action.closed_on)})"
    return Lines((state, OVERDUE)) if log.is_overdue(action) else state


def action_row(log: OverdueRule, action: dto.ActionInfo) -> list[Cell]:
    return [
        action.minute_reference or "\u2013",
        action.text,
        Lines(tuple(o.name for o in action.owners))
        if len(action.owners) > 1
        else action.owner_line,
        due_label(action) or "Not set",
        status_cell(log, action),
        action.latest_update or "None recorded",
    ]


def by_due(actions: Sequence[dto.ActionInfo]) -> list[dto.ActionInfo]:
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.max, minute_sort_key(a)))


def owners_of(actions: Sequence[dto.ActionInfo]) -> list[dto.OwnerRef]:
    """Every owner named on ``actions``, alphabetically."""
    seen: dict[OwnerKey, dto.OwnerRef] = {}
    for action in actions:
        for owner in action.owners:
            seen.setdefault(owner_key(owner), owner)
    return sorted(seen.values(), key=lambda o: o.name.lower())


def actions_of(actions: Sequence[dto.ActionInfo], owner: dto.OwnerRef) -> list[dto.ActionInfo]:
    key = owner_key(owner)
    return [a for a in actions if any(owner_key(o) == key for o in a.owners)]


def summary(log: ActionLog, actions: Sequence[dto.ActionInfo]) -> str:
    meeting = log.record.meeting
    if not actions:
        return f"There were no outstanding actions when the meeting of {long_date(meeting.date)} began."
    count = len(actions)
    noun = "action was" if count == 1 else "actions were"
    overdue = sum(1 for a in actions if log.is_overdue(a))
    how_many = {0: "none is", 1: "1 is"}.get(overdue, f"{overdue} are")
    return (
        f"{count} {noun} outstanding from earlier meetings; {how_many} overdue "
        f"(due before {long_date(log.overdue_before)})."
    )


def render_table(writer: WordWriter, log: OverdueRule, actions: Sequence[dto.ActionInfo]) -> None:
    if actions:
        writer.table(HEADINGS, [action_row(log, a) for a in actions], WIDTHS)


def render_heading(writer: WordWriter, log: ActionLog, title: str) -> None:
    writer.paragraph(log.record.board.name, "SCB Title")
    writer.paragraph(
        f"Action log for the meeting on {weekday_date(log.record.meeting.date)}", "SCB Subtitle"
    )
    writer.heading(title, 1)


def render_log(writer: WordWriter, log: ActionLog, by: str) -> None:
    render_heading(writer, log, "Outstanding actions")
    writer.paragraph(summary(log, log.actions))
    if by == "owner":
        for owner in owners_of(log.actions):
            mine = actions_of(log.actions, owner)
            writer.heading(f"{owner.name} ({len(mine)})", 2)
            render_table(writer, log, mine)
    elif by == "due":
        render_table(writer, log, by_due(log.actions))
    else:
        render_table(writer, log, log.actions)


def render_owner_log(writer: WordWriter, log: ActionLog, owner: dto.OwnerRef) -> None:
    mine = actions_of(log.actions, owner)
    render_heading(writer, log, f"Actions for {owner.name}")
    writer.paragraph(summary(log, mine))
    writer.paragraph(
        "Please send the secretary a short update on each action before the meeting, "
        "saying what has been done and whether it can be closed."
    )
    render_table(writer, log, mine)


def holds_closed_actions(log: ActionLog, actions: Sequence[dto.ActionInfo]) -> bool:
    """Whether a full log lists actions from closed-session minutes (not for publication)."""
    if log.record.public or not actions:
        return False
    return len(visible_actions(log.record.services, list(actions))) < len(actions)


def _writer(
    log: ActionLog, what: str, template: Path | str | None, actions: Sequence[dto.ActionInfo]
) -> WordWriter:
    writer = WordWriter(template)
    writer.landscape()
    writer.furniture(
        f"{log.record.board.name}: {what}, {long_date(log.record.meeting.date)}",
        closed_markings(holds_closed_actions(log, actions)),
    )
    return writer


def _properties(
    writer: WordWriter, log: ActionLog, title: str, actions: Sequence[dto.ActionInfo]
) -> None:
    board = log.record.board
    status = "Public version" if log.record.public else ""
    if holds_closed_actions(log, actions):
        status = "Not for publication"
    writer.properties(
        title=f"{title}: {board.name}, {long_date(log.record.meeting.date)}",
        author=board.name,
        subject=f"Outstanding actions as of the meeting of {long_date(log.record.meeting.date)}",
        keywords=f"{board.short_name}; actions",
        category="Action log",
        status=status,
    )


def build_action_log(
    services: Services,
    meeting_id: int,
    *,
    by: str = "minute",
    public: bool = False,
    today: date | None = None,
    template: Path | str | None = None,
) -> WordWriter:
    if by not in GROUPINGS:
        raise ValidationError(f"Group the action log by {', '.join(GROUPINGS)}, not {by!r}.")
    log = load_log(services, meeting_id, public=public, today=today)
    writer = _writer(log, "action log", template, log.actions)
    render_log(writer, log, by)
    _properties(writer, log, "Action log", log.actions)
    return writer


def export_action_log(
    services: Services,
    meeting_id: int,
    out: Path,
    *,
    by: str = "minute",
    public: bool = False,
    today: date | None = None,
    template: Path | str | None = None,
) -> Path:
    """Write the board's action log as of a meeting to ``out`` (atomically)."""
    writer = build_action_log(
        services, meeting_id, by=by, public=public, today=today, template=template
    )
    return writer.save(out)


def export_owner_logs(
    services: Services,
    meeting_id: int,
    out_dir: Path,
    *,
    public: bool = False,
    today: date | None = None,
    template: Path | str | None = None,
) -> list[Path]:
    """One ``actions-<owner>.docx`` per owner of an outstanding action, in ``out_dir``."""
    log = load_log(services, meeting_id, public=public, today=today)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: dict[str, int] = defaultdict(int)
    for owner in owners_of(log.actions):
        name = slug(owner.name)
        used[name] += 1
        suffix = f"-{used[name]}" if used[name] > 1 else ""
        mine = actions_of(log.actions, owner)
        writer = _writer(log, f"actions for {owner.name}", template, mine)
        render_owner_log(writer, log, owner)
        _properties(writer, log, f"Actions for {owner.name}", mine)
        written.append(writer.save(out_dir / f"actions-{name}{suffix}.docx"))
    return written
