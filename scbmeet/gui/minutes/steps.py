"""What the keys and buttons do to the item being taken, each step one undoable command:
a resolution, action or update request added (through its dialog), changed or removed;
the item deferred, a new item raised in the room, the minute moved, the last meeting's
minutes confirmed.

:class:`MinuteSteps` asks what a step needs and hands the commands to the window's
``run_command``/``run_group``; the shorthand lines reuse its dialogs and checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from scbmeet.domain import dto
from scbmeet.domain.enums import ItemKind
from scbmeet.gui.minutes.arising import ArisingPane
from scbmeet.gui.minutes.commands import (
    ActionDraft,
    AddAction,
    AddItem,
    AddResolution,
    AskForUpdate,
    ConfirmMinutes,
    DeleteAction,
    DeleteResolution,
    EditAction,
    EditResolution,
    Host,
    MoveMinute,
    ServiceCommand,
    SetItemStatus,
    TakeItem,
    WithdrawUpdate,
    confirmation_text,
    draft_of,
)
from scbmeet.gui.minutes.current_item import CurrentItem
from scbmeet.gui.minutes.dialogs import ActionDialog, TextDialog, UpdateDialog, open_dialog
from scbmeet.gui.minutes.drafts import Draft, Drafts
from scbmeet.gui.minutes.models import KEY_ROLE
from scbmeet.gui.minutes.panes import MinutesPanes
from scbmeet.gui.minutes.rows import AgendaRow, RowKey
from scbmeet.text.paragraphs import lines_before_offset
from scbmeet.text.shorthand import DuePick


class StepsHost(Host, Protocol):
    """What the steps need from the window: the commands' host, and running them."""

    next_meeting: dto.MeetingInfo | None
    previous_meeting: dto.MeetingInfo | None
    drafts: Drafts
    arising: ArisingPane

    def run_command(self, command: ServiceCommand) -> bool: ...

    def run_group(self, label: str, commands: list[ServiceCommand]) -> bool: ...

    def notice(self, message: str) -> None: ...


