"""The action log of the actions register: the actions a filter shows, as a Word document.

The register's *Word action log* button (and ``scbmeet export register``) writes the
actions shown - say the outstanding actions of Sally Goodwin - in the house style of the
meeting action log (:mod:`scbmeet.exports.action_log`, whose table and rows it uses), under a
heading that says which filter produced them, so that whoever reads the paper knows what is
(and is not) in it. Where the actions are of several boards, each minute reference says
whose it is (``MSCB 7/26``). The rows keep the order they were given in (the register's order on
screen), or are ordered by minute or due date, or grouped under each owner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from scbmeet.domain import dto
from scbmeet.domain.dto import long_date
from scbmeet.domain.errors import ValidationError
from scbmeet.exports.action_log import actions_of, by_due, owners_of, render_table
from scbmeet.exports.formats import closed_markings, minute_sort_key, state_label, weekday_date
from scbmeet.exports.records import visible_actions
from scbmeet.exports.writer import WordWriter
from scbmeet.services import Services
from scbmeet.services.action_filters import ActionFilter
from scbmeet.services.action_rows import CARRIED_FLAG_AT, NO_OWNER, OUTSTANDING, ActionRow

ORDERS = ("shown", "minute", "owner", "due")
STATE_ORDER = ("open", "in_progress", "done", "dropped")


@dataclass(frozen=True)
class RegisterLog:
    """The actions of one register log, what filter chose them, and the day it is as of."""

    title: str  # the board's name, or "Actions register" for several boards
    filter_description: str  # "Outstanding actions, owner Sally Goodwin"
    actions: tuple[dto.ActionInfo, ...]
    overdue_before: date
    public: bool = False
    holds_closed: bool = False  # lists actions from closed-session minutes: not for publication

    def is_overdue(self, action: dto.ActionInfo) -> bool:
        return action.is_overdue(self.overdue_before)


# -- from the register's rows ------------------------------------------------------------------
def action_info(row: ActionRow) -> dto.ActionInfo:
    """A register row as the action log's rows read it."""
    due_meeting_date = row.due if row.due_date is None and row.due_meeting_id is not None else None
    return dto.ActionInfo(
        id=row.id,
        board_id=row.board_id,
        minute_item_id=row.minute_item_id,
        minute_reference=row.minute_reference,
        meeting_id=row.meeting_id,
        meeting_date=row.meeting_date,
        text=row.text,
        owners=row.owners,
        due_date=row.due_date,
        due_meeting_id=row.due_meeting_id,
        due_meeting_date=due_meeting_date,
        state=row.state,
        created_on=row.created_on,
        closed_on=row.closed_on,
        closed_at_meeting_id=row.closed_at_meeting_id,
        version=row.version,
        latest_update=row.latest_update,
        theme_ids=row.theme_ids,
    )


def rows_in_order(services: Services, action_ids: Sequence[int], today: date) -> list[ActionRow]:
    """The register rows of ``action_ids``, in the order given; unknown ids are refused."""
    found = {r.id: r for r in services.action_register.rows_by_id(action_ids, today=today)}
    missing = [i for i in action_ids if i not in found]
    if missing:
        raise ValidationError(
            f"{len(missing)} of the actions to export no longer exist; refresh the register."
        )
    return [found[i] for i in action_ids]


# -- saying what the filter was ----------------------------------------------------------------
def states_phrase(states: frozenset[str]) -> str:
    """``Outstanding actions``, ``Done or dropped actions``, ``All actions``."""
    if not states:
        return "All actions"
    if states == OUTSTANDING:
        return "Outstanding actions"
    labels = [state_label(s) for s in sorted(states, key=list(STATE_ORDER).index)]
    return f"{' or '.join(labels)} actions".capitalize()


def owner_phrase(services: Services, owner: tuple[str, int]) -> str:
    if owner == NO_OWNER:
        return "with no owner"
    kind, ident = owner
    if kind == "person":
        return f"owner {services.register.person(ident).full_name}"
    names = {o.id: o.name for o in services.register.organisations()}
    return f"owner {names.get(ident, 'an organisation')}, its teams and its people"


def describe_filter(services: Services, action_filter: ActionFilter) -> str:
    """The filter in words, for a heading: ``Outstanding actions, owner Sally Goodwin``."""
    parts = [states_phrase(action_filter.states)]
    if action_filter.board_id is not None:  # "Outstanding actions of …", no comma
        parts[0] += f" of {services.register.board(action_filter.board_id).name}"
    if action_filter.owner is not None:
        parts.append(owner_phrase(services, action_filter.owner))
    if action_filter.overdue_only:
        parts.append("overdue")
    if action_filter.carried_only:
        parts.append(f"carried across {CARRIED_FLAG_AT} or more meetings")
    if action_filter.due_before is not None:
        parts.append(f"due before {long_date(action_filter.due_before)}")
    if action_filter.theme_id is not None:
        themes = {t.id: t.name for t in services.register.themes()}
        parts.append(f"priority theme {themes.get(action_filter.theme_id, 'unknown')}")
    if action_filter.words():
        parts.append(f"with the words \u201c{' '.join(action_filter.text.split())}\u201d")
    return ", ".join(parts)


