"""Undoable edits of a meeting page beyond its agenda items: papers and the meeting's details.

They follow :mod:`scbmeet.gui.agenda.commands` and share its :class:`AgendaContext` (and so
the page's undo stack): each command does its work through the services, runs once before
it is pushed (a refusal reaches the dialog and nothing is pushed), and undo and redo call
the services again. A refused undo or redo (say, the minutes were approved meanwhile) is
reported and the command dropped, as :class:`~scbmeet.gui.widgets.commands.ServiceCommand` does.

A deleted paper comes back from a snapshot with its files' bytes, under a new id; commands
remember the id a paper had when they were made and ask ``ctx.paper_ids`` for its id now.
Changes to a paper's files are undone by putting the whole paper back as it was
(:meth:`~scbmeet.services.agenda.AgendaService.reset_paper`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from scbmeet.domain.dto import MeetingInfo, PaperInfo
from scbmeet.domain.enums import PaperState
from scbmeet.gui.agenda.commands import AgendaCommand, AgendaContext, quoted
from scbmeet.gui.widgets.progress import run_with_progress
from scbmeet.services.agenda_snapshot import PaperSnapshot

STATE_WORDS = {
    PaperState.EXPECTED.value: "expected",
    PaperState.ATTACHED.value: "attached",
    PaperState.TO_FOLLOW.value: "to follow",
    PaperState.TABLED.value: "tabled",
}
DETAIL_FIELDS = ("date", "start_time", "venue", "title")


class PaperCommand(AgendaCommand):
    """A command on one paper, known by the id it had when the command was made."""

    def __init__(self, ctx: AgendaContext, text: str, paper_id: int | None = None) -> None:
        super().__init__(ctx, text)
        self.paper_id = None if paper_id is None else ctx.paper_ids.original(paper_id)

    def current_paper_id(self) -> int:
        current = self.ctx.paper_ids.current(self.paper_id)
        assert current is not None
        return current


class AddPaperCommand(PaperCommand):
    """Expect a new paper for an item; undo deletes it, redo brings it back whole."""

    def __init__(self, ctx: AgendaContext, item_id: int, fields: Mapping[str, Any]) -> None:
        super().__init__(ctx, f"Add paper {quoted(fields['title'])}")
        self.item_id = ctx.ids.original(item_id)
        self.fields = dict(fields)
        self._snapshot: PaperSnapshot | None = None

    def do(self) -> None:
        item_id = self.ctx.ids.current(self.item_id)
        assert item_id is not None
        info = self.ctx.services.agenda.add_paper(item_id, **self.fields)
        self.paper_id = info.id
        self.ctx.select_paper(info.id)

    def revert(self) -> None:
        current = self.current_paper_id()
        self._snapshot = self.ctx.services.agenda.snapshot_paper(current)
        self.ctx.services.agenda.delete_paper(current)

    def apply(self) -> None:
        assert self._snapshot is not None
        restore(self.ctx, self._snapshot, self.item_id)


class DeletePaperCommand(PaperCommand):
    """Delete a paper with its files; undo brings it back with the files' bytes intact."""

    def __init__(self, ctx: AgendaContext, paper: PaperInfo) -> None:
        super().__init__(ctx, f"Delete paper {quoted(paper.title)}", paper.id)
        self.item_id = ctx.ids.original(paper.agenda_item_id)
        self._snapshot: PaperSnapshot | None = None

    def apply(self) -> None:
        current = self.current_paper_id()
        self._snapshot = self.ctx.services.agenda.snapshot_paper(current)
        self.ctx.services.agenda.delete_paper(current)

    def revert(self) -> None:
        assert self._snapshot is not None
        restore(self.ctx, self._snapshot, self.item_id)


def restore(ctx: AgendaContext, snap: PaperSnapshot, original_item_id: int) -> None:
    """Put a deleted paper back under its item (whatever id the item has now)."""
    item_id = ctx.ids.current(original_item_id)
    assert item_id is not None
    info = ctx.services.agenda.restore_paper(snap, item_id)
    ctx.paper_ids.rebind(snap.id, info.id)
    ctx.select_paper(info.id)


class EditPaperCommand(PaperCommand):
    """Change a paper's fields (title, author, due date, state...); undo sets them back."""

    def __init__(
        self, ctx: AgendaContext, paper: PaperInfo, after: Mapping[str, Any], text: str = ""
    ) -> None:
        super().__init__(ctx, text or f"Edit paper {quoted(paper.title)}", paper.id)
        before = ctx.services.agenda.paper_values(paper.id)
        self.after = {k: v for k, v in after.items() if before.get(k) != v}
        self.before = {k: before[k] for k in self.after}

    def changes_anything(self) -> bool:
        return bool(self.after)

    def _set(self, values: dict[str, Any]) -> None:
        current = self.current_paper_id()
        self.ctx.services.agenda.update_paper(current, values)
        self.ctx.select_paper(current)

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


