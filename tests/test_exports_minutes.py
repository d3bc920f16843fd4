"""The minutes document: opening, PRESENT, apologies, numbered minutes, actions, DRAFT."""

from __future__ import annotations

import zipfile
from datetime import date, time

from docx import Document
from docx.oxml.ns import qn

from scbmeet.exports.minutes import column_split, export_minutes


def _styled(doc):
    return [(p.style.name, p.text) for p in doc.paragraphs]


def _third(demo):
    services, summary = demo
    return services, summary.meeting_ids[2]


def _present_groups(doc) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    current = None
    for style, text in _styled(doc):
        if style == "SCB Organisation":
            current = groups.setdefault(text, [])
        elif style == "SCB Member":
            assert current is not None, "a name before any organisation"
            current.append(text)
    return groups


def test_opening_sentence_names_board_date_and_venue_in_bold(demo, tmp_path):
    services, meeting_id = _third(demo)
    doc = Document(export_minutes(services, meeting_id, tmp_path / "m.docx"))
    opening = next(p for p in doc.paragraphs if p.style.name == "SCB Opening")
    assert opening.text == (
        "Minutes of a meeting of the Marlshire Safer Communities Board held on "
        "9 September 2026 at Council Chamber, County Hall, Marlow Road, Marlbury"
    )
    bold_runs = [r.text for r in opening.runs if r.bold]
    assert bold_runs == ["Minutes", "Marlshire Safer Communities Board"]
    assert all(r.font.all_caps for r in opening.runs if r.bold)


