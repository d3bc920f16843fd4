"""House-style templates: the reference template, a council's own, fallbacks and settings."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.template import (
    ENV_TEMPLATE,
    FALLBACKS,
    TemplateError,
    TemplateStyleWarning,
    chosen_template,
    house_template,
    load_template,
    save_template_setting,
    start_document,
)

SCB_PARAGRAPH_STYLES = [
    name for name in FALLBACKS if name.startswith("SCB ") and name != "SCB Table"
]


def _outline_level(style) -> str | None:
    while style is not None:
        levels = style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
        if levels:
            return levels[0]
        style = style.base_style
    return None


def _plain_template(path: Path, *, body: str = "", header: str = "") -> Path:
    """A council template made in Word without scbmeet's styles (python-docx's default)."""
    doc = docx.Document()
    if body:
        doc.add_paragraph(body)
        doc.add_comment(doc.paragraphs[0].runs, text="Remove before use", author="A Person")
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    doc.core_properties.author = "A Person"
    doc.core_properties.comments = "Template notes"
    doc.save(str(path))
    return path


def _third_meeting(demo):
    services, summary = demo
    return services, summary.meeting_ids[2]


def test_house_template_defines_every_style_the_documents_use():
    doc = docx.Document(str(house_template()))
    styles = {(s.name, s.type) for s in doc.styles}
    for name in SCB_PARAGRAPH_STYLES:
        assert (name, WD_STYLE_TYPE.PARAGRAPH) in styles, name
    assert ("SCB Table", WD_STYLE_TYPE.TABLE) in styles
    for level in (1, 2, 3):
        assert _outline_level(doc.styles[f"Heading {level}"]) == str(level - 1)
    assert _outline_level(doc.styles["SCB Title"]) == "0"
    assert _outline_level(doc.styles["SCB Minute Title"]) == "0"
    assert (doc.sections[0].page_width.twips, doc.sections[0].page_height.twips) == (11906, 16838)
    assert not doc.paragraphs


def test_documents_set_language_title_and_author(demo, tmp_path):
    services, meeting_id = _third_meeting(demo)
    doc = docx.Document(export_minutes(services, meeting_id, tmp_path / "m.docx"))
    props = doc.core_properties
    assert props.title == "Minutes (draft): Marlshire Safer Communities Board, 9 September 2026"
    assert props.author == props.last_modified_by == "Marlshire Safer Communities Board"
    assert props.language == "en-GB"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_a_council_template_without_scbmeet_styles_falls_back_with_warnings(demo, tmp_path):
    services, meeting_id = _third_meeting(demo)
    template = _plain_template(
        tmp_path / "council.docx", body="Sample letter text", header="Marlshire Council"
    )
    with pytest.warns(TemplateStyleWarning) as caught:
        path = export_minutes(services, meeting_id, tmp_path / "m.docx", template=template)
    messages = " ".join(str(w.message) for w in caught)
    assert "no style 'SCB Minute Title'; using 'Heading 1' instead" in messages
    assert "no style 'SCB Resolution'; using 'Normal' instead" in messages
    doc = docx.Document(path)
    titles = [p for p in doc.paragraphs if p.text.startswith("11/26")]
    assert titles[0].style.name == "Heading 1"
    resolution = next(p for p in doc.paragraphs if p.text.startswith("RESOLVED"))
    assert resolution.runs[0].bold
    assert doc.sections[-1].header.paragraphs[0].text == "Marlshire Council"  # kept
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert "Sample letter text" not in xml
    assert "Remove before use" not in xml
    assert "A Person" not in xml
    assert "Template notes" not in xml


def test_a_council_style_is_used_when_present(demo, tmp_path):
    services, meeting_id = _third_meeting(demo)
    council = docx.Document()
    resolution = council.styles.add_style("SCB Resolution", WD_STYLE_TYPE.PARAGRAPH)
    resolution.font.italic = True
    council.save(str(tmp_path / "council.docx"))
    with pytest.warns(TemplateStyleWarning) as caught:
        path = export_minutes(
            services, meeting_id, tmp_path / "m.docx", template=tmp_path / "council.docx"
        )
    assert not any("'SCB Resolution'" in str(w.message) for w in caught)
    doc = docx.Document(path)
    assert next(p for p in doc.paragraphs if p.text.startswith("RESOLVED")).style.name == (
        "SCB Resolution"
    )


def test_a_template_without_heading_styles_still_gets_real_headings(tmp_path):
    source = docx.Document()
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        element = source.styles[name].element
        element.getparent().remove(element)
    source.save(str(tmp_path / "bare.docx"))
    with pytest.warns(TemplateStyleWarning, match="no style 'Heading 1'"):
        _, styles = start_document(tmp_path / "bare.docx")
        heading = styles.heading(1)
    assert heading is not None and heading.name == "Heading 1"
    assert _outline_level(heading) == "0"


def test_a_dotx_template_is_accepted(demo, tmp_path):
    services, meeting_id = _third_meeting(demo)
    raw = house_template().read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    dotx = tmp_path / "council.dotx"
    dotx.write_bytes(out.getvalue())
    doc = docx.Document(export_minutes(services, meeting_id, tmp_path / "m.docx", template=dotx))
    assert any(p.style.name == "SCB Minute Title" for p in doc.paragraphs)


def test_unusable_templates_are_refused_with_a_clear_error(demo, tmp_path):
    services, meeting_id = _third_meeting(demo)
    with pytest.raises(TemplateError, match="does not exist"):
        export_minutes(services, meeting_id, tmp_path / "m.docx", template=tmp_path / "no.docx")
    (tmp_path / "notes.docx").write_text("just text")
    with pytest.raises(TemplateError, match="is not a Word document or template"):
        export_minutes(services, meeting_id, tmp_path / "m.docx", template=tmp_path / "notes.docx")
    assert not (tmp_path / "m.docx").exists()


def test_template_choice_setting_environment_and_explicit(tmp_path, monkeypatch):
    assert chosen_template() == house_template()
    council = _plain_template(tmp_path / "council.docx")
    save_template_setting(council)
    assert chosen_template() == council.resolve()
    other = _plain_template(tmp_path / "other.docx")
    monkeypatch.setenv(ENV_TEMPLATE, str(other))
    assert chosen_template() == other
    assert chosen_template(tmp_path / "explicit.docx") == tmp_path / "explicit.docx"
    monkeypatch.delenv(ENV_TEMPLATE)
    save_template_setting(None)
    assert chosen_template() == house_template()
    with pytest.raises(TemplateError):
        save_template_setting(tmp_path / "missing.docx")


def test_tables_fit_the_templates_page(demo, tmp_path):
    """A US Letter template with wide margins: tables are as wide as its text, no wider."""
    services, summary = demo
    from scbmeet.exports.agenda import export_agenda

    letter = docx.Document()  # python-docx's default: Letter, 1.25 inch side margins
    letter.save(str(tmp_path / "letter.docx"))
    with pytest.warns(TemplateStyleWarning):
        doc = docx.Document(
            export_agenda(
                services,
                summary.upcoming_meeting_id,
                tmp_path / "a.docx",
                template=tmp_path / "letter.docx",
            )
        )
    section = doc.sections[-1]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635
    width = int(doc.tables[0]._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
    assert text_width - 5 <= width <= text_width


def test_markings_reach_a_templates_first_page_header_too(demo, tmp_path):
    services, meeting_id = _third_meeting(demo)
    council = docx.Document(str(house_template()))
    council.sections[0].different_first_page_header_footer = True
    council.sections[0].first_page_header.paragraphs[0].text = "Logo page header"
    council.save(str(tmp_path / "council.docx"))
    doc = docx.Document(
        export_minutes(
            services, meeting_id, tmp_path / "m.docx", template=tmp_path / "council.docx"
        )
    )
    section = doc.sections[-1]
    first = [p.text for p in section.first_page_header.paragraphs]
    assert first[0] == "Logo page header"
    assert "Draft: subject to approval by the Board" in first
    assert "Draft: subject to approval by the Board" in [p.text for p in section.header.paragraphs]
    first_footer = "".join(section.first_page_footer._element.xpath(".//w:instrText/text()"))
    assert "PAGE" in first_footer


def test_a_macro_enabled_template_is_refused_in_words_not_a_python_repr(tmp_path):
    raw = house_template().read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                )
            target.writestr(item, data)
    docm = tmp_path / "council.docm"
    docm.write_bytes(out.getvalue())
    with pytest.raises(TemplateError) as refused:
        load_template(docm)
    message = str(refused.value)
    assert "object at 0x" not in message and "<_io" not in message
    assert message == (
        f"{docm} is not a Word document or template (.docx or .dotx): it is a macro-enabled "
        "Word file (.docm or .dotm); save it from Word as .docx or .dotx"
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_12pt_council_template_marks_the_draft_once_and_keeps_the_footer_on_one_line(
    demo, tmp_path
):
    services, meeting_id = _third_meeting(demo)
    council = docx.Document()
    council.styles["Normal"].font.name = "Verdana"
    council.styles["Normal"].font.size = Pt(12)
    council.sections[0].page_width, council.sections[0].page_height = Mm(210), Mm(297)
    council.sections[0].left_margin = council.sections[0].right_margin = Mm(25.4)
    council.sections[0].header.paragraphs[0].text = "Marlshire County Council"
    council.save(str(tmp_path / "council.docx"))
    with pytest.warns(TemplateStyleWarning):
        minutes = export_minutes(
            services, meeting_id, tmp_path / "m.docx", template=tmp_path / "council.docx"
        )
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(minutes),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(tmp_path / "m.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert sum("draft" in line.casefold() for line in lines) == 1
    footer = lines[-1]
    assert footer.startswith("Marlshire Safer Communities Board: minutes,")
    assert footer.endswith(("Page 1 of 3", "Page 1 of 4"))  # the whole footer on one line
