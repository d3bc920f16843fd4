"""The partnership plan with the board's meetings: review items and links to meeting actions.

An agenda item can be the review of a plan (the pack then appends the plan's table as it
stood at the meeting, and minutes mode records progress at the item). A meeting action can
be linked to a plan action: the plan action's progress list then carries the meeting
action's updates, and the meeting action names the plan action with its latest rating.
The "actions for support by the board" are :mod:`scbmeet.services.plan_decisions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

from sqlmodel import Session, col, func, select

from scbmeet.domain import dto
from scbmeet.domain.enums import ItemKind
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Action, ActionUpdate, AgendaItem, Meeting
from scbmeet.domain.plan_dto import ProgressInfo
from scbmeet.domain.plan_meeting_dto import (
    LinkedActionInfo,
    LinkedPlanActionInfo,
    PlanStatus,
    PriorityStatus,
    ReportedProgress,
    ReviewItemInfo,
    TimelineEntry,
    count_statuses,
)
from scbmeet.domain.plan_models import (
    Plan,
    PlanAction,
    PlanActionLink,
    PlanPriority,
    PlanProgress,
    PlanReviewItem,
)
from scbmeet.domain.plan_vocabulary import ProgressStatus
from scbmeet.services.agenda import AgendaService
from scbmeet.services.agenda_rows import check_agenda_editable
from scbmeet.services.base import ServiceBase, get_or_fail, record_audit, snapshot
from scbmeet.services.convert import action_infos as meeting_action_infos
from scbmeet.services.kept_reads import Kept
from scbmeet.services.plans import PlanService
from scbmeet.services.plans_rows import (
    latest_progress,
    meeting_dates,
    progress_info,
    restricted_plan_ids,
)

REVIEW_TITLE = "Partnership plan: progress update"


def plan_of_action(s: Session, plan_action_id: int) -> Plan:
    action = get_or_fail(s, PlanAction, plan_action_id, "plan action")
    priority = get_or_fail(s, PlanPriority, action.priority_id, "priority")
    return get_or_fail(s, Plan, priority.plan_id, "plan")


def review_infos(s: Session, links: Sequence[PlanReviewItem]) -> list[ReviewItemInfo]:
    found = []
    for link in links:
        item = get_or_fail(s, AgendaItem, link.agenda_item_id, "agenda item")
        plan = get_or_fail(s, Plan, link.plan_id, "plan")
        found.append(
            ReviewItemInfo(
                agenda_item_id=item.id or 0,
                meeting_id=item.meeting_id,
                plan_id=plan.id or 0,
                plan_name=plan.name,
                item_title=item.title,
                closed=item.session == "closed",
            )
        )
    return found


class PlanMeetingService(ServiceBase):
    """Plans reviewed at meetings, and meeting actions taken towards plan actions."""

    # -- review items -------------------------------------------------------------------------
    def review_items(self, meeting_id: int) -> list[ReviewItemInfo]:
        """The meeting's agenda items that review a plan, in agenda order."""
        with self.db.reading() as s:
            get_or_fail(s, Meeting, meeting_id, "meeting")
            links = s.exec(
                select(PlanReviewItem)
                .join(AgendaItem, col(AgendaItem.id) == PlanReviewItem.agenda_item_id)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(col(AgendaItem.session).desc(), col(AgendaItem.position))
            ).all()
            return review_infos(s, links)

    def review_of_item(self, agenda_item_id: int) -> ReviewItemInfo | None:
        """The plan an agenda item reviews, or None."""
        with self.db.reading() as s:
            link = s.exec(
                select(PlanReviewItem).where(PlanReviewItem.agenda_item_id == agenda_item_id)
            ).first()
            return review_infos(s, [link])[0] if link is not None else None

    def set_review(self, agenda_item_id: int, plan_id: int | None) -> ReviewItemInfo | None:
        """Make an agenda item the review of a plan of its board (None: not a review)."""
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, agenda_item_id, "agenda item")
            meeting = get_or_fail(s, Meeting, item.meeting_id, "meeting")
            check_agenda_editable(meeting)
            old = s.exec(
                select(PlanReviewItem).where(PlanReviewItem.agenda_item_id == agenda_item_id)
            ).first()
            before = snapshot(old) if old is not None else ""
            if old is not None:
                s.delete(old)
                s.flush()
            row = None
            if plan_id is not None:
                plan = get_or_fail(s, Plan, plan_id, "plan")
                if plan.board_id != meeting.board_id:
                    raise ValidationError("That plan is not one of this meeting's board.")
                if plan_id in restricted_plan_ids(s) and item.session != "closed":
                    raise ValidationError("A case review is reviewed only in closed session.")
                row = PlanReviewItem(agenda_item_id=agenda_item_id, plan_id=plan_id)
                s.add(row)
                s.flush()
            record_audit(
                s,
                self.db,
                entity="planreviewitem",
                entity_id=agenda_item_id,
                operation="edit" if row is not None else "delete",
                meeting_id=meeting.id,
                before=before,
                after=snapshot(row) if row is not None else "",
            )
            info = review_infos(s, [row])[0] if row is not None else None
        self._changed("agenda", item.meeting_id)
        return info

    def add_review_item(self, meeting_id: int, plan_id: int, title: str = "") -> ReviewItemInfo:
        """A new agenda item reviewing the plan (before any other business).

        The plan is checked first, so the item is only added for a plan it can review; if
        the link still fails, the item is taken away again."""
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            plan = get_or_fail(s, Plan, plan_id, "plan")
            if plan.board_id != meeting.board_id:
                raise ValidationError("That plan is not one of this meeting's board.")
            check_agenda_editable(meeting)
        agenda = AgendaService(self._ctx)
        item = agenda.add_item(
            meeting_id, title.strip() or f"{plan.name}: progress update", kind=ItemKind.ORDINARY
        )
        try:
            info = self.set_review(item.id, plan_id)
        except Exception:
            agenda.delete_item(item.id)
            raise
        assert info is not None
        return info

    def progress_at(self, plan_id: int, meeting_id: int) -> list[ReportedProgress]:
        """The progress on the plan's actions recorded at the meeting, in plan order."""
        with self.db.reading() as s:
            get_or_fail(s, Plan, plan_id, "plan")
            rows = s.exec(
                select(PlanProgress, PlanAction, PlanPriority)
                .join(PlanAction, col(PlanAction.id) == PlanProgress.plan_action_id)
                .join(PlanPriority, col(PlanPriority.id) == PlanAction.priority_id)
                .where(PlanPriority.plan_id == plan_id, PlanProgress.meeting_id == meeting_id)
                .order_by(
                    col(PlanPriority.position), col(PlanAction.position), col(PlanProgress.id)
                )
            ).all()
            dates = meeting_dates(s, {meeting_id})
            return [
                ReportedProgress(a.id or 0, p.theme, a.text, progress_info(r, dates))
                for r, a, p in rows
            ]

    def locate(self, kind: str, ident: int) -> tuple[int, int, int]:
        """Where a search hit of the plan is: (board id, plan id, plan action id); ``kind``
        is ``plan_action`` or ``plan_progress``."""
        with self.db.reading() as s:
            if kind == "plan_progress":
                ident = get_or_fail(s, PlanProgress, ident, "progress update").plan_action_id
            elif kind != "plan_action":
                raise ValidationError(f"{kind!r} is not a part of a plan.")
            plan = plan_of_action(s, ident)
            return plan.board_id, plan.id or 0, ident

    # -- the plan at a glance ----------------------------------------------------------------
    def status(self, board_id: int, today: date | None = None) -> PlanStatus | None:
        """The board's current plan by priority, overdue actions and those not updated since
        the last review (None when the board has no plan), read afresh; the answer is kept
        for :meth:`kept_status` until the next change."""
        when = today or date.today()
        return self._ctx.kept.read(
            ("plan_status", board_id, when), lambda: self._read_status(board_id, when)
        )

    def kept_status(
        self, board_id: int, today: date | None = None
    ) -> Kept[PlanStatus | None] | None:
        """What :meth:`status` last read for this board and day, if no change has been
        committed through these services since (None: nothing kept). Another process's
        changes are not seen here: read afresh behind it."""
        kept = self._ctx.kept.recall(("plan_status", board_id, today or date.today()))
        return cast("Kept[PlanStatus | None]", kept)

    def _read_status(self, board_id: int, when: date) -> PlanStatus | None:
        plan = PlanService(self._ctx).current_plan(board_id)
        if plan is None:
            return None
        table = PlanService(self._ctx).table(plan.id, as_of=when)
        last_review = self._last_review(plan.id, board_id, when)
        actions = [a for g in table.priorities for a in g.actions]
        unfinished = [a for a in actions if a.status != ProgressStatus.COMPLETE]
        return PlanStatus(
            plan_id=plan.id,
            plan_name=f"{plan.name} {plan.period}".strip(),
            as_of=when,
            last_review=last_review,
            priorities=tuple(
                PriorityStatus(g.priority.theme, count_statuses(g.actions))
                for g in table.priorities
            ),
            overdue=tuple(a for a in unfinished if a.target_date and a.target_date < when),
            no_update=tuple(
                a
                for a in unfinished
                if last_review is not None and (a.latest is None or a.latest.on_date < last_review)
            ),
        )

    def _last_review(self, plan_id: int, board_id: int, today: date) -> date | None:
        """The latest meeting by ``today`` that reviewed the plan or took progress on it."""
        with self.db.reading() as s:
            reviewed = s.exec(
                select(func.max(Meeting.date))
                .join(AgendaItem, col(AgendaItem.meeting_id) == Meeting.id)
                .join(PlanReviewItem, col(PlanReviewItem.agenda_item_id) == AgendaItem.id)
                .where(PlanReviewItem.plan_id == plan_id, col(Meeting.date) <= today)
            ).one()
            reported = s.exec(
                select(func.max(Meeting.date))
                .join(PlanProgress, col(PlanProgress.meeting_id) == Meeting.id)
                .join(PlanAction, col(PlanAction.id) == PlanProgress.plan_action_id)
                .join(PlanPriority, col(PlanPriority.id) == PlanAction.priority_id)
                .where(
                    PlanPriority.plan_id == plan_id,
                    Meeting.board_id == board_id,
                    col(Meeting.date) <= today,
                )
            ).one()
        found = [d for d in (reviewed, reported) if d is not None]
        return max(found) if found else None

    # -- links to meeting actions -------------------------------------------------------------
    def link_action(self, plan_action_id: int, action_id: int) -> None:
        """Link a meeting action to a plan action of the same board (again: no change)."""
        with self.db.transaction() as s:
            plan = plan_of_action(s, plan_action_id)
            action = get_or_fail(s, Action, action_id, "action")
            if action.board_id != plan.board_id:
                raise ValidationError("That action is not one of this plan's board.")
            if self._link(s, plan_action_id, action_id) is not None:
                return
            row = PlanActionLink(plan_action_id=plan_action_id, action_id=action_id)
            s.add(row)
            s.flush()
            record_audit(
                s,
                self.db,
                entity="planactionlink",
                entity_id=row.id,
                operation="add",
                action_id=action_id,
                after=snapshot(row),
            )
        self._changed("plan", plan.id)
        self._changed("action", action_id)

    def unlink_action(self, plan_action_id: int, action_id: int) -> None:
        with self.db.transaction() as s:
            plan = plan_of_action(s, plan_action_id)
            row = self._link(s, plan_action_id, action_id)
            if row is None:
                return
            record_audit(
                s,
                self.db,
                entity="planactionlink",
                entity_id=row.id,
                operation="delete",
                action_id=action_id,
                before=snapshot(row),
            )
            s.delete(row)
        self._changed("plan", plan.id)
        self._changed("action", action_id)

    @staticmethod
    def _link(s: Session, plan_action_id: int, action_id: int) -> PlanActionLink | None:
        return s.exec(
            select(PlanActionLink).where(
                PlanActionLink.plan_action_id == plan_action_id,
                PlanActionLink.action_id == action_id,
            )
        ).first()

    def linked_actions(self, plan_action_id: int) -> list[LinkedActionInfo]:
        """The meeting actions taken towards a plan action, the oldest first."""
        with self.db.reading() as s:
            get_or_fail(s, PlanAction, plan_action_id, "plan action")
            actions = s.exec(
                select(Action)
                .join(PlanActionLink, col(PlanActionLink.action_id) == Action.id)
                .where(PlanActionLink.plan_action_id == plan_action_id)
                .order_by(col(Action.created_on), col(Action.id))
            ).all()
            return [_linked_action(a) for a in meeting_action_infos(s, actions)]

    def plan_actions_of(self, action_id: int) -> list[LinkedPlanActionInfo]:
        """The plan actions a meeting action is linked to, each with its latest progress."""
        with self.db.reading() as s:
            get_or_fail(s, Action, action_id, "action")
            rows = s.exec(
                select(PlanAction, PlanPriority, Plan)
                .join(PlanActionLink, col(PlanActionLink.plan_action_id) == PlanAction.id)
                .join(PlanPriority, col(PlanPriority.id) == PlanAction.priority_id)
                .join(Plan, col(Plan.id) == PlanPriority.plan_id)
                .where(PlanActionLink.action_id == action_id)
                .order_by(col(PlanAction.id))
            ).all()
            latest = latest_progress(s, [a.id for a, _, _ in rows if a.id is not None], None)
            return [
                LinkedPlanActionInfo(
                    plan_action_id=a.id or 0,
                    plan_id=plan.id or 0,
                    plan_name=plan.name,
                    priority=priority.theme,
                    text=a.text,
                    latest=latest.get(a.id or 0),
                )
                for a, priority, plan in rows
            ]

    def timeline(self, plan_action_id: int) -> list[TimelineEntry]:
        """A plan action's progress and its linked meeting actions' updates, by date."""
        with self.db.reading() as s:
            get_or_fail(s, PlanAction, plan_action_id, "plan action")
            own = s.exec(
                select(PlanProgress).where(PlanProgress.plan_action_id == plan_action_id)
            ).all()
            updates = s.exec(
                select(ActionUpdate)
                .join(PlanActionLink, col(PlanActionLink.action_id) == ActionUpdate.action_id)
                .where(PlanActionLink.plan_action_id == plan_action_id)
            ).all()
            dates = meeting_dates(s, {r.meeting_id for r in own} | {u.meeting_id for u in updates})
            entries = [_plan_entry(progress_info(r, dates)) for r in own]
            entries += [
                TimelineEntry(
                    u.on_date,
                    u.text,
                    "",
                    "action",
                    u.action_id,
                    dates.get(u.meeting_id or -1),
                )
                for u in updates
            ]
            return sorted(entries, key=lambda e: (e.on_date, e.source != "plan"))


def _plan_entry(progress: ProgressInfo) -> TimelineEntry:
    return TimelineEntry(
        progress.on_date,
        progress.text,
        progress.status,
        "plan",
        progress.id,
        progress.meeting_date,
    )


def _linked_action(info: dto.ActionInfo) -> LinkedActionInfo:
    return LinkedActionInfo(
        action_id=info.id,
        text=info.text,
        state=info.state,
        minute_reference=info.minute_reference,
        meeting_date=info.meeting_date,
        latest_update=info.latest_update,
    )
