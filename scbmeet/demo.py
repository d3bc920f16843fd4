"""A realistic demo board, written in the project's own words, built through the services.

Marlshire is a fictional county. Its Safer Communities Board has ten member
organisations, twenty members, three past meetings with minutes, resolutions and
actions (some still outstanding), papers, a closed-session item, forward-plan entries
and an upcoming meeting with its agenda. Dates are set relative to ``today`` so the
upcoming meeting is always ahead.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from scbmeet.domain.dto import BoardInfo, OrganisationInfo, PersonInfo
from scbmeet.services import Services

ORGANISATIONS = [
    # name, short name, kind, statutory
    ("Marlshire County Council", "MCC", "council", True),
    ("Eastvale Borough Council", "EBC", "council", True),
    ("Northmoor District Council", "NDC", "council", True),
    ("Southbrook District Council", "SDC", "council", True),
    ("Marlshire Police", "MP", "police", True),
    ("Marlshire Fire and Rescue Service", "MFRS", "fire", True),
    ("Probation Service - Marlshire", "PS", "probation", True),
    ("Marlshire Integrated Care Board", "ICB", "health", True),
    ("Office of the Police and Crime Commissioner", "OPCC", "pcc", False),
    ("Marlshire Community Voluntary Service", "MCVS", "voluntary", False),
]

# title, given names, family name, organisation short name, job title, role
PEOPLE = [
    ("Councillor", "Margaret Anne", "Holloway", "MCC", "Cabinet Member for Communities", "chair"),
    ("Councillor", "Dev", "Sharma", "EBC", "Portfolio Holder, Community Safety", "vice_chair"),
    ("", "Rachel", "Okafor", "MCC", "Head of Community Safety", "officer"),
    ("", "Tom", "Ellery", "MCC", "Public Health Lead for Alcohol", "member"),
    ("", "Nadia", "Rahman", "MCC", "Community Safety Analyst", "officer"),
    ("Councillor", "Peter John", "Whitlock", "NDC", "Cabinet Member", "member"),
    ("", "Sian", "Morgan", "NDC", "Community Safety Manager", "member"),
    ("Councillor", "Alice", "Brennan", "SDC", "Deputy Leader", "member"),
    ("", "Gareth", "Price", "SDC", "Head of Housing", "member"),
    ("", "Lucy", "Hart", "EBC", "Community Safety Officer", "member"),
    ("Supt", "Kieran", "Walsh", "MP", "Head of Neighbourhood Policing", "member"),
    ("Insp", "Joanne", "Fairley", "MP", "Partnerships Inspector", "adviser"),
    ("", "Mark", "Denholm", "MFRS", "Deputy Chief Fire Officer", "member"),
    ("", "Helen", "Carver", "PS", "Head of Probation Delivery", "member"),
    ("Dr", "Amir", "Qureshi", "ICB", "Director of Nursing and Safeguarding", "member"),
    ("", "Claire", "Bassett", "ICB", "Designated Nurse, Safeguarding Adults", "member"),
    ("", "Jonathan", "Pike", "OPCC", "Police and Crime Commissioner", "member"),
    ("", "Fiona", "Lister", "OPCC", "Commissioning Manager", "adviser"),
    ("", "Ruth", "Adeyemi", "MCVS", "Chief Executive", "member"),
    ("", "Owen", "Price-Jones", "MCC", "Democratic Services Officer", "officer"),
]

THEMES = [
    ("Anti-social behaviour", "Nuisance, personal and environmental ASB"),
    ("Domestic abuse", "Including domestic homicide reviews"),
    ("Serious and organised crime", "Organised crime groups, county lines, exploitation"),
    ("Alcohol and drugs", "Alcohol-related harm and substance misuse"),
    ("Reducing reoffending", "Integrated offender management"),
    ("Hate crime", ""),
]


# Who keeps the board's records: the audit trail and the actions' history name them.
SECRETARY = "Owen Price-Jones"
ANALYST = "Nadia Rahman"


@contextmanager
def at_the_keyboard(services: Services, user: str, day: date, at: time) -> Iterator[None]:
    """Record what is done inside as done by ``user`` on ``day``, from ``at`` on (a minute or
    two between changes, as typing takes), not by whoever builds the demo, on that day."""
    db = services.db
    moment = [datetime.combine(day, at, tzinfo=UTC)]

    def clock() -> datetime:
        moment[0] += timedelta(minutes=1)
        return moment[0]

    was = (db.user, db.clock)
    db.user, db.clock = user, clock
    try:
        yield
    finally:
        db.user, db.clock = was


def typed_up(meeting_day: date) -> date:
    """The working day the secretary types up a meeting's minutes: two days after it."""
    day = meeting_day + timedelta(days=2)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@dataclass
