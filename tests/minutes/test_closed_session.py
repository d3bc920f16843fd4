"""Closed business entered from the keyboard in minutes mode stays closed.

On the demo's upcoming meeting (9 December 2026), whose last item is taken in closed session:
Ctrl+N there adds the new item to the closed session, right after the current item; Ctrl+U
there asks for an update that the next meeting takes in its closed session. Neither reaches
the public agenda, pack, minutes, action log or calendar invitation (every raw part searched).
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from scbmeet.exports.action_log import export_action_log
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.ical import export_ical
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.pack import export_pack
from scbmeet.gui.minutes.dialogs import ActionDialog, TextDialog, UpdateDialog


def raw_parts(path: Path) -> dict[str, str]:
    """Every part of a .docx (all of the zip), or the text of an .ics, by name."""
    if path.suffix == ".ics":
        return {path.name: path.read_text(encoding="utf-8")}
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name).decode("utf-8", "replace") for name in z.namelist()}


CLOSED_ITEM = "Domestic homicide review - action plan progress"
SECRETS = ["Tawny owl", "Wrenfield", "Kestrel", "Nightjar report"]


def _take_closed_business(window, kb) -> None:
    window.go_to(window.row_titled(CLOSED_ITEM))
    kb.type("The Board heard the Kestrel findings.")
    kb.press("ctrl+shift+A")
    kb.modal(ActionDialog)
    kb.type("Brief the Wrenfield team")
    kb.press("Tab")
    kb.type("Rachel Okafor")
    kb.press("Return")
    kb.no_modal()
    kb.press("ctrl+U")
    dialog = kb.modal(UpdateDialog)
    dialog.title_edit.setText("Nightjar report to the Board")  # what the clerk would type
    kb.press("Return")
    kb.no_modal()
    kb.press("ctrl+N")
    kb.modal(TextDialog)
    kb.type("Tawny owl family liaison")
    kb.press("Return")
    kb.no_modal()
    kb.type("Liaison arrangements with the Wrenfield family were agreed.")
    window.save_now()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_ctrl_n_and_ctrl_u_in_a_closed_item_stay_closed(qtbot, demo, window, kb, tmp_path):
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    _take_closed_business(window, kb)

    agenda = services.agenda.agenda(meeting_id)
    titles = [i.title for i in agenda if i.parent_id is None]
    new = next(i for i in agenda if i.title == "Tawny owl family liaison")
    assert new.is_closed
    assert titles.index("Tawny owl family liaison") == titles.index(CLOSED_ITEM) + 1
    entry = next(
        e
        for e in services.forward_plan.entries(summary.board_id)
        if e.title == "Nightjar report to the Board"
    )
    assert entry.is_closed

    # The next meeting takes the request, in its closed session.
    later = services.meetings.create_meeting(summary.board_id, date(2027, 6, 2))
    taken = next(i for i in services.agenda.agenda(later.id) if i.title == entry.title)
    assert taken.is_closed

    out = tmp_path / "public"
    out.mkdir()
    written = [
        export_agenda(services, later.id, out / "agenda.docx", public=True),
        export_pack(services, later.id, out / "pack.docx", public=True),
        export_ical(services, later.id, out / "invite.ics", organizer="clerk@example.org"),
        export_minutes(services, meeting_id, out / "minutes.docx", public=True),
        export_action_log(services, later.id, out / "actions.docx", public=True),
    ]
    found = [
        f"{path.name}:{part}: {secret}"
        for path in written
        for part, text in raw_parts(path).items()
        for secret in SECRETS
        if secret in text.replace("\r\n ", "")
    ]
    assert found == []
    full = export_minutes(services, meeting_id, tmp_path / "full.docx")
    assert "Tawny owl family liaison" in "".join(raw_parts(full).values())
