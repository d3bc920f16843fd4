"""No closed-session business in any public output, however it was entered.

Closed business is entered as minutes mode and the agenda builder enter it (through the same
services): a closed item with a sub-item, a paper and a file; its minute with a resolution and
actions; an update requested in that minute (Ctrl+U); and a sub-item planted open under the
closed item, as an older database can hold. Then every public output is written - the next
meeting's public agenda, public pack and calendar invitation, the public minutes, the public
action log (by minute, owner and due date), the per-owner logs and the register's public log -
and every raw part of each (.docx: document, headers, footers, comments, properties,
relationships, everything in the zip; the .ics text) is searched for every closed string.
On SQLite and PostgreSQL.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
import sqlalchemy as sa

from scbmeet.exports.action_log import export_action_log, export_owner_logs
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.ical import export_ical
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.pack import export_pack
from scbmeet.exports.register_log import export_register_log
from scbmeet.services.action_filters import ActionFilter

CLOSED_STRINGS = [
    "Nightjar",  # the closed item's title
    "NJ-77",  # its reference
    "Kestrel",  # its paper and minute
    "Wrenfield",  # its presenter and sub-item
    "six-monthly safeguarding report",  # the update requested in its minute
    "Merlin",  # the planted open sub-item under it
]


def raw_parts(path: Path) -> dict[str, str]:
    """Every part of a .docx (all of the zip), or the text of an .ics, by name."""
    if path.suffix == ".ics":
        return {path.name: path.read_text(encoding="utf-8")}
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name).decode("utf-8", "replace") for name in z.namelist()}


def leaks(path: Path) -> list[str]:
    found = []
    for name, text in raw_parts(path).items():
        unfolded = text.replace("\r\n ", "")  # .ics folds long lines
        found += [f"{path.name}:{name}: {s!r}" for s in CLOSED_STRINGS if s in unfolded]
    return found


def _paper_bytes() -> bytes:
    paper = docx.Document()
    paper.add_heading("Kestrel findings", 1)
    paper.add_paragraph("The Kestrel review names the Wrenfield estate.")
    buffer = io.BytesIO()
    paper.save(buffer)
    return buffer.getvalue()


class Business:
    """A board's June meeting with open and closed business, and its November meeting."""

    def __init__(self, small) -> None:
        services = self.services = small.services
        self.board = small.board
        june = services.meetings.create_meeting(small.board.id, date(2026, 6, 5))
        self.june = june.id
        agenda = services.agenda
        road = agenda.add_item(june.id, "Road safety partnership", presenter_text="Chair")
        closed = agenda.add_item(  # the builder's "Closed session" box and reference
            june.id,
            "Operation Nightjar safeguarding review",
            session="closed",
            closed_reference="NJ-77",
            presenter_text="Wrenfield Lead",
        )
        sub = agenda.add_item(june.id, "Wrenfield estate families", parent_id=closed.id)
        planted = agenda.add_item(june.id, "Merlin witness care", parent_id=closed.id)
        with services.db.engine.begin() as conn:  # an older database's open sub-item
            conn.execute(
                sa.text("UPDATE agendaitem SET session = 'open' WHERE id = :i"), {"i": planted.id}
            )
        paper = agenda.add_paper(closed.id, "Nightjar review report", recommendation="Kestrel.")
        agenda.attach_file(paper.id, "nightjar.docx", _paper_bytes())
        minutes = services.minutes
        open_minute = minutes.add_minute(
            june.id, road.title, agenda_item_id=road.id, narrative="Speed data noted."
        )
        services.actions.add_action(open_minute.id, "Circulate the speed data", "Sally Goodwin")
        closed_minute = minutes.add_minute(
            june.id,
            closed.title,
            agenda_item_id=closed.id,
            narrative="The Board heard the Kestrel findings.",
        )
        minutes.add_resolution(closed_minute.id, "that the Nightjar plan be approved.")
        services.actions.add_action(closed_minute.id, "Brief the Kestrel team", "Sally Goodwin")
        for item in (sub, planted):
            m = minutes.add_minute(june.id, item.title, agenda_item_id=item.id, narrative="Noted.")
            services.actions.add_action(m.id, f"Follow up {item.title}", "Kul Mahay")
        # Ctrl+U in the closed minute: "a six-monthly report", from the meeting's date.
        self.entry = services.forward_plan.add_entry(
            small.board.id,
            "Nightjar six-monthly safeguarding report",
            in_months=6,
            from_date=june.date,
            source_minute_item_id=closed_minute.id,
            source_text="Minute",
        )
        november = services.meetings.create_meeting(small.board.id, date(2026, 11, 27))
        agenda.add_item(november.id, "Knife crime week of action")
        self.november = november.id


@pytest.fixture
def business(small) -> Business:
    return Business(small)


def test_the_request_is_on_the_november_agenda_in_closed_session(business):
    agenda = business.services.agenda.agenda(business.november)
    taken = next(i for i in agenda if i.title == "Nightjar six-monthly safeguarding report")
    assert taken.is_closed


def test_the_full_outputs_do_have_the_closed_business(business, tmp_path):
    """The search below could find the strings: the full versions carry them."""
    s = business.services
    agenda = export_agenda(s, business.november, tmp_path / "agenda.docx")
    minutes = export_minutes(s, business.june, tmp_path / "minutes.docx")
    log = export_action_log(s, business.november, tmp_path / "actions.docx")
    assert "six-monthly safeguarding report" in "".join(raw_parts(agenda).values())
    assert "Kestrel" in "".join(raw_parts(minutes).values())
    assert "Merlin" in "".join(raw_parts(minutes).values())
    assert "Brief the Kestrel team" in "".join(raw_parts(log).values())


def test_no_public_output_carries_any_closed_string(business, tmp_path):
    s = business.services
    out = tmp_path / "public"
    out.mkdir()
    written = [
        export_agenda(s, business.november, out / "agenda.docx", public=True),
        export_pack(s, business.november, out / "pack.docx", public=True),
        export_ical(s, business.november, out / "meeting.ics"),
        export_ical(s, business.november, out / "invite.ics", organizer="clerk@example.org"),
        export_minutes(s, business.june, out / "minutes.docx", public=True),
    ]
    for by in ("minute", "owner", "due"):
        written.append(
            export_action_log(s, business.november, out / f"actions-{by}.docx", by=by, public=True)
        )
    owner_logs = export_owner_logs(s, business.november, out / "owners", public=True)
    assert len(owner_logs) == 1  # Kul Mahay's actions are all closed business: no log of his
    written += owner_logs
    rows = s.action_register.rows(business.board.id)
    for by in ("shown", "owner"):
        written.append(
            export_register_log(
                s,
                [r.id for r in rows],
                ActionFilter(),
                out / f"register-{by}.docx",
                by=by,
                public=True,
            )
        )
    found = [leak for path in written for leak in leaks(path)]
    assert found == []
    # ... and the open business is there, so the search looked at real documents.
    texts = {p.name: "".join(raw_parts(p).values()) for p in written}
    assert "Knife crime week of action" in texts["agenda.docx"]
    assert "Knife crime week of action" in texts["pack.docx"]
    assert "Speed data noted." in texts["minutes.docx"]
    assert "Circulate the speed data" in texts["actions-minute.docx"]
    assert "Knife crime week of action" in texts["meeting.ics"].replace("\r\n ", "")
