"""Bullet points under an agenda item's number ("Performance Report *", "Follow up on
previous actions" under item 4, issue 13): stored in order, changed one transaction at a
time with one clear line on bad input, carried by templates, copies, JSON and the migration,
checked by ``scbmeet check``, printed by ``scbmeet agenda show``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from scbmeet import jsonio
from scbmeet.domain.bullets import MAX_BULLET_LENGTH, split_notes
from scbmeet.domain.errors import ImportFormatError, ValidationError
from scbmeet.services import Services
from scbmeet.services.integrity import check_database
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url
from scbmeet.storage.revisions import alembic_config
from tests.cli_run import run

POINTS = ["Performance Report *", "Follow up on previous actions"]


@pytest.fixture
def meeting(small):
    return small.meeting(date(2013, 11, 27))


@pytest.fixture
def item(small, meeting):
    return small.services.agenda.add_item(meeting.id, "Performance", bullets=POINTS)


def test_an_item_keeps_its_bullets_in_order(small, item):
    assert small.services.agenda.item(item.id).bullets == tuple(POINTS)
    assert item.bullets == tuple(POINTS) and item.notes == ""


def test_bullets_are_added_edited_moved_and_removed_one_at_a_time(small, item):
    ag = small.services.agenda
    ag.add_bullet(item.id, "Crime figures", index=0)
    ag.edit_bullet(item.id, 2, "Follow up on earlier actions")
    ag.move_bullet(item.id, 0, 5)  # past the end: to the end
    assert ag.item(item.id).bullets == (
        "Performance Report *",
        "Follow up on earlier actions",
        "Crime figures",
    )
    ag.remove_bullet(item.id, 1)
    assert ag.item(item.id).bullets == ("Performance Report *", "Crime figures")


def test_the_whole_list_is_set_or_reordered_by_update_item(small, item):
    ag = small.services.agenda
    ag.update_item(item.id, {}, bullets=list(reversed(POINTS)))
    assert ag.item(item.id).bullets == tuple(reversed(POINTS))
    ag.update_item(item.id, {"title": "Performance and actions"})  # bullets untouched
    assert ag.item(item.id).bullets == tuple(reversed(POINTS))
    ag.update_item(item.id, {}, bullets=[])
    assert ag.item(item.id).bullets == ()


@pytest.mark.parametrize(
    ("bullets", "message"),
    [
        (["Fine", "  "], "Bullet 2 is empty; type its text or remove it."),
        (
            ["x" * (MAX_BULLET_LENGTH + 1)],
            f"Bullet 1 is too long (301 characters; at most {MAX_BULLET_LENGTH}).",
        ),
        ([f"Point {n}" for n in range(21)], "An item can hold at most 20 bullets (21 given)."),
    ],
)
def test_a_bad_bullet_is_one_clear_line_and_nothing_changes(small, item, bullets, message):
    ag = small.services.agenda
    with pytest.raises(ValidationError) as refused:
        ag.update_item(item.id, {"title": "Changed"}, bullets=bullets)
    assert str(refused.value) == message
    with pytest.raises(ValidationError, match="Bullet 1 is empty"):
        ag.add_item(item.meeting_id, "Another", bullets=[""])
    with pytest.raises(ValidationError, match="has no bullet 3"):
        ag.edit_bullet(item.id, 2, "Nowhere")
    with pytest.raises(ValidationError, match="too long"):
        ag.add_bullet(item.id, "y" * 400)
    after = ag.item(item.id)
    assert (after.title, after.bullets) == ("Performance", tuple(POINTS))
    assert [i.title for i in ag.agenda(item.meeting_id)] == ["Performance"]


def test_a_bullet_is_one_line_without_control_characters(small, item):
    ag = small.services.agenda
    ag.add_bullet(item.id, "  Tabled\tlate\x00 \n paper ")
    assert ag.item(item.id).bullets[-1] == "Tabled late paper"


def test_templates_copies_and_undo_carry_the_bullets(small, meeting, item):
    ag = small.services.agenda
    sub = ag.add_item(meeting.id, "Offender management", parent_id=item.id, bullets=["IOM"])
    template_id = ag.save_template(meeting.id, "With points")
    from_template = small.services.meetings.create_meeting(
        small.board.id, date(2014, 3, 5), template_id=template_id
    )
    copied = small.services.meetings.create_meeting(
        small.board.id, date(2014, 7, 2), copy_agenda_of=meeting.id
    )
    for made in (from_template, copied):
        bullets = {i.title: i.bullets for i in ag.agenda(made.id)}
        assert bullets["Performance"] == tuple(POINTS)
        assert bullets["Offender management"] == ("IOM",)
    snapshot = ag.snapshot_item(sub.id)
    ag.delete_item(sub.id)
    restored = ag.restore_item(snapshot, 0, parent_id=item.id)
    assert restored.bullets == ("IOM",)


def test_json_round_trips_bullets_and_an_older_file_moves_dash_lines_out_of_notes(small, item):
    exported = jsonio.export_data(small.services.db)
    [row] = [r for r in exported["tables"]["agendaitem"] if r["id"] == item.id]
    assert row["bullets"] == "\n".join(POINTS)
    target = Services(open_database("sqlite://", daily_backup=False))
    jsonio.import_data(target.db, json.loads(json.dumps(exported)))
    [imported] = [i for m in target.meetings.meetings() for i in target.agenda.agenda(m.id)]
    assert imported.bullets == tuple(POINTS)

    older = json.loads(json.dumps(exported))
    [row] = older["tables"]["agendaitem"]
    del row["bullets"]
    row["notes"] = "Proposed: March\n- Performance Report *\n\u2022 Follow up on previous actions"
    other = Services(open_database("sqlite://", daily_backup=False))
    jsonio.import_data(other.db, older)
    [moved] = [i for m in other.meetings.meetings() for i in other.agenda.agenda(m.id)]
    assert (moved.notes, moved.bullets) == ("Proposed: March", tuple(POINTS))


def test_an_imported_file_with_a_bad_bullet_imports_nothing(small, item):
    exported = jsonio.export_data(small.services.db)
    exported["tables"]["agendaitem"][0]["bullets"] = "Fine\n" + "z" * 400
    target = Services(open_database("sqlite://", daily_backup=False))
    with pytest.raises(
        ImportFormatError, match=r"agendaitem\[0\] \(Performance\): Bullet 2 is too long"
    ):
        jsonio.import_data(target.db, exported)
    assert target.meetings.meetings() == []


def test_check_names_an_item_whose_bullets_break_the_rules(small, item):
    assert check_database(small.services.db) == []
    with small.services.db.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE agendaitem SET bullets = :b WHERE id = :i"),
            {"b": "Fine\n\nAlso fine", "i": item.id},
        )
    assert check_database(small.services.db) == [
        "agenda item 'Performance': Bullet 2 is empty; type its text or remove it."
    ]


def test_the_migration_moves_dash_lines_out_of_notes_and_back(db_url):
    from tests.conftest import SmallBoard

    db = open_database(db_url)
    try:
        small = SmallBoard(Services(db))
        meeting = small.meeting(date(2013, 11, 27))
        ag = small.services.agenda
        both = ag.add_item(meeting.id, "Performance", notes="Proposed: March", bullets=POINTS)
        plain = ag.add_item(meeting.id, "AOB", notes="Anything")
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0011_review")
            notes = dict(conn.execute(sa.text("SELECT id, notes FROM agendaitem")).all())
        assert notes[both.id] == (
            "Proposed: March\n- Performance Report *\n- Follow up on previous actions"
        )
        assert notes[plain.id] == "Anything"
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        after = Services(db).agenda
        assert (after.item(both.id).notes, after.item(both.id).bullets) == (
            "Proposed: March",
            tuple(POINTS),
        )
        assert (after.item(plain.id).notes, after.item(plain.id).bullets) == ("Anything", ())
    finally:
        db.dispose()


def test_split_notes_keeps_other_lines_and_a_bare_dash():
    assert split_notes("- One\nKept\n-\n\u2022 Two\n") == ("Kept\n-", ("One", "Two"))


def test_agenda_add_bullet_in_either_order_and_agenda_show_prints_them(capsys, demo):
    services, _summary = demo
    db = str(services.db.path)
    code, out, err = run(
        capsys, "agenda", "add", "--bullet", POINTS[0], "--db", db, "2026-12-09",
        "--board", "MSCB", "Performance", "--bullet", POINTS[1],
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    code, out, err = run(capsys, "--db", db, "agenda", "show", "2026-12-09", "--board", "MSCB")
    assert code == 0, err
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.endswith(" Performance"))
    assert [line.strip() for line in lines[at + 1 : at + 3]] == [f"\u2022 {p}" for p in POINTS]
    code, out, _ = run(capsys, "show", "2026-12-09", "--board", "MSCB", "--db", db)
    assert code == 0 and f"        \u2022 {POINTS[1]}" in out.splitlines()


def test_agenda_add_refuses_an_empty_bullet_in_one_line_and_adds_nothing(capsys, demo):
    services, summary = demo
    before = len(services.agenda.agenda(summary.upcoming_meeting_id))
    db = str(services.db.path)
    code, _out, err = run(
        capsys, "agenda", "add", "2026-12-09", "--board", "MSCB", "Nothing", "--bullet", " ",
        "--db", db,
    )  # fmt: skip
    assert code != 0 and "Traceback" not in err
    assert err.strip().splitlines() == ["scbmeet: Bullet 1 is empty; type its text or remove it."]
    fresh = Services(open_database(sqlite_url(Path(db)), daily_backup=False))
    assert len(fresh.agenda.agenda(summary.upcoming_meeting_id)) == before
