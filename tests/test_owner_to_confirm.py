"""Actions whose owner is "to be confirmed": stored at once with the owner as typed, the
flag visible everywhere the owner is named, confirmed later, and carried through JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest

from scbmeet import jsonio
from scbmeet.domain.errors import ValidationError
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url


def test_an_action_is_stored_with_its_owner_to_be_confirmed(small):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Performance overview")
    sally = small.services.register.match_owner("Sally Goodwin")[0]
    action = small.services.actions.add_action(
        minute.id, "Map the hot spots", [sally], owner_to_confirm="  Rachel   Okafer "
    )
    assert action.owner_to_confirm == "Rachel Okafer" and not action.owner_confirmed
    assert action.owner_line == "Sally Goodwin/Rachel Okafer (owner to be confirmed)"
    assert action.typed_owner_line == "Sally Goodwin/Rachel Okafer"
    stored = small.services.minutes.minute(minute.id).actions[0]
    assert stored.owner_to_confirm == "Rachel Okafer"


def test_an_owner_still_to_be_confirmed_can_stand_alone_but_nothing_cannot(small):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    alone = small.services.actions.add_action(minute.id, "Something", [], owner_to_confirm="Price")
    assert alone.owners == () and alone.owner_line == "Price (owner to be confirmed)"
    with pytest.raises(ValidationError, match="Name at least one owner"):
        small.services.actions.add_action(minute.id, "Other", [], owner_to_confirm="  ")


def test_giving_the_owners_confirms_them(small):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    actions = small.services.actions
    action = actions.add_action(minute.id, "Something", [], owner_to_confirm="Sal Goodwin")
    partly = actions.update_action(action.id, {"text": "Something else"})
    assert partly.owner_to_confirm == "Sal Goodwin"  # other changes leave it waiting
    confirmed = actions.update_action(action.id, {}, owners="Sally Goodwin")
    assert confirmed.owner_confirmed and confirmed.owner_line == "Sally Goodwin"
    again = actions.update_action(action.id, {"owner_to_confirm": "Sal Goodwin"}, owners=[])
    assert again.owners == () and again.owner_to_confirm == "Sal Goodwin"


def test_an_owner_to_be_confirmed_survives_json_export_and_import(small, tmp_path):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    small.services.actions.add_action(minute.id, "Something", [], owner_to_confirm="Price")
    exported = json.loads(json.dumps(jsonio.export_data(small.services.db)))
    target = Services(open_database(sqlite_url(tmp_path / "copy.sqlite3")))
    jsonio.import_data(target.db, exported)
    [action] = [a for a in target.actions.actions() if a.text == "Something"]
    assert action.owner_to_confirm == "Price"
    target.db.dispose()


def test_an_export_from_before_owners_to_confirm_still_imports(small, tmp_path):
    m = small.meeting(date(2013, 6, 5))
    (minute,) = small.minutes(m.id, "Item")
    small.services.actions.add_action(minute.id, "Something", "Sally Goodwin")
    exported = json.loads(json.dumps(jsonio.export_data(small.services.db)))
    for row in exported["tables"]["action"]:
        del row["owner_to_confirm"]  # as an older scbmeet wrote it
    target = Services(open_database(sqlite_url(tmp_path / "old.sqlite3")))
    jsonio.import_data(target.db, exported)
    [action] = [a for a in target.actions.actions() if a.text == "Something"]
    assert action.owner_confirmed and action.owner_line == "Sally Goodwin"
    target.db.dispose()
