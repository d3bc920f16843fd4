"""Undoable steps of the minutes window: each calls the services to do and to undo itself.

The window runs a command's :meth:`~ServiceCommand.execute` first; only if that succeeds
is the command pushed on the :class:`QUndoStack` (its first ``redo`` is then skipped), so
a failed step never sits on the stack. Undo and redo that fail (the database went away)
are reported by the host, which then clears the history rather than let it lie.

A step that re-creates a record (redoing "add action" after undoing it) gets a new id;
:class:`IdMap` follows the chain of ids so later steps still find their record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from scbmeet.domain import dto
from scbmeet.gui.minutes.rows import RowKey
from scbmeet.services import Services
from scbmeet.text.shorthand import split_owner_text

TEXT_EDIT_ID = 4201


class IdMap:
    """Where a record re-created by undo/redo lives now: ``current("minute", 12) -> 17``."""

    def __init__(self) -> None:
        self._moved: dict[tuple[str, int], int] = {}

    def current(self, kind: str, ident: int) -> int:
        seen = set()
        while (kind, ident) in self._moved and ident not in seen:
            seen.add(ident)
            ident = self._moved[(kind, ident)]
        return ident

    def moved(self, kind: str, old: int, new: int) -> None:
        if old != new:
            self._moved[(kind, old)] = new

    def key(self, key: RowKey) -> RowKey:
        if key.kind in ("item", "minute"):
            return RowKey(key.kind, self.current(key.kind, key.id))
        return key


class Host(Protocol):
    """What commands need from the window."""

    services: Services
    ids: IdMap
    meeting: dto.MeetingInfo

    def minute_id_for(self, key: RowKey) -> int: ...

    def apply_text(self, key: RowKey, field: str, text: str) -> None: ...

    def command_failed(self, command: QUndoCommand, exc: Exception) -> None: ...

    def command_done(self, focus: RowKey | None) -> None: ...


class ServiceCommand(QUndoCommand):
    """A step that calls the services; subclasses write :meth:`do` and :meth:`revert`."""

    def __init__(self, host: Host, text: str, focus: RowKey | None = None) -> None:
        super().__init__(text)
        self.host = host
        self.focus = focus
        self._skip_redo = False

    def execute(self) -> None:
        """Do the step for the first time; raises if it cannot be done."""
        self.do()
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except Exception as exc:  # reported by the host; Qt must not see it
            self.host.command_failed(self, exc)
            return
        self.host.command_done(self.focus)

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    # helpers
    @property
    def services(self) -> Services:
        return self.host.services

    def minute_id(self, key: RowKey) -> int:
        return self.host.minute_id_for(self.host.ids.key(key))

    def item_id(self, item_id: int) -> int:
        return self.host.ids.current("item", item_id)


class EditText(ServiceCommand):
    """Typing in a minute's title or narrative; one burst of typing is one step."""

    def __init__(self, host: Host, key: RowKey, field: str, before: str, after: str) -> None:
        label = "typing in the title" if field == "title" else "typing"
        super().__init__(host, label, key)
        self.key, self.field, self.before, self.after = key, field, before, after
        self.sealed = False

    def id(self) -> int:
        return TEXT_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, EditText)
            or self.sealed
            or other.key != self.key
            or other.field != self.field
        ):
            return False
        self.after = other.after
        return True

    def do(self) -> None:
        self.host.apply_text(self.host.ids.key(self.key), self.field, self.after)

    def revert(self) -> None:
        self.host.apply_text(self.host.ids.key(self.key), self.field, self.before)


