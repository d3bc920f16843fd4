"""A whole short meeting taken from the keyboard alone, then checked in the database.

Attendance (with a substitute and a guest), the minutes of the last meeting confirmed,
matters arising, three items minuted, a resolution, two actions with two owners each (one
by dialog, one by shorthand), a deferred item and an item of any other business raised in
the room with a request for an update.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from scbmeet.exports.minutes import export_minutes
from scbmeet.gui.minutes.dialogs import ActionDialog, PersonDialog, TextDialog
from scbmeet.services.integrity import check_database


def _attendance(window, kb):
    kb.press("F2")
    assert QApplication.focusWidget() is window.attendance.view
    # Eastvale: Dev Sharma present, Lucy Hart apologies; MCVS: Ruth Adeyemi present;
    # MCC: the chair and Tom Ellery present.
    kb.press("P", "A", "P", "P", "P")
    person = window.attendance.current()
    assert person is not None and person.person.family_name == "Okafor"
    kb.press("Down", "Down", "Down", "Down")  # over the fire service heading to Mark Denholm
    assert window.attendance.current().person.family_name == "Denholm"
    kb.press("S")
    dialog = kb.modal(PersonDialog)
    kb.type("Priya Natarajan")
    kb.press("Return")
    kb.no_modal()
    assert dialog.person is not None
    kb.press("G")
    kb.modal(PersonDialog)
    kb.type("Sam Fielding")
    kb.press("Return")
    kb.no_modal()


def _confirm_and_matters_arising(window, kb):
    kb.press("alt+Down")  # 1. Minutes of the last meeting
    assert "Minutes of the meeting" in window.title_edit.text()
    kb.press("ctrl+shift+C")
    kb.press("alt+Down")  # 2. Matters arising: the list of earlier actions has the keyboard
    kb.arising_in_hand(window)  # once read, off the GUI thread
    first = window.arising.current()
    kb.press("D")  # done; the next one is selected
    second = window.arising.current()
    assert second is not None and second.id != first.id
    kb.press("P")
    kb.modal(TextDialog)
    kb.type("Draft options paper circulated to partners.")
    kb.press("Return")
    kb.no_modal()
    kb.press("ctrl+2")
    kb.type("The Board reviewed the actions from previous meetings.")
    return first, second


def _three_items(window, kb):
    kb.press("alt+Down")  # 3. Alcohol-tagged data
    kb.type("Tom Ellery reported that the common tagging of incidents was now live.")
    kb.press("ctrl+R")
    kb.modal(TextDialog)
    kb.type("to note the report")
    kb.press("Return")
    kb.no_modal()
    kb.press("alt+Down")  # 4. Performance report
    kb.type("Nadia Rahman presented the quarter 2 figures.")
    kb.press("Return")
    kb.type("#action Rachel Okafor/Kieran Walsh: bring the breakdown by crime type (due 3 months)")
    kb.press("Return")
    kb.type("Members welcomed the fall in anti-social behaviour.")
    kb.press("ctrl+shift+A")
    dialog = kb.modal(ActionDialog)
    kb.type("Report on fire-setting in the north of the county")
    kb.press("Tab")
    kb.type("Mark Denholm/SMRI")
    kb.press("alt+6")  # the mnemonic clicks "6 months" (buttons animate the click)
    kb.qtbot.waitUntil(dialog.radios["due6Radio"].isChecked, timeout=1000)
    kb.press("Return")
    kb.no_modal()
    kb.press("alt+Down", "alt+Down", "alt+Down")  # past 4.1 and 4.2 to 5. Strategic assessment
    assert "Strategic assessment" in window.title_edit.text()
    kb.press("ctrl+D")  # deferred
    kb.press("alt+Down")  # 6. Integrated offender management
    kb.type("Helen Carver introduced the annual review.")


def _any_other_business(window, kb):
    kb.press("alt+Down", "alt+Down")  # 8. Any other business
    assert window.title_edit.text() == "Any other business"
    kb.press("ctrl+N")
    kb.modal(TextDialog)
    kb.type("Community Safety Fund underspend")
    kb.press("Return")
    kb.no_modal()
    assert window.title_edit.text() == "Community Safety Fund underspend"
    kb.type("The Chair reported an underspend of 12,000 pounds.")
    kb.press("Return")
    kb.type("#update 6 months: proposals for spending the underspend")
    kb.press("Return")


def test_a_whole_meeting_by_keyboard(qtbot, demo, window, kb, tmp_path):
    services, summary = demo
    meeting_id = summary.upcoming_meeting_id
    previous = services.meetings.previous(meeting_id)
    _attendance(window, kb)
    first, second = _confirm_and_matters_arising(window, kb)
    _three_items(window, kb)
    _any_other_business(window, kb)
    kb.press("ctrl+W")  # closing saves
    assert not window.isVisible()

    # attendance
    attendance = {a.person.full_name: a for a in services.meetings.attendance(meeting_id)}
    assert attendance["Dev Sharma"].status == "present"
    assert attendance["Lucy Hart"].status == "apologies"
    assert attendance["Margaret Anne Holloway"].status == "present"
    assert attendance["Mark Denholm"].status == "apologies"
    assert attendance["Priya Natarajan"].status == "present"
    assert attendance["Priya Natarajan"].substitute_for_name == "Mark Denholm"
    assert attendance["Sam Fielding"].status == "in_attendance"

    # the last meeting's minutes confirmed and locked
    previous = services.meetings.meeting(previous.id)
    assert previous.minutes_approved and previous.approved_at_id == meeting_id

    # matters arising
    assert services.actions.action(first.id).state == "done"
    assert services.actions.action(first.id).closed_at_meeting_id == meeting_id
    updates = services.actions.updates(second.id)
    assert updates[-1].text == "Draft options paper circulated to partners."
    assert updates[-1].meeting_id == meeting_id

    # the minutes, numbered in the order taken
    minutes = services.minutes.minutes(meeting_id)
    titles = [m.title for m in minutes]
    assert titles == [
        "Minutes of the meeting held on 9 September 2026",
        "Matters arising",
        "Alcohol-tagged data - progress report from police and health",
        "Performance report",
        "Integrated offender management update",
        "Community Safety Fund underspend",
    ]
    numbers = [m.number for m in minutes]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    by_title = {m.title: m for m in minutes}
    assert [r.text for r in by_title[titles[0]].resolutions] == [
        "that the minutes of the meeting held on 9 September 2026 be confirmed as a correct record."
    ]
    assert [r.text for r in by_title[titles[2]].resolutions] == ["to note the report"]
    performance = by_title["Performance report"]
    assert performance.narrative == (
        "Nadia Rahman presented the quarter 2 figures.\n"  # the shorthand line has gone
        "Members welcomed the fall in anti-social behaviour."
    )
    assert [(a.text, a.owner_line, a.due_date) for a in performance.actions] == [
        ("bring the breakdown by crime type", "Rachel Okafor/Kieran Walsh", date(2027, 3, 9)),
        (
            "Report on fire-setting in the north of the county",
            "Mark Denholm/SMRI",
            date(2027, 6, 9),
        ),
    ]

    # the deferred item has no minute; the AOB item has its minute and its update request
    agenda = {i.title: i for i in services.agenda.agenda(meeting_id)}
    assert agenda["Strategic assessment priorities"].status == "deferred"
    assert agenda["Community Safety Fund underspend"].status == "taken"
    aob = by_title["Community Safety Fund underspend"]
    assert aob.narrative.startswith("The Chair reported an underspend of 12,000 pounds.")
    assert "#update" not in aob.narrative
    requests = [
        e
        for e in services.forward_plan.entries(summary.board_id)
        if e.source_minute_item_id == aob.id
    ]
    assert [(e.title, e.due_month) for e in requests] == [
        ("proposals for spending the underspend", date(2027, 6, 1))
    ]
    assert check_database(services.db) == []

    # ... and the Word minutes carry what was typed, in order, with owners and decisions.
    from docx import Document

    document = Document(export_minutes(services, meeting_id, tmp_path / "minutes.docx"))
    text = [p.text for p in document.paragraphs]
    headings = [t.split("\t")[1] for t in text if "\t" in t and t.split("\t")[0].endswith("/26")]
    assert headings[: len(titles)] == titles
    assert "RESOLVED to note the report" in text
    assert "Action: Rachel Okafor/Supt Kieran Walsh (by 9 March 2027)" in text
    assert "Action: Mark Denholm/SMRI (by 9 June 2027)" in text
    assert "P Natarajan (substitute for Mark Denholm)" in text
    assert "Strategic assessment priorities" not in headings  # deferred: no minute
