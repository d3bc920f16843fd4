"""``scbmeet meetings`` reads its five columns with SQLAlchemy Core
(:mod:`scbmeet.services.meeting_lines`): the same meetings, in the same order, with the same
board lookup and the same message for a board not known, as the full services (issue 14)."""

from __future__ import annotations

from datetime import date, time

import pytest

from scbmeet.cli import main
from scbmeet.domain.errors import ValidationError
from scbmeet.services import Services
from scbmeet.services.meeting_lines import meeting_lines


def _two_boards(services: Services) -> None:
    """Two boards meeting on one day (so the board orders them), with and without times."""
    reg, meetings = services.register, services.meetings
    first = reg.create_board("Marlshire Children's Partnership", "MCP", default_venue="Hall")
    second = reg.create_board("Abbey Adults Board", "AAB")
    meetings.create_meeting(first.id, date(2025, 3, 5), start_time=time(9, 30))
    meetings.create_meeting(second.id, date(2025, 3, 5), venue="Annexe")
    meetings.create_meeting(first.id, date(2024, 11, 20), standard_agenda=False)
    meetings.create_meeting(second.id, date(2026, 1, 14), start_time=time(14, 0))


def _full(services: Services, short: str | None) -> list[tuple[object, ...]]:
    board_id = services.register.board_by_short_name(short).id if short else None
    return [
        (m.date, m.start_time, m.board_short_name, m.state, m.venue)
        for m in services.meetings.meetings(board_id)
    ]


@pytest.mark.parametrize("short", [None, "MCP", "aab ", ""])
def test_the_lean_listing_is_the_services_own(services, short):
    _two_boards(services)
    lean = [
        (m.date, m.start_time, m.board_short_name, m.state, m.venue)
        for m in meeting_lines(services.db, short)
    ]
    assert lean == _full(services, short)
    assert len(lean) == {None: 4, "": 4}.get(short, 2)


def test_a_board_not_known_is_the_registers_own_message(services):
    _two_boards(services)
    with pytest.raises(ValidationError) as full:
        services.register.board_by_short_name("XYZ")
    with pytest.raises(ValidationError) as lean:
        meeting_lines(services.db, "XYZ")
    assert str(lean.value) == str(full.value)
    assert "(boards: MCP, AAB)" in str(lean.value)


def test_the_command_prints_every_meeting_oldest_first(demo, capsys):
    services, _ = demo
    code = main(["meetings", "--db", str(services.db.path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    expected = [
        f"{m.date.isoformat()}  {m.start_time:%H:%M}  {m.board_short_name:<8} "
        f"{m.state.replace('_', ' '):<17} {m.venue}"
        for m in sorted(services.meetings.meetings(), key=lambda m: (m.date, m.board_short_name))
    ]
    assert out == expected and len(out) == 4
