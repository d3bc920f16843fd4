"""Public agendas, packs, minutes and action logs leave closed-session business out entirely.

The tests grep the raw XML of every part of the .docx (body, headers, footers, comments,
document properties) for words that appear only in closed-session items.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from scbmeet.exports.action_log import export_action_log
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.pack import export_pack

# Words used only in the closed-session business set up below (and the demo's own).
SECRET_WORDS = ["Nightjar", "NJ-77", "Kestrel", "Wrenfield", "Domestic homicide", "DHR-2025-03"]


def _all_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())


def _secret_paper() -> bytes:
    paper = docx.Document()
    paper.add_heading("Kestrel findings", 1)
    paper.add_paragraph("The Kestrel review names the Wrenfield estate.")
    buffer = io.BytesIO()
    paper.save(buffer)
    return buffer.getvalue()


def _add_closed_business(services, meeting_id: int, *, minuted: bool) -> None:
    """A closed item with a paper, and (for a held meeting) its minute, decision and action."""
    item = services.agenda.add_item(
        meeting_id,
        "Operation Nightjar safeguarding review",
        session="closed",
        closed_reference="NJ-77",
        presenter_text="Wrenfield Lead",
    )
    paper = services.agenda.add_paper(
        item.id, "Nightjar review report", recommendation="That the Kestrel plan be agreed."
    )
    services.agenda.attach_file(paper.id, "nightjar.docx", _secret_paper())
    adeyemi = next(p for p in services.register.people() if p.family_name == "Adeyemi")
    services.declarations.add(
        meeting_id, adeyemi.id, "Lives on the Wrenfield estate.", agenda_item_id=item.id
    )
    if minuted:
        minute = services.minutes.add_minute(
            meeting_id,
            item.title,
            agenda_item_id=item.id,
            narrative="The Board heard the Kestrel findings.",
        )
        services.minutes.add_resolution(minute.id, "that the Nightjar plan be approved.")
        services.actions.add_action(minute.id, "Brief the Kestrel team.", "Rachel Okafor")


@pytest.fixture
def closed_business(demo):
    services, summary = demo
    _add_closed_business(services, summary.meeting_ids[2], minuted=True)
    _add_closed_business(services, summary.upcoming_meeting_id, minuted=False)
    return services, summary


EXPORTS = {
    "agenda": lambda s, m, out, public: export_agenda(s, m.upcoming_meeting_id, out, public=public),
    "pack": lambda s, m, out, public: export_pack(s, m.upcoming_meeting_id, out, public=public),
    "minutes": lambda s, m, out, public: export_minutes(s, m.meeting_ids[2], out, public=public),
    "actions": lambda s, m, out, public: export_action_log(
        s, m.upcoming_meeting_id, out, public=public
    ),
}


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_full_version_contains_the_closed_business(closed_business, tmp_path, kind):
    """The control: the words really are there when the document is not public."""
    services, summary = closed_business
    xml = _all_xml(EXPORTS[kind](services, summary, tmp_path / f"{kind}.docx", False))
    assert "Nightjar" in xml or "Kestrel" in xml


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_public_version_leaves_no_trace_of_closed_business(closed_business, tmp_path, kind):
    services, summary = closed_business
    path = EXPORTS[kind](services, summary, tmp_path / f"{kind}.docx", True)
    xml = _all_xml(path)
    for word in SECRET_WORDS:
        assert word not in xml, f"{word!r} leaked into the public {kind}"
    with zipfile.ZipFile(path) as z:
        assert not [n for n in z.namelist() if "comments" in n.lower()]
    assert "public version" in docx.Document(path).core_properties.content_status.lower()


def test_public_minutes_keep_the_open_business_and_say_items_were_left_out(
    closed_business, tmp_path
):
    services, summary = closed_business
    doc = docx.Document(
        export_minutes(services, summary.meeting_ids[2], tmp_path / "m.docx", public=True)
    )
    titles = [p.text for p in doc.paragraphs if p.style.name == "SCB Minute Title"]
    # 14/26 and 15/26 were closed: their numbers stay, with nothing of what they were about
    assert titles[-3:] == [
        "13/26\tDate of next meeting",
        "14/26\tExempt item",
        "15/26\tExempt item",
    ]
    texts = [p.text for p in doc.paragraphs]
    exclusion = texts.index("Exclusion of the public")
    assert texts[exclusion + 1].startswith("RESOLVED that under Section 100A(4)")
    assert "Action: Lucy Hart/Sian Morgan (by 7 January 2027)" in [p.text for p in doc.paragraphs]
    assert any("not included in this public version" in p.text for p in doc.paragraphs)
    header = " ".join(p.text for p in doc.sections[-1].header.paragraphs)
    assert "closed-session" not in header


def test_public_agenda_has_no_closed_session_heading(closed_business, tmp_path):
    services, summary = closed_business
    doc = docx.Document(
        export_agenda(services, summary.upcoming_meeting_id, tmp_path / "a.docx", public=True)
    )
    texts = [p.text for p in doc.paragraphs]
    assert "Closed session" not in texts
    assert len(doc.tables) == 1
    assert [row.cells[0].text for row in doc.tables[0].rows][-1] == "9."  # AOB, the last open
