"""The partnership plan: a board's plans, their priorities, plan actions and progress.

``services.plans`` keeps the board's strategic action plan with its meetings: plans (a name,
a period such as 2024-2027, a state), priorities (a theme and the threat or risk it answers),
plan actions under a priority (what, lead owners as for meeting actions, a target date,
milestones) and progress recorded at each review (a date, a narrative and a rating in words:
on track, at risk, off track, complete, not started; optionally at a meeting). Each change
is one transaction and goes to the audit trail; :meth:`PlanService.table` gives the plan as
it stood on a date or at a meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, SQLModel, col, func, select

from scbmeet.domain import dto
from scbmeet.domain.errors import NotFoundError, ValidationError
from scbmeet.domain.models import Board, Meeting
from scbmeet.domain.plan_dto import PlanActionInfo, PlanInfo, PlanTable, PriorityInfo, ProgressInfo
from scbmeet.domain.plan_models import (
    Plan,
    PlanAction,
    PlanActionOwner,
    PlanPriority,
    PlanProgress,
)
from scbmeet.domain.plan_vocabulary import PlanState, ProgressStatus, parse_status
from scbmeet.services.base import (
    ServiceBase,
    get_or_fail,
    optional_text,
    record_audit,
    require_choice,
    require_text,
    snapshot,
)
from scbmeet.services.plans_rows import (
    action_infos,
    meeting_dates,
    plan_info,
    priority_info,
    priority_rows,
    progress_info,
    public_rows,
    restricted_plan_ids,
)
from scbmeet.services.register_owners import OwnersPart, distinct_owners

OwnerSpec = Sequence[dto.OwnerRef] | str


class _Keep:
    """The default of an update's optional field: leave it as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


def _status(value: str) -> str:
    """A rating given as words ("At risk"), as stored ("at_risk") or as a colour ("amber")."""
    found = parse_status(value or "")
    if found is None:
        return require_choice(value, ProgressStatus, "progress status")
    return found.value


