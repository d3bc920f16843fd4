"""A failed export leaves the previous file as it was, and no temporary file behind."""

from __future__ import annotations

import pytest

from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.writer import WordWriter
from scbmeet.storage.atomic import ExportError, write_atomically, write_bytes_atomically


def test_a_failing_export_keeps_the_old_document(demo, tmp_path, monkeypatch):
    services, summary = demo
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "minutes.docx"
    target.write_bytes(b"the good old minutes")

    def half_then_fail(self, stream):
        stream.write(b"PK\x03\x04 half a zip")
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(WordWriter, "write_to", half_then_fail)
    with pytest.raises(RuntimeError, match="disk trouble"):
        export_minutes(services, summary.meeting_ids[2], target)
    assert target.read_bytes() == b"the good old minutes"
    assert [p.name for p in folder.iterdir()] == ["minutes.docx"]


def test_a_successful_export_replaces_the_file_in_one_step(demo, tmp_path):
    services, summary = demo
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "minutes.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    export_minutes(services, summary.meeting_ids[2], target)
    assert target.read_bytes()[:2] == b"PK"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in folder.iterdir()] == ["minutes.docx"]


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_bytes_atomically(tmp_path / "nowhere" / "x.docx", b"data")


def test_os_errors_become_export_errors_and_clean_up(tmp_path):
    def fail(stream):
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left on device"):
        write_atomically(tmp_path / "x.docx", fail)
    assert list(tmp_path.iterdir()) == []