class DemoSummary:
    board_id: int
    upcoming_meeting_id: int
    meeting_ids: list[int]


def wednesday_near(d: date) -> date:
    return d + timedelta(days=(2 - d.weekday()) % 7)


def _paper_docx(
    title: str,
    author: str,
    paragraphs: list[str],
    *,
    marking: str = "",
    appendix: Sequence[tuple[str, ...]] = (),
) -> bytes:
    """A small Word report, as an officer would send it to the secretary; ``marking``
    (a closed report's "OFFICIAL - SENSITIVE") heads and foots its pages, as it does at
    work; ``appendix`` rows (headings first) make a table on a page of its own."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]  # python-docx starts on US Letter; a Marlshire officer uses A4
    section.page_width, section.page_height = Mm(210), Mm(297)
    if marking:
        section.header.paragraphs[0].text = marking
        section.footer.paragraphs[0].text = f"{marking} - not to be copied or shared"
    doc.add_heading(title, level=1)
    doc.add_paragraph(f"Report of {author}")
    doc.add_heading("Purpose of the report", level=2)
    doc.add_paragraph(paragraphs[0])
    doc.add_heading("Information", level=2)
    for text in paragraphs[1:]:
        doc.add_paragraph(text)
    if appendix:
        doc.add_page_break()
        doc.add_heading("Appendix A - actions not yet complete", level=2)
        table = doc.add_table(rows=len(appendix), cols=len(appendix[0]))
        table.style = "Table Grid"
        for row, texts in zip(table.rows, appendix, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
        # its headings row repeats on each page and reads as headings; no row headers
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        table._tbl.tblPr.find(qn("w:tblLook")).set(qn("w:firstColumn"), "0")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def build_demo(services: Services, today: date | None = None) -> DemoSummary:
    """Fill an empty database with the Marlshire board. Returns the ids tests may want."""
    today = today or date.today()
    upcoming_date = wednesday_near(today + timedelta(days=12))
    past_dates = [wednesday_near(upcoming_date - timedelta(days=d)) for d in (273, 182, 91)]
    with at_the_keyboard(services, SECRETARY, past_dates[0] - timedelta(days=40), time(9, 10)):
        board, research, people, themes = _register(services, today)
    meeting_ids = []
    with at_the_keyboard(services, SECRETARY, typed_up(past_dates[0]), time(10, 5)):
        m1 = _first_meeting(services, board.id, past_dates[0], people, themes, research.id)
    meeting_ids.append(m1)
    with at_the_keyboard(services, SECRETARY, typed_up(past_dates[1]), time(10, 20)):
        m2 = _second_meeting(services, board.id, past_dates[1], people, themes, m1)
    meeting_ids.append(m2)
    with at_the_keyboard(services, SECRETARY, typed_up(past_dates[2]), time(9, 45)):
        m3 = _third_meeting(services, board.id, past_dates[2], people, themes, m2)
    meeting_ids.append(m3)
    # The agenda of the next meeting was put together last week.
    with at_the_keyboard(services, SECRETARY, today - timedelta(days=6), time(14, 15)):
        upcoming = _upcoming_meeting(services, board.id, upcoming_date, people, themes)
    meeting_ids.append(upcoming)
    with at_the_keyboard(services, ANALYST, typed_up(past_dates[2]) + timedelta(days=1), time(11)):
        _partnership_plan(services, board.id, past_dates[0].year, [m2, m3])
    with at_the_keyboard(services, SECRETARY, today - timedelta(days=5), time(11, 30)):
        _plan_at_the_next_meeting(services, board.id, upcoming, past_dates[2], today)
    with at_the_keyboard(services, SECRETARY, typed_up(past_dates[2]) + timedelta(days=2), time(9)):
        _register_of_interests(services, people, m3)
        _signed_and_notified(services, meeting_ids[:3])
    return DemoSummary(board_id=board.id, upcoming_meeting_id=upcoming, meeting_ids=meeting_ids)


def _register(
    services: Services, today: date
) -> tuple[BoardInfo, OrganisationInfo, dict[str, PersonInfo], dict[str, int]]:
    """The boards, organisations, themes and people, with their memberships and seats."""
    reg = services.register
    board = reg.create_board(
        "Marlshire Safer Communities Board",
        "MSCB",
        default_venue="Council Chamber, County Hall, Marlow Road, Marlbury",
        default_start_time=time(9, 30),
        quorum_members=6,
        quorum_statutory_orgs=4,
        access_rules="england",  # the Local Government Act 1972 access-to-information rules
    )
    csp = reg.create_board(
        "Eastvale Community Safety Partnership",
        "ECSP",
        default_venue="Committee Room 2, Eastvale Civic Centre",
        default_start_time=time(14, 0),
        parent_id=board.id,
    )
    orgs = {
        short: reg.create_organisation(name, short_name=short, kind=kind, is_statutory=statutory)
        for name, short, kind, statutory in ORGANISATIONS
    }
    research = reg.create_organisation(
        "Safer Marlshire Research and Intelligence",
        short_name="SMRI",
        kind="team",
        parent_id=orgs["MCC"].id,
    )
    for name, description in THEMES:
        reg.create_theme(name, description)
    themes = {t.name: t.id for t in reg.themes()}
    people: dict[str, PersonInfo] = {}
    term_start = date(today.year - 2, 5, 1)
    for title, given, family, org, job, role in PEOPLE:
        email = f"{given.split()[0].lower()}.{family.lower().replace('-', '')}@{org.lower()}.example.org"
        person = reg.create_person(
            family,
            given_names=given,
            title=title,
            job_title=job,
            organisation_id=orgs[org].id,
            email=email,
        )
        people[family] = person
        # One councillor's term ends soon, so the register has something to flag.
        end = today + timedelta(days=40) if family == "Brennan" else None
        reg.add_membership(board.id, person.id, role=role, start_date=term_start, end_date=end)
    for short in ("MCC", "EBC", "NDC", "SDC", "MP", "MFRS", "PS", "ICB", "OPCC"):
        holder = next(p for p in people.values() if p.organisation_id == orgs[short].id)
        deputy = next(
            (
                p
                for p in people.values()
                if p.organisation_id == orgs[short].id and p.id != holder.id
            ),
            None,
        )
        reg.add_seat(
            board.id,
            orgs[short].id,
            label="Member",
            holder_id=holder.id,
            deputy_id=deputy.id if deputy else None,
        )
    for family in ("Sharma", "Hart", "Walsh"):
        reg.add_membership(
            csp.id, people[family].id, role="chair" if family == "Sharma" else "member"
        )

    return board, research, people, themes


def _attend(
    services: Services,
    meeting_id: int,
    people: dict[str, PersonInfo],
    present: list[str],
    apologies: list[str],
    guests: Sequence[str] = (),
) -> None:
    for family in present:
        services.meetings.set_attendance(meeting_id, people[family].id, "present")
    for family in apologies:
        services.meetings.set_attendance(meeting_id, people[family].id, "apologies")
    for family in guests:
        services.meetings.set_attendance(meeting_id, people[family].id, "in_attendance")


def _minute(
    services: Services,
    meeting_id: int,
    title: str,
    narrative: str,
    agenda_item_id: int | None = None,
) -> int:
    return services.minutes.add_minute(
        meeting_id, title, agenda_item_id=agenda_item_id, narrative=narrative
    ).id


CORE_PRESENT = [
    "Holloway",
    "Sharma",
    "Okafor",
    "Whitlock",
    "Brennan",
    "Walsh",
    "Denholm",
    "Carver",
    "Qureshi",
    "Pike",
    "Adeyemi",
]


def _first_meeting(
    services: Services,
    board_id: int,
    on: date,
    people: dict[str, PersonInfo],
    themes: dict[str, int],
    research_id: int,
) -> int:
    m = services.meetings.create_meeting(board_id, on, standard_agenda=False)
    _attend(
        services,
        m.id,
        people,
        [*CORE_PRESENT, "Morgan", "Price"],
        ["Hart", "Bassett"],
        ["Rahman", "Price-Jones"],
    )
    services.declarations.add(
        m.id,
        people["Adeyemi"].id,
        "Her organisation receives funding from the Community Safety Fund discussed at minute 3.",
        left_room=True,
    )
    n1 = _minute(
        services,
        m.id,
        "Performance overview - quarter 3",
        "Nadia Rahman presented the quarterly performance summary for the three themes of "
        "the Community Safety Agreement. Reported anti-social behaviour had fallen by 8% on "
        "the same quarter last year, with the largest falls in Eastvale town centre.\n\n"
        "Members noted that four neighbourhoods had not seen any reduction and asked that "
        "future reports show both the neighbourhoods with the highest volumes and those "
        "where incidents were not falling, since the numbers in some were very small.",
    )
    services.minutes.add_resolution(n1, "RESOLVED that the performance report be noted.")
    a1 = services.actions.add_action(
        n1,
        "Add a neighbourhood breakdown of ASB calls to the quarterly report, showing areas "
        "with rising as well as high volumes.",
        [*services.register.resolve_owners("Rachel Okafor/Kieran Walsh")],
        theme_ids=[themes["Anti-social behaviour"]],
    )
    n2 = _minute(
        services,
        m.id,
        "Child exploitation - partnership response",
        "The Board received a presentation on the exploitation of children through county "
        "lines drug supply. Partners described the referral route and the multi-agency "
        "panel that meets weekly.\n\nIt was noted that there was no specialist support "
        "service for young people in the north of the county. The Commissioner said his "
        "office would look at funding options.",
    )
    services.actions.add_action(
        n2,
        "Convene a meeting of the Commissioner, the Chair and the chair of the Children's "
        "Partnership to consider a specialist support service and report back to the Board.",
        "Rachel Okafor",
        theme_ids=[themes["Serious and organised crime"]],
    )
    services.forward_plan.add_entry(
        board_id,
        "Specialist support for exploited young people - report back",
        in_months=6,
        from_date=on,
        source_minute_item_id=n2,
        source_text="Child exploitation minute",
    )
    n3 = _minute(
        services,
        m.id,
        "Community Safety Fund allocations",
        "The Board considered the proposed allocation of the Community Safety Fund for the "
        "year. Ruth Adeyemi did not take part in the discussion or the decision.",
    )
    services.minutes.add_resolution(n3, "that the allocations set out in the appendix be approved.")
    services.actions.add_action(
        n3, "Write to each CSP confirming its allocation.", "Owen Price-Jones"
    )
    services.actions.add_action(n3, "Produce an evaluation framework for funded projects.", "SMRI")
    services.actions.set_state(a1.id, "in_progress")
    services.meetings.set_state(m.id, "minutes_drafted")
    return m.id


def _second_meeting(
    services: Services,
    board_id: int,
    on: date,
    people: dict[str, PersonInfo],
    themes: dict[str, int],
    previous_id: int,
) -> int:
    m = services.meetings.create_meeting(board_id, on, standard_agenda=False)
    _attend(
        services,
        m.id,
        people,
        [*CORE_PRESENT, "Hart", "Bassett"],
        ["Morgan", "Price", "Lister"],
        ["Rahman", "Price-Jones"],
    )
    services.meetings.approve_minutes(previous_id, m.id)
    prev = services.meetings.meeting(previous_id)
    n1 = _minute(services, m.id, "Minutes", "")
    services.minutes.add_resolution(
        n1,
        f"that the minutes of the meeting held on {prev.date.day} {prev.date:%B %Y} be "
        "confirmed as a correct record.",
    )
    _minute(
        services,
        m.id,
        "Matters arising",
        "Progress on the actions from the previous meeting was reported.",
    )
    earlier = services.actions.outstanding(as_of_meeting_id=m.id)
    for action in earlier:
        if "Write to each CSP" in action.text:
            services.actions.set_state(
                action.id, "done", at_meeting_id=m.id, note="Letters sent to all four CSPs."
            )
        elif "evaluation framework" in action.text:
            services.actions.add_update(
                action.id, "First draft circulated to CSP managers.", meeting_id=m.id
            )
    n3 = _minute(
        services,
        m.id,
        "Reducing alcohol harm",
        "Tom Ellery introduced the draft adult alcohol harm reduction plan, which covers "
        "workforce training, licensing, a diversion scheme and a communications calendar "
        "built around the summer and Christmas periods.\n\nMembers asked that data on "
        "alcohol-related incidents be improved before the plan is finalised; at present "
        "police and hospital records are not tagged in the same way.",
    )
    services.minutes.add_resolution(n3, "that the draft plan be endorsed for consultation.")
    services.actions.add_action(
        n3,
        "Agree a common way of tagging alcohol-related incidents in police and A&E data.",
        "Tom Ellery/Joanne Fairley",
        due_date=on + timedelta(days=120),
        theme_ids=[themes["Alcohol and drugs"]],
    )
    services.forward_plan.add_entry(
        board_id,
        "Alcohol-tagged data - progress report from police and health",
        in_months=6,
        from_date=on,
        source_minute_item_id=n3,
        source_text="Reducing alcohol harm minute",
    )
    n4 = _minute(
        services,
        m.id,
        "Domestic abuse - safe accommodation duty",
        "Claire Bassett reported on the needs assessment for safe accommodation. Demand "
        "for refuge places continued to exceed supply, particularly for women with "
        "complex needs and for male victims.",
    )
    services.actions.add_action(
        n4,
        "Bring options for additional move-on accommodation to the next meeting.",
        "Gareth Price/Claire Bassett",
        due_date=on + timedelta(days=91),
        theme_ids=[themes["Domestic abuse"]],
    )
    services.meetings.set_state(m.id, "minutes_drafted")
    return m.id


def _third_meeting(
    services: Services,
    board_id: int,
    on: date,
    people: dict[str, PersonInfo],
    themes: dict[str, int],
    previous_id: int,
) -> int:
    m = services.meetings.create_meeting(board_id, on)
    agenda = services.agenda.agenda(m.id)
    _attend(
        services,
        m.id,
        people,
        [*CORE_PRESENT, "Morgan", "Fairley"],
        ["Brennan", "Qureshi"],
        ["Rahman", "Price-Jones"],
    )
    services.agenda.add_item(
        m.id,
        "Hate crime strategy refresh",
        presenter_ids=[people["Okafor"].id],
        theme_ids=[themes["Hate crime"]],
    )
    closed = services.agenda.add_item(
        m.id,
        "Domestic homicide review - overview report",
        session="closed",
        closed_reference="DHR-2025-03",
        exempt_paragraphs=(1, 2),
        presenter_ids=[people["Okafor"].id],
    )
    _publish(services, m.id)
    services.meetings.approve_minutes(previous_id, m.id)
    minutes = services.minutes.draft_from_agenda(m.id)
    by_title = {mi.title: mi for mi in minutes}
    first = minutes[0]
    prev = services.meetings.meeting(previous_id)
    services.minutes.add_resolution(
        first.id,
        f"that the minutes of the meeting held on {prev.date.day} {prev.date:%B %Y} be "
        "confirmed as a correct record.",
    )
    services.minutes.update_minute(
        by_title["Matters arising"].id,
        narrative="The Board reviewed the outstanding actions. The common tagging of alcohol-related "
        "incidents had been agreed in principle but not yet implemented.",
    )
    for action in services.actions.outstanding(as_of_meeting_id=m.id):
        if "tagging" in action.text:
            services.actions.add_update(
                action.id, "Agreed in principle; IT change scheduled.", meeting_id=m.id
            )
        if "neighbourhood breakdown" in action.text:
            services.actions.set_state(
                action.id,
                "done",
                at_meeting_id=m.id,
                note="Included from the quarter 1 report onwards.",
            )
    hate = by_title["Hate crime strategy refresh"]
    services.minutes.update_minute(
        hate.id,
        narrative="Rachel Okafor presented the refreshed strategy. Reporting of hate incidents had "
        "risen, which partners considered a sign of growing confidence rather than of more crime. "
        "Third-party reporting centres would be relaunched in libraries and faith centres.",
    )
    services.minutes.add_resolution(hate.id, "that the refreshed Hate Crime Strategy be approved.")
    services.actions.add_action(
        hate.id,
        "Relaunch the third-party reporting centres.",
        "Lucy Hart/Sian Morgan",
        due_date=on + timedelta(days=120),
    )
    dhr = by_title[closed.title]
    services.minutes.update_minute(
        dhr.id,
        narrative="The Board considered the overview report of the review in closed session. The "
        "family had been consulted on the report's findings.",
    )
    services.minutes.add_resolution(
        dhr.id,
        "that the overview report and action plan be approved for submission to the Home Office.",
    )
    services.actions.add_action(
        dhr.id, "Submit the overview report and action plan to the Home Office.", "Rachel Okafor"
    )
    support = by_title["Specialist support for exploited young people - report back"]
    services.minutes.update_minute(
        support.id,
        narrative="Rachel Okafor reported that the Commissioner, the Chair and the chair of the "
        "Children's Partnership had met. A pilot support service for the north of the county "
        "would be jointly commissioned for two years, with an evaluation built in.",
    )
    services.minutes.add_resolution(
        support.id, "that the joint commissioning of the pilot service be supported."
    )
    aob = by_title["Any other business"]
    services.minutes.update_minute(aob.id, narrative="There was no other business.")
    nxt = by_title["Date of next meeting"]
    services.minutes.update_minute(
        nxt.id, narrative="The next meeting would be held in three months."
    )
    del agenda
    return m.id


def _upcoming_meeting(
    services: Services,
    board_id: int,
    on: date,
    people: dict[str, PersonInfo],
    themes: dict[str, int],
) -> int:
    m = services.meetings.create_meeting(board_id, on)
    ag = services.agenda
    perf = ag.add_item(
        m.id,
        "Performance report",
        presenter_ids=[people["Rahman"].id],
        theme_ids=[themes["Anti-social behaviour"]],
    )
    ag.add_item(
        m.id, "Quarter 2 performance against the Community Safety Agreement", parent_id=perf.id
    )
    ag.add_item(m.id, "Follow-up on previous actions", parent_id=perf.id)
    paper = ag.add_paper(
        perf.id,
        "Community Safety Agreement - quarter 2 performance",
        author_id=people["Rahman"].id,
        recommendation="That the Board notes performance for quarter 2 and agrees the areas for "
        "closer scrutiny.",
        state="expected",
    )
    ag.attach_file(
        paper.id,
        "Q2 performance report.docx",
        _paper_docx(
            "Community Safety Agreement - quarter 2 performance",
            "Nadia Rahman",
            [
                "To report performance against the Community Safety Agreement for quarter 2.",
                "Overall anti-social behaviour continued to fall across the county.",
                "Domestic abuse incidents recorded by the police rose by 4%, reflecting the "
                "recent awareness campaign.",
            ],
        ),
    )
    prio = ag.add_item(m.id, "Strategic assessment priorities", presenter_ids=[people["Okafor"].id])
    ag.add_paper(
        prio.id,
        "Threat and risk priorities for next year",
        author_id=people["Okafor"].id,
        attached_text="Appendix A - priority matrix",
        recommendation="That the Board endorses the identified priorities and supports a "
        "new three-year Community Safety Agreement based on them.",
        state="expected",
    )
    iom = ag.add_item(
        m.id,
        "Integrated offender management update",
        presenter_ids=[people["Carver"].id, people["Walsh"].id],
        theme_ids=[themes["Reducing reoffending"]],
        # Two points under one number, as boards print them (not numbered sub-items).
        bullets=["Changes to probation supervision", "Annual review of the scheme"],
    )
    ag.add_paper(
        iom.id,
        "Integrated offender management - annual review",
        author_id=people["Carver"].id,
        recommendation="That the Board notes the review.",
        state="to_follow",
    )
    ag.add_item(
        m.id,
        "Frequency of meetings next year",
        presenter_text="Chair",
        notes="Proposed: March, June, September and December 2027",
    )
    dhr = ag.add_item(
        m.id,
        "Domestic homicide review - action plan progress",
        session="closed",
        closed_reference="DHR-2025-03",
        exempt_paragraphs=(1, 2),
        presenter_ids=[people["Okafor"].id],
    )
    _closed_review_paper(services, dhr.id, people["Okafor"])
    return m.id


def _closed_review_paper(services: Services, item_id: int, author: PersonInfo) -> None:
    """The closed item's paper: the review's action plan update, marked as its author marks it."""
    paper = services.agenda.add_paper(
        item_id,
        "Domestic homicide review DHR-2025-03 - action plan update",
        author_id=author.id,
        recommendation="That the Board notes progress against the review's action plan and "
        "agrees the two overdue actions be escalated to the agencies' leads.",
        state="expected",
    )
    services.agenda.attach_file(
        paper.id,
        "DHR-2025-03 action plan update.docx",
        _paper_docx(
            "Domestic homicide review DHR-2025-03 - action plan update",
            author.full_name,
            [
                "To update the Board on the agencies' progress against the action plan agreed "
                "with the review's overview report.",
                "Eleven of the fourteen actions are complete. The GP practice has introduced "
                "routine enquiry about domestic abuse, and the housing provider now shares "
                "tenancy concerns with the MARAC coordinator.",
                "Two actions are overdue: the joint training for adult social care and the "
                "police, and the audit of repeat callers. Both leads have given new dates.",
                "The family have been told of the progress and have asked to see the report "
                "before publication.",
            ],
            marking="OFFICIAL - SENSITIVE",
            appendix=[
                ("Action", "Lead agency", "Due", "Progress"),
                (
                    "Joint training on coercive control",
                    "Adult social care",
                    "Sept 2026",
                    "Overdue: new date March 2027",
                ),
                ("Audit of repeat callers", "Police", "Oct 2026", "Overdue: new date Feb 2027"),
                ("Refresh of the MARAC referral form", "Community safety", "Jan 2027", "On track"),
            ],
        ),
    )


def _publish(services: Services, meeting_id: int) -> None:
    """Issue the agenda on its deadline; then a late paper arrives, with its urgency."""
    deadline = services.publication.record(meeting_id).deadline
    services.publication.issue_agenda(meeting_id, at=datetime.combine(deadline, time(16), UTC))
    hate = next(i for i in services.agenda.agenda(meeting_id) if i.title.startswith("Hate crime"))
    services.agenda.add_paper(
        hate.id,
        "Hate incidents - the latest quarter",
        state="tabled",
        urgency_reason="The quarter's figures were published after the agenda went out",
    )


def _register_of_interests(
    services: Services, people: dict[str, PersonInfo], third_id: int
) -> None:
    """Standing interests (one touching the next meeting's agenda) and, at the third meeting,
    a disclosable pecuniary interest declared against the register: that member left the
    room and is not counted towards the quorum at the item."""
    add = services.interests.add
    add(people["Adeyemi"].id, "other_registrable", "Marlbury Faith Centre (trustee)")
    add(
        people["Sharma"].id,
        "disclosable_pecuniary",
        "Marlshire Offender Management Housing Ltd (director)",
    )
    youth = add(
        people["Whitlock"].id,
        "disclosable_pecuniary",
        "Young People Support Northmoor Ltd (director)",
    )
    item = next(
        i for i in services.agenda.agenda(third_id) if i.title.startswith("Specialist support")
    )
    services.declarations.add(
        third_id,
        people["Whitlock"].id,
        "He is a paid director of a company bidding to run the pilot service",
        agenda_item_id=item.id,
        interest_id=youth.id,
        left_room=True,
    )


def _signed_and_notified(services: Services, meeting_ids: list[int]) -> None:
    """Approved minutes signed by the chair; each decision notice sent two working days on."""
    for meeting_id in meeting_ids:
        meeting = services.meetings.meeting(meeting_id)
        if meeting.minutes_approved:
            services.publication.sign_minutes(meeting_id)
        due = services.publication.record(meeting_id).decision_notice_due
        services.publication.record_decision_notice(meeting_id, on=due)


# priority, threat or risk, [(action, owners, target month offset, [(status at m2, m3, text)])]
DEMO_PLAN = [
    (
        "Anti-social behaviour",
        "Reports of youth nuisance in Eastvale and Northmoor town centres have risen for two "
        "years, and the same few streets account for most repeat calls.",
        [
            (
                "Run a monthly joint problem-solving panel for the repeat locations",
                "Sian Morgan/Insp Fairley",
                6,
                [
                    ("on_track", "Panel meets monthly; two streets already off the list."),
                    ("on_track", "Four of the six locations are now below their baseline."),
                ],
            ),
            (
                "Offer diversionary activity on Friday evenings in both towns",
                "MCVS",
                9,
                [("at_risk", "Funding for the Northmoor sessions ends in March.")],
            ),
        ],
    ),
    (
        "Domestic abuse",
        "Domestic abuse incidents reported to the police are up by a tenth, while refuge and "
        "outreach capacity has not grown.",
        [
            (
                "Train frontline staff of every partner to recognise and refer domestic abuse",
                "Rachel Okafor/MFRS",
                12,
                [
                    ("not_started", "Trainer being commissioned."),
                    ("off_track", "Commissioning delayed; no sessions held yet."),
                ],
            ),
        ],
    ),
    (
        "Reducing reoffending",
        "A small group of prolific offenders commits a large share of acquisitive crime.",
        [
            (
                "Extend integrated offender management to the Southbrook district",
                "Helen Carver/Supt Walsh",
                3,
                [
                    ("on_track", "Cohort agreed."),
                    ("complete", "Southbrook cohort managed since June."),
                ],
            ),
        ],
    ),
]


# priority, action put to the board for support, whether it is already in progress
DEMO_SUPPORT = [
    (
        "Anti-social behaviour",
        "Partners keep an officer at each monthly problem-solving panel until the repeat "
        "locations are below their baseline.",
        "Yes",
    ),
    (
        "Domestic abuse",
        "The board asks each partner to name a lead for the frontline training and to release "
        "staff for it before the end of the year.",
        "",
    ),
]


def _partnership_plan(services: Services, board_id: int, year: int, reviews: list[int]) -> None:
    """A small partnership plan, reviewed at the second and third past meetings, with two
    actions put to the board for support at the third."""
    plans = services.plans
    plan = plans.add_plan(board_id, "Partnership Plan", period=f"{year}-{year + 3}")
    for theme, threat, actions in DEMO_PLAN:
        priority = plans.add_priority(plan.id, theme, threat)
        for text, owners, months, updates in actions:
            target = date(year + 1, months, 1) if months else None
            action = plans.add_action(priority.id, text, owners, target_date=target)
            for meeting_id, (status, narrative) in zip(
                reviews[-len(updates) :], updates, strict=True
            ):
                plans.record_progress(action.id, status, narrative, meeting_id=meeting_id)
    priorities = plans.priorities(plan.id)
    raised = services.meetings.meeting(reviews[-1]).date
    for theme, text, in_progress in DEMO_SUPPORT:
        services.plan_decisions.add_recommendation(
            plan.id,
            text,
            priority_id=next(p.id for p in priorities if p.theme == theme),
            in_progress=in_progress,
            raised_on=raised,
        )


def _plan_at_the_next_meeting(
    services: Services, board_id: int, upcoming_id: int, approved_on: date, today: date
) -> None:
    """The plan reviewed at the next meeting's performance item (its pack ends with the
    plan's table),
    the statutory duties falling due on the forward plan, and the domestic homicide review
    of the closed item with its stages, costs and recommendations (closed business)."""
    plan = services.plans.current_plan(board_id)
    assert plan is not None
    performance = next(
        i for i in services.agenda.agenda(upcoming_id) if i.title.startswith("Quarter 2 perf")
    )
    services.plan_meetings.set_review(performance.id, plan.id)  # the report carries the plan
    services.plan_duties.add_statutory_duties(board_id)  # placed when the forward plan opens
    closed = next(
        i for i in services.agenda.agenda(upcoming_id) if i.closed_reference == "DHR-2025-03"
    )
    reviews = services.case_reviews
    dhr = reviews.add_review(board_id, "DHR-2025-03", "DV Homicide Review",
                             notified_on=approved_on - timedelta(days=240))  # fmt: skip
    reviews.add_stage(dhr.id, "Independent chair appointed", approved_on - timedelta(days=200))
    reviews.add_stage(dhr.id, "Overview report approved for the Home Office", approved_on)
    reviews.add_cost(dhr.id, 9_850_00)
    priority = reviews.recommendations_priority(dhr.id)
    for text, owners, status, narrative in DEMO_CASE_RECOMMENDATIONS:
        action = services.plans.add_action(priority, text, owners,
                                           target_date=today + timedelta(days=120))  # fmt: skip
        services.plans.record_progress(
            action.id, status, narrative, on_date=today - timedelta(days=5)
        )
    reviews.link_item(dhr.id, closed.id)
    assert closed.closed_reference == dhr.reference  # its update: the closed item of that ref


# A review's recommendations, as plan-style actions: text, owners, rating, progress.
DEMO_CASE_RECOMMENDATIONS = [
    (
        "Ask about coercive control at every housing tenancy review",
        "Gareth Price",
        "on_track",
        "Question added to the tenancy review form; staff briefed.",
    ),
    (
        "Share risk assessments between the hospital and the refuge within one working day",
        "Rachel Okafor",
        "at_risk",
        "Information-sharing agreement drafted; the hospital trust has not yet signed.",
    ),
]
