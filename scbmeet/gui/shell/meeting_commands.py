"""The main window's commands on the meeting shown: new and delete meeting, minutes mode,
Word and PDF exports and the meeting's audit trail.

A mixin of :class:`~scbmeet.gui.shell.main_window.MainWindow`: pages ask for exports and
minutes through the window's own ``export_document`` and ``take_minutes`` (their
``export_requested`` and ``minutes_requested`` signals), so the commands are the window's
methods. What they use from the window is declared below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from scbmeet.domain.errors import ScbmeetError
from scbmeet.gui import hooks
from scbmeet.gui.widgets import dialogs
from scbmeet.gui.widgets.exporting import choose_export_path, saved_message
from scbmeet.gui.widgets.progress import run_with_progress

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QStatusBar, QWidget

    from scbmeet.services import Services

EXPORT_LABELS = {
    ("agenda", False): "agenda",
    ("agenda", True): "public agenda",
    ("pack", False): "agenda pack",
    ("pack", True): "public agenda pack",
    ("minutes", False): "minutes",
    ("minutes", True): "public minutes",
    ("actions", False): "action log",
    ("brief", False): "chair's brief",
    ("decisions", True): "decision notice",
    ("decisions", False): "full decision notice",
}


ACCESSIBILITY_LINES_SHOWN = 12


def accessibility_text(label: str, problems: list[str]) -> str:
    """The export dialog's list of what the accessibility regulations would flag."""
    shown = [f"• {p}" for p in problems[:ACCESSIBILITY_LINES_SHOWN]]
    if len(problems) > ACCESSIBILITY_LINES_SHOWN:
        shown.append(f"• and {len(problems) - ACCESSIBILITY_LINES_SHOWN} more")
    return (
        f"Before the {label} is published, the accessibility check found what the "
        "public-sector accessibility regulations would flag:\n\n"
        + "\n".join(shown)
        + "\n\nWrite the PDF as it is? (Fix the papers and export again to publish them clean.)"
    )


