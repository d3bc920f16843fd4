"""A council template that reaches outside the file: exports take its look and nothing else.

The template attaches itself to a template on a server share, fetches a header picture
from the web, carries an INCLUDEPICTURE field, a vbaProject.bin, customXml data, custom
properties ("Classification") and Company/Manager; it sets its own font, page size and
margins and a header naming the council.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from scbmeet.exports.action_log import export_action_log
from scbmeet.exports.agenda import export_agenda
from scbmeet.exports.minutes import export_minutes
from scbmeet.exports.pack import export_pack
from scbmeet.exports.template import TemplateStyleWarning

TODAY = date(2026, 11, 21)

SHARE = "file://///server/share/Normal.dotm"
PIXEL = "https://tracker.example.net/pixel.png"
FIELD_PIXEL = "https://fields.example.net/p.gif"
CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
ATTACHED_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
VBA_RT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Classification">'
    "<vt:lpwstr>RESTRICTED-TEMPLATE-DATA</vt:lpwstr></property></Properties>"
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Company>Evil Corp Ltd</Company><Manager>Mr Template Manager</Manager></Properties>"
)
SECRETS = (b"server/share", b"tracker.example.net", b"fields.example.net", b"RESTRICTED-TEMPLATE")
SECRETS += (b"Evil Corp", b"Template Manager", b"vbaProject", b"MACRO-BYTES")


def hostile_template(path):
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(30)
    doc.styles["Normal"].font.name = "Verdana"
    doc.styles["Normal"].font.size = Pt(12)
    header = section.header
    header.paragraphs[0].text = "Marlshire County Council"
    pixel_id = header.part.relate_to(PIXEL, RT.IMAGE, is_external=True)
    header.paragraphs[0]._p.append(
        parse_xml(
            f"<w:r {nsdecls('w', 'wp', 'a', 'pic', 'r')}><w:drawing><wp:inline>"
            '<wp:extent cx="9525" cy="9525"/><wp:docPr id="99" name="pixel"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="99" name="pixel"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:link="{pixel_id}"/></pic:blipFill><pic:spPr/></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    )
    header.add_paragraph()._p.append(
        parse_xml(
            f"<w:fldSimple {nsdecls('w')} w:instr='INCLUDEPICTURE \"{FIELD_PIXEL}\" \\d'>"
            "<w:r><w:t>logo</w:t></w:r></w:fldSimple>"
        )
    )
    settings = doc.settings
    template_id = doc.part._settings_part.relate_to(SHARE, ATTACHED_RT, is_external=True)
    settings.element.insert(
        0, parse_xml(f'<w:attachedTemplate {nsdecls("w", "r")} r:id="{template_id}"/>')
    )
    package = doc.part.package
    vba = Part(
        PackURI("/word/vbaProject.bin"),
        "application/vnd.ms-office.vbaProject",
        b"MACRO-BYTES",
        package,
    )
    doc.part.relate_to(vba, VBA_RT)
    custom = Part(
        PackURI("/docProps/custom.xml"),
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        CUSTOM_XML.encode(),
        package,
    )
    package.relate_to(custom, CUSTOM_RT)
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode()
    doc.save(str(path))
    with zipfile.ZipFile(path) as z:  # the template really is as hostile as described
        everything = b"".join(z.read(n) for n in z.namelist())
    assert all(secret in everything for secret in SECRETS[:6])
    return path


@pytest.fixture
def template(tmp_path):
    return hostile_template(tmp_path / "council.docx")


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("public", [False, True])
def test_exports_take_the_templates_look_and_nothing_reaching_outside(
    demo, template, tmp_path, public
):
    services, summary = demo
    written = [
        export_agenda(
            services,
            summary.upcoming_meeting_id,
            tmp_path / "a.docx",
            public=public,
            template=template,
        ),
        export_pack(
            services,
            summary.upcoming_meeting_id,
            tmp_path / "p.docx",
            public=public,
            template=template,
        ),
        export_minutes(
            services, summary.meeting_ids[2], tmp_path / "m.docx", public=public, template=template
        ),
    ]
    for path in written:
        parts = _parts(path)
        everything = b"".join(parts.values())
        for secret in SECRETS:
            assert secret not in everything, (path.name, secret)
        assert b'TargetMode="External"' not in everything, path.name
        assert not any(
            n.startswith(("customXml/", "docProps/custom", "docProps/thumbnail")) for n in parts
        )
        assert b"attachedTemplate" not in parts["word/settings.xml"]
        doc = docx.Document(path)
        section = doc.sections[0]
        assert round(section.left_margin.mm) == 30, path.name
        assert doc.styles["Normal"].font.name == "Verdana"
        headers = " ".join(p.text for p in section.header.paragraphs)
        assert "Marlshire County Council" in headers
        assert doc.core_properties.author == "Marlshire Safer Communities Board"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_column_widths_hold_with_the_templates_wider_font(demo, template, tmp_path):
    """Verdana 12pt with 30 mm margins: no "Minu/te", "OVERD/UE", "N/o." or a cover sheet's
    "Recommendatio/ns" split over lines."""
    services, summary = demo
    with pytest.warns(TemplateStyleWarning):
        log = export_action_log(
            services,
            summary.upcoming_meeting_id,
            tmp_path / "log.docx",
            template=template,
            today=TODAY,
        )
        agenda = export_agenda(
            services, summary.upcoming_meeting_id, tmp_path / "a.docx", template=template
        )
        pack = export_pack(
            services, summary.upcoming_meeting_id, tmp_path / "pack.docx", template=template
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
            str(log),
            str(agenda),
            str(pack),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "log.pdf"), "-"], capture_output=True, text=True
    ).stdout
    words = set(text.split())
    assert {"Minute", "OVERDUE", "Status"} <= words
    assert not {"Minut", "Minu", "OVERDU", "OVERD"} & words
    covers = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "pack.pdf"), "-"], capture_output=True, text=True
    ).stdout.split()
    assert "Recommendations" in covers and "Recommendatio" not in covers
    agenda_text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "No." in agenda_text.split()
