"""Chasing owners: reminder content, .eml drafts and mailto links."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from scbmeet.domain.dto import PersonInfo
from scbmeet.domain.errors import ValidationError
from scbmeet.services.chasing import (
    Reminder,
    eml_bytes,
    eml_filename,
    mailto_url,
    salutation,
    write_eml_files,
)

TODAY = date(2026, 11, 21)


@pytest.fixture
def board(services):
    """Sally (with an address) owns two actions, one overdue; a team and Kul share one."""
    reg = services.register
    board = reg.create_board("Marlshire Safer Communities Board", "MSCB")
    council = reg.create_organisation("Marlshire County Council", short_name="MCC")
    reg.create_organisation("Research and Intelligence", short_name="SMRI", parent_id=council.id)
    reg.create_person("Goodwin", given_names="Sally", email="sally.goodwin@mcc.example.org")
    reg.create_person("Mahay", given_names="Kul", title="Supt")
    reg.create_person("Qureshi", title="Dr")
    june = services.meetings.create_meeting(board.id, date(2026, 6, 3), standard_agenda=False)
    services.meetings.create_meeting(board.id, date(2026, 12, 2), standard_agenda=False)
    minute = services.minutes.add_minute(june.id, "Performance")
    late = services.actions.add_action(
        minute.id, "Send the ASB figures by ward", "Sally Goodwin", due_date=date(2026, 9, 1)
    )
    services.actions.add_update(late.id, "Figures being checked.", on=date(2026, 8, 20))
    services.actions.add_action(minute.id, "Brief the CSP chairs", "Sally Goodwin")
    services.actions.add_action(minute.id, "Map the hotspots", "SMRI/Kul Mahay")
    done = services.actions.add_action(minute.id, "Book the venue", "Sally Goodwin")
    services.actions.set_state(done.id, "done", on=date(2026, 7, 1))
    return board


def reminders_by_owner(services, board):
    found = services.chasing.reminders(board_id=board.id, today=TODAY, sender_name="Owen Price")
    return {r.owner_name: r for r in found}


def test_one_reminder_per_owner_of_outstanding_actions(services, board):
    reminders = reminders_by_owner(services, board)
    assert set(reminders) == {"Sally Goodwin", "Kul Mahay", "SMRI"}
    sally = reminders["Sally Goodwin"]
    assert [a.text for a in sally.actions] == [
        "Send the ASB figures by ward",
        "Brief the CSP chairs",
    ]
    assert sally.to == (("Sally Goodwin", "sally.goodwin@mcc.example.org"),)
    assert sally.has_address
    assert not reminders["Kul Mahay"].has_address  # no address in the register
    assert not reminders["SMRI"].has_address


def test_reminder_text(services, board):
    sally = reminders_by_owner(services, board)["Sally Goodwin"]
    assert sally.subject == (
        "Outstanding actions for Sally Goodwin - MSCB meeting on 2 December 2026"
    )
    body = sally.body
    assert body.startswith("Dear Sally,\n")
    assert (
        "Ahead of the next meeting of the Marlshire Safer Communities Board on 2 December 2026"
        in body
    )
    assert "1. Minute 1/26 (MSCB 3 June 2026): Send the ASB figures by ward" in body
    assert "   Due 1 September 2026 - overdue by 81 days." in body
    assert "   Latest progress (20 August 2026): Figures being checked." in body
    assert (
        "2. Minute 1/26 (MSCB 3 June 2026): Brief the CSP chairs\n   No due date was set." in body
    )
    assert "Book the venue" not in body  # done
    assert body.rstrip().endswith("Kind regards,\n\nOwen Price")


def test_salutations():
    assert salutation(None) == "Dear colleagues"
    person = PersonInfo(1, "Councillor", "Margaret Anne", "Holloway", "", None, "", "", True)
    assert salutation(person) == "Dear Margaret"


def test_salutation_without_given_names(services, board):
    qureshi = next(p for p in services.register.people() if p.family_name == "Qureshi")
    assert salutation(qureshi) == "Dear Dr Qureshi"
    team = reminders_by_owner(services, board)["SMRI"]
    assert team.body.startswith("Dear colleagues,")


def test_reminders_for_chosen_rows_only(services, board):
    rows = services.action_register.rows(board.id, today=TODAY)
    chosen = [r for r in rows if r.text == "Map the hotspots"]
    found = services.chasing.reminders(chosen, today=TODAY)
    assert sorted(r.owner_name for r in found) == ["Kul Mahay", "SMRI"]
    assert services.chasing.reminders([], today=TODAY) == []


def test_eml_is_an_unsent_utf8_message(services, board):
    sally = reminders_by_owner(services, board)["Sally Goodwin"]
    raw = eml_bytes(sally, sender=("Owen Price", "owen.price@mcc.example.org"))
    assert b"\r\n" in raw
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == sally.subject
    assert message["To"] == "Sally Goodwin <sally.goodwin@mcc.example.org>"
    assert message["From"] == "Owen Price <owen.price@mcc.example.org>"
    assert message.get_content_type() == "text/plain"
    assert message.get_content().replace("\r\n", "\n") == sally.body


def test_eml_without_address_leaves_to_empty(services, board):
    kul = reminders_by_owner(services, board)["Kul Mahay"]
    message = email.message_from_bytes(eml_bytes(kul), policy=policy.default)
    assert message["To"] is None
    assert message["From"] is None
    assert "Map the hotspots" in message.get_content()


def test_eml_keeps_non_ascii_text():
    reminder = Reminder(
        owner_name="Zoë Brontë",
        person_id=1,
        organisation_id=None,
        to=(("Zoë Brontë", "zoe@example.org"),),
        subject="Actions – café licensing",
        body="Dear Zoë,\n\n1. Review café hours.\n",
        actions=(),
    )
    message = email.message_from_bytes(eml_bytes(reminder), policy=policy.default)
    assert message["Subject"] == "Actions – café licensing"
    assert str(message["To"]) == "Zoë Brontë <zoe@example.org>"
    assert "Review café hours." in message.get_content()


def test_mailto_link_round_trips(services, board):
    sally = reminders_by_owner(services, board)["Sally Goodwin"]
    url = mailto_url(sally)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "sally.goodwin@mcc.example.org"
    assert " " not in url and "\n" not in url
    query = parse_qs(parts.query)
    assert query["subject"] == [sally.subject]
    assert query["body"][0].replace("\r\n", "\n") == sally.body
    assert "%0D%0A" in url  # line breaks as RFC 6068 asks


def test_write_eml_files_never_overwrites(services, board, tmp_path):
    reminders = list(reminders_by_owner(services, board).values())
    first = write_eml_files(reminders, tmp_path)
    second = write_eml_files(reminders[:1], tmp_path)
    assert len({*first, *second}) == 4
    assert second[0].name.endswith(" (2).eml")
    assert all(p.read_bytes().startswith(b"Subject:") for p in first)


def test_write_eml_files_to_a_missing_folder(tmp_path):
    with pytest.raises(ValidationError, match="not a folder"):
        write_eml_files([], tmp_path / "nowhere")


def test_eml_filename_is_safe():
    reminder = Reminder("A/B: C?", None, 1, (), "s", "b", ())
    assert eml_filename(reminder) == "Actions - A B C.eml"
