"""Paper files with odd names are stored and exported inside the places scbmeet owns."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scbmeet.domain.errors import ValidationError
from scbmeet.storage import files

ODD_NAMES = [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\win.ini", "win.ini"),
    ("reports/2026/ASB update.docx", "ASB update.docx"),
    ("Отчёт о безопасности.pdf", "Отчёт о безопасности.pdf"),
    ("安全报告.docx", "安全报告.docx"),
    ("tab\there\x07bell.pdf", "tabherebell.pdf"),
    ("CON.docx", "_CON.docx"),
    ("lpt1", "_lpt1"),
    ("what?<is>this:*.pdf", "whatisthis.pdf"),
    ("  trailing dots... ", "trailing dots"),
]


@pytest.fixture
def paper(services):
    board = services.register.create_board("Marlshire Safer Communities Board", "MSCB")
    meeting = services.meetings.create_meeting(board.id, date(2026, 12, 9), standard_agenda=False)
    item = services.agenda.add_item(meeting.id, "Anti-social behaviour update")
    return services.agenda.add_paper(item.id, "ASB quarterly report")


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize(("name", "stored"), ODD_NAMES)
def test_odd_names_are_stored_cleaned_and_exported_into_the_chosen_folder(
    services, paper, tmp_path, name, stored
):
    content = f"paper called {name!r}".encode()
    info = services.agenda.attach_file(paper.id, name, content)
    assert info.filename == stored
    outside = tmp_path / "outside"
    outside.mkdir()
    chosen = outside / "export"
    chosen.mkdir()
    written = services.agenda.save_file_to(info.id, chosen)
    assert written.parent == chosen.resolve()
    assert written.read_bytes() == content
    assert _tree(outside) == {"export", f"export/{written.name}"}


def test_a_very_long_name_keeps_its_extension_and_fits(services, paper, tmp_path):
    name = "Community safety partnership strategic assessment " * 12 + ".docx"
    info = services.agenda.attach_file(paper.id, name, b"long")
    assert info.filename.endswith(".docx")
    assert len(info.filename.encode()) <= 200
    written = services.agenda.save_file_to(info.id, tmp_path)
    assert written.name == info.filename
    long_cyrillic = "Ж" * 300 + ".pdf"
    info = services.agenda.attach_file(paper.id, long_cyrillic, b"cyrillic")
    assert info.filename.endswith(".pdf") and len(info.filename.encode()) <= 200
    assert services.agenda.save_file_to(info.id, tmp_path).read_bytes() == b"cyrillic"


def test_a_name_with_nothing_usable_is_refused_when_attaching(services, paper):
    for name in ("..", "/", "\\\\", "\x00\x01"):
        with pytest.raises(ValidationError, match="not a usable file name"):
            services.agenda.attach_file(paper.id, name, b"x")


def test_export_never_overwrites_another_file_and_reuses_the_same_one(services, paper, tmp_path):
    info = services.agenda.attach_file(paper.id, "report.docx", b"the board's report")
    tmp_path = tmp_path / "export"
    tmp_path.mkdir()
    unrelated = tmp_path / "report.docx"
    unrelated.write_bytes(b"someone else's report")
    first = services.agenda.save_file_to(info.id, tmp_path)
    assert first.name == "report (2).docx"
    assert unrelated.read_bytes() == b"someone else's report"
    assert services.agenda.save_file_to(info.id, tmp_path) == first  # same content: reused
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report (2).docx", "report.docx"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_export_never_writes_through_a_symbolic_link(services, paper, tmp_path):
    info = services.agenda.attach_file(paper.id, "report.docx", b"the board's report")
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"do not touch")
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "report.docx").symlink_to(secret)
    written = services.agenda.save_file_to(info.id, chosen)
    assert written.name == "report (2).docx"
    assert secret.read_bytes() == b"do not touch"


def test_export_into_a_missing_folder_is_refused(services, paper, tmp_path):
    info = services.agenda.attach_file(paper.id, "report.docx", b"x")
    with pytest.raises(ValidationError, match="does not exist"):
        services.agenda.save_file_to(info.id, tmp_path / "nowhere")


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=300))
def test_any_name_is_written_inside_the_folder(tmp_path, name):
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    content = name.encode("utf-8", "surrogatepass")
    written = files.write_into_folder(folder, name, content, fallback="paper-1")
    assert written.parent == folder.resolve()
    assert written.name not in ("", ".", "..")
    assert hashlib.sha256(written.read_bytes()).digest() == hashlib.sha256(content).digest()
    assert set(tmp_path.iterdir()) == {folder}
