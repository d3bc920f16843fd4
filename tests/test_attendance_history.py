"""The attendance report over a long built history (benchmarks/build_large_db.py: seats
held in turn, substitutes, apologies, unrecorded members), checked against a plain
count straight from the tables."""

from __future__ import annotations

import sqlite3
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from build_large_db import TODAY, build_large_db

ATTENDED = ("present", "in_attendance")


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    path = tmp_path_factory.mktemp("history") / "six-years.sqlite3"
    built = build_large_db(path, years=6)
    database = open_database(sqlite_url(path))
    yield Services(database), built.board_id, path
    database.dispose()


def _expected(path: Path, start: date, end: date) -> dict[int, Counter[str]]:
    """Per membership: attended, substituted, apologies, absent - counted the slow, obvious way."""
    raw = sqlite3.connect(path)
    meetings = [
        (mid, date.fromisoformat(on))
        for mid, on in raw.execute(
            "SELECT id, date FROM meeting WHERE date BETWEEN ? AND ? AND id IN "
            "(SELECT meeting_id FROM attendance)",
            (start.isoformat(), end.isoformat()),
        )
    ]
    status = {
        (m, p): s for m, p, s in raw.execute("SELECT meeting_id, person_id, status FROM attendance")
    }
    covered = set(
        raw.execute(
            "SELECT meeting_id, substitute_for_id FROM attendance "
            "WHERE substitute_for_id IS NOT NULL AND status IN ('present', 'in_attendance')"
        )
    )
    out: dict[int, Counter[str]] = {}
    for mid, person, first, last in raw.execute(
        "SELECT id, person_id, start_date, end_date FROM membership"
    ):
        counts: Counter[str] = Counter()
        for meeting_id, on in meetings:
            if (first and on < date.fromisoformat(first)) or (
                last and on > date.fromisoformat(last)
            ):
                continue
            st = status.get((meeting_id, person), "absent")
            if st in ATTENDED:
                counts["attended"] += 1
            elif (meeting_id, person) in covered:
                counts["substituted"] += 1
            elif st == "apologies":
                counts["apologies"] += 1
            else:
                counts["absent"] += 1
        out[mid] = counts
    raw.close()
    return out


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(1990, 1, 1), date(2025, 12, 31)), (date(2021, 3, 1), date(2023, 7, 31))],
)
def test_member_counts_match_a_plain_count_of_the_tables(history, start, end):
    services, board_id, path = history
    report = services.attendance.report(board_id, start, end, today=TODAY)
    expected = _expected(path, start, end)
    in_period = {m.membership_id: m for m in report.members}
    assert len(in_period) > 30  # seats changed hands over the years
    substituted = 0
    for membership_id, member in in_period.items():
        want = expected[membership_id]
        got = (member.attended, member.substituted, member.apologies, member.absent)
        assert got == (want["attended"], want["substituted"], want["apologies"], want["absent"])
        assert member.expected == sum(want.values())
        substituted += member.substituted
    assert substituted > 0  # the history has substitutes, so that rule is exercised
    assert len(report.meeting_dates) == len(set(report.meeting_dates))


def test_organisations_count_their_members_and_meetings(history):
    services, board_id, _path = history
    report = services.attendance.report(board_id, date(1990, 1, 1), date(2025, 12, 31), today=TODAY)
    org_of = {m.membership_id: m.organisation_name for m in report.members}
    by_name = Counter(org_of.values())
    for org in report.organisations:
        assert org.members == by_name[org.name]
        assert org.meetings == len(report.meeting_dates)
        assert 0 <= org.represented <= org.meetings
