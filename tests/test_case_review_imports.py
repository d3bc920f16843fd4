"""A restricted case review's item never reaches the open session by the back door: a JSON
export edited to make it open is refused whole (one line naming the item and the review),
and ``scbmeet check`` reports one already stored open (by SQL, or an older version)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from scbmeet import jsonio
from scbmeet.domain.errors import ImportFormatError
from scbmeet.services import Services
from scbmeet.services.integrity import check_database
from tests.cli_run import run

TITLE = "Update on DV Homicide Review Ref: DHR-2025-03 inc costs"
IN_OPEN = (
    "agenda item {number} {title!r} of the meeting on {on} is in open session, but it is the "
    "update on restricted case review DHR-2025-03 (DV Homicide Review), which is taken only "
    "in closed session"
)


@pytest.fixture
def demo_export(demo) -> tuple[dict[str, Any], int]:
    """The demo, its case review's update put on the next meeting, exported; and the
    exported id of that item."""
    services, summary = demo
    review = services.case_reviews.find(summary.board_id, "DHR-2025-03")
    item = services.case_reviews.put_on_agenda(review.id, summary.upcoming_meeting_id)
    return jsonio.export_data(services.db), item.id


def flipped_to_open(data: dict[str, Any], item_id: int) -> dict[str, Any]:
    edited = json.loads(json.dumps(data))
    row = next(r for r in edited["tables"]["agendaitem"] if r["id"] == item_id)
    assert row["session"] == "closed"
    row["session"] = "open"
    return edited


def upcoming_date(data: dict[str, Any], item_id: int) -> str:
    row = next(r for r in data["tables"]["agendaitem"] if r["id"] == item_id)
    return next(m["date"] for m in data["tables"]["meeting"] if m["id"] == row["meeting_id"])


def stored_meetings(db) -> int:
    with db.reading() as s:
        return s.connection().execute(sa.text("SELECT count(*) FROM meeting")).scalar_one()


def test_an_export_edited_to_open_a_case_review_item_is_refused_whole(demo_export, db):
    data, item_id = demo_export
    with pytest.raises(ImportFormatError) as refused:
        jsonio.import_data(db, flipped_to_open(data, item_id))
    # Once open it would be item 10, before the closed session's own DHR item.
    on = upcoming_date(data, item_id)
    assert str(refused.value) == (
        f"Nothing was imported: {IN_OPEN.format(number=10, title=TITLE, on=on)}."
    )
    assert stored_meetings(db) == 0
    # The export as written (the item closed) imports.
    jsonio.import_data(db, data)
    assert stored_meetings(db) == 4
    assert check_database(db) == []


def test_a_sub_item_opened_under_an_open_item_is_named_by_its_number(demo_export, db):
    data, item_id = demo_export
    edited = flipped_to_open(data, item_id)
    rows = edited["tables"]["agendaitem"]
    row = next(r for r in rows if r["id"] == item_id)
    parent = next(
        r
        for r in rows
        if r["meeting_id"] == row["meeting_id"] and r["title"].startswith("Performance report")
    )
    row.update(parent_id=parent["id"], position=99)
    with pytest.raises(ImportFormatError) as refused:
        jsonio.import_data(db, edited)
    on = upcoming_date(data, item_id)
    assert IN_OPEN.format(number="5.3", title=TITLE, on=on) in str(refused.value)
    assert stored_meetings(db) == 0


def test_import_json_on_the_command_line_says_it_in_one_line(demo_export, tmp_path, capsys):
    data, item_id = demo_export
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(flipped_to_open(data, item_id)), encoding="utf-8")
    target = tmp_path / "fresh.sqlite3"
    code, out, err = run(capsys, "import-json", str(edited), "--db", str(target))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("scbmeet: Nothing was imported: agenda item")
    assert "restricted case review DHR-2025-03 (DV Homicide Review)" in err
    code, out, _ = run(capsys, "--db", str(target), "meetings")
    assert (code, out.strip()) == (0, "No meetings.")


def _stored_open(services: Services, item_id: int) -> None:
    """As an older version, or plain SQL, could have left it."""
    with services.db.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE agendaitem SET session = 'open' WHERE id = :i"), {"i": item_id}
        )


def test_check_reports_a_case_review_item_stored_in_open_session(small):
    services = small.services
    meeting = small.meeting(date(2026, 3, 4))
    services.agenda.add_item(meeting.id, "Anti-social behaviour")
    review = services.case_reviews.add_review(
        small.board.id, "DHR-2026-11", "", notified_on=date(2026, 1, 5)
    )
    item = services.case_reviews.put_on_agenda(review.id, meeting.id)
    assert check_database(services.db) == []
    _stored_open(services, item.id)
    numbered = next(i.number for i in services.agenda.agenda(meeting.id) if i.id == item.id)
    assert check_database(services.db) == [
        f"agenda item {numbered} 'Update on case review Ref: DHR-2026-11 inc costs' of the "
        "meeting on 2026-03-04 is in open session, but it is the update on restricted case "
        "review DHR-2026-11, which is taken only in closed session"
    ]


def test_check_on_the_command_line_lists_each_by_date_and_fails(demo, capsys):
    services, summary = demo
    review = services.case_reviews.find(summary.board_id, "DHR-2025-03")
    later = services.meetings.create_meeting(
        summary.board_id, date(2027, 3, 24), standard_agenda=False
    )
    for meeting_id in (later.id, summary.upcoming_meeting_id):
        _stored_open(services, services.case_reviews.put_on_agenda(review.id, meeting_id).id)
    upcoming = services.meetings.meeting(summary.upcoming_meeting_id).date
    path = str(services.db.engine.url.database)
    services.db.dispose()
    for argv in (("check", "--db", path), ("--db", path, "check")):
        code, out, err = run(capsys, *argv)
        assert code == 1
        assert out.splitlines() == [
            f"problem: {IN_OPEN.format(number=10, title=TITLE, on=upcoming.isoformat())}",
            f"problem: {IN_OPEN.format(number=1, title=TITLE, on='2027-03-24')}",
        ]
        assert err.strip().endswith("2 problem(s) found")
