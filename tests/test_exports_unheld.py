"""Minutes of a meeting not yet held are refused with one clear line, not exported empty."""

from __future__ import annotations

import pytest

from scbmeet.cli import main
from scbmeet.domain.errors import ValidationError
from scbmeet.exports.minutes import export_minutes

REFUSAL = (
    "The MSCB meeting of 9 December 2026 has not been held yet, so it has no minutes to "
    "export: take the minutes first (or mark the meeting held), or export its agenda instead."
)


def test_exporting_the_minutes_of_the_next_meeting_is_refused(demo, tmp_path):
    services, summary = demo
    out = tmp_path / "m.docx"
    with pytest.raises(ValidationError) as refused:
        export_minutes(services, summary.upcoming_meeting_id, out)
    assert str(refused.value) == REFUSAL
    assert not out.exists()


def test_once_a_minute_is_taken_the_minutes_export(demo, tmp_path):
    services, summary = demo
    item = services.agenda.agenda(summary.upcoming_meeting_id)[1]
    services.minutes.add_minute(summary.upcoming_meeting_id, item.title, agenda_item_id=item.id)
    assert export_minutes(services, summary.upcoming_meeting_id, tmp_path / "m.docx").exists()


def test_the_command_says_so_in_one_line(demo, tmp_path, capsys):
    services, _summary = demo
    out = tmp_path / "m.docx"
    args = ["export", "minutes", "2026-12-09", "--db", str(services.db.path), "--out", str(out)]
    assert main([*args, "--board", "MSCB"]) != 0
    err = capsys.readouterr().err.strip()
    assert err.endswith(REFUSAL) and "\n" not in err and "Traceback" not in err
    assert not out.exists()
