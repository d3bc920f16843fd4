"""Opening a search hit of the partnership plan: its board's plan page at the plan action."""

from __future__ import annotations

from typing import Any

from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.plans.page import PlanPage


def open_plan_place(window: Any, kind: str, ident: int) -> None:
    """A search hit of the plan: its board's plan page with the plan action chosen."""
    try:
        board_id, plan_id, action_id = window.services.plan_meetings.locate(kind, ident)
    except ScbmeetError as exc:
        window.statusBar().showMessage(str(exc), 8000)
        return
    window.navigate("plan", board_id)
    page = window.current_page()
    if isinstance(page, PlanPage):
        if page.plan_id != plan_id:
            page.plan_id = plan_id
            page.reload()
        page.select("action", action_id)