class TakeItem(ServiceCommand):
    """Start the minute of an agenda item: it gets the next minute number."""

    def __init__(self, host: Host, key: RowKey, title: str, status_before: str) -> None:
        super().__init__(host, f"start the minute of {title}", key)
        self.key, self.title, self.status_before = key, title, status_before
        self.minute_id: int | None = None

    def do(self) -> None:
        item_id = self.item_id(self.key.id)
        minute = self.services.minutes.add_minute(
            self.host.meeting.id, self.title, agenda_item_id=item_id
        )
        if self.minute_id is not None:
            self.host.ids.moved(
                "minute", self.host.ids.current("minute", self.minute_id), minute.id
            )
        else:
            self.minute_id = minute.id
        if self.status_before == "scheduled":
            self.services.agenda.update_item(item_id, {"status": "taken"})

    def revert(self) -> None:
        assert self.minute_id is not None
        self.services.minutes.delete_minute(self.host.ids.current("minute", self.minute_id))
        if self.status_before == "scheduled":
            self.services.agenda.update_item(self.item_id(self.key.id), {"status": "scheduled"})


class AddResolution(ServiceCommand):
    def __init__(self, host: Host, key: RowKey, text: str) -> None:
        super().__init__(host, "add a resolution", key)
        self.key, self.resolution_text = key, text
        self.resolution_id: int | None = None

    def do(self) -> None:
        info = self.services.minutes.add_resolution(self.minute_id(self.key), self.resolution_text)
        self._remember(info.id)

    def _remember(self, new_id: int) -> None:
        if self.resolution_id is None:
            self.resolution_id = new_id
        else:
            ids = self.host.ids
            ids.moved("resolution", ids.current("resolution", self.resolution_id), new_id)

    def revert(self) -> None:
        assert self.resolution_id is not None
        self.services.minutes.delete_resolution(
            self.host.ids.current("resolution", self.resolution_id)
        )


class EditResolution(ServiceCommand):
    """Change a resolution's text, if nobody else changed it since it was read (``version``)."""

    what = "this resolution"

    def __init__(
        self, host: Host, key: RowKey, resolution_id: int, before: str, after: str, version: int
    ) -> None:
        super().__init__(host, "change a resolution", key)
        self.key, self.resolution_id, self.before, self.after = key, resolution_id, before, after
        self.version = version

    def _set(self, text: str) -> None:
        info = self.services.minutes.update_resolution(
            self.host.ids.current("resolution", self.resolution_id),
            text,
            expected_version=self.version,
        )
        self.version = info.version

    def do(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)

    def again(self, text: str, version: int) -> EditResolution:
        """The same change saved over their version (after a save conflict)."""
        return EditResolution(self.host, self.key, self.resolution_id, self.before, text, version)


class DeleteResolution(AddResolution):
    """Removing a resolution is adding it, backwards."""

    def __init__(self, host: Host, key: RowKey, resolution_id: int, text: str) -> None:
        super().__init__(host, key, text)
        self.setText("remove a resolution")
        self.resolution_id = resolution_id

    def do(self) -> None:
        AddResolution.revert(self)

    def revert(self) -> None:
        AddResolution.do(self)


@dataclass(frozen=True)
class ActionDraft:
    """An action as the dialog or the shorthand describes it."""

    text: str
    owners: tuple[dto.OwnerRef, ...]
    due_date: date | None = None
    due_meeting_id: int | None = None
    owner_to_confirm: str = ""  # an owner as typed that the register did not match
    after_line: int | None = None  # where in the narrative it was taken


class AddAction(ServiceCommand):
    def __init__(self, host: Host, key: RowKey, draft: ActionDraft) -> None:
        super().__init__(host, "add an action", key)
        self.key, self.draft = key, draft
        self.action_id: int | None = None

    def do(self) -> None:
        info = self.services.actions.add_action(
            self.minute_id(self.key),
            self.draft.text,
            list(self.draft.owners),
            due_date=self.draft.due_date,
            due_meeting_id=self.draft.due_meeting_id,
            owner_to_confirm=self.draft.owner_to_confirm,
            after_line=self.draft.after_line,
        )
        if self.action_id is None:
            self.action_id = info.id
        else:
            self.host.ids.moved("action", self.host.ids.current("action", self.action_id), info.id)

    def revert(self) -> None:
        assert self.action_id is not None
        self.services.actions.delete_action(
            self.host.ids.current("action", self.action_id), reason="undone while taking minutes"
        )