def state_change(ctx: AgendaContext, paper: PaperInfo, state: str) -> EditPaperCommand:
    """Mark a paper to follow, tabled...: "Mark “Budget report” to follow"."""
    words = STATE_WORDS.get(state, state)
    return EditPaperCommand(ctx, paper, {"state": state}, f"Mark {quoted(paper.title)} {words}")


class ResetPaperCommand(PaperCommand):
    """A change that touched a paper's files: undo and redo put the whole paper (fields,
    themes, files) back as it was before or after, in one change each."""

    def __init__(
        self,
        ctx: AgendaContext,
        paper_id: int,
        text: str,
        before: PaperSnapshot,
        change: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(ctx, text, paper_id)
        self.before = before
        self.change = change
        self.after: PaperSnapshot | None = None

    def do(self) -> None:
        current = self.current_paper_id()
        if self.change is not None:
            self.change(current)
        self.after = self.ctx.services.agenda.snapshot_paper(current)

    def _reset(self, snap: PaperSnapshot) -> None:
        current = self.current_paper_id()
        self.ctx.services.agenda.reset_paper(current, snap)
        self.ctx.select_paper(current)

    def apply(self) -> None:
        assert self.after is not None
        self._reset(self.after)

    def revert(self) -> None:
        self._reset(self.before)


def edit_paper_with_files(
    ctx: AgendaContext, paper: PaperInfo, fields: Mapping[str, Any], removed_file_ids: list[int]
) -> ResetPaperCommand:
    """The paper dialog's edit when files were removed too: one step to undo."""
    agenda = ctx.services.agenda

    def change(paper_id: int) -> None:
        agenda.update_paper(paper_id, fields)
        for file_id in removed_file_ids:
            agenda.remove_file(file_id)

    before = agenda.snapshot_paper(paper.id)
    return ResetPaperCommand(ctx, paper.id, f"Edit paper {quoted(paper.title)}", before, change)


def attach_files(
    parent: QWidget | None, ctx: AgendaContext, paper: PaperInfo, paths: list[Path]
) -> None:
    """Store files with a paper off the GUI thread, then put "Attach …" on the undo stack.

    If a file cannot be stored, those stored before it stay (and can be undone) and the
    problem is reported.
    """
    if not paths:
        return
    agenda = ctx.services.agenda
    before = agenda.snapshot_paper(paper.id)
    original = ctx.paper_ids.original(paper.id)

    def attach_all(progress: Callable[[int, str], None]) -> tuple[int, BaseException | None]:
        for n, path in enumerate(paths):
            progress(int(100 * n / len(paths)), f"Storing {path.name}…")
            try:
                agenda.attach_path(paper.id, path)
            except Exception as exc:  # reported on the GUI thread, after the undo step
                return n, exc
        return len(paths), None

    def done(result: tuple[int, BaseException | None]) -> None:
        stored, problem = result
        if stored:
            names = ", ".join(quoted(p.name) for p in paths[:stored])
            current = ctx.paper_ids.current(original)
            assert current is not None
            try:
                ctx.execute(ResetPaperCommand(ctx, current, f"Attach {names}", before))
            except Exception as exc:  # the paper went meanwhile: nothing to undo
                ctx.report(exc)
        if problem is not None:
            ctx.report(problem)

    label = f"Storing {paths[0].name}…" if len(paths) == 1 else "Storing the paper's files…"
    run_with_progress(parent, label, attach_all, on_done=done, on_error=ctx.report)


class EditMeetingCommand(AgendaCommand):
    """Change the meeting's date, time, venue or title; undo sets them back.

    Both go through ``update_meeting``, so an undo is checked and recorded in the audit
    trail exactly as the edit was.
    """

    def __init__(self, ctx: AgendaContext, meeting: MeetingInfo, after: Mapping[str, Any]) -> None:
        super().__init__(ctx, "Edit meeting details")
        before = {name: getattr(meeting, name) for name in DETAIL_FIELDS}
        self.after = {k: v for k, v in after.items() if before.get(k) != v}
        self.before = {k: before[k] for k in self.after}

    def changes_anything(self) -> bool:
        return bool(self.after)

    def apply(self) -> None:
        self.ctx.services.meetings.update_meeting(self.ctx.meeting_id, self.after)

    def revert(self) -> None:
        self.ctx.services.meetings.update_meeting(self.ctx.meeting_id, self.before)