class MinuteSteps:
    """The steps on the current item (``host`` and ``panes`` are the window)."""

    def __init__(self, host: StepsHost, panes: MinutesPanes, item: CurrentItem) -> None:
        self.host = host
        self.panes = panes
        self.item = item

    def minute_row(self) -> AgendaRow | None:
        row = self.item.row(self.item.current)
        if row is None or not row.can_be_minuted:
            self.host.notice("Choose an agenda item first (Alt+Down moves to the next one).")
            return None
        if self.host.meeting.minutes_approved:
            self.host.notice("These minutes are approved and read-only.")
            return None
        return row

    def with_minute(self, row: AgendaRow, commands: list[ServiceCommand]) -> list[ServiceCommand]:
        """Steps that need the row's minute, preceded by starting it if needed."""
        if row.minute is None and row.key.kind == "item":
            return [TakeItem(self.host, row.key, row.title, row.status), *commands]
        return commands

    def _draft_row(self, draft: Draft | None) -> AgendaRow | None:
        """The row a step is for: the current one, or the one a draft was typed under."""
        if draft is not None and self.item.row(draft.row) is not None:
            self.item.go_to(draft.row)
        return self.minute_row()

    def add_resolution(self, text: str = "", *, draft: Draft | None = None) -> None:
        row = self._draft_row(draft)
        if row is None:
            return
        dialog = TextDialog(self.panes, "Resolution", "RESOLVED", text=text, what="resolution")
        self.host.drafts.watch(dialog, "resolution", row.key, draft=draft)
        open_dialog(
            dialog,
            lambda: self._resolution_typed(row.key, dialog.value()),
            focus=self.item.focus_narrative,
        )

    def _resolution_typed(self, key: RowKey, text: str) -> None:
        row = self.item.row(key)
        if row is not None:
            self.host.run_group(
                "add a resolution", self.with_minute(row, [AddResolution(self.host, key, text)])
            )

    def add_action(self, *, draft: Draft | None = None) -> None:
        row = self._draft_row(draft)
        if row is not None:
            place = draft.extra.get("place") if draft else self.narrative_place()
            self.open_action_dialog(
                row.key,
                then=lambda made: self._action_made(row.key, replace(made, after_line=place)),
                draft=draft,
                place=place,
            )

    def narrative_place(self) -> int:
        """How many lines of the minute's text come before the cursor: where an action is taken."""
        narrative = self.panes.narrative
        return lines_before_offset(narrative.toPlainText(), narrative.textCursor().position())

    def open_action_dialog(
        self,
        key: RowKey,
        *,
        text: str = "",
        owners: str = "",
        due: DuePick | None = None,
        problem: str = "",
        then: Callable[[ActionDraft], object] | None = None,
        draft: Draft | None = None,
        kind: str = "action",
        **where: int | None,
    ) -> None:
        dialog = ActionDialog(
            self.panes,
            self.host.services,
            self.host.meeting,
            self.host.next_meeting,
            text=text,
            owners=owners,
            due=due,
            problem=problem,
        )
        self.host.drafts.watch(dialog, kind, key, draft=draft, **where)

        def accepted() -> None:
            if dialog.draft is not None:
                (then or (lambda draft: self._action_made(key, draft)))(dialog.draft)

        open_dialog(dialog, accepted, focus=self.item.focus_narrative)

    def _action_made(self, key: RowKey, draft: ActionDraft) -> None:
        row = self.item.row(key)
        if row is not None:
            self.host.run_group(
                "add an action", self.with_minute(row, [AddAction(self.host, key, draft)])
            )

    def ask_for_update(self, *, draft: Draft | None = None) -> None:
        row = self._draft_row(draft)
        if row is None:
            return
        dialog = UpdateDialog(self.panes, f"Update: {row.title}", self.host.meeting.date)
        self.host.drafts.watch(dialog, "update", row.key, draft=draft)

        def accepted() -> None:
            title, months, detail = dialog.values()
            self._update_asked(row.key, title, months, detail)

        open_dialog(dialog, accepted, focus=self.item.focus_narrative)

    def _update_asked(self, key: RowKey, title: str, months: int, detail: str = "") -> None:
        row = self.item.row(key)
        if row is not None:
            command = AskForUpdate(self.host, key, title, months, detail)
            self.host.run_group(command.text(), self.with_minute(row, [command]))

    def current_record(self) -> tuple[str, int | str] | None:
        index = self.panes.records_view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def edit_record(self) -> None:
        record, row = self.current_record(), self.item.row(self.item.current)
        if record is not None and record[0] == "draft":
            self.finish_draft(str(record[1]))
            return
        if record is not None and record[0] == "held":
            self.host.notice(
                "Not yet saved: it is kept in the journal and saved as soon as the database "
                "is back (or when minutes mode next opens)."
            )
            return
        if record is None or row is None or row.minute is None:
            return
        self.change_record(row, *record)

    def change_record(
        self, row: AgendaRow, kind: str, ident: int | str, draft: Draft | None = None
    ) -> None:
        """The dialog of a resolution or action, to change it (``draft``: as it was typed
        when an earlier session ended)."""
        minute = row.minute
        resolution = (
            next((r for r in minute.resolutions if r.id == ident), None) if minute else None
        )
        action = next((a for a in minute.actions if a.id == ident), None) if minute else None
        if kind in ("resolution", "action") and resolution is None and action is None:
            self.host.notice("That record is no longer in the minute (Delete discards the change).")
            return
        if kind == "resolution" and resolution is not None:
            old = resolution.text
            dialog = TextDialog(self.panes, "Resolution", "RESOLVED", text=old, what="resolution")
            self.host.drafts.watch(
                dialog, "edit_resolution", row.key, draft=draft, record_id=resolution.id
            )
            open_dialog(
                dialog,
                lambda: self.host.run_command(
                    EditResolution(
                        self.host, row.key, resolution.id, old, dialog.value(), resolution.version
                    )
                ),
                focus=self.panes.records_view.setFocus,
            )
        elif kind == "action" and action is not None:
            due = (
                DuePick.next_meeting()
                if action.due_meeting_id is not None
                else DuePick.on_date(action.due_date)
                if action.due_date
                else None
            )
            waiting = (
                f"{action.owner_to_confirm!r} is to be confirmed: choose from the list."
                if not action.owner_confirmed
                else ""
            )
            self.open_action_dialog(
                row.key,
                text=action.text,
                owners=action.typed_owner_line,
                due=due,
                problem=waiting,
                then=lambda made: self.host.run_command(
                    EditAction(
                        self.host, row.key, action.id, draft_of(action), made, action.version
                    )
                ),
                draft=draft,
                kind="edit_action",
                record_id=action.id,
            )
        else:
            self.host.notice(
                "An update request is changed on the forward plan; Delete removes it from here."
            )

    def delete_record(self) -> None:
        record, row = self.current_record(), self.item.row(self.item.current)
        if record is not None and record[0] == "draft":
            dropped = self.host.drafts.discard(str(record[1]))
            if dropped is not None:
                self.host.notice(f"Discarded {dropped.describe()}.")
            return
        if record is not None and record[0] == "held":
            self.host.notice("Not yet saved, so not removed: undo it once it is saved.")
            return
        if record is None or row is None or row.minute is None:
            return
        kind, ident = record
        if kind == "resolution":
            text = next(r.text for r in row.minute.resolutions if r.id == ident)
            self.host.run_command(DeleteResolution(self.host, row.key, ident, text))
        elif kind == "action":
            action = next(a for a in row.minute.actions if a.id == ident)
            self.host.run_command(DeleteAction(self.host, row.key, ident, draft_of(action)))
        else:
            self.host.run_command(WithdrawUpdate(self.host, row.key, ident))

    def finish_draft(self, ident: str) -> None:
        """Enter on an unfinished dialog put back from the journal: it opens again as it was."""
        draft = self.host.drafts.waiting.get(ident)
        if draft is None:
            return
        if draft.kind == "progress":
            self.item.go_to(draft.row)
            self.host.arising.record_progress(draft=draft)
            return
        reopen: dict[str, Callable[..., None]] = {
            "resolution": self.add_resolution,
            "action": self.add_action,
            "update": self.ask_for_update,
            "item": self.new_item,
        }
        if draft.kind in reopen:
            reopen[draft.kind](draft=draft)
        elif draft.kind in ("edit_resolution", "edit_action"):
            self.item.go_to(draft.row)
            row = self.item.row(draft.row)
            if row is not None:
                kind = draft.kind.removeprefix("edit_")
                self.change_record(row, kind, int(draft.extra["record_id"]), draft)

    def toggle_deferred(self) -> None:
        row = self.minute_row()
        if row is None or row.key.kind != "item":
            return
        after = "deferred" if not row.deferred else ("taken" if row.minute else "scheduled")
        self.host.run_command(SetItemStatus(self.host, row.key, row.status, after))

    def new_item(self, *, draft: Draft | None = None) -> None:
        if self.host.meeting.minutes_approved:
            self.host.notice("These minutes are approved and read-only.")
            return
        if draft is not None and self.item.row(draft.row) is not None:
            self.item.go_to(draft.row)
        dialog = TextDialog(
            self.panes,
            "New item",
            "Title of the item raised in the room (it goes after the current item):",
            what="title of the item",
        )
        if self.item.current is not None:
            self.host.drafts.watch(dialog, "item", self.item.current, draft=draft)
        open_dialog(
            dialog, lambda: self._item_named(dialog.value()), focus=self.item.focus_narrative
        )

    def _item_named(self, title: str) -> None:
        before, closed = self._place_after_current()
        command = AddItem(self.host, title, before, closed=closed)
        if self.host.run_command(command):
            self.item.focus_narrative()

    def _place_after_current(self) -> tuple[int | None, bool]:
        """Where an item raised now goes: after the current item, in its session (closed
        business stays closed). Returns the top-level item it goes before (None: the end of
        the session) and whether it is closed."""
        row = self.item.row(self.item.taking)
        item = row.agenda_item if row else None
        if item is None:
            return None, False
        closed = item.is_closed
        top_id = item.parent_id or item.id
        ids = [i.id for i in self.item.agenda if i.parent_id is None and i.is_closed == closed]
        if top_id not in ids:
            return None, closed
        position = ids.index(top_id)
        return (ids[position + 1] if position + 1 < len(ids) else None), closed

    def move_minute(self, delta: int) -> None:
        row = self.minute_row()
        if row is None or row.minute is None:
            return
        minutes = [r.minute for r in self.item.rows if r.minute is not None]
        ordered = sorted(minutes, key=lambda m: (m.position, m.id))
        index = [m.id for m in ordered].index(row.minute.id)
        target = index + delta
        if 0 <= target < len(ordered):
            self.host.run_command(MoveMinute(self.host, row.key, index, target))

    def confirm_previous_minutes(self) -> None:
        row = self.item.row(self.item.current)
        previous = self.host.previous_meeting
        if row is None or row.kind != ItemKind.MINUTES or previous is None:
            self.host.notice("Go to the item 'Minutes of the last meeting' to confirm them.")
            return
        if previous.minutes_approved:
            self.host.notice(
                f"The minutes of {dto.long_date(previous.date)} are already confirmed."
            )
            return
        steps: list[ServiceCommand] = [
            ConfirmMinutes(self.host, row.key, previous),
            AddResolution(self.host, row.key, confirmation_text(previous)),
        ]
        self.host.run_group("confirm the minutes of the last meeting", self.with_minute(row, steps))