class EditAction(ServiceCommand):
    """Change an action, if nobody else changed it since it was read (``version``)."""

    what = "this action"

    def __init__(
        self,
        host: Host,
        key: RowKey,
        action_id: int,
        before: ActionDraft,
        after: ActionDraft,
        version: int,
    ) -> None:
        super().__init__(host, "change an action", key)
        self.key, self.action_id, self.before, self.after = key, action_id, before, after
        self.version = version

    def _set(self, draft: ActionDraft) -> None:
        info = self.services.actions.update_action(
            self.host.ids.current("action", self.action_id),
            {
                "text": draft.text,
                "due_date": draft.due_date,
                "due_meeting_id": draft.due_meeting_id,
                "owner_to_confirm": draft.owner_to_confirm,
            },
            owners=list(draft.owners),
            expected_version=self.version,
        )
        self.version = info.version

    def do(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)

    def again(self, text: str, version: int) -> EditAction:
        """The same change (with ``text``) saved over their version (after a save conflict)."""
        after = replace(self.after, text=text)
        return EditAction(self.host, self.key, self.action_id, self.before, after, version)


class ConfirmOwner(ServiceCommand):
    """An owner typed as nobody in the register knows them, confirmed as a register owner.

    ``name`` is the one typed name (of those still to be confirmed) that ``owner`` answers."""

    def __init__(
        self, host: Host, key: RowKey, action: dto.ActionInfo, name: str, owner: dto.OwnerRef
    ) -> None:
        super().__init__(host, f"confirm {owner.name} as the owner", key)
        self.action_id = action.id
        self.before = (tuple(action.owners), action.owner_to_confirm)
        rest = [n for n in split_owner_text(action.owner_to_confirm) if n != name]
        owners = tuple(action.owners) + ((owner,) if owner not in action.owners else ())
        self.after = (owners, "/".join(rest))

    def _set(self, owners: tuple[dto.OwnerRef, ...], to_confirm: str) -> None:
        self.services.actions.update_action(
            self.host.ids.current("action", self.action_id),
            {"owner_to_confirm": to_confirm},
            owners=list(owners),
        )

    def do(self) -> None:
        self._set(*self.after)

    def revert(self) -> None:
        self._set(*self.before)


class DeleteAction(AddAction):
    def __init__(self, host: Host, key: RowKey, action_id: int, draft: ActionDraft) -> None:
        super().__init__(host, key, draft)
        self.setText("remove an action")
        self.action_id = action_id

    def do(self) -> None:
        AddAction.revert(self)

    def revert(self) -> None:
        AddAction.do(self)


class AskForUpdate(ServiceCommand):
    """ "Ask for an update in N months": a forward-plan entry sourced from this minute."""

    def __init__(self, host: Host, key: RowKey, title: str, months: int, detail: str = "") -> None:
        super().__init__(host, f"ask for an update in {months} months", key)
        self.key, self.title, self.months, self.detail = key, title, months, detail
        self.entry_id: int | None = None

    def do(self) -> None:
        minute_id = self.minute_id(self.key)
        reference = self.services.minutes.minute(minute_id).reference
        info = self.services.forward_plan.add_entry(
            self.host.meeting.board_id,
            self.title,
            detail=self.detail,
            in_months=self.months,
            from_date=self.host.meeting.date,
            source_minute_item_id=minute_id,
            source_text=f"Minute {reference}",
        )
        if self.entry_id is None:
            self.entry_id = info.id
        else:
            self.host.ids.moved("entry", self.host.ids.current("entry", self.entry_id), info.id)

    def revert(self) -> None:
        assert self.entry_id is not None
        self.services.forward_plan.delete_entry(self.host.ids.current("entry", self.entry_id))


