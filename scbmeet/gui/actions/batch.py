"""The actions register's changes as undoable commands: change state (of one action or of
several at once) and record progress.

Each is a :class:`~scbmeet.gui.widgets.commands.ServiceCommand` calling the services; it is
done once before it is pushed (a refusal reaches the dialog), undo puts every action back
as it was (its state and the day and meeting it was closed at, through
:meth:`~scbmeet.services.actions.ActionService.restore_states`) and takes back the note or
progress update it recorded. :attr:`done_message` is the sentence the status bar shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from scbmeet.domain.dto import ActionStateWas
from scbmeet.gui.widgets.commands import ServiceCommand, shortened
from scbmeet.services import Services
from scbmeet.services.action_rows import STATE_LABELS, ActionRow

Report = Callable[[BaseException], None]


def _was(row: ActionRow) -> ActionStateWas:
    return ActionStateWas(row.id, row.state, row.closed_on, row.closed_at_meeting_id)


def _named(rows: Sequence[ActionRow]) -> str:
    """``action 10/13`` for one, ``3 actions`` for several."""
    if len(rows) == 1:
        return (
            f"action {rows[0].minute_reference}".strip()
            if rows[0].minute_reference
            else "an action"
        )
    return f"{len(rows)} actions"


class ChangeStates(ServiceCommand):
    """Mark one action or several open, in progress, done or dropped."""

    def __init__(
        self,
        services: Services,
        rows: Sequence[ActionRow],
        state: str,
        *,
        on: date,
        meeting_id: int | None = None,
        note: str = "",
        report: Report = lambda exc: None,
    ) -> None:
        label = STATE_LABELS.get(state, state).lower()
        super().__init__(shortened(f"mark {_named(rows)} {label}"))
        self._services, self._report = services, report
        self.earlier = [_was(r) for r in rows]
        self.state, self.on, self.meeting_id, self.note = state, on, meeting_id, note.strip()
        self.note_id: int | None = None
        unchanged = sum(1 for r in rows if r.state == state)
        self.done_message = f"Marked {_named(rows)} {label}."
        if unchanged and len(rows) > 1:
            self.done_message += f" ({unchanged} already were.)"
        self.done_message += (
            " Edit ▸ Undo puts them back." if len(rows) > 1 else " Edit ▸ Undo puts it back."
        )

    @property
    def action_ids(self) -> list[int]:
        return [was.action_id for was in self.earlier]

    def apply(self) -> None:
        actions = self._services.actions
        if len(self.earlier) == 1:
            action_id = self.earlier[0].action_id
            actions.set_state(
                action_id, self.state, at_meeting_id=self.meeting_id, on=self.on, note=self.note
            )
            if self.note:
                notes = [u.id for u in actions.updates(action_id) if u.text == self.note]
                self.note_id = max(notes) if notes else None
        else:
            actions.set_states(self.action_ids, self.state, on=self.on)

    def revert(self) -> None:
        if self.note_id is not None:
            self._services.actions.delete_update(self.note_id)
            self.note_id = None
        self._services.actions.restore_states(self.earlier)

    def report(self, exc: BaseException) -> None:
        self._report(exc)


class RecordProgress(ServiceCommand):
    """Progress recorded on one action (which makes an open action *in progress*)."""

    def __init__(
        self,
        services: Services,
        row: ActionRow,
        text: str,
        *,
        on: date,
        meeting_id: int | None = None,
        report: Report = lambda exc: None,
    ) -> None:
        super().__init__(shortened(f"record progress on {_named([row])}"))
        self._services, self._report = services, report
        self.earlier = _was(row)
        self.text, self.on, self.meeting_id = text, on, meeting_id
        self.update_id: int | None = None
        self.done_message = (
            f"Recorded progress on {_named([row])}"
            + (" (now in progress)" if row.state == "open" else "")
            + ". Edit ▸ Undo takes it back."
        )

    @property
    def action_ids(self) -> list[int]:
        return [self.earlier.action_id]

    def apply(self) -> None:
        info = self._services.actions.add_update(
            self.earlier.action_id, self.text, on=self.on, meeting_id=self.meeting_id
        )
        self.update_id = info.id

    def revert(self) -> None:
        actions = self._services.actions
        if self.update_id is not None:
            actions.delete_update(self.update_id)
            self.update_id = None
        if actions.action(self.earlier.action_id).state != self.earlier.state:
            actions.restore_states([self.earlier])

    def report(self, exc: BaseException) -> None:
        self._report(exc)


__all__ = ["ChangeStates", "RecordProgress"]
