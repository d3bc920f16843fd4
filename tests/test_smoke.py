"""The demo database builds and reads back through the services."""

from scbmeet.domain.enums import MeetingState


def test_demo_has_a_living_board(demo):
    services, summary = demo
    meetings = services.meetings.meetings(summary.board_id)
    assert len(meetings) == 4
    upcoming = services.meetings.meeting(summary.upcoming_meeting_id)
    assert upcoming.state == MeetingState.PLANNED
    assert len(services.register.people()) == 20
    assert services.actions.outstanding(board_id=summary.board_id)