def test_present_puts_the_chair_first_and_groups_members_by_organisation(demo, tmp_path):
    services, meeting_id = _third(demo)
    doc = Document(export_minutes(services, meeting_id, tmp_path / "m.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("Present") + 1] == (
        "Councillor M A Holloway \u2013 in the Chair (Marlshire County Council)"
    )
    groups = _present_groups(doc)
    assert list(groups) == sorted(groups, key=str.lower)
    assert groups["Marlshire County Council"] == ["R Okafor"]  # the chair is not repeated
    assert groups["Marlshire Police"] == ["Insp J Fairley", "Supt K Walsh"]
    assert groups["Northmoor District Council"] == ["Councillor P J Whitlock", "S Morgan"]
    assert "Southbrook District Council" not in groups  # Councillor Brennan sent apologies
    assert sum(len(v) for v in groups.values()) == 10  # 11 present, less the chair


def test_present_list_is_set_in_two_columns_with_groups_kept_whole(demo, tmp_path):
    services, meeting_id = _third(demo)
    path = export_minutes(services, meeting_id, tmp_path / "m.docx")
    body = Document(path).element.body
    column_sections = [
        s for s in body.iter(qn("w:sectPr")) if s.find(qn("w:cols")).get(qn("w:num")) == "2"
    ]
    assert len(column_sections) == 1
    breaks = [b for b in body.iter(qn("w:br")) if b.get(qn("w:type")) == "column"]
    assert len(breaks) == 1
    # The column break opens an organisation heading: nobody is parted from their organisation.
    paragraph = breaks[0].getparent().getparent()
    assert paragraph.pPr.pStyle.val == "SCBOrganisation"


def test_column_split_balances_and_keeps_the_left_column_longer():
    assert column_split([2, 2, 2, 2]) == 2
    assert column_split([3, 1, 1, 1]) == 1
    assert column_split([2, 2, 2]) == 2
    assert column_split([5]) == 1


def test_attendance_apologies_and_declarations_sentences(demo, tmp_path):
    services, summary = demo
    meeting_id = summary.meeting_ids[2]
    hate = next(
        i for i in services.agenda.agenda(meeting_id) if i.title == "Hate crime strategy refresh"
    )
    hart = next(p for p in services.register.people() if p.family_name == "Adeyemi")
    services.declarations.add(
        meeting_id, hart.id, "Trustee of a faith centre.", agenda_item_id=hate.id
    )
    texts = [
        p.text
        for p in Document(export_minutes(services, meeting_id, tmp_path / "m.docx")).paragraphs
    ]
    assert (
        "In attendance: O Price-Jones (Democratic Services Officer, Marlshire County Council) "
        "and N Rahman (Community Safety Analyst, Marlshire County Council)."
    ) in texts
    assert (
        "Apologies for absence were submitted on behalf of Dr A Qureshi (Marlshire Integrated "
        "Care Board) and Councillor A Brennan (Southbrook District Council)."
    ) in texts
    assert (
        "Ruth Adeyemi declared an interest in minute 11/26 (Hate crime strategy refresh): "
        "trustee of a faith centre."
    ) in texts


def test_minutes_are_numbered_in_order_with_resolved_and_action_lines(demo, tmp_path):
    services, meeting_id = _third(demo)
    doc = Document(export_minutes(services, meeting_id, tmp_path / "m.docx"))
    titles = [p for p in doc.paragraphs if p.style.name == "SCB Minute Title"]
    assert [p.text.split("\t")[0] for p in titles] == [f"{n}/26" for n in range(8, 15)]
    assert titles[3].text == "11/26\tHate crime strategy refresh"
    number_run, title_run = titles[3].runs[0], titles[3].runs[-1]
    assert number_run.bold and title_run.bold and title_run.underline
    resolutions = [p for p in doc.paragraphs if p.style.name == "SCB Resolution"]
    assert len(resolutions) == 5  # four decisions and the exclusion of the public
    for paragraph in resolutions:
        assert paragraph.runs[0].text == "RESOLVED" and paragraph.runs[0].bold
    assert resolutions[2].text == "RESOLVED that the refreshed Hate Crime Strategy be approved."
    styled = _styled(doc)
    actions = [text for style, text in styled if style == "SCB Action"]
    assert actions == ["Action: Lucy Hart/Sian Morgan (by 7 January 2027)", "Action: Rachel Okafor"]
    hate_at = styled.index(("SCB Minute Title", "11/26\tHate crime strategy refresh"))
    # the demo's late paper for this item, circulated as a matter of urgency, comes first
    assert styled[hate_at + 1][1].startswith("The paper “Hate incidents - the latest quarter”")
    assert styled[hate_at + 3][0] == "SCB Resolution"
    assert styled[hate_at + 4] == ("SCB Minute Text", "Relaunch the third-party reporting centres.")
    assert styled[hate_at + 5] == (
        "SCB Action",
        "Action: Lucy Hart/Sian Morgan (by 7 January 2027)",
    )


def test_narrative_paragraphs_and_due_dates_on_action_lines(demo, tmp_path):
    services, summary = demo
    first = summary.meeting_ids[0]
    minute = services.minutes.minutes(first)[0]
    services.actions.update_action(minute.actions[0].id, {"due_date": date(2027, 1, 31)})
    doc = Document(export_minutes(services, first, tmp_path / "m.docx"))
    styled = _styled(doc)
    start = styled.index(("SCB Minute Title", "1/26\tPerformance overview - quarter 3"))
    assert styled[start + 1][1].startswith("Nadia Rahman presented")
    assert styled[start + 2][1].startswith("Members noted that four neighbourhoods")
    assert ("SCB Action", "Action: Rachel Okafor/Supt Kieran Walsh (by 31 January 2027)") in styled


def test_signature_line_page_numbers_and_draft_marking(demo, tmp_path):
    services, meeting_id = _third(demo)
    path = export_minutes(services, meeting_id, tmp_path / "m.docx")
    doc = Document(path)
    assert doc.paragraphs[-1].style.name == "SCB Signature"
    assert doc.paragraphs[-1].text.startswith("Chair ....")
    assert "Date ...." in doc.paragraphs[-1].text
    # The draft says so once, atop every page (page 1 too), not again in the body.
    assert not any("Draft" in p.text for p in doc.paragraphs)
    header = [p.text for p in doc.sections[-1].header.paragraphs if p.text]
    assert header == [
        "Draft: subject to approval by the Board",
        "Not for publication: includes closed-session items",
    ]
    with zipfile.ZipFile(path) as z:
        footers = "".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
    assert " PAGE " in footers and " NUMPAGES " in footers
    assert doc.core_properties.content_status == "Draft"


def test_approved_minutes_carry_no_draft_marking(demo, tmp_path):
    services, summary = demo
    doc = Document(export_minutes(services, summary.meeting_ids[0], tmp_path / "m.docx"))
    everything = [p.text for p in doc.paragraphs]
    everything += [p.text for s in doc.sections for p in s.header.paragraphs]
    assert not any("draft" in text.lower() for text in everything)
    assert (
        "These minutes were confirmed as a correct record at the meeting held on 10 June 2026."
        in everything
    )
    assert doc.core_properties.content_status == "Approved"


def test_minutes_of_a_small_board_built_from_scratch(services, tmp_path):
    """Runs on PostgreSQL too: substitutes, notes, people without an organisation, no chair."""
    reg = services.register
    board = reg.create_board("Westcliff Community Safety Partnership", "WCSP")
    council = reg.create_organisation("Westcliff Town Council", short_name="WTC")
    lee = reg.create_person(
        "Lee", given_names="Sam", title="Councillor", organisation_id=council.id
    )
    ray = reg.create_person("Ray", given_names="Jo", organisation_id=council.id)
    kim = reg.create_person("Kim", given_names="Ari")
    for person in (lee, ray, kim):
        reg.add_membership(board.id, person.id)
    meeting = services.meetings.create_meeting(
        board.id, date(2026, 5, 6), start_time=time(14, 0), venue="Town Hall"
    )
    services.meetings.set_attendance(meeting.id, lee.id, "present", note="also county member")
    services.meetings.set_attendance(meeting.id, ray.id, "present", substitute_for_id=kim.id)
    minute = services.minutes.add_minute(meeting.id, "Street drinking", narrative="Discussed.")
    services.actions.add_action(minute.id, "Map hotspots.", "Jo Ray/WTC")
    doc = Document(export_minutes(services, meeting.id, tmp_path / "m.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert not any("in the Chair" in t for t in texts)  # no chair in the register
    assert _present_groups(doc) == {
        "Westcliff Town Council": [
            "Councillor S Lee (also county member)",
            "J Ray (substitute for Ari Kim)",
        ]
    }
    # One organisation is not split across two columns.
    assert not [s for s in doc.element.body.iter(qn("w:cols")) if s.get(qn("w:num")) == "2"]
    assert "There were no apologies for absence." in texts
    assert "No declarations of interest were made." not in texts  # the board did not ask
    at = texts.index("Declarations of interest")  # but its agenda called for them
    assert texts[at + 1] == "None declared."
    assert "Action: Jo Ray/WTC" in texts
