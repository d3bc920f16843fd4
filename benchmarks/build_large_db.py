"""A large, realistic scbmeet database for benchmarks: twenty (or more) years of one busy board.

``build_large_db(path)`` makes 200 meetings (ten a year for twenty years), 4,000 numbered
minutes, 8,000 actions with 12,000-odd owners and progress updates, 3,000 resolutions,
1,600 agenda items, 600 papers, 500 people in 40 organisations, 30 seats held in turn
by members serving terms of three to seven years, and every meeting's attendance.
``build_large_db(path, years=60)`` makes sixty years of the same (the history always ends
in 2025, so :data:`TODAY` is the same). The text is generated from a fixed vocabulary with
a fixed seed, so every run builds the same database.

Rows go in with bulk Core inserts in one transaction (the search triggers fire as they
would for the app), which takes seconds rather than the minutes 8,000 service calls would.
The database is created and migrated by :func:`scbmeet.storage.database.open_database` first, so
it is exactly what the app would open.

Run it directly to keep a copy: ``python benchmarks/build_large_db.py large.sqlite3 [YEARS]``.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from scbmeet.domain.models import (
    Action,
    ActionOwner,
    ActionTheme,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Membership,
    MinuteItem,
    Organisation,
    Paper,
    Person,
    Resolution,
    Theme,
)
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

LAST_YEAR = 2025
YEARS = 20  # the default; build_large_db takes any number
MEETING_MONTHS = (1, 2, 3, 4, 5, 6, 7, 9, 10, 11)  # ten a year; none in August or December
MINUTES_PER_MEETING = 20
ACTIONS_PER_MINUTE = 2
PEOPLE = 500
ORGANISATIONS = 40
SEED = 20130605
# The benchmarks look at the register as on this day: the day after the last meeting.
TODAY = date(LAST_YEAR, 11, 30)
SEATS = 30
TERM_YEARS = (3, 4, 5, 6, 7)
SUBSTITUTES = 40  # the last people in the register stand in for members, never serve

TOPICS = [
    "anti-social behaviour",
    "domestic abuse",
    "county lines",
    "alcohol-related harm",
    "hate crime",
    "integrated offender management",
    "youth violence",
    "road safety",
    "cyber crime",
    "modern slavery",
    "child exploitation",
    "knife crime",
    "arson",
    "fly-tipping",
    "burglary",
    "rural crime",
    "substance misuse",
    "Prevent",
    "night-time economy",
    "CCTV",
    "community cohesion",
    "serious violence duty",
]
VERBS = [
    "Circulate",
    "Report back on",
    "Review",
    "Draft",
    "Agree",
    "Map",
    "Commission",
    "Evaluate",
    "Update the Board on",
    "Share data on",
    "Arrange a workshop on",
    "Produce a briefing on",
    "Consult partners on",
    "Audit",
    "Fund",
]
OBJECTS = [
    "the partnership plan",
    "the needs assessment",
    "the performance dashboard",
    "the funding bid",
    "the referral pathway",
    "the communications plan",
    "the training programme",
    "the data-sharing agreement",
    "the action plan",
    "the strategic assessment",
    "the victims' survey",
    "the hotspot analysis",
]
NARRATIVE = [
    "Partners reported that {topic} had {trend} over the quarter, with the largest changes "
    "in {place}.",
    "The Board discussed the resources available for {topic} and agreed that the "
    "partnership response should be reviewed.",
    "Members asked that future reports show trends in {topic} by ward as well as by district.",
    "It was noted that funding for {topic} work ended in March and that a bid had been made.",
    "The officer explained the multi-agency arrangements for {topic} in {place}.",
]
TRENDS = ["fallen", "risen", "stayed level", "risen sharply", "fallen slightly"]
PLACES = ["the north", "the county town", "rural areas", "the coalfield", "the city centre"]
GIVEN = [
    "Alice",
    "Amir",
    "Bernard",
    "Chloe",
    "David",
    "Eleanor",
    "Farah",
    "Gareth",
    "Helen",
    "Imran",
    "Joanne",
    "Kul",
    "Lucy",
    "Mark",
    "Nadia",
    "Owen",
    "Priya",
    "Rachel",
    "Sally",
    "Tom",
    "Una",
    "Victor",
    "Wendy",
    "Zoë",
]
FAMILY = [
    "Adeyemi",
    "Bassett",
    "Carver",
    "Denholm",
    "Ellery",
    "Fairley",
    "Goodwin",
    "Hart",
    "Iqbal",
    "Jones",
    "Khan",
    "Lowe",
    "Mahay",
    "Nolan",
    "Okafor",
    "Pike",
    "Qureshi",
    "Rahman",
    "Sharma",
    "Tomlinson",
    "Walsh",
    "Young",
]
ORG_KINDS = ["council", "police", "fire", "probation", "health", "voluntary", "pcc", "other"]


@dataclass
class Built:
    """What was built, for the benchmark's report."""

    path: Path
    board_id: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def meeting_dates(years: int = YEARS) -> list[date]:
    """The second Wednesday of each meeting month, ``years`` of them up to :data:`LAST_YEAR`."""
    dates = []
    for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
        for month in MEETING_MONTHS:
            first = date(year, month, 1)
            dates.append(first + timedelta(days=(2 - first.weekday()) % 7 + 7))
    return dates