class WithdrawUpdate(ServiceCommand):
    """Remove an update request made by mistake (undo puts it back)."""

    def __init__(self, host: Host, key: RowKey, entry_id: int) -> None:
        super().__init__(host, "remove an update request", key)
        self.entry_id = entry_id

    def do(self) -> None:
        self.services.forward_plan.update_entry(
            self.host.ids.current("entry", self.entry_id), {"withdrawn": True}
        )

    def revert(self) -> None:
        self.services.forward_plan.update_entry(
            self.host.ids.current("entry", self.entry_id), {"withdrawn": False}
        )


class SetItemStatus(ServiceCommand):
    """Defer an agenda item (or take it after all)."""

    def __init__(self, host: Host, key: RowKey, before: str, after: str) -> None:
        label = "defer the item" if after == "deferred" else f"mark the item {after}"
        super().__init__(host, label, key)
        self.key, self.before, self.after = key, before, after

    def do(self) -> None:
        self.services.agenda.update_item(self.item_id(self.key.id), {"status": self.after})

    def revert(self) -> None:
        self.services.agenda.update_item(self.item_id(self.key.id), {"status": self.before})


class AddItem(ServiceCommand):
    """An item added in the room (any other business), placed after the current item."""

    def __init__(
        self, host: Host, title: str, before_item_id: int | None, *, closed: bool = False
    ) -> None:
        super().__init__(host, f"add the item {title}")
        self.title, self.before_item_id, self.closed = title, before_item_id, closed
        self.new_item_id: int | None = None

    def do(self) -> None:
        before = self.item_id(self.before_item_id) if self.before_item_id else None
        info = self.services.agenda.add_item(
            self.host.meeting.id,
            self.title,
            before_item_id=before,
            session="closed" if self.closed else "open",
        )
        if self.new_item_id is None:
            self.new_item_id = info.id
        else:
            self.host.ids.moved("item", self.item_id(self.new_item_id), info.id)
        self.focus = RowKey("item", self.new_item_id)

    def revert(self) -> None:
        assert self.new_item_id is not None
        self.services.agenda.delete_item(self.item_id(self.new_item_id))
        self.focus = None


class MoveMinute(ServiceCommand):
    """Move a minute earlier or later; the numbers follow the new order."""

    def __init__(self, host: Host, key: RowKey, before_index: int, after_index: int) -> None:
        super().__init__(host, "move the minute", key)
        self.key, self.before_index, self.after_index = key, before_index, after_index

    def do(self) -> None:
        self.services.minutes.move_minute(self.minute_id(self.key), self.after_index)

    def revert(self) -> None:
        self.services.minutes.move_minute(self.minute_id(self.key), self.before_index)


@dataclass(frozen=True)
class AttendanceSpec:
    """How one person took part, as :meth:`MeetingService.set_attendance` takes it."""

    status: str
    substitute_for_id: int | None = None
    arrived_during_id: int | None = None
    left_during_id: int | None = None
    note: str = ""

    @classmethod
    def of(cls, info: dto.AttendanceInfo | None) -> AttendanceSpec | None:
        if info is None:
            return None
        return cls(
            info.status,
            info.substitute_for_id,
            info.arrived_during_id,
            info.left_during_id,
            info.note,
        )