class PlanService(ServiceBase):
    """Keeping a board's partnership plan and recording progress against it."""

    # -- reading ------------------------------------------------------------------------------
    def plans(self, board_id: int) -> list[PlanInfo]:
        """The board's plans, the newest first (not the restricted case reviews')."""
        with self.db.reading() as s:
            get_or_fail(s, Board, board_id, "board")
            rows = s.exec(
                select(Plan).where(Plan.board_id == board_id).order_by(col(Plan.id).desc())
            ).all()
            restricted = restricted_plan_ids(s)  # case reviews' recommendations are not plans
            return [plan_info(r) for r in rows if r.id not in restricted]

    def plan(self, plan_id: int) -> PlanInfo:
        with self.db.reading() as s:
            return plan_info(get_or_fail(s, Plan, plan_id, "plan"))

    def current_plan(self, board_id: int) -> PlanInfo | None:
        """The board's newest active plan (else its newest plan of any state; None if none)."""
        plans = self.plans(board_id)
        active = [p for p in plans if p.status == PlanState.ACTIVE]
        chosen = active or plans
        return chosen[0] if chosen else None

    def find_plan(self, board_id: int, name: str = "") -> PlanInfo:
        """The board's plan called ``name`` (case ignored), or its current plan if no name."""
        if not name.strip():
            found = self.current_plan(board_id)
            if found is None:
                raise NotFoundError("This board has no partnership plan yet.")
            return found
        wanted = name.strip().lower()
        for p in self.plans(board_id):
            if p.name.lower() == wanted:
                return p
        raise NotFoundError(f"This board has no plan called {name.strip()!r}.")

    def priorities(self, plan_id: int) -> list[PriorityInfo]:
        return [group.priority for group in self.table(plan_id).priorities]

    def action(self, plan_action_id: int) -> PlanActionInfo:
        with self.db.reading() as s:
            return action_infos(s, [get_or_fail(s, PlanAction, plan_action_id, "plan action")])[0]

    def progress(self, plan_action_id: int) -> list[ProgressInfo]:
        """Every update of a plan action, the oldest first."""
        with self.db.reading() as s:
            get_or_fail(s, PlanAction, plan_action_id, "plan action")
            rows = s.exec(
                select(PlanProgress)
                .where(PlanProgress.plan_action_id == plan_action_id)
                .order_by(col(PlanProgress.on_date), col(PlanProgress.id))
            ).all()
            dates = meeting_dates(s, {r.meeting_id for r in rows})
            return [progress_info(r, dates) for r in rows]

    def table(
        self,
        plan_id: int,
        *,
        as_of: date | None = None,
        meeting_id: int | None = None,
        public: bool = False,
    ) -> PlanTable:
        """The plan as it stood on ``as_of`` or at ``meeting_id`` (its date); else today's.

        ``public``: the version for publication, with no progress reported at a closed-session
        review of the plan (each action's latest public update instead); a case review's
        recommendations are closed business and have no public version."""
        with self.db.reading() as s:
            plan = get_or_fail(s, Plan, plan_id, "plan")
            if public and plan_id in restricted_plan_ids(s):
                raise ValidationError("A case review is closed business: it has no public version.")
            board = get_or_fail(s, Board, plan.board_id, "board")
            if meeting_id is not None:
                meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
                if meeting.board_id != plan.board_id:
                    raise ValidationError("That meeting is not one of this plan's board.")
                as_of = meeting.date
            when = as_of or date.today()
            rows, withheld = public_rows(s, plan_id, when) if public else (
                priority_rows(s, plan_id, when), 0)  # fmt: skip
            return PlanTable(plan_info(plan), board.name, when, meeting_id, rows, public, withheld)

    # -- plans --------------------------------------------------------------------------------
    def add_plan(
        self, board_id: int, name: str, *, period: str = "", status: str = PlanState.ACTIVE
    ) -> PlanInfo:
        """A new plan for the board; a name the board already uses is refused."""
        name = require_text(name, "plan's name", max_length=200)
        with self.db.transaction() as s:
            get_or_fail(s, Board, board_id, "board")
            self._refuse_taken_name(s, board_id, name, None)
            row = Plan(
                board_id=board_id,
                name=name,
                period=optional_text(period, "plan's period", max_length=40),
                status=require_choice(status, PlanState, "plan state"),
            )
            s.add(row)
            s.flush()
            self._audit(s, "plan", row.id, "add", after=snapshot(row))
            info = plan_info(row)
        self._changed("plan", info.id)
        return info

    def update_plan(
        self, plan_id: int, *, name: str | None = None, period: str | None = None,
        status: str | None = None,
    ) -> PlanInfo:  # fmt: skip
        with self.db.transaction() as s:
            row = get_or_fail(s, Plan, plan_id, "plan")
            before = snapshot(row)
            if name is not None:
                row.name = require_text(name, "plan's name", max_length=200)
                self._refuse_taken_name(s, row.board_id, row.name, plan_id)
            if period is not None:
                row.period = optional_text(period, "plan's period", max_length=40)
            if status is not None:
                row.status = require_choice(status, PlanState, "plan state")
            s.add(row)
            self._audit(s, "plan", plan_id, "edit", before=before, after=snapshot(row))
            info = plan_info(row)
        self._changed("plan", plan_id)
        return info

    def delete_plan(self, plan_id: int) -> None:
        """Remove a plan with its priorities, actions and progress (for one made by mistake)."""
        self._delete(Plan, plan_id, "plan", "plan")

    @staticmethod
    def _refuse_taken_name(s: Session, board_id: int, name: str, plan_id: int | None) -> None:
        for other in s.exec(select(Plan).where(Plan.board_id == board_id)).all():
            if other.id != plan_id and other.name.lower() == name.lower():
                raise ValidationError(f"The board already has a plan called {other.name!r}.")

    # -- priorities ---------------------------------------------------------------------------
    def add_priority(self, plan_id: int, theme: str, threat: str = "") -> PriorityInfo:
        """A priority at the end of the plan: its theme and the threat or risk it answers."""
        with self.db.transaction() as s:
            plan = get_or_fail(s, Plan, plan_id, "plan")
            row = PlanPriority(
                plan_id=plan_id,
                position=self._next_position(s, PlanPriority, PlanPriority.plan_id, plan_id),
                theme=require_text(theme, "priority", max_length=200),
                threat=optional_text(threat, "threat or risk", max_length=20_000),
            )
            s.add(row)
            s.flush()
            self._audit(s, "planpriority", row.id, "add", after=snapshot(row))
            info = priority_info(row)
        self._changed("plan", plan.id)
        return info

    def update_priority(
        self, priority_id: int, *, theme: str | None = None, threat: str | None = None
    ) -> PriorityInfo:
        with self.db.transaction() as s:
            row = get_or_fail(s, PlanPriority, priority_id, "priority")
            before = snapshot(row)
            if theme is not None:
                row.theme = require_text(theme, "priority", max_length=200)
            if threat is not None:
                row.threat = optional_text(threat, "threat or risk", max_length=20_000)
            s.add(row)
            self._audit(s, "planpriority", priority_id, "edit", before=before, after=snapshot(row))
            info = priority_info(row)
        self._changed("plan", info.plan_id)
        return info

    def delete_priority(self, priority_id: int) -> None:
        self._delete(PlanPriority, priority_id, "priority", "planpriority")

    # -- plan actions -------------------------------------------------------------------------
    def add_action(
        self,
        priority_id: int,
        text: str,
        owners: OwnerSpec,
        *,
        target_date: date | None = None,
        milestones: str = "",
    ) -> PlanActionInfo:
        """A plan action under a priority; ``owners`` may be typed (``"Sally Goodwin/MFRS"``),
        matched to the register as a meeting action's owners are."""
        text = require_text(text, "action", max_length=20_000)
        resolved = self._owners(owners)
        with self.db.transaction() as s:
            get_or_fail(s, PlanPriority, priority_id, "priority")
            row = PlanAction(
                priority_id=priority_id,
                position=self._next_position(s, PlanAction, PlanAction.priority_id, priority_id),
                text=text,
                target_date=target_date,
                milestones=optional_text(milestones, "milestones", max_length=20_000),
            )
            s.add(row)
            s.flush()
            self._write_owners(s, row.id or 0, resolved)
            self._audit(s, "planaction", row.id, "add", after=snapshot(row))
            info = action_infos(s, [row])[0]
        self._changed("plan", priority_id)
        return info

    def update_action(
        self,
        plan_action_id: int,
        *,
        text: str | None = None,
        owners: OwnerSpec | None = None,
        target_date: date | object | None = KEEP,
        milestones: str | None = None,
    ) -> PlanActionInfo:
        """Change what is given; ``target_date=None`` clears the target date."""
        resolved = self._owners(owners) if owners is not None else None
        with self.db.transaction() as s:
            row = get_or_fail(s, PlanAction, plan_action_id, "plan action")
            before = snapshot(row)
            if text is not None:
                row.text = require_text(text, "action", max_length=20_000)
            if not isinstance(target_date, _Keep):
                if target_date is not None and not isinstance(target_date, date):
                    raise ValidationError("The target date must be a date.")
                row.target_date = target_date
            if milestones is not None:
                row.milestones = optional_text(milestones, "milestones", max_length=20_000)
            s.add(row)
            if resolved is not None:
                self._write_owners(s, plan_action_id, resolved)
            self._audit(s, "planaction", plan_action_id, "edit", before=before, after=snapshot(row))
            info = action_infos(s, [row])[0]
        self._changed("plan", plan_action_id)
        return info

    def delete_action(self, plan_action_id: int) -> None:
        self._delete(PlanAction, plan_action_id, "plan action", "planaction")

    def _owners(self, owners: OwnerSpec) -> list[dto.OwnerRef]:
        if isinstance(owners, str):
            return OwnersPart(self._ctx).resolve_owners(owners)
        if not owners:
            raise ValidationError("Name at least one lead owner for the action.")
        return list(owners)

    @staticmethod
    def _write_owners(s: Session, plan_action_id: int, owners: Sequence[dto.OwnerRef]) -> None:
        old = select(PlanActionOwner).where(PlanActionOwner.plan_action_id == plan_action_id)
        for row in s.exec(old).all():
            s.delete(row)
        s.flush()
        for position, owner in enumerate(distinct_owners(s, owners)):
            s.add(
                PlanActionOwner(
                    plan_action_id=plan_action_id,
                    position=position,
                    person_id=owner.person_id,
                    organisation_id=owner.organisation_id,
                )
            )

    # -- progress -----------------------------------------------------------------------------
    def record_progress(
        self,
        plan_action_id: int,
        status: str,
        text: str = "",
        *,
        on_date: date | None = None,
        meeting_id: int | None = None,
    ) -> ProgressInfo:
        """Progress at a review: a rating (words such as ``"At risk"``), a narrative, a date
        (the meeting's when at a meeting, else today)."""
        wanted = _status(status)
        narrative = optional_text(text, "progress", max_length=50_000)
        with self.db.transaction() as s:
            action = get_or_fail(s, PlanAction, plan_action_id, "plan action")
            priority = get_or_fail(s, PlanPriority, action.priority_id, "priority")
            plan = get_or_fail(s, Plan, priority.plan_id, "plan")
            when = on_date
            if meeting_id is not None:
                meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
                if meeting.board_id != plan.board_id:
                    raise ValidationError("That meeting is not one of this plan's board.")
                when = when or meeting.date
            row = PlanProgress(
                plan_action_id=plan_action_id,
                on_date=when or date.today(),
                text=narrative,
                status=wanted,
                meeting_id=meeting_id,
            )
            s.add(row)
            s.flush()
            self._audit(s, "planprogress", row.id, "add", after=snapshot(row), meeting=meeting_id)
            info = progress_info(row, meeting_dates(s, {meeting_id}))
        self._changed("plan", plan.id)
        return info

    def delete_progress(self, progress_id: int) -> None:
        """Remove an update recorded by mistake."""
        self._delete(PlanProgress, progress_id, "progress update", "planprogress")

    # -- shared -------------------------------------------------------------------------------
    @staticmethod
    def _next_position(s: Session, model: type, parent_column: object, parent_id: int) -> int:
        query = select(func.max(model.position)).where(parent_column == parent_id)  # type: ignore[attr-defined]
        return int(s.exec(query).one() or 0) + 1

    def _delete(self, model: type[SQLModel], ident: int, label: str, entity: str) -> None:
        with self.db.transaction() as s:
            row: SQLModel = get_or_fail(s, model, ident, label)
            self._audit(s, entity, ident, "delete", before=snapshot(row))
            s.delete(row)
        self._changed("plan", ident)

    def _audit(
        self,
        s: Session,
        entity: str,
        ident: int | None,
        operation: str,
        *,
        before: str = "",
        after: str = "",
        meeting: int | None = None,
    ) -> None:
        record_audit(
            s,
            self.db,
            entity=entity,
            entity_id=ident,
            operation=operation,
            meeting_id=meeting,
            before=before,
            after=after,
        )