class _Rows:
    """Row dictionaries per table, with ids handed out in insertion order."""

    def __init__(self) -> None:
        self.tables: dict[type[Any], list[dict[str, Any]]] = {}

    def add(self, model: type[Any], **values: Any) -> int:
        rows = self.tables.setdefault(model, [])
        values.setdefault("id", len(rows) + 1)
        rows.append(values)
        return int(values["id"])


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} for {rng.choice(TOPICS)}."


def _narrative(rng: random.Random, topic: str) -> str:
    return " ".join(
        rng.choice(NARRATIVE).format(
            topic=topic, trend=rng.choice(TRENDS), place=rng.choice(PLACES)
        )
        for _ in range(rng.randint(2, 5))
    )


def _register(rows: _Rows, rng: random.Random) -> tuple[list[int], list[int], list[int]]:
    orgs = []
    for n in range(1, ORGANISATIONS + 1):
        kind = ORG_KINDS[n % len(ORG_KINDS)]
        parent = orgs[(n - 1) % 10] if n > 30 else None  # the last ten are teams
        orgs.append(
            rows.add(
                Organisation,
                name=f"Organisation {n:02d} ({kind})",
                short_name=f"ORG{n:02d}",
                kind="team" if parent else kind,
                is_statutory=kind in ("council", "police", "fire", "probation", "health"),
                parent_id=parent,
                active=True,
            )
        )
    people = []
    for n in range(PEOPLE):
        given, family = GIVEN[n % len(GIVEN)], FAMILY[(n // len(GIVEN)) % len(FAMILY)]
        people.append(
            rows.add(
                Person,
                title="",
                given_names=given,
                family_name=f"{family}{n // (len(GIVEN) * len(FAMILY)) or ''}",
                job_title="Officer",
                organisation_id=orgs[n % 30],
                email=f"person{n}@example.org",
                active=True,
            )
        )
    themes = [rows.add(Theme, name=topic.capitalize(), description="") for topic in TOPICS[:12]]
    return orgs, people, themes


def _meeting(
    rows: _Rows,
    rng: random.Random,
    board_id: int,
    index: int,
    dates: list[date],
    ctx: dict[str, list[int]],
) -> None:
    on = dates[index]
    stamp = datetime(on.year, on.month, on.day, 12, tzinfo=UTC)
    meeting_id = rows.add(
        Meeting,
        board_id=board_id,
        date=on,
        venue="Council Chamber",
        title="",
        state="minutes_approved" if index < len(dates) - 1 else "minutes_drafted",
        approved_on=dates[index + 1] if index < len(dates) - 1 else None,
        ical_uid=f"bench-{index}@scbmeet",
        ical_sequence=0,
        version=1,
        updated_at=stamp,
    )
    items = []
    for position in range(1, 9):
        topic = rng.choice(TOPICS)
        item_id = rows.add(
            AgendaItem,
            meeting_id=meeting_id,
            position=position,
            title=f"{topic.capitalize()} update",
            kind="ordinary",
            session="open",
            closed_reference="",
            status="taken",
            presenter_text="",
            notes=f"Report on {topic}.",
        )
        items.append(item_id)
        if position <= 3:
            rows.add(
                Paper,
                agenda_item_id=item_id,
                position=1,
                title=f"{topic.capitalize()} - quarterly report",
                author_text="",
                attached_text="",
                recommendation=f"That the Board notes the report on {topic}.",
                state="attached",
            )
    number_base = (index % len(MEETING_MONTHS)) * MINUTES_PER_MEETING
    for position in range(1, MINUTES_PER_MEETING + 1):
        topic = rng.choice(TOPICS)
        minute_id = rows.add(
            MinuteItem,
            meeting_id=meeting_id,
            board_id=board_id,
            agenda_item_id=items[(position - 1) % len(items)],
            position=position,
            numbering_year=on.year,
            number=number_base + position,
            title=topic.capitalize(),
            narrative=_narrative(rng, topic),
            version=1,
            updated_at=stamp,
        )
        if rng.random() < 0.75:
            rows.add(
                Resolution,
                minute_item_id=minute_id,
                position=1,
                text=f"that the report on {topic} be noted.",
            )
        for action_position in range(1, ACTIONS_PER_MINUTE + 1):
            _action(rows, rng, board_id, minute_id, action_position, index, dates, ctx)


def _action(
    rows: _Rows,
    rng: random.Random,
    board_id: int,
    minute_id: int,
    position: int,
    index: int,
    dates: list[date],
    ctx: dict[str, list[int]],
) -> None:
    """One action; older ones are mostly closed a few meetings later, recent ones open."""
    on = dates[index]
    meetings_left = len(dates) - 1 - index
    lasts = rng.choice([1, 1, 2, 2, 3, 4, 6, 9, 40, 999])  # meetings until closed; 999: never
    closed_index = index + lasts if lasts <= meetings_left else None
    due_date = on + timedelta(days=rng.choice([30, 60, 90, 180])) if rng.random() < 0.7 else None
    due_meeting = index + 2 if due_date is None and meetings_left >= 2 else None
    action_id = rows.add(
        Action,
        board_id=board_id,
        minute_item_id=minute_id,
        position=position,
        text=_sentence(rng),
        due_date=due_date,
        due_meeting_id=due_meeting + 1 if due_meeting is not None else None,
        state=rng.choice(["done", "done", "done", "dropped"])
        if closed_index
        else rng.choice(["open", "in_progress"]),
        created_on=on,
        closed_on=dates[closed_index] if closed_index else None,
        closed_at_meeting_id=closed_index + 1 if closed_index else None,
        version=1,
    )
    owners = rng.sample(ctx["people"], rng.choice([1, 1, 1, 2]))
    for owner_position, person_id in enumerate(owners):
        rows.add(ActionOwner, action_id=action_id, position=owner_position, person_id=person_id)
    if rng.random() < 0.1:
        rows.add(
            ActionOwner,
            action_id=action_id,
            position=len(owners),
            organisation_id=rng.choice(ctx["orgs"]),
        )
    if rng.random() < 0.3:
        rows.add(ActionTheme, action_id=action_id, theme_id=rng.choice(ctx["themes"]))
    last = closed_index if closed_index else len(dates) - 1
    for later in range(index + 1, min(last, index + 3) + 1):
        rows.add(
            ActionUpdate,
            action_id=action_id,
            on_date=dates[later],
            text=f"Progress reported: {rng.choice(OBJECTS)} {rng.choice(['drafted', 'agreed', 'delayed', 'shared'])}.",
            meeting_id=later + 1,
        )


def _memberships(
    rows: _Rows, rng: random.Random, board_id: int, people: list[int], dates: list[date]
) -> list[tuple[int, date, date | None]]:
    """Seats held in turn: each member serves a term, then the next one takes over.

    Returns (person id, start, end or None for a current term)."""
    members = people[:-SUBSTITUTES]
    terms: list[tuple[int, date, date | None]] = []
    first, last = dates[0], dates[-1]
    for seat in range(SEATS):
        start = first - timedelta(days=rng.randrange(0, 3 * 365))
        while start <= last:
            years = rng.choice(TERM_YEARS)
            end: date | None = start + timedelta(days=365 * years - 1)
            if end is not None and end >= last:
                end = None
            person_id = members[len(terms) % len(members)]
            rows.add(
                Membership,
                board_id=board_id,
                person_id=person_id,
                role="chair" if seat == 0 else "member",
                start_date=start,
                end_date=end,
            )
            terms.append((person_id, start, end))
            if end is None:
                break
            start = end + timedelta(days=1)
    return terms


def _attendance(
    rows: _Rows,
    rng: random.Random,
    terms: list[tuple[int, date, date | None]],
    people: list[int],
    dates: list[date],
) -> None:
    """Every meeting's attendance: most members present, some apologies (a few of them
    covered by a substitute), the odd one absent or not recorded at all."""
    substitutes = people[-SUBSTITUTES:]
    for index, on in enumerate(dates):
        meeting_id = index + 1
        came = set()
        for person_id, start, end in terms:
            if not (start <= on and (end is None or on <= end)):
                continue
            roll = rng.random()
            if roll < 0.04:
                continue  # not recorded: counts as absent
            status = "present" if roll < 0.78 else "apologies" if roll < 0.95 else "absent"
            rows.add(Attendance, meeting_id=meeting_id, person_id=person_id, status=status, note="")
            if status == "apologies" and rng.random() < 0.3:
                stand_in = rng.choice(substitutes)
                if stand_in not in came:
                    came.add(stand_in)
                    rows.add(
                        Attendance,
                        meeting_id=meeting_id,
                        person_id=stand_in,
                        status="present",
                        substitute_for_id=person_id,
                        note="",
                    )


def _generate(board_id: int, years: int) -> _Rows:
    rng = random.Random(SEED)
    rows = _Rows()
    orgs, people, themes = _register(rows, rng)
    ctx = {"orgs": orgs, "people": people, "themes": themes}
    dates = meeting_dates(years)
    for index in range(len(dates)):
        _meeting(rows, rng, board_id, index, dates, ctx)
    terms = _memberships(rows, rng, board_id, people, dates)
    _attendance(rows, rng, terms, people, dates)
    return rows


INSERT_ORDER = [
    Organisation,
    Person,
    Theme,
    Meeting,
    Membership,
    Attendance,
    AgendaItem,
    Paper,
    MinuteItem,
    Resolution,
    Action,
    ActionOwner,
    ActionTheme,
    ActionUpdate,
]


def _batches(items: list[dict[str, Any]], size: int = 2000) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _normalise(model: type[Any], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every row with every column, so that one executemany covers the batch."""
    # A column the generator does not fill takes the model's own default (a version
    # column added later starts at 1), else NULL.
    defaults = {
        c.name: c.default.arg if c.default is not None and c.default.is_scalar else None
        for c in model.__table__.columns
    }
    return [{**defaults, **row} for row in items]


def build_large_db(path: Path | str, years: int = YEARS) -> Built:
    """Create ``path`` (which must not exist) as the large benchmark database of ``years``."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; the benchmark builds a fresh database")
    started = time.perf_counter()
    db = open_database(sqlite_url(path))
    try:
        with db.engine.begin() as conn:
            board_id = conn.execute(
                sa.insert(Board.__table__).values(  # type: ignore[attr-defined]
                    name="Large Safer Communities Board",
                    short_name="LSCB",
                    default_venue="Council Chamber",
                    numbering="calendar",
                    numbering_start_month=1,
                    active=True,
                )
            ).inserted_primary_key[0]
            rows = _generate(board_id, years)
            for model in INSERT_ORDER:
                for batch in _batches(_normalise(model, rows.tables.get(model, []))):
                    conn.execute(sa.insert(model.__table__), batch)
            conn.exec_driver_sql("ANALYZE")
    finally:
        db.dispose()
    counts = {model.__tablename__: len(rows.tables.get(model, [])) for model in INSERT_ORDER}
    return Built(path, board_id, counts, time.perf_counter() - started)


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or (len(argv) == 2 and not argv[1].isdigit()):
        print(
            "usage: python benchmarks/build_large_db.py NEW-FILE.sqlite3 [YEARS]", file=sys.stderr
        )
        return 2
    built = build_large_db(argv[0], int(argv[1]) if len(argv) == 2 else YEARS)
    summary = ", ".join(f"{n} {t}" for t, n in built.counts.items())
    print(f"built {built.path} in {built.seconds:.1f} s: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
