"""The partnership plan at a glance, on the chair's review and on the board's page.

A group box saying in words how the board's current plan stands: each priority's actions
counted by rating ("Domestic abuse: 1 on track, 1 off track."), the plan actions past their
target date, and those with no update since the plan was last reviewed at a meeting. It
reads the plan when shown and again after any change to the plan, off the GUI thread (cold,
the first read sets up the database layer: a third of a second that would freeze the page
it sits on); until the first read comes the box says it is reading. Opened a moment after
a read of the same plan (the warm-up's, or a page's), with no change since, it shows that
read's answer at once and reads afresh behind it.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGroupBox, QLabel, QSpacerItem, QVBoxLayout, QWidget

from scbmeet.domain.dto import Change, long_date
from scbmeet.domain.errors import ScbmeetError
from scbmeet.domain.plan_meeting_dto import PlanStatus
from scbmeet.gui.widgets.after_paint import AfterFirstPaint
from scbmeet.gui.widgets.changes import hub_for
from scbmeet.gui.widgets.errors import error_text
from scbmeet.gui.widgets.tasks import run_task
from scbmeet.services import Services

LISTED = 5  # actions named under each heading; the rest are counted
READING = "Reading the plan…"


def status_html(status: PlanStatus | None) -> str:
    """The box's text: every stored word escaped."""
    e = html.escape
    if status is None:
        return "The board has no partnership plan yet."
    lines = [f"<b>{e(status.plan_name)}</b> as at {e(long_date(status.as_of))}:"]
    lines += [e(p.sentence) for p in status.priorities] or ["No priorities yet."]
    lines.append(_listed("Overdue", status.overdue, "No plan action is past its target date."))
    if status.last_review is not None:
        review = f"the review of {long_date(status.last_review)}"
        lines.append(
            _listed(
                f"No update since {review}",
                status.no_update,
                f"Every action has been updated since {review}.",
            )
        )
    else:
        lines.append("Not yet reviewed at a meeting.")
    return "<br>".join(lines)


def _listed(heading: str, actions: tuple, none: str) -> str:
    e = html.escape
    if not actions:
        return e(none)
    named = "; ".join(
        e(a.text) + (f" (target {e(long_date(a.target_date))})" if a.target_date else "")
        for a in actions[:LISTED]
    )
    more = f"; and {len(actions) - LISTED} more" if len(actions) > LISTED else ""
    return f"<b>{e(heading)}</b> ({len(actions)}): {named}{more}."


class PlanStatusBox(QGroupBox):
    """The board's current plan in words; read again after every change to a plan.
    ``status`` is the plan as last read (None before the first read, or with no plan);
    ``statusShown`` is emitted each time a read is shown."""

    statusShown = Signal()

    def __init__(self, services: Services, board_id: int, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Partnership plan", parent)
        self.setObjectName("planStatusBox")
        self.services, self.board_id, self.today = services, board_id, today
        self.status: PlanStatus | None = None
        self._reads = 0  # reads asked for; a late answer to an older one is dropped
        self._shown_read = 0
        self._afresh: AfterFirstPaint | None = None  # the fresh read behind a kept answer
        self.label = QLabel(READING, objectName="planStatusLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.label)
        hub_for(services).changed.connect(self._on_change)
        kept = services.plan_meetings.kept_status(board_id, today())
        if kept is None:
            self.refresh()
            return
        # Read a moment ago: shown at once, and read afresh behind it once on screen.
        self.status = kept.value
        self.label.setText(status_html(kept.value))
        self._afresh = AfterFirstPaint(self, self._refresh_afresh)

    def _refresh_afresh(self) -> None:
        if self._reads == 0:  # no read since the box opened (a change would have asked one)
            self.refresh()

    def _on_change(self, change: Change) -> None:
        if change.entity in ("plan", "agenda", "meeting"):
            self.refresh()

    def showing(self) -> bool:
        """Whether the box shows the plan (read or kept), not "reading"."""
        return self._shown_read > 0 or self.label.text() != READING

    def loading(self) -> bool:
        """Whether a read is on its way (or, behind a kept answer, is yet to be)."""
        waiting = self._afresh is not None and not self._afresh.done
        return waiting or self._reads != self._shown_read

    def refresh(self) -> None:
        """Read the plan again in the background; the text shown stays until it comes."""
        self._reads += 1
        ticket, status_of = self._reads, self.services.plan_meetings.status
        board_id, today = self.board_id, self.today()
        run_task(
            lambda: status_of(board_id, today),
            on_done=lambda status: self._shown(ticket, status_html(status), status),
            on_error=lambda exc: self._failed(ticket, exc),
        )

    def _shown(self, ticket: int, text: str, status: PlanStatus | None) -> None:
        with contextlib.suppress(RuntimeError):  # the box has gone meanwhile
            if ticket != self._reads:
                return  # a newer read is on its way
            self._shown_read = ticket
            self.status = status
            self.label.setText(text)
            self.statusShown.emit()

    def _failed(self, ticket: int, exc: BaseException) -> None:
        # The database away or damaged: the page says so elsewhere; here one line.
        with contextlib.suppress(RuntimeError):
            if ticket == self._reads:
                reason = str(exc) if isinstance(exc, ScbmeetError) else error_text(exc)
                self._shown(ticket, html.escape(f"The plan cannot be read just now: {reason}"),
                            self.status)  # fmt: skip


def install_plan_status(
    layout: QBoxLayout, services: Services, board_id: int, today: Callable[[], date]
) -> PlanStatusBox:
    """Add the box to a page's layout, above a spacer that ends it (one call per page)."""
    box = PlanStatusBox(services, board_id, today)
    last = layout.itemAt(layout.count() - 1) if layout.count() else None
    at = layout.count() - 1 if isinstance(last, QSpacerItem) else layout.count()
    layout.insertWidget(at, box)
    return box
