"""Actions with their owner "to be confirmed" in the Word minutes: never a raw ``#action``
line, each marked, and exporting says how many there are (CLI line and main window)."""

from __future__ import annotations

import json
import subprocess
import sys

from scbmeet.cli import main
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.owners_to_confirm import export_notice, narrative_pieces, owners_to_confirm

READ_BACK = (
    "import docx, json, sys; "
    "print(json.dumps([p.text for p in docx.Document(sys.argv[1]).paragraphs]))"
)


def _paragraphs_in_a_fresh_process(path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _september(demo):
    services, _summary = demo
    meeting = next(m for m in services.meetings.meetings() if str(m.date) == "2026-09-09")
    return services, meeting, services.minutes.minutes(meeting.id)


def test_unfinished_shorthand_lines_are_taken_out_of_the_narrative():
    pieces = narrative_pieces(
        "First paragraph.\n#action Rachel Okafer: map hot spots (due 3 months)\nThen more."
        "\n#resolved to note the report\n#action no colon here"
    )
    assert pieces[0] == "First paragraph."
    assert pieces[1].owners_text == "Rachel Okafer" and pieces[1].text == "map hot spots"
    assert pieces[2] == "Then more."
    assert pieces[3].text == "to note the report"
    assert pieces[4] == "#action no colon here"  # not readable as shorthand: words as typed


def test_the_minutes_never_print_a_raw_action_line_and_mark_every_owner_to_confirm(demo, tmp_path):
    services, meeting, minutes = _september(demo)
    first, second = minutes[0], minutes[1]
    services.actions.add_action(first.id, "Bring the breakdown", [], owner_to_confirm="Price")
    services.minutes.update_minute(
        second.id,
        narrative="The board heard the report.\n"
        "#action Kul Mahay/Rachel Okafer: review the housing figures (due 3 months)\n"
        "Members asked questions.",
    )
    out = export_minutes(services, meeting.id, tmp_path / "minutes.docx")
    paragraphs = _paragraphs_in_a_fresh_process(out)
    assert not [p for p in paragraphs if "#action" in p]
    assert "Action: Price (owner to be confirmed)" in paragraphs
    assert "Action: Kul Mahay/Rachel Okafer (owner to be confirmed) (in 3 months)" in paragraphs
    at = paragraphs.index("review the housing figures")
    assert paragraphs[at - 1] == "The board heard the report."
    assert paragraphs[at + 2] == "Members asked questions."
    waiting = owners_to_confirm(services, meeting.id)
    assert [w.label for w in waiting] == [
        f"{first.reference}: Price",
        f"{second.reference}: Kul Mahay/Rachel Okafer",
    ]
    assert export_notice(waiting).startswith("2 actions have their owner to be confirmed")


def test_the_cli_says_when_owners_are_to_be_confirmed(demo, tmp_path, capsys):
    services, _meeting, minutes = _september(demo)
    out = tmp_path / "minutes.docx"
    args = ["export", "minutes", "2026-09-09", "--db", str(services.db.path), "--board", "MSCB"]
    assert main([*args, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {out}"  # nothing to confirm: nothing said
    services.actions.add_action(minutes[0].id, "Bring it", [], owner_to_confirm="Rachel Okafer")
    assert main([*args, "--out", str(out)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == f"Wrote {out}"
    assert lines[1].startswith("Note: 1 action has its owner to be confirmed")
    assert f"{minutes[0].reference}: Rachel Okafer" in lines[1]
