"""New meeting (and a meeting's details): prefilled from the board, checked before saving.

A new meeting starts with the date the board would usually meet next, the board's time
and venue, and the standard agenda, which the services build (apologies, minutes of the
last meeting, matters arising, the forward-plan entries ticked here, AOB, date of next
meeting); or with a copy of the previous meeting's agenda, a saved template of the board, or
an empty agenda.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QListView, QWidget

from scbmeet.domain.calendar_days import unusual_meeting_day
from scbmeet.domain.dto import ForwardPlanInfo, MeetingInfo, long_date
from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui.widgets.clock import today
from scbmeet.gui.widgets.dialogs import FormDialog, Problems
from scbmeet.gui.widgets.forms import child
from scbmeet.gui.widgets.inputs import DateField, format_time, parse_date, parse_time
from scbmeet.gui.widgets.table_models import CheckListModel
from scbmeet.services import Services

# What a new agenda starts from (the start-from combo's data): a template's id, or these.
STANDARD = 0
EMPTY = -1
PREVIOUS = -2  # a copy of the agenda of the board's last meeting before this one


class MeetingDialog(FormDialog):
    """Create a meeting (``meeting`` None) or change an existing meeting's details."""

    FORM = "meeting_dialog"

    def __init__(
        self,
        services: Services,
        *,
        board_id: int | None = None,
        meeting: MeetingInfo | None = None,
        on_update: Callable[[dict[str, Any]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting = meeting
        # Where a details change goes (the meeting page makes it an undoable command);
        # a refusal raised there is shown at its field like any other.
        self.on_update = on_update
        self.created: MeetingInfo | None = None
        f = self.form
        self.board_combo = child(f, QComboBox, "boardCombo")
        self.date = DateField(
            child(f, QLineEdit, "dateEdit"),
            note=child(f, QLabel, "dateNote"),
            question=unusual_meeting_day,
        )
        self.time_edit = child(f, QLineEdit, "timeEdit")
        self.venue_edit = child(f, QLineEdit, "venueEdit")
        self.title_edit = child(f, QLineEdit, "titleEdit")
        self.start_from = child(f, QComboBox, "startFromCombo")
        self.forward_plan = CheckListModel(self)
        child(f, QListView, "forwardPlanView").setModel(self.forward_plan)
        self.forward_plan_label = child(f, QLabel, "forwardPlanLabel")
        self._prefilled: dict[str, str] = {}
        self._taken: set[date] = set()
        self._fill_boards(board_id if meeting is None else meeting.board_id)
        if meeting is None:
            self.setWindowTitle("New meeting")
            self.board_combo.currentIndexChanged.connect(self._board_changed)
            self.date.edit.textChanged.connect(self._refresh_forward_plan)
            self.date.edit.textChanged.connect(self._refresh_previous)
            self.start_from.currentIndexChanged.connect(self._refresh_forward_plan)
            self._board_changed()
        else:
            self.setWindowTitle(f"Meeting details – {meeting.label}")
            self.board_combo.setEnabled(False)
            child(f, QGroupBox, "agendaGroup").hide()
            self._fill_meeting(meeting)
        self.mark_pristine()

    # -- filling -------------------------------------------------------------------------------
    def _fill_boards(self, board_id: int | None) -> None:
        for b in self.services.register.boards():
            if b.active or b.id == board_id:
                self.board_combo.addItem(f"{b.short_name} – {b.name}", b.id)
        if board_id is not None:
            self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(board_id)))

    def _fill_meeting(self, meeting: MeetingInfo) -> None:
        self.date.set_value(meeting.date)
        self.time_edit.setText(format_time(meeting.start_time))
        self.venue_edit.setText(meeting.venue)
        self.title_edit.setText(meeting.title)
        self._taken = {
            m.date for m in self.services.meetings.meetings(meeting.board_id) if m.id != meeting.id
        }

    def board_id(self) -> int | None:
        data = self.board_combo.currentData()
        return int(data) if data is not None else None

    def _board_changed(self) -> None:
        """Prefill from the board, keeping whatever the user typed over the last prefill."""
        board_id = self.board_id()
        if board_id is None:
            return
        board = self.services.register.board(board_id)
        suggestion = self.services.meetings.suggest_date(board_id, today())
        prefill = {
            "date": long_date(suggestion),
            "time": format_time(board.default_start_time),
            "venue": board.default_venue,
        }
        for key, edit in (
            ("date", self.date.edit),
            ("time", self.time_edit),
            ("venue", self.venue_edit),
        ):
            if edit.text() == self._prefilled.get(key, ""):
                edit.setText(prefill[key])
                edit.setCursorPosition(0)  # show the start of a long venue
        self._prefilled = prefill
        self._taken = {m.date for m in self.services.meetings.meetings(board_id)}
        self.start_from.clear()
        self.start_from.addItem("The standard agenda", STANDARD)
        self.start_from.addItem("A copy of the previous meeting's agenda", PREVIOUS)
        self._refresh_previous()
        for template_id, name in self.services.agenda.templates(board_id):
            self.start_from.addItem(f"Template: {name}", template_id)
        self.start_from.addItem("An empty agenda", EMPTY)
        self._refresh_forward_plan()

    def previous_agenda(self) -> tuple[int, date] | None:
        """The meeting (id, date) whose agenda a copy would take, for the date typed."""
        board_id = self.board_id()
        try:
            on = parse_date(self.date.edit.text())
        except ValueError:
            return None
        return None if board_id is None else self.services.agenda.previous_agenda(board_id, on)

    def _refresh_previous(self) -> None:
        """Name the meeting a copy would come from (it depends on the date typed)."""
        index = self.start_from.findData(PREVIOUS)
        if index < 0:
            return
        previous = self.previous_agenda()
        text = "A copy of the previous meeting's agenda"
        if previous is not None:
            text += f" ({long_date(previous[1])})"
        self.start_from.setItemText(index, text)

    def start_kind(self) -> int:
        """STANDARD, EMPTY, PREVIOUS or the id of the template the agenda starts from."""
        data = self.start_from.currentData()
        return int(data) if data is not None else STANDARD

    def _refresh_forward_plan(self) -> None:
        """Offer the forward-plan entries due by the date typed (all ticked to begin with)."""
        board_id = self.board_id()
        kind = self.start_kind()
        try:
            on = parse_date(self.date.edit.text())
        except ValueError:
            return  # half-typed: keep the list (and its ticks) until the date is whole
        entries = (
            self.services.forward_plan.due_on(board_id, on)
            if board_id is not None and kind != EMPTY
            else []
        )
        was = set(self.forward_plan.ids())
        keep = set(self.forward_plan.checked_ids()) | ({e.id for e in entries} - was)
        self.forward_plan.set_items(
            (
                (e.id, f"{e.title} (closed session)" if e.is_closed else e.title, _hint(e))
                for e in entries
            ),
            checked=keep,
        )
        if kind == EMPTY:
            text = "An empty agenda: add the items yourself."
        elif entries:
            text = "Forward-plan entries due at this meeting (tick those to put on the agenda):"
        else:
            text = "No forward-plan entries are due by this date."
        self.forward_plan_label.setText(text)

    # -- checking and saving ---------------------------------------------------------------------
    def validate(self) -> Problems:
        problems: Problems = []
        if self.board_id() is None:
            problems.append((self.board_combo, "Create a board first (Register ▸ New board)."))
        try:
            on = self.date.value()
        except ValueError as exc:
            problems.append((self.date.edit, str(exc)))
        else:
            if on in self._taken:
                short = self.board_combo.currentText().split(" – ")[0]
                problems.append(
                    (
                        self.date.edit,
                        f"{short} already meets on {long_date(on)}; choose another date.",
                    )
                )
        try:
            parse_time(self.time_edit.text())
        except ValueError as exc:
            problems.append((self.time_edit, str(exc)))
        if (
            self.meeting is None
            and self.start_kind() == PREVIOUS
            and self.previous_agenda() is None
        ):
            problems.append(
                (
                    self.start_from,
                    "No earlier meeting of this board has an agenda to copy; "
                    "start from the standard agenda.",
                )
            )
        return problems

    def save(self) -> None:
        on = self.date.value()
        start = parse_time(self.time_edit.text())
        venue = self.venue_edit.text().strip()
        title = self.title_edit.text().strip()
        if self.meeting is not None:
            changes: dict[str, Any] = {
                "date": on,
                "start_time": start,
                "venue": venue,
                "title": title,
            }
            if self.on_update is not None:
                self.on_update(changes)
            else:
                self.services.meetings.update_meeting(self.meeting.id, changes)
            return
        board_id = self.board_id()
        assert board_id is not None
        kind = self.start_kind()
        chosen = self.forward_plan.checked_ids()
        previous = self.previous_agenda() if kind == PREVIOUS else None
        self.created = self.services.meetings.create_meeting(
            board_id,
            on,
            start_time=start,
            venue=venue,
            title=title,
            standard_agenda=kind != EMPTY,
            include_forward_plan=chosen if kind == STANDARD else [],
            template_id=kind if kind > 0 else None,
            copy_agenda_of=previous[0] if previous is not None else None,
        )
        if kind > 0 or kind == PREVIOUS:  # neither takes forward-plan entries by itself
            for entry_id in chosen:
                self.services.forward_plan.schedule(entry_id, self.created.id)

    def field_for(self, error: ScbmeetError) -> QWidget | None:
        text = str(error)
        if "meets on" in text or "date" in text:
            return self.date.edit
        if "venue" in text:
            return self.venue_edit
        return None


def _hint(entry: ForwardPlanInfo) -> str:
    closed = (
        " Asked for in closed session: it goes in the closed session." if entry.is_closed else ""
    )
    return f"Asked for: {entry.due_label}.{closed} {entry.detail}".strip()
