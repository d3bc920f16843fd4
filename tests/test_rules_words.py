"""Bad or loose input to the access-to-information rules: the "rules off" setting in words,
and reasons for closing given to an open item."""

from __future__ import annotations

from datetime import date

import pytest

from scbmeet.domain.errors import ValidationError


@pytest.mark.parametrize("word", ["off", "OFF", " none ", "", "None"])
def test_the_rules_are_switched_off_in_words(small, word):
    reg = small.services.register
    reg.update_board(small.board.id, {"access_rules": "england"})
    reg.update_board(small.board.id, {"access_rules": word})
    assert reg.board(small.board.id).access_rules == ""


def test_a_nation_is_taken_whatever_its_case(small):
    reg = small.services.register
    reg.update_board(small.board.id, {"access_rules": " Wales"})
    assert reg.board(small.board.id).access_rules == "wales"


def test_another_word_is_refused_naming_the_words_that_do(small):
    reg = small.services.register
    reg.update_board(small.board.id, {"access_rules": "england"})
    with pytest.raises(ValidationError) as refused:
        reg.update_board(small.board.id, {"access_rules": "scotland"})
    message = str(refused.value)
    assert "'scotland' is not an access-to-information setting" in message
    assert "use off" in message and "england or wales" in message and "\n" not in message
    assert reg.board(small.board.id).access_rules == "england"  # nothing changed


@pytest.fixture
def meeting(small):
    return small.services.meetings.create_meeting(small.board.id, date(2013, 11, 27))


def test_paragraphs_given_to_a_new_item_take_it_into_closed_session(small, meeting):
    """As ``agenda add --paragraphs`` does: saying why it is closed closes it."""
    ag = small.services.agenda
    item = ag.add_item(meeting.id, "Gang mapping", exempt_paragraphs="7")
    assert item.is_closed and item.exempt_paragraphs == (7,)
    reason = ag.add_item(meeting.id, "Family case", closed_reason="Names a family")
    assert reason.is_closed and reason.closed_reason == "Names a family"


def test_paragraphs_under_an_open_item_are_refused_naming_it(small, meeting):
    ag = small.services.agenda
    parent = ag.add_item(meeting.id, "Performance report")
    before = [(i.title, i.session) for i in ag.agenda(meeting.id)]
    with pytest.raises(ValidationError, match="under 'Performance report', which is in open"):
        ag.add_item(meeting.id, "Named offenders", parent_id=parent.id, exempt_paragraphs="1")
    assert [(i.title, i.session) for i in ag.agenda(meeting.id)] == before


def test_paragraphs_given_to_an_open_item_are_refused_naming_it(small, meeting):
    ag = small.services.agenda
    item = ag.add_item(meeting.id, "Hate crime strategy")
    for change in ({"exempt_paragraphs": "7"}, {"closed_reason": "Sensitive"}):
        with pytest.raises(ValidationError, match="'Hate crime strategy' is in open session"):
            ag.update_item(item.id, change)
        stored = ag.item(item.id)
        assert (stored.is_closed, stored.exempt_paragraphs, stored.closed_reason) == (
            False,
            (),
            "",
        )
    closed = ag.update_item(item.id, {"session": "closed", "exempt_paragraphs": "7"})
    assert closed.is_closed and closed.exempt_paragraphs == (7,)


def test_an_item_taken_back_into_open_session_drops_its_reason(small, meeting):
    ag = small.services.agenda
    item = ag.add_item(meeting.id, "Gang mapping", exempt_paragraphs="7", closed_reason="")
    reopened = ag.update_item(item.id, {"session": "open"})
    assert not reopened.is_closed and reopened.exempt_paragraphs == ()
