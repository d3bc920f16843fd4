"""docxcompose's :class:`Composer`, imported so that it cannot change python-docx for everyone.

Importing ``docxcompose.utils`` runs ``docx.oxml.ns.nsmap.update(...)``, which rebinds
the ``cp`` prefix from the core-properties namespace to the custom-properties one. From
then on python-docx writes ``docProps/core.xml`` with status, keywords, category, version
and revision in the wrong namespace (another process reads status as empty, Word offers
to repair the file). Everything in scbmeet that needs docxcompose imports it from here:
the prefixes python-docx already had are put back at once, and the prefixes docxcompose
adds that python-docx lacks are kept (its XPath queries need them). The writer also
builds ``core.xml`` itself with explicit namespaces, so even a library that rebinds a
prefix later cannot damage the properties.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import ns
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart, HeaderPart

# From python-docx's own reverse map, which nothing rebinds (even if docxcompose came first).
_PYTHON_DOCX_PREFIXES = {prefix: uri for uri, prefix in ns.pfxmap.items()}

from docxcompose.composer import Composer  # noqa: E402  (must follow the snapshot)

ns.nsmap.update(_PYTHON_DOCX_PREFIXES)

__all__ = ["Composer", "SectionKeepingComposer"]

HEADER_FOOTER_TAGS = (qn("w:headerReference"), qn("w:footerReference"))
R_ID = qn("r:id")
R_NAMESPACE = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PENDING_ID = "scbmeet-part"  # a paper's header reference on its way into the pack


class SectionKeepingComposer(Composer):
    """A composer that leaves a paper's sections and their headers and footers alone.

    docxcompose drops the header and footer references of appended content and gives
    the first section's set-up to everything before it; scbmeet puts each paper in
    sections of its own (:func:`scbmeet.exports.paper_content.own_sections`), so both
    corrections would only do harm.
    """

    def remove_header_and_footer_references(self, doc: Document, element: object) -> None:
        del doc, element  # kept: they are brought across by append_with_sections

    def fix_section_types(self, doc: Document) -> None:
        del doc

    def fix_header_and_footers(self, doc: Document) -> None:
        del doc

    def append_with_sections(self, paper: Document) -> None:
        """Append ``paper`` with copies of the headers and footers its sections use."""
        copied: dict[str, str] = {}
        for ref in list(paper.element.body.iter(*HEADER_FOOTER_TAGS)):
            rid = ref.get(R_ID)
            if rid is None or rid not in paper.part.rels:
                ref.getparent().remove(ref)
                continue
            if rid not in copied:
                copied[rid] = self._copy_story(paper.part.rels[rid].target_part, ref.tag)
            # docxcompose would look the id up among the paper's relationships: park it.
            del ref.attrib[R_ID]
            ref.set(PENDING_ID, copied[rid])
        self.append(paper)
        for ref in self.doc.element.body.iter(*HEADER_FOOTER_TAGS):
            pending = ref.attrib.pop(PENDING_ID, None)
            if pending is not None:
                ref.set(R_ID, pending)

    def _copy_story(self, source: Part, tag: str) -> str:
        """A copy of a paper's header or footer part in the pack; returns its relationship id."""
        is_header = tag == qn("w:headerReference")
        kind, reltype = (HeaderPart, RT.HEADER) if is_header else (FooterPart, RT.FOOTER)
        name = "header" if is_header else "footer"
        package = self.doc.part.package
        partname = package.next_partname(f"/word/{name}%d.xml")
        story = kind.load(partname, source.content_type, source.blob, package)
        renamed: dict[str, str] = {}
        for rel in list(source.rels.values()):
            copied = self.add_relationship(source, story, rel)  # pictures, under new names
            renamed[rel.rId] = copied.rId
        for element in story.element.iter():
            for attribute, value in list(element.attrib.items()):
                if attribute.startswith(R_NAMESPACE) and value in renamed:
                    element.set(attribute, renamed[value])
        return str(self.doc.part.relate_to(story, reltype))
