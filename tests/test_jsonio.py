"""JSON export and import: a versioned format that round-trips, all or nothing."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scbmeet import jsonio
from scbmeet.domain.errors import ImportFormatError
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url


def canonical(data: dict) -> dict:
    """The export with ids replaced by each row's rank, so two databases can be compared."""
    tables = {t.name: t for t in jsonio.tables()}
    ranks = {
        name: {row["id"]: i for i, row in enumerate(sorted(rows, key=lambda r: r["id"]))}
        for name, rows in data["tables"].items()
        if rows and "id" in rows[0]
    }
    out = {}
    for name, rows in data["tables"].items():
        refs = jsonio._references(tables[name])
        converted = []
        for row in rows:
            row = dict(row)
            if "id" in row:
                row["id"] = ranks[name][row["id"]]
            for col, target in refs.items():
                if row.get(col) is not None:
                    row[col] = ranks.get(target, {}).get(row[col], f"missing:{row[col]}")
            if name == "auditentry" and row.get("entity_id") is not None and row["entity"] in ranks:
                row["entity_id"] = ranks[row["entity"]].get(row["entity_id"], row["entity_id"])
            converted.append(row)
        out[name] = sorted(converted, key=lambda r: json.dumps(r, sort_keys=True))
    return out


def fresh_services(tmp_path, name):
    return Services(open_database(sqlite_url(tmp_path / f"{name}.sqlite3")))


def test_the_demo_round_trips_without_loss(demo, tmp_path):
    services, _ = demo
    exported = jsonio.export_data(services.db)
    assert exported["format"] == "scbmeet-export" and exported["version"] == 1
    target = fresh_services(tmp_path, "copy")
    counts = jsonio.import_data(target.db, json.loads(json.dumps(exported)))
    # the performance report and the closed item's action plan update
    assert counts["paperfile"] == 2 and counts["minuteitem"] == 14
    again = jsonio.export_data(target.db)
    assert canonical(again) == canonical(exported)
    # The stored paper comes back byte for byte.
    paper = next(
        p
        for i in target.agenda.agenda(target.meetings.meetings()[0].id)
        for p in i.papers
        if p.files
    )
    _, content = target.agenda.file_content(paper.files[0].id)
    assert content.startswith(b"PK")


def test_a_round_trip_through_postgresql_or_sqlite_keeps_everything(demo, db):
    services, _ = demo
    exported = jsonio.export_data(services.db)
    jsonio.import_data(db, exported)
    assert canonical(jsonio.export_data(db)) == canonical(exported)


def test_a_half_valid_file_imports_nothing(demo, tmp_path):
    services, _ = demo
    data = jsonio.export_data(services.db)
    data["tables"]["action"][-1]["state"] = "finished-ish"
    target = fresh_services(tmp_path, "target")
    with pytest.raises(
        ImportFormatError, match=r"action\[\d+\]\.state: 'finished-ish' is not one of"
    ):
        jsonio.import_data(target.db, data)
    assert target.register.boards() == [] and target.register.people() == []


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(version=99), "newer than this scbmeet"),
        (lambda d: d.pop("format"), "not an scbmeet export"),
        (lambda d: d["tables"].update(recipes=[]), "unknown table 'recipes'"),
        (lambda d: d["tables"]["board"][0].pop("short_name"), "missing field 'short_name'"),
        (lambda d: d["tables"]["board"][0].update(name=7), "expected text, got a number"),
        (lambda d: d["tables"]["meeting"][0].update(date="2013-02-30"), "not a valid date"),
        (lambda d: d["tables"]["person"].append(dict(d["tables"]["person"][0])), "duplicate id"),
        (lambda d: d["tables"]["meeting"][0].update(board_id=4242), "refers to board 4242"),
        (lambda d: d["tables"]["paperfile"][0].update(content="not base64!"), "base64"),
        (lambda d: d["tables"]["board"][0].update(surprise=True), "unknown field 'surprise'"),
    ],
)
def test_broken_files_are_refused_with_a_clear_reason(demo, tmp_path, mutate, message):
    services, _ = demo
    data = copy.deepcopy(jsonio.export_data(services.db))
    mutate(data)
    target = fresh_services(tmp_path, "target")
    with pytest.raises(ImportFormatError, match=message):
        jsonio.import_data(target.db, data)
    assert target.register.boards() == []


def test_one_board_exports_only_what_it_uses_and_imports_beside_others(demo, tmp_path):
    services, summary = demo
    ecsp = services.register.board_by_short_name("ECSP")
    data = jsonio.export_data(services.db, board_id=ecsp.id)
    assert data["scope"] == {"board": "ECSP"}
    assert [b["short_name"] for b in data["tables"]["board"]] == ["ECSP"]
    assert len(data["tables"]["person"]) == 3  # its three members, nobody else
    target = fresh_services(tmp_path, "target")
    target.register.create_organisation("Eastvale Borough Council")  # already there: matched
    jsonio.import_data(target.db, data)
    names = [o.name for o in target.register.organisations()]
    assert names.count("Eastvale Borough Council") == 1
    with pytest.raises(ImportFormatError, match="already a board called 'ECSP'"):
        jsonio.import_data(target.db, data)
    del summary


# -- a property: whatever the services can write, export/import carries --------------------
words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip())


@st.composite
def board_histories(draw):
    return {
        "people": draw(
            st.lists(words, min_size=1, max_size=4, unique_by=lambda s: s.strip().lower())
        ),
        "meetings": draw(
            st.lists(
                st.tuples(
                    st.integers(0, 800),  # days after 1 Jan 2012
                    st.lists(st.tuples(words, st.text(max_size=80), st.booleans()), max_size=4),
                ),
                max_size=4,
                unique_by=lambda m: m[0],
            )
        ),
        "municipal": draw(st.booleans()),
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=board_histories())
def test_export_import_round_trips_any_history(tmp_path_factory, history):
    folder = tmp_path_factory.mktemp("prop")
    source = fresh_services(folder, "source")
    reg = source.register
    board = reg.create_board(
        "Board",
        "B",
        numbering="municipal" if history["municipal"] else "calendar",
        numbering_start_month=5,
    )
    org = reg.create_organisation('Org & <Partners> "quoted"', short_name="OP")
    people = [reg.create_person(name, organisation_id=org.id) for name in history["people"]]
    for offset, minutes in history["meetings"]:
        meeting = source.meetings.create_meeting(
            board.id, date(2012, 1, 1) + timedelta(days=offset)
        )
        for title, narrative, with_action in minutes:
            minute = source.minutes.add_minute(meeting.id, title, narrative=narrative)
            source.minutes.add_resolution(minute.id, f"that {title.strip()} be noted")
            if with_action:
                from scbmeet.domain.dto import OwnerRef

                owners = [OwnerRef(person_id=p.id, name="") for p in people[:2]]
                source.actions.add_action(minute.id, title, owners)
    exported = jsonio.export_data(source.db)
    target = fresh_services(folder, "target")
    jsonio.import_data(target.db, json.loads(json.dumps(exported)))
    assert canonical(jsonio.export_data(target.db)) == canonical(exported)
    source.db.dispose()
    target.db.dispose()
