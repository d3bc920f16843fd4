"""Shorthand lines in a minute's text: Enter at the end of ``#resolved ...``, ``#action ...``
or ``#update ...`` makes the record and takes the line out of the narrative, as one step.

No dialog ever opens over the typing: an action whose owner the register does not match
for certain is recorded at once with the owner as typed, "to be confirmed" (the names
nearest to it are listed beside the actions, :mod:`scbmeet.gui.minutes.owner_confirm`),
and typing carries on in the narrative.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from scbmeet.gui.minutes.autosave import TextKeeper
from scbmeet.gui.minutes.commands import (
    ActionDraft,
    AddAction,
    AddResolution,
    AskForUpdate,
    EditText,
    ServiceCommand,
)
from scbmeet.gui.minutes.current_item import CurrentItem
from scbmeet.gui.minutes.panes import MinutesPanes
from scbmeet.gui.minutes.rows import AgendaRow, RowKey
from scbmeet.gui.minutes.steps import MinuteSteps, StepsHost
from scbmeet.text.paragraphs import lines_before_line
from scbmeet.text.shorthand import (
    ActionShorthand,
    ResolutionShorthand,
    Shorthand,
    ShorthandError,
    UpdateShorthand,
    due_fields,
    parse_line,
    resolve_owner_names,
)


class ShorthandHost(StepsHost, Protocol):
    """The steps' host, and its keeper (the line is taken out of the text it holds)."""

    keeper: TextKeeper


class ShorthandLines:
    """Turns the shorthand line under the cursor into its record (``host`` and ``panes``
    are the window)."""

    def __init__(
        self, host: ShorthandHost, panes: MinutesPanes, item: CurrentItem, steps: MinuteSteps
    ) -> None:
        self.host = host
        self.panes = panes
        self.item = item
        self.steps = steps

    def finish_line(self) -> bool:
        """Enter at the end of a shorthand line: make the record; True if the key is used up."""
        block = self.panes.narrative.textCursor().block()
        line = block.text()
        try:
            parsed = parse_line(line)
        except ShorthandError as exc:
            self.host.notice(f"{exc} The line is kept as typed.")
            return False
        if parsed is None or self.item.current is None:
            return False
        row = self.steps.minute_row()
        if row is None:
            return False
        self._apply_shorthand(row, parsed, block.blockNumber(), line)
        return True

    def _apply_shorthand(
        self, row: AgendaRow, parsed: Shorthand, line_number: int, line: str
    ) -> None:
        key = row.key
        if isinstance(parsed, ResolutionShorthand):
            self._shorthand_steps(
                key,
                [AddResolution(self.host, key, parsed.text)],
                line_number,
                line,
                "add a resolution",
            )
        elif isinstance(parsed, UpdateShorthand):
            title = parsed.text or f"Update: {row.title}"
            command = AskForUpdate(self.host, key, title, parsed.months)
            self._shorthand_steps(key, [command], line_number, line, command.text())
        elif isinstance(parsed, ActionShorthand):
            self._shorthand_action(key, parsed, line_number, line)

    def _shorthand_action(
        self, key: RowKey, parsed: ActionShorthand, line_number: int, line: str
    ) -> None:
        """Record the action at once, whatever is uncertain in it: never a dialog over the
        typing. A name the register does not match (or matches several times) is kept as
        typed, the owner "to be confirmed" beside the actions; an unreadable due date is
        left out and said so."""
        owners = resolve_owner_names(parsed.owner_names, self.host.services.register.match_owner)
        to_confirm = "/".join(q.name for q in owners.questions)
        notes = []
        if to_confirm:
            notes.append(
                f"Action recorded with {to_confirm!r} as its owner to be confirmed: "
                f"pick the name beside the actions (Ctrl+Shift+O) when there is a moment."
            )
        due: tuple[date | None, int | None] = (None, None)
        try:
            due = due_fields(
                parsed.due,
                self.host.meeting.date,
                self.host.next_meeting.id if self.host.next_meeting else None,
            )
        except ShorthandError as exc:
            notes.append(f"{exc} The action is recorded without a due date.")
        place = lines_before_line(self.panes.narrative.toPlainText(), line_number)
        draft = ActionDraft(
            parsed.text,
            owners.owners,
            due[0],
            due[1],
            owner_to_confirm=to_confirm,
            after_line=place,
        )
        done = self._shorthand_steps(
            key, [AddAction(self.host, key, draft)], line_number, line, "add an action"
        )
        if done and notes:
            self.host.notice(" ".join(notes))

    def _shorthand_steps(
        self, key: RowKey, steps: list[ServiceCommand], line_number: int, line: str, label: str
    ) -> bool:
        """The record(s), and the shorthand line taken out of the narrative, as one step."""
        row = self.item.row(key)
        if row is None:
            return False
        self.host.keeper.flush()
        before = self.host.keeper.pending_text(key, "narrative")
        if before is None:
            before = (
                self.panes.narrative.toPlainText()
                if key == self.item.current
                else (row.minute.narrative if row.minute else "")
            )
        after = without_line(before, line_number, line)
        removal = EditText(self.host, key, "narrative", before, after)
        return self.host.run_group(label, [*self.steps.with_minute(row, steps), removal])


def without_line(text: str, line_number: int, line: str) -> str:
    """``text`` with the shorthand ``line`` (found at ``line_number`` or elsewhere) emptied."""
    lines = text.split("\n")
    if not (0 <= line_number < len(lines) and lines[line_number] == line):
        matches = [i for i, existing in enumerate(lines) if existing == line]
        if not matches:
            return text
        line_number = matches[0]
    lines[line_number] = ""
    return "\n".join(lines)
