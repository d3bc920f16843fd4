"""Undoable changes of the partnership plan page: adding and editing priorities and plan
actions, and recording progress.

Each is a :class:`~scbmeet.gui.widgets.commands.ServiceCommand`: it runs once before it is
pushed (a refusal reaches the dialog, nothing is pushed), undo and redo call the services
again. An addition undone and redone gets a new id, so commands keep the id a record had
when they were made and look up its id of the moment in the page's :class:`IdMap` s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scbmeet.domain.plan_vocabulary import status_words
from scbmeet.gui.widgets.commands import IdMap, ServiceCommand, shortened
from scbmeet.services import Services


@dataclass
class PlanContext:
    """What the plan page's commands share: the services, the id maps, where to report."""

    services: Services
    report: Callable[[BaseException], None]
    priorities: IdMap = field(default_factory=IdMap)
    actions: IdMap = field(default_factory=IdMap)
    progress: IdMap = field(default_factory=IdMap)

    def priority(self, original: int) -> int:
        return self.priorities.current(original) or original

    def action(self, original: int) -> int:
        return self.actions.current(original) or original


class PlanCommand(ServiceCommand):
    def __init__(self, context: PlanContext, text: str) -> None:
        super().__init__(shortened(text))
        self.ctx = context

    def report(self, exc: BaseException) -> None:
        self.ctx.report(exc)


class AddPriority(PlanCommand):
    def __init__(self, context: PlanContext, plan_id: int, theme: str, threat: str) -> None:
        super().__init__(context, f"Add priority {theme}")
        self.plan_id, self.theme, self.threat = plan_id, theme, threat
        self.original: int | None = None

    def apply(self) -> None:
        made = self.ctx.services.plans.add_priority(self.plan_id, self.theme, self.threat)
        if self.original is None:
            self.original = made.id
        else:
            self.ctx.priorities.rebind(self.ctx.priority(self.original), made.id)

    def revert(self) -> None:
        assert self.original is not None
        self.ctx.services.plans.delete_priority(self.ctx.priority(self.original))


class EditPriority(PlanCommand):
    def __init__(self, context: PlanContext, priority_id: int, before: Mapping[str, str],
                 after: Mapping[str, str]) -> None:  # fmt: skip
        super().__init__(context, f"Edit priority {after.get('theme', '')}")
        self.original, self.before, self.after = priority_id, dict(before), dict(after)

    def apply(self) -> None:
        self.ctx.services.plans.update_priority(self.ctx.priority(self.original), **self.after)

    def revert(self) -> None:
        self.ctx.services.plans.update_priority(self.ctx.priority(self.original), **self.before)


class AddPlanAction(PlanCommand):
    def __init__(self, context: PlanContext, priority_id: int, values: Mapping[str, Any]) -> None:
        super().__init__(context, f"Add action {values['text']}")
        self.priority_original, self.values = priority_id, dict(values)
        self.original: int | None = None

    def apply(self) -> None:
        values = dict(self.values)
        made = self.ctx.services.plans.add_action(
            self.ctx.priority(self.priority_original),
            values.pop("text"),
            values.pop("owners"),
            **values,
        )
        if self.original is None:
            self.original = made.id
        else:
            self.ctx.actions.rebind(self.ctx.action(self.original), made.id)

    def revert(self) -> None:
        assert self.original is not None
        self.ctx.services.plans.delete_action(self.ctx.action(self.original))


class EditPlanAction(PlanCommand):
    def __init__(self, context: PlanContext, action_id: int, before: Mapping[str, Any],
                 after: Mapping[str, Any]) -> None:  # fmt: skip
        super().__init__(context, f"Edit action {after.get('text', '')}")
        self.original, self.before, self.after = action_id, dict(before), dict(after)

    def apply(self) -> None:
        self.ctx.services.plans.update_action(self.ctx.action(self.original), **self.after)

    def revert(self) -> None:
        self.ctx.services.plans.update_action(self.ctx.action(self.original), **self.before)


class RecordProgress(PlanCommand):
    def __init__(self, context: PlanContext, action_id: int, values: Mapping[str, Any]) -> None:
        super().__init__(context, f"Record progress: {status_words(values['status']).lower()}")
        self.action_original, self.values = action_id, dict(values)
        self.original: int | None = None

    def apply(self) -> None:
        values = dict(self.values)
        made = self.ctx.services.plans.record_progress(
            self.ctx.action(self.action_original), values.pop("status"), values.pop("text"),
            **values,
        )  # fmt: skip
        if self.original is None:
            self.original = made.id
        else:
            self.ctx.progress.rebind(self.ctx.progress.current(self.original) or 0, made.id)

    def revert(self) -> None:
        assert self.original is not None
        current = self.ctx.progress.current(self.original) or self.original
        self.ctx.services.plans.delete_progress(current)
