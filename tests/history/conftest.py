"""Minutes and agendas written for the tests in the house styles boards use (after the
reference pack: bold numbers, PRESENT in two columns, RESOLVED, Action lines, action tables)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Pt


def _bold(paragraph, text: str, *, underline: bool = False) -> None:
    run = paragraph.add_run(text)
    run.bold = True
    run.underline = underline


def _spaced(document) -> None:
    """Space after paragraphs, as Word's Normal style has, so PDF paragraphs stay apart."""
    document.styles["Normal"].paragraph_format.space_after = Pt(8)


def june_minutes(path: Path) -> Path:
    """Slash-numbered minutes (9/13 on), PRESENT as a two-column table, an apologies
    sentence, RESOLVED paragraphs, Action lines mid-minute and an Action/Owner/Due table."""
    d = docx.Document()
    _spaced(d)
    p = d.add_paragraph()
    _bold(p, "MINUTES")
    p.add_run(" of a meeting of the ")
    _bold(p, "NORTHSHIRE SAFER COMMUNITIES BOARD")
    p.add_run(" held on 5 June 2013 at Police Headquarters, Ripley")
    _bold(d.add_paragraph(), "PRESENT")
    d.add_paragraph("Councillor P J Smith \u2013 in the Chair (Northshire County Council)")
    table = d.add_table(rows=2, cols=2)
    cells = [
        ("Eastvale Borough Council", ["Councillor C Short", "J Townsend"]),
        ("Northshire Constabulary", ["A Goodwin", "K Mahay"]),
        ("Northshire County Council", ["S Goodwin", "D Lowe"]),
        ("Westdale District Council", ["Councillor B Murray-Carr", "S Tomlinson (also NEDDC)"]),
    ]
    for cell, (org, members) in zip([c for r in table.rows for c in r.cells], cells, strict=True):
        _bold(cell.paragraphs[0], org, underline=True)
        for member in members:
            cell.add_paragraph(member)
    d.add_paragraph(
        "Apologies for absence were submitted on behalf of L Allison (Tri-County Transport "
        "Consortium) and A Waldie (Northshire Fire and Rescue Service)."
    )
    d.add_paragraph(
        "Councillor C Short declared a personal interest as a trustee of a youth charity."
    )
    p = d.add_paragraph()
    _bold(p, "9/13 ")
    _bold(p, "MINUTES", underline=True)
    p.add_run(" ")
    _bold(p, "RESOLVED")
    p.add_run(
        " that the minutes of the meeting of the Board held on 27 February 2013 be "
        "confirmed as a correct record."
    )
    p = d.add_paragraph()
    _bold(p, "10/13 ")
    _bold(p, "YOUNG PEOPLE AT RISK OF EXPLOITATION", underline=True)
    p.add_run(" The Board heard how the county's new screening tool was being used by schools.")
    d.add_paragraph(
        "Members asked whether a support service like the one in the city could be set up "
        "for the county, and agreed that the chairs of both boards should meet to look at it."
    )
    d.add_paragraph("Action: David Lowe")
    d.add_paragraph("A report on the screening tool would come back to the Board in the autumn.")
    d.add_paragraph("RESOLVED to note the presentation.")
    d.add_paragraph("RESOLVED that a joint report come to the next meeting.")
    p = d.add_paragraph()
    _bold(p, "11/13 PERFORMANCE OVERVIEW \u2013 QUARTER 4 2012/13")
    d.add_paragraph(
        "Calls about anti-social behaviour had fallen across the county, though sixteen "
        "neighbourhoods had seen no fall since the last financial year."
    )
    d.add_paragraph(
        "The research team would keep watching calls at neighbourhood level and future "
        "reports would show the busiest areas as well as those not improving."
    )
    d.add_paragraph("Action: Sally Goodwin/Kul Mahay")
    d.add_paragraph("The chair agreed to raise secondary fires with the fire service.")
    d.add_paragraph("Action: Councillor P Smith")
    actions = d.add_table(rows=3, cols=3)
    for row, values in zip(
        actions.rows,
        [
            ("Action", "Owner", "Due"),
            (
                "Share the neighbourhood call figures with each district",
                "SDRI",
                "30 September 2013",
            ),
            ("Bring the hate crime action plan to the Board", "Supt Kul Mahay", "27 November 2013"),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    d.add_paragraph("The meeting closed at 11.40am.")
    d.save(path)
    return path


def february_minutes(path: Path) -> Path:
    """The meeting before: minutes 1/13 to 8/13, written '1/13' with a heading style."""
    d = docx.Document()
    d.add_paragraph(
        "MINUTES of a meeting of the NORTHSHIRE SAFER COMMUNITIES BOARD held on "
        "27 February 2013 at County Hall, Matlock"
    )
    d.add_paragraph("PRESENT")
    d.add_paragraph("Councillor P J Smith - in the Chair (Northshire County Council)")
    for number in range(1, 9):
        d.add_heading(f"{number}/13 Item {number} of the winter meeting", level=2)
        d.add_paragraph(f"The Board discussed the {number} item.")
    d.add_paragraph("RESOLVED that the county strategy be adopted.")
    d.add_paragraph("Action: Sally Goodwin")
    d.save(path)
    return path


def november_minutes(path: Path) -> Path:
    """The meeting after June: matters arising records June's actions done, dropped or still
    open, in sentences and in an action log with a status column; minutes run on (12/13)."""
    d = docx.Document()
    d.add_paragraph(
        "MINUTES of a meeting of the NORTHSHIRE SAFER COMMUNITIES BOARD held on "
        "27 November 2013 at Police Headquarters, Ripley"
    )
    d.add_paragraph("PRESENT")
    d.add_paragraph("Councillor P J Smith - in the Chair (Northshire County Council)")
    p = d.add_paragraph()
    _bold(p, "12/13 MINUTES")
    d.add_paragraph("RESOLVED that the minutes of the meeting held on 5 June 2013 be confirmed.")
    p = d.add_paragraph()
    _bold(p, "13/13 MATTERS ARISING")
    d.add_paragraph(
        "Minute 10/13 \u2013 joint support service: the chairs of both boards had met and "
        "agreed to commission a joint service. Action complete."
    )
    d.add_paragraph(
        "Minute 11/13 (Sally Goodwin/Kul Mahay): still open; the research team would report "
        "in March."
    )
    log = d.add_table(rows=4, cols=4)
    rows = [
        ("Minute", "Action", "Owner", "Status"),
        (
            "11/13",
            "Share the neighbourhood call figures with each district",
            "SDRI",
            "Complete \u2013 sent to the districts in October",
        ),
        (
            "11/13",
            "Bring the hate crime action plan to the Board",
            "Supt Kul Mahay",
            "No longer required",
        ),
        ("11/13", "The chair to raise secondary fires", "Councillor P Smith", "Ongoing"),
    ]
    for row, values in zip(log.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    p = d.add_paragraph()
    _bold(p, "14/13 ANY OTHER BUSINESS")
    d.add_paragraph("There was no other business.")
    d.save(path)
    return path


def numbered_minutes(path: Path) -> Path:
    """'1.' numbering, headings in a heading style, PRESENT written with tabs, in attendance."""
    d = docx.Document()
    _spaced(d)
    d.add_paragraph(
        "Minutes of the meeting of the Eastvale Community Safety Partnership held on "
        "Tuesday 14 January 2014 at the Civic Centre, Eastvale"
    )
    d.add_paragraph("Present:")
    d.add_paragraph("Dr Ann Patel (in the Chair)")
    d.add_paragraph("Eastvale Borough Council\tEastvale Housing Trust")
    d.add_paragraph("Councillor R Wheeler\tM Okafor")
    d.add_paragraph("F McArdle\t")
    d.add_paragraph("In attendance:")
    d.add_paragraph("N Frost (Northshire County Council)")
    d.add_paragraph("Apologies were received from Insp S Fairbrother.")
    d.add_heading("1. Welcome and introductions", level=2)
    d.add_paragraph("The chair welcomed members to the first meeting of the year.")
    d.add_heading("2. Night-time economy", level=2)
    d.add_paragraph("Partners described the winter licensing checks.")
    d.add_paragraph("1. Three premises had been visited.")
    d.add_paragraph(
        "RESOLVED (1) that the checks continue (2) that results come to the next meeting."
    )
    d.add_paragraph("Action: Insp Steve Fairbrother/Eastvale Housing Trust")
    d.save(path)
    return path


def agenda_document(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("NORTHSHIRE SAFER COMMUNITIES BOARD")
    d.add_paragraph("Wednesday 27 November 2013 at 9.30am New Conference Room, Police Headquarters")
    d.add_paragraph("AGENDA")
    d.add_paragraph("OPEN SESSION")
    table = d.add_table(rows=4, cols=3)
    rows = [
        ("1.", "Minutes of the meeting held on 5 June 2013", "Chair"),
        ("2.", "Performance report *", "Kul Mahay"),
        ("3.", "Mental health triage *Paper to follow", "Kul Mahay"),
        ("4.", "Any other business", ""),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    d.add_paragraph("Date of Next Meeting:")
    d.add_paragraph("5 March 2014 commencing at 9.30am, New Conference Room, Police HQ.")
    d.add_paragraph("CLOSED SESSION")
    d.add_paragraph("Update on a domestic homicide review Ref: NSCB-11\tSally Goodwin")
    d.add_paragraph("*Denotes a paper attached")
    d.save(path)
    return path


def to_pdf(source: Path, out_dir: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file:///tmp/lo-history-{out_dir.name}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out_dir / (source.stem + ".pdf")


@pytest.fixture
def documents():
    """The builders, for tests to write where they like."""
    return {
        "june": june_minutes,
        "february": february_minutes,
        "november": november_minutes,
        "numbered": numbered_minutes,
        "agenda": agenda_document,
        "pdf": to_pdf,
    }
