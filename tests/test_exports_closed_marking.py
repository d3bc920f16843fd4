"""Full documents holding closed-session business say "Not for publication" on every page.

The full agenda, the full pack, the action log (and each owner's log) and the register's
action log carry the marking when they hold closed business, and only then; the chair's
brief keeps actions from closed-session minutes in its closed session.
"""

from __future__ import annotations

from datetime import date

import docx

from scbmeet.exports.action_log import export_action_log, export_owner_logs
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.chair_brief import export_chair_brief
from scbmeet.exports.formats import CLOSED_MARKING
from scbmeet.exports.pack import export_pack
from scbmeet.exports.register_log import export_register_log
from scbmeet.services.action_filters import ActionFilter

TODAY = date(2026, 11, 21)
CLOSED_ACTION = "Submit the overview report and action plan to the Home Office."


def _marked(path) -> bool:
    doc = docx.Document(path)
    headers = [p.text for s in doc.sections for p in s.header.paragraphs]
    return CLOSED_MARKING in headers and doc.core_properties.content_status == (
        "Not for publication"
    )


def _header_text(path) -> str:
    return " ".join(p.text for s in docx.Document(path).sections for p in s.header.paragraphs)


def test_the_full_agenda_and_pack_are_marked_and_the_public_ones_are_not(demo, tmp_path):
    services, summary = demo
    meeting = summary.upcoming_meeting_id
    assert _marked(export_agenda(services, meeting, tmp_path / "a.docx"))
    assert _marked(export_pack(services, meeting, tmp_path / "p.docx"))
    public_agenda = export_agenda(services, meeting, tmp_path / "pa.docx", public=True)
    public_pack = export_pack(services, meeting, tmp_path / "pp.docx", public=True)
    for path in (public_agenda, public_pack):
        assert "Not for publication" not in _header_text(path)
        assert docx.Document(path).core_properties.content_status == "Public version"


def test_an_agenda_without_closed_business_is_not_marked(demo, tmp_path):
    services, summary = demo
    meeting = summary.upcoming_meeting_id
    for item in services.agenda.agenda(meeting):
        if item.is_closed and item.parent_id is None:
            services.agenda.delete_item(item.id)
    path = export_agenda(services, meeting, tmp_path / "a.docx")
    assert "Not for publication" not in _header_text(path)
    assert docx.Document(path).core_properties.content_status == ""


def test_action_logs_holding_closed_actions_are_marked(demo, tmp_path):
    services, summary = demo
    meeting = summary.upcoming_meeting_id
    full = export_action_log(services, meeting, tmp_path / "log.docx", today=TODAY)
    assert CLOSED_ACTION in "".join(
        c.text for t in docx.Document(full).tables for r in t.rows for c in r.cells
    )
    assert _marked(full)
    public = export_action_log(services, meeting, tmp_path / "pub.docx", today=TODAY, public=True)
    assert "Not for publication" not in _header_text(public)
    owners = export_owner_logs(services, meeting, tmp_path / "owners", today=TODAY)
    marked = {p.name for p in owners if _marked(p)}
    assert marked == {"actions-rachel-okafor.docx"}  # the closed action's owner only


def test_the_register_log_is_marked_when_it_lists_a_closed_action(demo, tmp_path):
    services, _summary = demo
    rows = services.action_register.query(ActionFilter(), today=TODAY)
    ids = [r.id for r in rows]
    everything = export_register_log(
        services, ids, ActionFilter(), tmp_path / "r.docx", today=TODAY
    )
    assert _marked(everything)
    open_ids = [r.id for r in rows if r.text != CLOSED_ACTION]
    assert len(open_ids) == len(ids) - 1
    open_only = export_register_log(
        services, open_ids, ActionFilter(), tmp_path / "o.docx", today=TODAY
    )
    assert "Not for publication" not in _header_text(open_only)


def test_the_brief_keeps_closed_actions_in_its_closed_session(demo, tmp_path):
    services, summary = demo
    path = export_chair_brief(
        services, summary.upcoming_meeting_id, tmp_path / "b.docx", today=TODAY
    )
    texts = [p.text for p in docx.Document(path).paragraphs]
    closed_at = texts.index("Closed session")
    arising = next(i for i, t in enumerate(texts) if t.endswith(". Matters arising"))
    after = int(texts[arising].split(".")[0]) + 1  # the item after matters arising
    lines = [i for i, t in enumerate(texts) if CLOSED_ACTION in t]
    assert lines and all(i > closed_at for i in lines)
    next_item = next(i for i, t in enumerate(texts) if t.startswith(f"{after}. "))
    open_part = texts[arising:next_item]
    references = [
        t.split(" ", 1)[0] for t in open_part if t[:1].isdigit() and "/" in t.split(" ", 1)[0]
    ]
    assert references, open_part
    numbers = [(int(r.split("/")[1]), int(r.split("/")[0])) for r in references]
    assert numbers == sorted(numbers)  # matters arising in minute order
    assert numbers == [(26, 2), (26, 3), (26, 6), (26, 7), (26, 11)]
