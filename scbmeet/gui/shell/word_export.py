"""The desktop app's Word exports: one entry point over the documents of :mod:`scbmeet.exports`.

Installed as :func:`scbmeet.gui.hooks.export_document` by
:func:`scbmeet.gui.shell.extensions.install_extensions`; it runs off the GUI thread, and the
exporters read the meeting through the services.

The actions register's *Word action log…* button is :func:`register_log_exporter`
(:func:`actions_register_with_word_log` is the register page with it plugged in): it asks
where to save, writes the actions shown under a heading naming the filter
(:mod:`scbmeet.exports.register_log`) in the background, and says where the file went.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QWidget

from scbmeet.domain.errors import ValidationError
from scbmeet.gui.widgets import clock, dialogs, exporting
from scbmeet.gui.widgets.progress import run_with_progress
from scbmeet.services import Services
from scbmeet.services.action_filters import ActionFilter


def export_document(
    services: Services,
    kind: str,
    meeting_id: int,
    public: bool,
    path: Path,
    *,
    accept_changes: bool = False,
) -> Path:
    """Write the meeting's ``kind`` of document to ``path`` (atomically); returns it."""
    from scbmeet.exports.action_log import export_action_log
    from scbmeet.exports.agenda import export_agenda
    from scbmeet.exports.chair_brief import export_chair_brief
    from scbmeet.exports.decisions import export_decision_notice
    from scbmeet.exports.minutes import export_minutes
    from scbmeet.exports.pack import export_pack

    if kind == "agenda":
        return export_agenda(services, meeting_id, path, public=public)
    if kind == "pack":
        return export_pack(services, meeting_id, path, public=public, accept_changes=accept_changes)
    if kind == "minutes":
        return export_minutes(services, meeting_id, path, public=public)
    if kind == "actions":
        return export_action_log(services, meeting_id, path, public=public)
    if kind == "brief":
        return export_chair_brief(services, meeting_id, path)
    if kind == "decisions":
        return export_decision_notice(services, meeting_id, path, public=public)
    raise ValidationError(f"scbmeet cannot export a {kind!r} document.")


def check_export(services: Services, kind: str, meeting_id: int) -> None:
    """Refuse, before anything is asked, a document that cannot be written (see
    :mod:`scbmeet.exports.meeting_checks`)."""
    from scbmeet.exports.meeting_checks import records_taken, require_minutes_to_export

    if kind == "minutes":
        meeting = services.meetings.meeting(meeting_id)
        require_minutes_to_export(meeting, records_taken(services, meeting_id))


# -- the actions register's Word action log ---------------------------------------------------
def actions_register_with_word_log(services: Services, board_id: int | None) -> QWidget:
    """The actions register page with its *Word action log…* button working.

    A page factory for ``MainWindow.register_page("actions", "Actions", …)``.
    """
    from scbmeet.gui.actions.register import ActionsRegisterWidget

    page = ActionsRegisterWidget(services, board_id)
    page.set_word_exporter(register_log_exporter(services, page))
    return page


def register_log_exporter(
    services: Services, parent: QWidget, *, today: date | None = None
) -> Callable[[list[int], ActionFilter], None]:
    """What ``ActionsRegisterWidget.set_word_exporter`` wants: ``export(action ids, filter)``."""

    def export(action_ids: list[int], action_filter: ActionFilter) -> None:
        export_register_log_interactively(parent, services, action_ids, action_filter, today=today)

    return export


def suggested_log_path(services: Services, action_ids: list[int], on: date) -> Path:
    """``MSCB action log 2026-11-21.docx`` in the last export folder (``actions`` for several
    boards)."""
    rows = services.action_register.rows_by_id(action_ids[:1], today=on)
    boards = {r.board_short_name for r in rows}
    name = boards.pop() if len(boards) == 1 else "actions"
    return exporting.export_folder() / f"{name} action log {on:%Y-%m-%d}.docx"


def export_register_log_interactively(
    parent: QWidget,
    services: Services,
    action_ids: list[int],
    action_filter: ActionFilter,
    *,
    today: date | None = None,
) -> None:
    """Ask where to save the actions shown as a Word action log, write it in the
    background, then say where it went (and open it, if the window is set to)."""
    from scbmeet.exports.register_log import export_register_log

    if not action_ids:
        dialogs.inform(
            parent,
            "Word action log",
            "No actions are shown, so there is nothing to put in an action log. "
            "Change the filter to show some first.",
        )
        return
    on = today or clock.today()
    path = exporting.choose_export_path(
        parent,
        "Export the action log",
        suggested_log_path(services, action_ids, on).name,
        "Word documents (*.docx)",
    )
    if path is None:
        return
    if path.suffix.lower() != ".docx":
        path = path.with_suffix(".docx")
    ids = list(action_ids)

    def write() -> Path:
        return export_register_log(services, ids, action_filter, path, today=on)

    run_with_progress(
        parent, "Writing the action log…", write, on_done=lambda p: report_saved(parent, p)
    )


def report_saved(parent: QWidget, path: Path) -> None:
    """In the main window's status bar (opening the file if *Open after export* is ticked,
    saying so when nothing can open it); in a message where there is no main window."""
    if isinstance(parent.window(), QMainWindow):
        exporting.report_saved(parent, path)
        return
    dialogs.inform(parent, "Word action log", f"Saved the action log as {path}.")
