"""Opening the place a link names: a search hit, a history link ("From minute 6/26"), a
row of the chair's review.

Pages emit ``openRequested(kind, id)``; the main window calls :func:`open_place`, which
asks the services where the record lives and shows it there: a minute, resolution,
agenda item or paper on its meeting's page with the item selected (a paper on the papers
tab), an action in the actions register with its history, a person or organisation as
the actions register filtered to their actions, a forward plan entry on its board's
forward plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QStatusBar, QWidget

from scbmeet.domain.dto import Place
from scbmeet.domain.errors import ScbmeetError

if TYPE_CHECKING:  # the window is built before the database stack loads
    from scbmeet.services import Services

OWNER_KINDS = ("person", "organisation")


class PlaceHost(Protocol):
    services: Services

    def navigate(self, kind: str, ident: int | None = None) -> None: ...
    def current_page(self) -> QWidget | None: ...
    def current_board_id(self) -> int | None: ...
    def statusBar(self) -> QStatusBar: ...


def open_place(window: PlaceHost, kind: str, ident: int) -> None:
    """Show where record ``ident`` of ``kind`` lives (or say in the status bar that it is gone)."""
    if kind in OWNER_KINDS:
        _open_owner(window, kind, ident)
        return
    if kind == "actions":  # a board's whole register (the review's "and N more" rows)
        window.navigate("actions", ident)
        return
    if kind in ("plan_action", "plan_progress"):
        from scbmeet.gui.plans.opening import open_plan_place

        open_plan_place(window, kind, ident)
        return
    try:
        place = window.services.places.locate(kind, ident)
    except ScbmeetError as exc:
        window.statusBar().showMessage(str(exc), 8000)
        return
    if kind == "forward_plan":
        window.navigate("forward_plan", place.board_id)
    elif kind == "action" or place.meeting_id is None:
        _open_action(window, place)
    else:
        _open_meeting_place(window, place)


def _open_owner(window: PlaceHost, kind: str, ident: int) -> None:
    window.navigate("actions", window.current_board_id())
    page: Any = window.current_page()
    if hasattr(page, "set_owner_filter"):
        page.set_owner_filter((kind, ident))


def _open_action(window: PlaceHost, place: Place) -> None:
    window.navigate("actions", place.board_id)
    page: Any = window.current_page()
    shown = hasattr(page, "show_action") and page.show_action(place.action_id)
    if place.action_id is not None and not shown:
        window.statusBar().showMessage("That action is not in this register.", 8000)


def _open_meeting_place(window: PlaceHost, place: Place) -> None:
    window.navigate("meeting", place.meeting_id)
    page: Any = window.current_page()
    if place.paper_id is not None and hasattr(page, "show_paper"):
        page.show_paper(place.paper_id)
    elif place.agenda_item_id is not None and hasattr(page, "show_item"):
        page.show_item(place.agenda_item_id)
    elif place.minute_reference:  # a minute with no agenda item of its own (an old meeting)
        window.statusBar().showMessage(
            f"Minute {place.minute_reference} is in this meeting's minutes "
            "(Meeting ▸ Take minutes shows them).",
            8000,
        )
