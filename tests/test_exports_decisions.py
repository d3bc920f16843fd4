"""The decision notice: each minute's decisions and actions, public and full, read back by a
fresh process and rendered by LibreOffice; the public one holds nothing of closed business."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from scbmeet.domain.errors import ValidationError
from scbmeet.exports.decisions import CLOSED_MARKING, export_decision_notice

READ_BACK = """
import sys
from docx import Document
document = Document(sys.argv[1])
print(document.core_properties.category, "|", document.core_properties.content_status)
for paragraph in document.paragraphs:
    print(paragraph.text)
"""


def read_back(path) -> list[str]:
    return subprocess.run(
        [sys.executable, "-c", READ_BACK, str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()


def held_meeting_with_closed_business(services, summary):
    meeting_id = summary.meeting_ids[2]
    closed = services.agenda.add_item(
        meeting_id, "Domestic homicide review DHR-07", session="closed", closed_reference="7"
    )
    minute = services.minutes.add_minute(meeting_id, closed.title, agenda_item_id=closed.id)
    services.minutes.add_resolution(minute.id, "that the victim's family be offered a meeting.")
    return meeting_id


def test_the_notice_lists_each_decision_under_its_minute(demo, tmp_path):
    services, summary = demo
    meeting_id = summary.meeting_ids[2]
    minutes = services.minutes.minutes(meeting_id)
    lines = read_back(export_decision_notice(services, meeting_id, tmp_path / "d.docx"))
    assert lines[0].startswith("Decision notice |")
    first = next(m for m in minutes if m.resolutions)
    assert any(line.startswith(first.reference) and first.title in line for line in lines)
    assert f"RESOLVED {first.resolutions[0].text}" in lines
    action = next(a for m in minutes for a in m.actions)
    assert any(line.startswith(f"Action: {action.owner_line} - {action.text}") for line in lines)


def test_the_public_notice_leaves_out_closed_business_the_full_one_is_marked(demo, tmp_path):
    services, summary = demo
    meeting_id = held_meeting_with_closed_business(services, summary)
    public = export_decision_notice(services, meeting_id, tmp_path / "p.docx", public=True)
    with zipfile.ZipFile(public) as package:
        raw = b"".join(package.read(name) for name in package.namelist())
    assert b"DHR-07" not in raw and b"victim" not in raw
    assert read_back(public)[0] == "Decision notice | Public version"
    full = export_decision_notice(services, meeting_id, tmp_path / "f.docx")
    with zipfile.ZipFile(full) as package:
        headers = b"".join(package.read(n) for n in package.namelist() if "header" in n)
    assert CLOSED_MARKING.encode() in headers
    assert any("DHR-07" in line for line in read_back(full))


def test_no_notice_for_a_meeting_not_yet_held(demo, tmp_path):
    services, summary = demo
    with pytest.raises(ValidationError, match="has no minutes yet"):
        export_decision_notice(services, summary.upcoming_meeting_id, tmp_path / "d.docx")
    assert not (tmp_path / "d.docx").exists()


def test_the_command_writes_the_notice_and_show_gives_the_publication_deadline(demo, tmp_path):
    services, summary = demo
    held = services.meetings.meeting(summary.meeting_ids[2])
    db = str(services.db.path)
    out = tmp_path / "decisions.docx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scbmeet",
            "export",
            "decisions",
            held.date.isoformat(),
            "--board",
            "MSCB",
            "--public",
            "--out",
            str(out),
            "--db",
            db,
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert read_back(out)[0] == "Decision notice | Public version"
    upcoming = services.meetings.meeting(summary.upcoming_meeting_id)
    shown = subprocess.run(
        [
            sys.executable,
            "-m",
            "scbmeet",
            "--db",
            db,
            "show",
            upcoming.date.isoformat(),
            "--board",
            "MSCB",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Agenda to be published by Tuesday 1 December 2026" in shown
