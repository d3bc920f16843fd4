"""The "actions for support by the board": recommendations of a plan and the board's decisions.

A plan's progress report ends with actions put to the board for support, each under one of
the plan's priorities, with whether it is already in progress. At a meeting the board
decides each: supported, not supported or deferred. One not yet decided (never put, or
deferred) is listed again at the next review until it is; the minutes print the decisions
taken at their meeting. Each change is one transaction and goes to the audit trail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, func, select

from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Meeting
from scbmeet.domain.plan_meeting_dto import DecisionInfo, RecommendationInfo
from scbmeet.domain.plan_models import Plan, PlanDecision, PlanPriority, PlanRecommendation
from scbmeet.domain.plan_vocabulary import Decision, parse_decision
from scbmeet.services.base import (
    ServiceBase,
    get_or_fail,
    optional_text,
    record_audit,
    require_choice,
    require_text,
    snapshot,
)


def _decision(value: str) -> str:
    found = parse_decision(value or "")
    if found is None:
        return require_choice(value, Decision, "decision")
    return found.value


def recommendation_infos(
    s: Session, rows: Sequence[PlanRecommendation]
) -> list[RecommendationInfo]:
    ids = [r.id for r in rows if r.id is not None]
    decisions: dict[int, list[DecisionInfo]] = defaultdict(list)
    if ids:
        found = s.exec(
            select(PlanDecision, Meeting)
            .join(Meeting, col(Meeting.id) == PlanDecision.meeting_id)
            .where(col(PlanDecision.recommendation_id).in_(ids))
            .order_by(col(Meeting.date), col(PlanDecision.id))
        ).all()
        for d, meeting in found:
            decisions[d.recommendation_id].append(
                DecisionInfo(
                    d.id or 0, d.recommendation_id, d.meeting_id, meeting.date, d.decision, d.note
                )
            )
    themes = {
        p.id: p.theme
        for p in s.exec(
            select(PlanPriority).where(col(PlanPriority.plan_id).in_({r.plan_id for r in rows}))
        ).all()
    }
    return [
        RecommendationInfo(
            id=r.id or 0,
            plan_id=r.plan_id,
            priority_id=r.priority_id,
            priority=themes.get(r.priority_id, "") if r.priority_id is not None else "",
            position=r.position,
            text=r.text,
            in_progress=r.in_progress,
            raised_on=r.raised_on,
            decisions=tuple(decisions.get(r.id or 0, [])),
        )
        for r in rows
    ]


class PlanDecisionService(ServiceBase):
    """Recommendations put to the board for support, and its decisions at meetings."""

    def recommendations(self, plan_id: int) -> list[RecommendationInfo]:
        """Every recommendation of the plan, by priority then in the order raised."""
        with self.db.reading() as s:
            get_or_fail(s, Plan, plan_id, "plan")
            return recommendation_infos(s, self._rows(s, plan_id))

    def for_meeting(self, plan_id: int, meeting_id: int) -> list[RecommendationInfo]:
        """What the board is asked at the meeting: those raised by its date and not decided
        at an earlier meeting (so deferred ones come back), and those decided at it."""
        with self.db.reading() as s:
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            infos = recommendation_infos(s, self._rows(s, plan_id))
        return [r for r in infos if r.raised_on <= meeting.date and _open_at(r, meeting)]

    def decisions_at(self, meeting_id: int) -> list[RecommendationInfo]:
        """The recommendations decided at the meeting (for its minutes), in plan order."""
        with self.db.reading() as s:
            get_or_fail(s, Meeting, meeting_id, "meeting")
            ids = s.exec(
                select(PlanDecision.recommendation_id).where(PlanDecision.meeting_id == meeting_id)
            ).all()
            rows = s.exec(
                select(PlanRecommendation)
                .where(col(PlanRecommendation.id).in_(set(ids)))
                .order_by(col(PlanRecommendation.plan_id), col(PlanRecommendation.position))
            ).all()
            return recommendation_infos(s, rows)

    @staticmethod
    def _rows(s: Session, plan_id: int) -> list[PlanRecommendation]:
        return list(
            s.exec(
                select(PlanRecommendation)
                .where(PlanRecommendation.plan_id == plan_id)
                .order_by(col(PlanRecommendation.position), col(PlanRecommendation.id))
            ).all()
        )

    # -- changes ------------------------------------------------------------------------------
    def add_recommendation(
        self,
        plan_id: int,
        text: str,
        *,
        priority_id: int | None = None,
        in_progress: str = "",
        raised_on: date | None = None,
    ) -> RecommendationInfo:
        """An action put to the board for support, under one of the plan's priorities."""
        text = require_text(text, "recommendation", max_length=20_000)
        with self.db.transaction() as s:
            plan = get_or_fail(s, Plan, plan_id, "plan")
            self._check_priority(s, plan_id, priority_id)
            top = s.exec(
                select(func.max(PlanRecommendation.position)).where(
                    PlanRecommendation.plan_id == plan_id
                )
            ).one()
            row = PlanRecommendation(
                plan_id=plan_id,
                priority_id=priority_id,
                position=int(top or 0) + 1,
                text=text,
                in_progress=optional_text(in_progress, "in progress", max_length=300),
                raised_on=raised_on or date.today(),
            )
            s.add(row)
            s.flush()
            self._audit(s, "planrecommendation", row.id, "add", after=snapshot(row))
            info = recommendation_infos(s, [row])[0]
        self._changed("plan", plan.id)
        return info

    def update_recommendation(
        self, recommendation_id: int, *, text: str | None = None, in_progress: str | None = None
    ) -> RecommendationInfo:
        with self.db.transaction() as s:
            row = get_or_fail(s, PlanRecommendation, recommendation_id, "recommendation")
            before = snapshot(row)
            if text is not None:
                row.text = require_text(text, "recommendation", max_length=20_000)
            if in_progress is not None:
                row.in_progress = optional_text(in_progress, "in progress", max_length=300)
            s.add(row)
            self._audit(s, "planrecommendation", row.id, "edit", before=before,
                        after=snapshot(row))  # fmt: skip
            info = recommendation_infos(s, [row])[0]
        self._changed("plan", info.plan_id)
        return info

    def delete_recommendation(self, recommendation_id: int) -> None:
        with self.db.transaction() as s:
            row = get_or_fail(s, PlanRecommendation, recommendation_id, "recommendation")
            self._audit(s, "planrecommendation", row.id, "delete", before=snapshot(row))
            plan_id = row.plan_id
            s.delete(row)
        self._changed("plan", plan_id)

    def decide(
        self, recommendation_id: int, meeting_id: int, decision: str, note: str = ""
    ) -> DecisionInfo:
        """The board's decision at a meeting ("supported", "not supported", "deferred"; "yes"
        and "no" too); a second decision at the same meeting replaces the first."""
        wanted = _decision(decision)
        note = optional_text(note, "decision note", max_length=500)
        with self.db.transaction() as s:
            rec = get_or_fail(s, PlanRecommendation, recommendation_id, "recommendation")
            plan = get_or_fail(s, Plan, rec.plan_id, "plan")
            meeting = get_or_fail(s, Meeting, meeting_id, "meeting")
            if meeting.board_id != plan.board_id:
                raise ValidationError("That meeting is not one of this plan's board.")
            if rec.raised_on > meeting.date:
                raise ValidationError("That recommendation was raised after the meeting.")
            row = s.exec(
                select(PlanDecision).where(
                    PlanDecision.recommendation_id == recommendation_id,
                    PlanDecision.meeting_id == meeting_id,
                )
            ).first()
            before = snapshot(row) if row is not None else ""
            row = row or PlanDecision(
                recommendation_id=recommendation_id, meeting_id=meeting_id, decision=wanted
            )
            row.decision, row.note = wanted, note
            s.add(row)
            s.flush()
            self._audit(s, "plandecision", row.id, "edit" if before else "add", before=before,
                        after=snapshot(row), meeting=meeting_id)  # fmt: skip
            info = DecisionInfo(row.id or 0, recommendation_id, meeting_id, meeting.date,
                                row.decision, row.note)  # fmt: skip
        self._changed("plan", plan.id)
        return info

    def undecide(self, recommendation_id: int, meeting_id: int) -> None:
        """Take back the decision recorded at the meeting (nothing if there is none)."""
        with self.db.transaction() as s:
            rec = get_or_fail(s, PlanRecommendation, recommendation_id, "recommendation")
            row = s.exec(
                select(PlanDecision).where(
                    PlanDecision.recommendation_id == recommendation_id,
                    PlanDecision.meeting_id == meeting_id,
                )
            ).first()
            if row is None:
                return
            self._audit(s, "plandecision", row.id, "delete", before=snapshot(row),
                        meeting=meeting_id)  # fmt: skip
            s.delete(row)
        self._changed("plan", rec.plan_id)

    @staticmethod
    def _check_priority(s: Session, plan_id: int, priority_id: int | None) -> None:
        if priority_id is None:
            return
        priority = get_or_fail(s, PlanPriority, priority_id, "priority")
        if priority.plan_id != plan_id:
            raise ValidationError("That priority is not one of this plan's.")

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
        record_audit(s, self.db, entity=entity, entity_id=ident, operation=operation,
                     meeting_id=meeting, before=before, after=after)  # fmt: skip


def _open_at(rec: RecommendationInfo, meeting: Meeting) -> bool:
    """Still before the board at the meeting: no final decision at an earlier meeting."""
    for decision in rec.decisions:
        if decision.meeting_id == meeting.id:
            return True
        if decision.meeting_date < meeting.date and decision.decision != Decision.DEFERRED:
            return False
    return True