class SetAttendance(ServiceCommand):
    def __init__(
        self,
        host: Host,
        person_id: int,
        name: str,
        before: AttendanceSpec | None,
        after: AttendanceSpec | None,
    ) -> None:
        what = after.status.replace("_", " ") if after else "not recorded"
        super().__init__(host, f"{name}: {what}", RowKey("attendance", 0))
        self.person_id, self.before, self.after = person_id, before, after

    def _set(self, spec: AttendanceSpec | None) -> None:
        meetings = self.services.meetings
        if spec is None:
            meetings.clear_attendance(self.host.meeting.id, self.person_id)
            return
        ids = self.host.ids
        meetings.set_attendance(
            self.host.meeting.id,
            self.person_id,
            spec.status,
            substitute_for_id=spec.substitute_for_id,
            arrived_during_id=ids.current("item", spec.arrived_during_id)
            if spec.arrived_during_id
            else None,
            left_during_id=ids.current("item", spec.left_during_id)
            if spec.left_during_id
            else None,
            note=spec.note,
        )

    def do(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


class SetActionState(ServiceCommand):
    """Matters arising: mark an earlier action done, dropped or still open, at this meeting."""

    def __init__(self, host: Host, key: RowKey, action: dto.ActionInfo, after: str) -> None:
        super().__init__(host, f"mark an action {after.replace('_', ' ')}", key)
        self.action_id, self.before, self.after = action.id, action.state, after

    def do(self) -> None:
        closing = self.after in ("done", "dropped")
        self.services.actions.set_state(
            self.action_id, self.after, at_meeting_id=self.host.meeting.id if closing else None
        )

    def revert(self) -> None:
        self.services.actions.set_state(self.action_id, self.before)


STILL_OPEN_NOTE = "Still open (reviewed under matters arising)."


class KeepOpen(ServiceCommand):
    """Matters arising: an open action reported still open, noted as an update at this meeting
    (its state is unchanged)."""

    def __init__(self, host: Host, key: RowKey, action: dto.ActionInfo) -> None:
        super().__init__(host, "note an action still open", key)
        self.action_id, self.state = action.id, action.state
        self.update_id: int | None = None

    def do(self) -> None:
        actions, meeting_id = self.services.actions, self.host.meeting.id
        actions.set_state(
            self.action_id, self.state, at_meeting_id=meeting_id, note=STILL_OPEN_NOTE
        )
        notes = [
            u
            for u in actions.updates(self.action_id)
            if u.meeting_id == meeting_id and u.text == STILL_OPEN_NOTE
        ]
        self.update_id = max(u.id for u in notes)

    def revert(self) -> None:
        assert self.update_id is not None
        self.services.actions.delete_update(self.update_id)


class AddProgress(ServiceCommand):
    """Matters arising: progress reported on an earlier action, stored as an update at this meeting."""

    def __init__(self, host: Host, key: RowKey, action: dto.ActionInfo, text: str) -> None:
        super().__init__(host, "record progress on an action", key)
        self.action_id, self.state_before, self.progress = action.id, action.state, text
        self.update_id: int | None = None

    def do(self) -> None:
        info = self.services.actions.add_update(
            self.action_id, self.progress, meeting_id=self.host.meeting.id
        )
        self.update_id = info.id

    def revert(self) -> None:
        assert self.update_id is not None
        self.services.actions.delete_update(self.update_id)
        if self.services.actions.action(self.action_id).state != self.state_before:
            self.services.actions.set_state(self.action_id, self.state_before)


class ConfirmMinutes(ServiceCommand):
    """ "Confirmed as a correct record": approves and locks the earlier meeting's minutes."""

    def __init__(self, host: Host, key: RowKey, previous: dto.MeetingInfo) -> None:
        super().__init__(host, "confirm the minutes of the last meeting", key)
        self.previous = previous

    def do(self) -> None:
        self.services.meetings.approve_minutes(self.previous.id, self.host.meeting.id)

    def revert(self) -> None:
        self.services.meetings.reopen_minutes(
            self.previous.id,
            f"Confirmation undone while taking the minutes of {self.host.meeting.label}.",
        )


def confirmation_text(previous: dto.MeetingInfo) -> str:
    """The resolution recorded under the minutes item."""
    return (
        f"that the minutes of the meeting held on {dto.long_date(previous.date)} be confirmed "
        "as a correct record."
    )


def draft_of(action: dto.ActionInfo) -> ActionDraft:
    return ActionDraft(
        action.text,
        action.owners,
        action.due_date,
        action.due_meeting_id,
        owner_to_confirm=action.owner_to_confirm,
        after_line=action.after_line,
    )