class MeetingCommands:
    """What the Meeting and File ▸ Export menus do, on the meeting shown."""

    if TYPE_CHECKING:  # from the window (only declared: a body here would hide the window's)
        services: Services
        open_after_export_action: QAction

        def current_page(self) -> QWidget | None: ...
        def current_meeting_id(self) -> int | None: ...
        def current_board_id(self) -> int | None: ...
        def has_page(self, kind: str) -> bool: ...
        def show_page(self, kind: str, ident: int | None) -> QWidget: ...
        def navigate(self, kind: str, ident: int | None = None) -> None: ...
        def statusBar(self) -> QStatusBar: ...

    def _on_meeting_page(self, method: str) -> None:
        page = self.current_page()
        if hasattr(page, method):
            getattr(page, method)()

    def new_meeting(self) -> None:
        from scbmeet.gui.agenda.meeting_dialog import MeetingDialog

        if not self.services.register.boards():
            dialogs.inform(self, "New meeting", "Create a board first: Register ▸ New board.")
            return
        dialog = MeetingDialog(self.services, board_id=self.current_board_id(), parent=self)
        if dialogs.run_dialog(dialog) and dialog.created is not None:
            self.navigate("meeting", dialog.created.id)
            self.statusBar().showMessage(f"Created the meeting of {dialog.created.label}.", 8000)

    def delete_meeting(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        meeting = self.services.meetings.meeting(meeting_id)
        if not dialogs.confirm(
            self,
            "Delete meeting",
            f"Delete the meeting of {meeting.label} with its agenda, papers and minutes? "
            "This cannot be undone.",
            yes="Delete meeting",
        ):
            return
        try:
            self.services.meetings.delete_meeting(meeting_id, reason="deleted in the app")
        except ScbmeetError as exc:
            dialogs.report(self, exc)
            return
        self.navigate("board", meeting.board_id)

    def take_minutes(self, meeting_id: int | None) -> None:
        """Open minutes mode for a meeting: a window of its own, which a minute-taker can
        keep full-screen while the secretary's workspace stays as it was."""
        if meeting_id is None:
            return
        if self.has_page("minutes"):  # a page registered in its place (tests, extensions)
            self.show_page("minutes", meeting_id)
            return
        from scbmeet.gui.minutes import open_minutes_window

        try:
            open_minutes_window(self.services, meeting_id, self)
        except ScbmeetError as exc:
            dialogs.report(self, exc)

    def export_current(self, kind: str, public: bool) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is not None:
            self.export_document(meeting_id, kind, public)

    def export_document(self, meeting_id: int, kind: str, public: bool) -> None:
        """Ask where to save, write the document in the background, open it if wanted."""
        meeting = self.services.meetings.meeting(meeting_id)
        label = EXPORT_LABELS.get((kind, public), kind)
        try:
            hooks.check_export(self.services, kind, meeting_id)
        except ScbmeetError as exc:
            dialogs.report(self, exc)
            return
        accept_changes = False
        if kind == "pack" and not public:
            answer = self._ask_about_papers_under_review(meeting_id)
            if answer is None:
                return
            accept_changes = answer
        suggested = f"{meeting.board_short_name} {meeting.date:%Y-%m-%d} {label}.docx"
        path = choose_export_path(self, f"Export the {label}", suggested, "Word documents (*.docx)")
        if path is None:
            return
        if path.suffix.lower() != ".docx":
            path = path.with_suffix(".docx")
        services = self.services

        def write() -> Path:
            # Passed only when asked for, so an exporter that knows nothing of it still works.
            options = {"accept_changes": True} if accept_changes else {}
            written = hooks.export_document(services, kind, meeting_id, public, path, **options)
            return Path(written) if written else path

        done = self._exported if kind != "minutes" else self._minutes_exported(meeting_id)
        run_with_progress(self, f"Writing the {label}…", write, on_done=done)

    def _minutes_exported(self, meeting_id: int) -> Callable[[Path], None]:
        """After the minutes: say so if actions in them have their owner to be confirmed."""
        from scbmeet.exports.owners_to_confirm import export_notice, owners_to_confirm

        def done(path: Path) -> None:
            self._exported(path)
            notice = export_notice(owners_to_confirm(self.services, meeting_id))
            if notice:
                self.statusBar().showMessage(f"Saved {path}. {notice}", 30000)

        return done

    def _ask_about_papers_under_review(self, meeting_id: int) -> bool | None:
        """Whether to accept the papers' tracked changes in the pack (None: do not export).

        Asked only when a Word paper still carries tracked changes, comments or embedded
        content, before anything is written: they must not go out unseen.
        """
        notes = self.services.agenda.review_notes(meeting_id)
        if not notes:
            return False
        titles = {
            paper.id: f"Item {item.number}: {paper.title}" if item.number else paper.title
            for item in self.services.agenda.agenda(meeting_id)
            for paper in item.papers
        }
        listed = "\n".join(
            f"\u2022 {titles.get(pid, 'A paper')} ({note})" for pid, note in notes.items()
        )
        choice = dialogs.choose_one(
            self,
            "Papers still under review",
            "These papers still carry tracked changes, comments or embedded content:\n"
            f"{listed}\n\nComments are left out of the pack. Accept the tracked changes in "
            "the pack, or leave them showing? (The public pack always takes the accepted text, "
            "without embedded objects or outside links.)",
            ["Accept tracked changes in the pack", "Leave them showing"],
        )
        return None if choice is None else choice == 0

    def export_current_pdf(self, kind: str, public: bool) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is not None:
            self.export_pdf(meeting_id, kind, public)

    def export_pdf(self, meeting_id: int, kind: str, public: bool) -> None:
        """Ask where to save, run the accessibility check, then write the PDF in the
        background (all with progress shown); the check's findings are a warning, not a bar."""
        meeting = self.services.meetings.meeting(meeting_id)
        label = EXPORT_LABELS.get((kind, public), kind)
        suggested = f"{meeting.board_short_name} {meeting.date:%Y-%m-%d} {label}.pdf"
        path = choose_export_path(
            self, f"Export the {label} as PDF", suggested, "PDF documents (*.pdf)"
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        services = self.services

        def check() -> list[str]:
            return hooks.accessibility_problems(services, kind, meeting_id, public)

        def write(progress: Callable[[int, str], None]) -> Path:
            return Path(hooks.export_pdf(services, kind, meeting_id, public, path, progress))

        def checked(problems: list[str]) -> None:
            if problems and not dialogs.confirm(
                self,
                "Accessibility check",
                accessibility_text(label, problems),
                yes="Write the PDF",
            ):
                return
            run_with_progress(self, f"Writing the {label} as PDF…", write, on_done=self._exported)

        run_with_progress(self, f"Checking the {label} for accessibility…", check, on_done=checked)

    def _exported(self, path: Path) -> None:
        message = saved_message(path, self.open_after_export_action.isChecked())
        self.statusBar().showMessage(message, 10000 if message == f"Saved {path}" else 30000)

    def manage_templates(self) -> None:
        """Rename or delete the agenda templates of the board shown."""
        from scbmeet.gui.agenda.templates import TemplatesDialog

        board_id = self.current_board_id()
        if board_id is not None:
            dialogs.run_dialog(TemplatesDialog(self.services, board_id, self))  # type: ignore[arg-type]

    def export_current_invitation(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is not None:
            self.export_invitation(meeting_id)

    def export_invitation(self, meeting_id: int) -> None:
        """Save the meeting's calendar invitation (.ics, as ``scbmeet ics`` writes it)."""
        from scbmeet.exports.ical import export_ical

        meeting = self.services.meetings.meeting(meeting_id)
        suggested = f"{meeting.board_short_name} {meeting.date:%Y-%m-%d} invitation.ics"
        path = choose_export_path(
            self, "Export the calendar invitation", suggested, "Calendar files (*.ics)"
        )
        if path is None:
            return
        if path.suffix.lower() != ".ics":
            path = path.with_suffix(".ics")
        services = self.services
        run_with_progress(
            self,
            "Writing the calendar invitation…",
            lambda: export_ical(services, meeting_id, path),
            on_done=self._exported,
        )

    def show_audit(self, meeting_id: int | None) -> None:
        """The audit trail of the meeting shown."""
        from scbmeet.gui.safety.audit import meeting_audit_dialog

        if meeting_id is not None:
            dialogs.run_dialog(meeting_audit_dialog(self, self.services, meeting_id))
