"""The business rules of scbmeet, in plain Python with no Qt.

``Services(db)`` gathers one service per area. Every method takes and returns plain
data (:mod:`scbmeet.domain.dto`), runs each change in one transaction, raises
:class:`~scbmeet.domain.errors.ScbmeetError` s with messages for users, and tells listeners
registered with :meth:`Services.subscribe` what changed once the change is committed.

``Services(db, eager=False)`` makes each service (and imports its module) when first
used: a command that lists meetings loads the meetings' rules, not the forward plan's or
the history import's. The app makes them all at once, on the thread that opens the
database, so that no page's first use pays for an import.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing the package loads no service (nor SQLModel): see meeting_lines
    from scbmeet.domain.dto import Change
    from scbmeet.services.action_register import ActionRegisterService
    from scbmeet.services.actions import ActionService
    from scbmeet.services.agenda import AgendaService
    from scbmeet.services.attendance import AttendanceService
    from scbmeet.services.case_reviews import CaseReviewService
    from scbmeet.services.chasing import ChasingService
    from scbmeet.services.csv_import import MemberCsvService
    from scbmeet.services.declarations import DeclarationService
    from scbmeet.services.forward_plan import ForwardPlanService
    from scbmeet.services.history_import import HistoryImportService
    from scbmeet.services.interests import InterestService
    from scbmeet.services.meetings import MeetingService
    from scbmeet.services.minutes import MinutesService
    from scbmeet.services.paper_chasing import PaperChasingService
    from scbmeet.services.places import PlaceService
    from scbmeet.services.plan_csv import PlanCsvService
    from scbmeet.services.plan_cycle import PlanCycleService
    from scbmeet.services.plan_decisions import PlanDecisionService
    from scbmeet.services.plan_duties import PlanDutyService
    from scbmeet.services.plan_meetings import PlanMeetingService
    from scbmeet.services.plans import PlanService
    from scbmeet.services.publication import PublicationService
    from scbmeet.services.quorum import QuorumService
    from scbmeet.services.register import RegisterService
    from scbmeet.services.search import SearchService
    from scbmeet.storage.engine import Database


class Services:
    """Every service over one database (:data:`SERVICE_NAMES`): all made at once, or with
    ``eager=False`` each on first use."""

    def __init__(self, db: Database, *, eager: bool = True) -> None:
        from scbmeet.services.base import Context

        self.db = db
        self._context = Context(db)
        if eager:
            for name in SERVICE_NAMES:
                getattr(self, name)

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns an unsubscribe function."""
        self._context.listeners.append(listener)
        return lambda: self._context.listeners.remove(listener)

    @cached_property
    def register(self) -> RegisterService:
        from scbmeet.services.register import RegisterService

        return RegisterService(self._context)

    @cached_property
    def meetings(self) -> MeetingService:
        from scbmeet.services.meetings import MeetingService

        return MeetingService(self._context)

    @cached_property
    def agenda(self) -> AgendaService:
        from scbmeet.services.agenda import AgendaService

        return AgendaService(self._context)

    @cached_property
    def minutes(self) -> MinutesService:
        from scbmeet.services.minutes import MinutesService

        return MinutesService(self._context)

    @cached_property
    def actions(self) -> ActionService:
        from scbmeet.services.actions import ActionService

        return ActionService(self._context)

    @cached_property
    def forward_plan(self) -> ForwardPlanService:
        from scbmeet.services.forward_plan import ForwardPlanService

        return ForwardPlanService(self._context)

    @cached_property
    def member_csv(self) -> MemberCsvService:
        from scbmeet.services.csv_import import MemberCsvService

        return MemberCsvService(self._context)

    @cached_property
    def attendance(self) -> AttendanceService:
        from scbmeet.services.attendance import AttendanceService

        return AttendanceService(self._context)

    @cached_property
    def action_register(self) -> ActionRegisterService:
        from scbmeet.services.action_register import ActionRegisterService

        return ActionRegisterService(self._context)

    @cached_property
    def chasing(self) -> ChasingService:
        from scbmeet.services.chasing import ChasingService

        return ChasingService(self._context)

    @cached_property
    def paper_chasing(self) -> PaperChasingService:
        from scbmeet.services.paper_chasing import PaperChasingService

        return PaperChasingService(self._context)

    @cached_property
    def search(self) -> SearchService:
        from scbmeet.services.search import SearchService

        return SearchService(self._context)

    @cached_property
    def places(self) -> PlaceService:
        from scbmeet.services.places import PlaceService

        return PlaceService(self._context)

    @cached_property
    def declarations(self) -> DeclarationService:
        from scbmeet.services.declarations import DeclarationService

        return DeclarationService(self._context)

    @cached_property
    def quorum(self) -> QuorumService:
        from scbmeet.services.quorum import QuorumService

        return QuorumService(self._context)

    @cached_property
    def plans(self) -> PlanService:
        from scbmeet.services.plans import PlanService

        return PlanService(self._context)

    @cached_property
    def plan_meetings(self) -> PlanMeetingService:
        from scbmeet.services.plan_meetings import PlanMeetingService

        return PlanMeetingService(self._context)

    @cached_property
    def plan_decisions(self) -> PlanDecisionService:
        from scbmeet.services.plan_decisions import PlanDecisionService

        return PlanDecisionService(self._context)

    @cached_property
    def plan_cycle(self) -> PlanCycleService:
        from scbmeet.services.plan_cycle import PlanCycleService

        return PlanCycleService(self._context)

    @cached_property
    def plan_csv(self) -> PlanCsvService:
        from scbmeet.services.plan_csv import PlanCsvService

        return PlanCsvService(self._context)

    @cached_property
    def plan_duties(self) -> PlanDutyService:
        from scbmeet.services.plan_duties import PlanDutyService

        return PlanDutyService(self._context)

    @cached_property
    def case_reviews(self) -> CaseReviewService:
        from scbmeet.services.case_reviews import CaseReviewService

        return CaseReviewService(self._context)

    @cached_property
    def history(self) -> HistoryImportService:
        from scbmeet.services.history_import import HistoryImportService

        return HistoryImportService(self._context)

    @cached_property
    def interests(self) -> InterestService:
        from scbmeet.services.interests import InterestService

        return InterestService(self._context)

    @cached_property
    def publication(self) -> PublicationService:
        from scbmeet.services.publication import PublicationService

        return PublicationService(self._context)


# Every service's attribute on :class:`Services`, in the order they were added.
SERVICE_NAMES = tuple(
    name for name, value in vars(Services).items() if isinstance(value, cached_property)
)

__all__ = ["SERVICE_NAMES", "Services"]