def log_title(services: Services, actions: Sequence[dto.ActionInfo], board_id: int | None) -> str:
    """The board's name when the actions are one board's; otherwise "Actions register"."""
    boards = {board_id} if board_id is not None else {a.board_id for a in actions}
    if len(boards) == 1:
        return services.register.board(boards.pop()).name
    return "Actions register"


def load_register_log(
    services: Services,
    action_ids: Sequence[int],
    action_filter: ActionFilter,
    *,
    public: bool = False,
    today: date | None = None,
) -> RegisterLog:
    today = today or date.today()
    rows = rows_in_order(services, action_ids, today)
    actions = [action_info(r) for r in rows]
    if len({r.board_id for r in rows}) > 1:  # "7/26" alone could be any board's
        actions = [
            replace(a, minute_reference=f"{r.board_short_name} {a.minute_reference}".strip())
            for a, r in zip(actions, rows, strict=True)
        ]
    visible = visible_actions(services, actions)
    holds_closed = not public and len(visible) < len(actions)
    if public:
        actions = visible
    return RegisterLog(
        title=log_title(services, actions, action_filter.board_id),
        filter_description=describe_filter(services, action_filter),
        actions=tuple(actions),
        overdue_before=today,
        public=public,
        holds_closed=holds_closed,
    )


# -- the document ------------------------------------------------------------------------------
def summary(log: RegisterLog, actions: Sequence[dto.ActionInfo]) -> str:
    if not actions:
        return "No actions matched this filter."
    count = len(actions)
    noun = "action" if count == 1 else "actions"
    overdue = sum(1 for a in actions if log.is_overdue(a))
    how_many = {0: "none is", 1: "1 is"}.get(overdue, f"{overdue} are")
    return f"{count} {noun}; {how_many} overdue (due before {long_date(log.overdue_before)})."


def ordered(actions: Sequence[dto.ActionInfo], by: str) -> list[dto.ActionInfo]:
    if by == "minute":
        return sorted(actions, key=minute_sort_key)
    if by == "due":
        return by_due(actions)
    return list(actions)


def render_register_log(writer: WordWriter, log: RegisterLog, by: str) -> None:
    writer.paragraph(log.title, "SCB Title")
    writer.paragraph(
        f"Action log from the actions register, {weekday_date(log.overdue_before)}", "SCB Subtitle"
    )
    writer.heading(log.filter_description, 1)
    writer.paragraph(summary(log, log.actions))
    if by == "owner":
        for owner in owners_of(log.actions):
            mine = actions_of(log.actions, owner)
            writer.heading(f"{owner.name} ({len(mine)})", 2)
            render_table(writer, log, mine)
        unowned = [a for a in log.actions if not a.owners]
        if unowned:
            writer.heading(f"No owner ({len(unowned)})", 2)
            render_table(writer, log, unowned)
    else:
        render_table(writer, log, ordered(log.actions, by))


def build_register_log(
    services: Services,
    action_ids: Sequence[int],
    action_filter: ActionFilter,
    *,
    by: str = "shown",
    public: bool = False,
    today: date | None = None,
    template: Path | str | None = None,
) -> WordWriter:
    if by not in ORDERS:
        raise ValidationError(f"Order the action log by {', '.join(ORDERS)}, not {by!r}.")
    log = load_register_log(services, action_ids, action_filter, public=public, today=today)
    writer = WordWriter(template)
    writer.landscape()
    writer.furniture(
        f"{log.title}: action log, {long_date(log.overdue_before)}",
        closed_markings(log.holds_closed),
    )
    render_register_log(writer, log, by)
    writer.properties(
        title=f"Action log: {log.filter_description}",
        author=log.title,
        subject=f"{log.filter_description}, as of {long_date(log.overdue_before)}",
        keywords="actions",
        category="Action log",
        status="Not for publication" if log.holds_closed else "Public version" if public else "",
    )
    return writer


def export_register_log(
    services: Services,
    action_ids: Sequence[int],
    action_filter: ActionFilter,
    out: Path,
    *,
    by: str = "shown",
    public: bool = False,
    today: date | None = None,
    template: Path | str | None = None,
) -> Path:
    """Write the actions ``action_ids`` (chosen by ``action_filter``) as a Word action log."""
    writer = build_register_log(
        services,
        action_ids,
        action_filter,
        by=by,
        public=public,
        today=today,
        template=template,
    )
    return writer.save(out)
