"""The item being taken in minutes mode: which agenda row is current, moving between rows,
and what the right-hand side shows for it.

:class:`CurrentItem` holds the agenda rows as last read from the services
(:meth:`CurrentItem.refresh`), the row on screen (``current``) and the last minuted row
(``taking``; attendance does not change it). :meth:`CurrentItem.go_to` moves there - flushing
what was typed in the row left behind - and fills the heading, texts, records, the
confirm-the-minutes strip and matters arising from the row.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QModelIndex, Qt, QTimer

from scbmeet.domain import dto
from scbmeet.domain.enums import ItemKind
from scbmeet.domain.errors import NotFoundError, ScbmeetError
from scbmeet.domain.public_dto import InterestInfo
from scbmeet.gui.minutes.arising import ArisingPane
from scbmeet.gui.minutes.attendance import AttendancePane
from scbmeet.gui.minutes.autosave import TextKeeper
from scbmeet.gui.minutes.models import KEY_ROLE
from scbmeet.gui.minutes.owner_confirm import OwnerConfirmPane
from scbmeet.gui.minutes.panes import MinutesPanes
from scbmeet.gui.minutes.rows import (
    ATTENDANCE,
    AgendaRow,
    HeldItem,
    RecordRow,
    RowKey,
    build_rows,
    quorum_line,
    record_rows,
    row_index,
    with_held_items,
)
from scbmeet.services import Services

INQUORATE_STYLE = "color: #b00020; font-weight: bold;"
REFRESH_DELAY_MS = 50  # change notices come in bursts: reload once
REFRESH_PATIENCE_S = 5.0  # the longest a reload waits for a pause in the typing


class ItemHost(Protocol):
    """What the current item needs from the window besides its panes."""

    services: Services
    meeting: dto.MeetingInfo
    previous_meeting: dto.MeetingInfo | None
    keeper: TextKeeper
    attendance: AttendancePane
    arising: ArisingPane
    owner_confirm: OwnerConfirmPane

    def report(self, exc: BaseException, prefix: str = "") -> None: ...

    def show_save_state(self) -> None: ...

    def seal_typing(self) -> None: ...

    def set_editor(self, field: str, text: str, *, keep_cursor: bool = True) -> None: ...

    def pending_records(self, key: RowKey) -> list[RecordRow]: ...

    def held_items(self) -> list[HeldItem]: ...


class CurrentItem:
    """The agenda rows and the one being taken (``host`` and ``panes`` are the minutes window)."""

    def __init__(self, host: ItemHost, panes: MinutesPanes) -> None:
        self.host = host
        self.interests: dict[int, tuple[InterestInfo, ...]] = {}  # registered, by item
        self.panes = panes
        self.rows: list[AgendaRow] = []
        self.agenda: list[dto.AgendaItemInfo] = []
        self.requests: list[dto.ForwardPlanInfo] = []
        self.current: RowKey | None = None
        self.taking: RowKey | None = None
        self._minutes: list[dto.MinuteItemInfo] = []
        self.selecting = False  # the window itself is moving the agenda's selection
        self.arising_shown: bool | None = None  # whether the page is shared for matters arising
        self.refresh_timer = QTimer(panes)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self._refresh_due = 0.0  # when the pending reload was first asked for
        panes.agenda_view.selectionModel().currentRowChanged.connect(self._on_row_chosen)
        # A click on the agenda opens the item and leaves the keyboard in it, not in the list
        # (a click does not take the keyboard; Ctrl+1 still does, to browse with the arrows).
        panes.agenda_view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        panes.agenda_view.clicked.connect(self._on_row_clicked)

    def refresh_soon(self) -> None:
        if not self.refresh_timer.isActive():
            self._refresh_due = time.monotonic()
        self.refresh_timer.start()

    def hold_refresh_while_typing(self) -> None:
        """A reload costs the typist a hiccup: while the typing flows, it waits for a pause
        (at most a few seconds, so changes made elsewhere still show)."""
        timer = self.refresh_timer
        if timer.isActive() and time.monotonic() - self._refresh_due < REFRESH_PATIENCE_S:
            timer.start()

    def refresh(self) -> None:
        """Reload the agenda, minutes and records from the services; the text being typed is left alone."""
        self.refresh_timer.stop()
        services, meeting_id = self.host.services, self.host.meeting.id
        try:
            self.agenda = services.agenda.agenda(meeting_id)
            minutes = services.minutes.minutes(meeting_id)
            minute_ids = {m.id for m in minutes}
            self.requests = [
                e
                for e in services.forward_plan.entries(self.host.meeting.board_id)
                if e.source_minute_item_id in minute_ids and not e.withdrawn
            ]
            self.host.meeting = services.meetings.meeting(meeting_id)
            self.interests = {
                t.agenda_item_id: t.interests for t in services.interests.touching(meeting_id)
            }
            if self.host.previous_meeting is not None:
                self.host.previous_meeting = services.meetings.meeting(
                    self.host.previous_meeting.id
                )
        except ScbmeetError as exc:
            self.host.report(exc)
            return
        self._minutes = minutes
        self.show_rows()
        if self.current is not None:
            self._update_panels(self.current)
        self.host.show_save_state()

    def show_rows(self) -> None:
        """The agenda as last read, with the items held in the journal (not yet saved)."""
        self.rows = with_held_items(build_rows(self.agenda, self._minutes), self.host.held_items())
        self.panes.agenda_model.set_rows(self.rows)
        self._select_in_view(self.current)

    def row(self, key: RowKey | None) -> AgendaRow | None:
        if key is None:
            return None
        index = row_index(self.rows, key)
        return self.rows[index] if index is not None else None

    def row_titled(self, text: str) -> RowKey:
        """The first row whose title contains ``text`` (any case)."""
        wanted = text.lower()
        for row in self.rows:
            if wanted in row.title.lower():
                return row.key
        raise LookupError(f"no agenda row contains {text!r}")

    def minute_for(self, key: RowKey, *, fresh: bool = False) -> dto.MinuteItemInfo | None:
        if fresh:
            return self._fresh_minute(key)
        row = self.row(key)
        return row.minute if row else None

    def _fresh_minute(self, key: RowKey) -> dto.MinuteItemInfo | None:
        for minute in self.host.services.minutes.minutes(self.host.meeting.id):
            if key.kind == "item" and minute.agenda_item_id == key.id:
                return minute
            if key.kind == "minute" and minute.id == key.id:
                return minute
        return None

    def minute_id_for(self, key: RowKey) -> int:
        minute = self._fresh_minute(key)
        if minute is None:
            raise NotFoundError("That item has no minute yet.")
        return minute.id

    def start_minute(self, key: RowKey) -> dto.MinuteItemInfo:
        """Create the minute of an item (used when it could not be created at the first keystroke)."""
        row = self.row(key)
        if key.kind != "item" or row is None:
            raise NotFoundError("That minute no longer exists.")
        minute = self.host.services.minutes.add_minute(
            self.host.meeting.id, row.title, agenda_item_id=key.id
        )
        if row.status == "scheduled":
            self.host.services.agenda.update_item(key.id, {"status": "taken"})
        return minute

    def row_title(self, key: RowKey) -> str:
        row = self.row(key)
        return row.title if row else ""

    def known_minutes(self) -> list[tuple[RowKey, dto.MinuteItemInfo]]:
        """Every minute of the meeting as this window last read it."""
        return [(row.key, row.minute) for row in self.rows if row.minute is not None]

    def item_being_taken(self) -> dto.AgendaItemInfo | None:
        row = self.row(self.taking)
        return row.agenda_item if row else None

    def go_to(self, key: RowKey) -> None:
        """Show a row (flushing what was typed in the last one) and put the keyboard there."""
        self._select_in_view(key)
        if key != self.current:
            self._show_row(key)
        row = self.row(key)
        if key == ATTENDANCE:
            self.host.attendance.view.setFocus()
        elif row is not None and row.kind == ItemKind.MATTERS_ARISING:
            self._focus_arising(key)  # matters arising starts with the list of actions
        else:
            self.focus_narrative()

    def _focus_arising(self, key: RowKey) -> None:
        """The keyboard in the list of actions; while it is first read, in the narrative,
        and in the list when it comes unless a word has been typed meanwhile (a sentence
        must never reach the list's D/X/P/O keys)."""
        arising = self.host.arising
        if arising.model.rowCount():
            arising.view.setFocus()
            return
        self.focus_narrative()
        revision = self.panes.narrative.document().revision()

        def when_read() -> None:
            untouched = self.panes.narrative.document().revision() == revision
            still_there = self.current == key and self.panes.narrative.hasFocus()
            if still_there and untouched and arising.model.rowCount():
                arising.view.setFocus()

        arising.after_read(when_read)

    def step(self, delta: int) -> None:
        rows = [row for row in self.rows if not row.held]  # nothing to open in those yet
        index = row_index(rows, self.current) if self.current else None
        target = 0 if index is None else max(0, min(len(rows) - 1, index + delta))
        if rows:
            self.go_to(rows[target].key)

    def focus_narrative(self) -> None:
        if self.panes.pages.currentWidget() is self.panes.minute_page:
            self.panes.narrative.setFocus()

    def _select_in_view(self, key: RowKey | None) -> None:
        index = row_index(self.rows, key) if key else None
        if index is None:
            return
        model_index = self.panes.agenda_model.index(index, 0)
        selection = self.panes.agenda_view.selectionModel()
        if selection.currentIndex().row() != index:
            self.selecting = True
            try:
                self.panes.agenda_view.setCurrentIndex(model_index)
            finally:
                self.selecting = False
        self.panes.agenda_view.scrollTo(model_index)

    def _on_row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.selecting or not current.isValid():
            return
        key = current.data(KEY_ROLE)
        if key != self.current:
            self._show_row(key)

    def _on_row_clicked(self, index: QModelIndex) -> None:
        """The item clicked, with the keyboard in its narrative (matters arising too: a
        sentence typed after a click must not reach the list's D/X/P/O keys)."""
        key = index.data(KEY_ROLE)
        if key is None or key == ATTENDANCE:
            self.go_to(key or ATTENDANCE)
            return
        self._select_in_view(key)
        if key != self.current:
            self._show_row(key)
        self.focus_narrative()

    def _show_row(self, key: RowKey) -> None:
        self.host.keeper.flush()  # saving on item change
        self.host.seal_typing()
        self.current = key
        if key == ATTENDANCE:
            row = self.row(key)
            if row is not None:  # "Attendance and declarations" when the agenda has them
                self.panes.attendance_heading.setText(row.title)
            self.panes.pages.setCurrentWidget(self.panes.attendance_page)
            self.host.attendance.refresh(self.agenda)
            return
        self.taking = key
        self.panes.pages.setCurrentWidget(self.panes.minute_page)
        self._load_texts(key)
        self._update_panels(key)

    def _load_texts(self, key: RowKey) -> None:
        row = self.row(key)
        minute = row.minute if row else None
        title = self.host.keeper.pending_text(key, "title")
        narrative = self.host.keeper.pending_text(key, "narrative")
        if title is None:
            title = minute.title if minute else (row.title if row else "")
        if narrative is None:
            narrative = minute.narrative if minute else ""
        self.host.keeper.track(key, minute)
        self.host.set_editor("title", title, keep_cursor=False)
        self.host.set_editor("narrative", narrative, keep_cursor=False)

    def _update_panels(self, key: RowKey) -> None:
        row = self.row(key)
        if row is None or key == ATTENDANCE:
            if key == ATTENDANCE:
                self.host.attendance.refresh(self.agenda)
            return
        self.panes.heading.setText(self._heading(row))
        self.panes.details.setText(
            " · ".join(p for p in (self._details(row), self._interests(row)) if p)
        )
        self.panes.details.setVisible(bool(self.panes.details.text()))
        self._show_quorum(row)
        self.show_records()
        self.host.owner_confirm.show_for(row.minute)
        self.panes.defer_button.setText(
            "Take the item after all (Ctrl+D)" if row.deferred else "Defer item (Ctrl+D)"
        )
        self._update_confirm(row)
        self._update_arising(row)

    def show_records(self) -> None:
        """The minute's records, then what is not yet saved under it (held, unfinished)."""
        row = self.row(self.current)
        if row is None or row.key == ATTENDANCE:
            return
        records = record_rows(row.minute, self.requests) + self.host.pending_records(row.key)
        self.panes.records_model.set_rows(records)
        self.panes.records_view.resizeColumnToContents(0)

    def _show_quorum(self, row: AgendaRow) -> None:
        """The quorum at this item: who is in the room now (late arrivals, early departures)."""
        item = row.agenda_item
        try:
            quorum = self.host.services.quorum.at_item(
                self.host.meeting.id, item.id if item else None
            )
        except ScbmeetError:
            self.panes.quorum_line.hide()  # the database is away: said in the banner
            return
        at = f"At item {item.number}: " if item is not None and item.number else ""
        self.panes.quorum_line.setText(at + quorum_line(quorum))
        self.panes.quorum_line.setStyleSheet("" if quorum.quorate else INQUORATE_STYLE)
        self.panes.quorum_line.show()

    @staticmethod
    def _heading(row: AgendaRow) -> str:
        parts = [f"Item {row.number}" if row.number else "Item"]
        if row.minute is not None:
            parts.append(f"minute {row.minute.reference}")
        else:
            parts.append("not minuted yet (it is numbered when you start typing)")
        if row.deferred:
            parts.append("DEFERRED")
        if row.closed_session:
            parts.append("closed session")
        return " · ".join(parts)

    @staticmethod
    def _details(row: AgendaRow) -> str:
        """Who presents the item and its papers, for the minute-taker's benefit."""
        item = row.agenda_item
        if item is None:
            return ""
        parts = []
        if item.presenters:
            parts.append(f"Presented by {item.presenters}")
        parts += [f"Paper: {paper.title}" for paper in item.papers]
        if item.closed_reference:
            parts.append(f"Reference {item.closed_reference}")
        return " · ".join(parts)

    def _interests(self, row: AgendaRow) -> str:
        """Members' registered interests the item touches (a pecuniary one: takes no part)."""
        item = row.agenda_item
        found = self.interests.get(item.id, ()) if item is not None else ()
        return " · ".join(
            f"Registered interest: {i.person_name} ({i.matter}; {i.kind_label})" for i in found
        )

    def _update_confirm(self, row: AgendaRow) -> None:
        previous = self.host.previous_meeting
        show = row.kind == ItemKind.MINUTES and previous is not None
        self.panes.confirm_frame.setVisible(show)
        if not show or previous is None:
            return
        when = dto.long_date(previous.date)
        if previous.minutes_approved:
            at = " at this meeting" if previous.approved_at_id == self.host.meeting.id else ""
            self.panes.confirm_label.setText(
                f"The minutes of {when} have been confirmed as a correct record{at}."
            )
            self.panes.confirm_button.setEnabled(False)
        else:
            self.panes.confirm_label.setText(f"The minutes of {when} are not yet confirmed.")
            self.panes.confirm_button.setEnabled(True)

    def _share_minute_page(self, arising: bool) -> None:
        """The list of actions is the main thing in matters arising; elsewhere it is hidden
        and the minute's text has the room. The one that matters also takes whatever the
        page gains once laid out (its heading and quorum lines wrap): without that the list
        kept its minimum, 70 pixels at 1024x700, and the text took the rest."""
        splitter = self.panes.minute_splitter
        for index, stretch in enumerate((1, 0, 0) if arising else (0, 1, 0)):
            splitter.setStretchFactor(index, stretch)
        splitter.setSizes([600, 150, 110] if arising else [0, 420, 200])

    def _update_arising(self, row: AgendaRow) -> None:
        show = row.kind == ItemKind.MATTERS_ARISING
        # Tracked here: the list's own visibility says nothing while the page is hidden.
        if show != self.arising_shown:
            self.arising_shown = show
            self.host.arising.frame.setVisible(show)
            self._share_minute_page(show)
        if not show:
            return
        self.host.arising.refresh()
