"""The partnership plan's annual cycle: the next plan from the strategic assessment.

Each year the strategic assessment recommends the board's priorities, and the plan is
refreshed from them. :meth:`PlanCycleService.next_plan` starts the next plan with those
priorities (each with the threat or risk the assessment gives; an unchanged priority keeps
its old one), copies forward every unfinished action of a priority that continues - with
its owners, target date, milestones and, as its first update, where it had got to - and
names the unfinished actions of priorities the assessment dropped, which are not copied.
The previous plan is marked finished. All in one transaction, on the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from scbmeet.domain.errors import ValidationError
from scbmeet.domain.plan_dto import PlanActionInfo, PlanInfo
from scbmeet.domain.plan_models import Plan, PlanAction, PlanActionOwner, PlanPriority, PlanProgress
from scbmeet.domain.plan_vocabulary import PlanState, ProgressStatus, status_words
from scbmeet.services.base import (
    ServiceBase,
    get_or_fail,
    optional_text,
    record_audit,
    require_text,
    snapshot,
)
from scbmeet.services.plans import PlanService
from scbmeet.services.plans_rows import plan_info, priority_rows


@dataclass(frozen=True)
class NextPlan:
    """The plan started, how many actions came forward, and those left behind."""

    plan: PlanInfo
    carried: int
    left_behind: tuple[PlanActionInfo, ...]


class PlanCycleService(ServiceBase):
    """Refreshing the plan from the year's strategic assessment."""

    def next_plan(
        self,
        plan_id: int,
        name: str,
        *,
        period: str = "",
        priorities: Sequence[tuple[str, str]] | None = None,
        starts_on: date | None = None,
    ) -> NextPlan:
        """The next plan after ``plan_id``: ``priorities`` (theme, threat or risk) as the
        assessment recommends them (default: the same ones), unfinished actions copied."""
        name = require_text(name, "plan's name", max_length=200)
        when = starts_on or date.today()
        with self.db.transaction() as s:
            old = get_or_fail(s, Plan, plan_id, "plan")
            PlanService._refuse_taken_name(s, old.board_id, name, None)  # one rule for names
            groups = priority_rows(s, plan_id, when)
            wanted = self._priorities(priorities, groups)
            new = Plan(
                board_id=old.board_id,
                name=name,
                period=optional_text(period, "plan's period", max_length=40),
                status=PlanState.ACTIVE.value,
            )
            s.add(new)
            before = snapshot(old)
            old.status = PlanState.FINISHED.value
            s.add(old)
            s.flush()
            self._audit(s, "plan", new.id, "add", after=snapshot(new))
            self._audit(s, "plan", old.id, "edit", before=before, after=snapshot(old))
            carried, left = 0, []
            by_theme = {g.priority.theme.lower(): g for g in groups}
            for position, (theme, threat) in enumerate(wanted, 1):
                priority = PlanPriority(
                    plan_id=new.id or 0, position=position, theme=theme, threat=threat
                )
                s.add(priority)
                s.flush()
                group = by_theme.pop(theme.lower(), None)
                for action in group.actions if group else ():
                    if action.status != ProgressStatus.COMPLETE:
                        self._copy(s, action, priority.id or 0, old.name, when)
                        carried += 1
            for group in by_theme.values():
                left += [a for a in group.actions if a.status != ProgressStatus.COMPLETE]
            info = plan_info(new)
        self._changed("plan", info.id)
        return NextPlan(info, carried, tuple(left))

    @staticmethod
    def _priorities(
        given: Sequence[tuple[str, str]] | None, groups: Sequence
    ) -> list[tuple[str, str]]:
        old = {g.priority.theme.lower(): g.priority.threat for g in groups}
        if given is None:
            return [(g.priority.theme, g.priority.threat) for g in groups]
        found: list[tuple[str, str]] = []
        for theme, threat in given:
            theme = require_text(theme, "priority", max_length=200)
            if theme.lower() in {t.lower() for t, _ in found}:
                raise ValidationError(f"The priority {theme!r} is given twice.")
            found.append((theme, threat.strip() or old.get(theme.lower(), "")))
        if not found:
            raise ValidationError("Give the next plan at least one priority.")
        return found

    def _copy(
        self, s: Session, action: PlanActionInfo, priority_id: int, old_name: str, when: date
    ) -> None:
        row = PlanAction(
            priority_id=priority_id,
            position=action.position,
            text=action.text,
            target_date=action.target_date,
            milestones=action.milestones,
        )
        s.add(row)
        s.flush()
        for position, owner in enumerate(action.owners):
            s.add(
                PlanActionOwner(
                    plan_action_id=row.id or 0,
                    position=position,
                    person_id=owner.person_id,
                    organisation_id=owner.organisation_id,
                )
            )
        latest = action.latest
        said = f"Carried forward from {old_name}"
        if latest is not None:
            said += f" ({status_words(latest.status).lower()}): {latest.text}"
        s.add(
            PlanProgress(
                plan_action_id=row.id or 0,
                on_date=when,
                text=said,
                status=latest.status if latest else ProgressStatus.NOT_STARTED.value,
            )
        )
        self._audit(s, "planaction", row.id, "add", after=snapshot(row))

    def _audit(
        self, s: Session, entity: str, ident: int | None, operation: str, *, before: str = "",
        after: str = "",
    ) -> None:  # fmt: skip
        record_audit(s, self.db, entity=entity, entity_id=ident, operation=operation,
                     before=before, after=after)  # fmt: skip
