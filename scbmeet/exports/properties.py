"""The document properties of every export, written by scbmeet itself.

``docProps/core.xml`` is built here with explicit namespace URIs (never through a prefix
table another library could rebind), holding exactly the board's properties. The
template's extended properties (Company, Manager...) and custom properties
("Classification: ...") never reach an export: :func:`board_properties_only` drops the
custom part and writes a minimal ``app.xml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.parts.coreprops import CorePropertiesPart
from lxml import etree

from scbmeet.exports.ooxml import clean_text

CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
APP_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
APPLICATION = "scbmeet"


@dataclass(frozen=True)
class CoreProperties:
    """What ``docProps/core.xml`` says: the board's words, nothing of the template's."""

    title: str
    author: str
    subject: str
    keywords: str
    category: str
    status: str
    language: str
    when: datetime


def core_xml(props: CoreProperties) -> bytes:
    """The core-properties part, each element in its own namespace, each once."""
    nsmap = {"cp": CORE_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{CORE_NS}}}coreProperties", nsmap=nsmap)

    def add(ns: str, name: str, text: str) -> etree._Element:
        child = etree.SubElement(root, f"{{{ns}}}{name}")
        child.text = clean_text(text)
        return child

    add(DC_NS, "title", props.title)
    add(DC_NS, "subject", props.subject)
    add(DC_NS, "creator", props.author)
    add(CORE_NS, "keywords", props.keywords)
    add(CORE_NS, "lastModifiedBy", props.author)
    add(CORE_NS, "revision", "1")
    add(CORE_NS, "category", props.category)
    add(CORE_NS, "contentStatus", props.status)
    add(DC_NS, "language", props.language)
    stamp = props.when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in ("created", "modified"):
        add(DCTERMS_NS, name, stamp).set(f"{{{XSI_NS}}}type", "dcterms:W3CDTF")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def app_xml() -> bytes:
    """Extended properties naming scbmeet only (no Company, Manager, template or totals)."""
    root = etree.Element(f"{{{APP_NS}}}Properties", nsmap={None: APP_NS})
    etree.SubElement(root, f"{{{APP_NS}}}Application").text = APPLICATION
    etree.SubElement(root, f"{{{APP_NS}}}DocSecurity").text = "0"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_core_properties(document: Document, props: CoreProperties) -> None:
    """Replace the package's core properties with ``props`` (as a plain, unparsed part)."""
    package = document.part.package
    _drop_package_rels(package, RT.CORE_PROPERTIES)
    part = CorePropertiesPart.load(
        PackURI("/docProps/core.xml"), CORE_TYPE, core_xml(props), package
    )
    package.relate_to(part, RT.CORE_PROPERTIES)


def board_properties_only(document: Document) -> None:
    """Drop the custom properties and the template's extended properties."""
    package = document.part.package
    _drop_package_rels(package, CUSTOM_RT)
    _drop_package_rels(package, APP_RT)
    package.relate_to(Part(PackURI("/docProps/app.xml"), APP_TYPE, app_xml(), package), APP_RT)


def _drop_package_rels(package: OpcPackage, reltype: str) -> None:
    """Forget the package-level relationships of ``reltype`` (their parts go with them)."""
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == reltype:
            package.rels.pop(rel_id)
