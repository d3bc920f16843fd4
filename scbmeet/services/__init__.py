"""The business rules of scbmeet, in plain Python with no Qt.

``Services(db)`` gathers one service per area. Every method takes and returns plain
data (:mod:`scbmeet.domain.dto`), runs each change in one transaction, raises
:class:`~scbmeet.domain.errors.ScbmeetError` s with messages for users, and tells listeners
registered with :meth:`Services.subscribe` what changed once the change is committed.
"""

from __future__ import annotations

from collections.abc import Callable

from scbmeet.domain.dto import Change
from scbmeet.services.action_register import ActionRegisterService
from scbmeet.services.actions import ActionService
from scbmeet.services.agenda import AgendaService
from scbmeet.services.attendance import AttendanceService
from scbmeet.services.base import Context
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
    """Every service over one database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._context = Context(db)
        self.register = RegisterService(self._context)
        self.meetings = MeetingService(self._context)
        self.agenda = AgendaService(self._context)
        self.minutes = MinutesService(self._context)
        self.actions = ActionService(self._context)
        self.forward_plan = ForwardPlanService(self._context)
        self.member_csv = MemberCsvService(self._context)
        self.attendance = AttendanceService(self._context)
        self.action_register = ActionRegisterService(self._context)
        self.chasing = ChasingService(self._context)
        self.paper_chasing = PaperChasingService(self._context)
        self.search = SearchService(self._context)
        self.places = PlaceService(self._context)
        self.declarations = DeclarationService(self._context)
        self.quorum = QuorumService(self._context)
        self.plans = PlanService(self._context)
        self.plan_meetings = PlanMeetingService(self._context)
        self.plan_decisions = PlanDecisionService(self._context)
        self.plan_cycle = PlanCycleService(self._context)
        self.plan_csv = PlanCsvService(self._context)
        self.plan_duties = PlanDutyService(self._context)
        self.case_reviews = CaseReviewService(self._context)
        self.history = HistoryImportService(self._context)
        self.interests = InterestService(self._context)
        self.publication = PublicationService(self._context)

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns an unsubscribe function."""
        self._context.listeners.append(listener)
        return lambda: self._context.listeners.remove(listener)


__all__ = ["Services"]
