"""Keeping a document self-contained: nothing in it points outside the file or runs code.

A council's template brings its styles, page set-up, headers and footers, and sometimes
much more: an attached template on a server share (``file://///server/share/Normal.dotm``,
which Word reaches for on opening, handing over the reader's credentials hash), pictures
in the header fetched from the web (a tracking pixel), a ``vbaProject.bin`` of macros
smuggled into a ``.docx``, customXml data, a thumbnail of its own first page. Only parts
of the kinds a document's look needs survive :func:`keep_self_contained`; every
relationship to outside the file goes, with what referred to it.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from scbmeet.exports import paper_content

# The last word of each relationship type a document's look and text need.
LOOK_RELTYPES = frozenset(
    {
        "officeDocument",
        "styles",
        "stylesWithEffects",
        "numbering",
        "settings",
        "webSettings",
        "fontTable",
        "font",
        "theme",
        "header",
        "footer",
        "image",
        "footnotes",
        "endnotes",
        "core-properties",
        "extended-properties",
    }
)
# Settings that name something outside the file or carry the template's own data.
OUTSIDE_SETTINGS = ("attachedTemplate", "mailMerge", "docVars", "linkStyles", "attachedSchema")


def keep_self_contained(document: Document) -> int:
    """Drop outside links and parts that run code or hold data; returns how many went."""
    dropped = 0
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.is_external or _kind(rel.reltype) not in LOOK_RELTYPES:
            package.rels.pop(rel_id)
            dropped += 1
    for part in list(package.iter_parts()):
        unwanted = {
            rid
            for rid, rel in part.rels.items()
            if rel.is_external or _kind(rel.reltype) not in LOOK_RELTYPES
        }
        if not unwanted:
            continue
        if isinstance(part, XmlPart):
            paper_content.drop_references(part.element, unwanted)
        for rid in unwanted:
            part.rels.pop(rid)
            dropped += 1
    for root in paper_content.xml_roots(document):
        paper_content.drop_reaching_fields(root)
    _clean_settings(document.settings.element)
    return dropped


def _kind(reltype: str) -> str:
    return reltype.rstrip("/").rsplit("/", 1)[-1]


def _clean_settings(settings: etree._Element) -> None:
    for name in OUTSIDE_SETTINGS:
        for element in settings.findall(qn(f"w:{name}")):
            settings.remove(element)
