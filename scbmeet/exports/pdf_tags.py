"""Keeping a merged PDF tagged: the structure trees of its parts joined under one Document.

pypdf copies pages but not the tags (the structure tree a screen reader follows), so a
merged pack would lose them. :class:`TagMerger` is told of each run of pages appended from
a tagged PDF; at the end it clones, in page order, the part's top-level structure elements
on those pages under one ``Document`` element, renumbers the marked-content keys
(``/StructParents``) so they stay unique across parts, and writes a joined parent tree.
Parts with no tags (a scan, most PDFs from elsewhere) simply add none.

:func:`mark_row_headers` retags the label column of a PDF's tables as row headers
(LibreOffice tags every cell of a Word table with no header row as a data cell, even where
Word marks the first column as the table's headers), for the cover sheets' label tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
)


@dataclass
class _Run:
    """Pages ``first``..``end - 1`` of a part, as appended; ``kids`` once their tags are cloned."""

    part: _Part
    first: int
    end: int
    kids: list[IndirectObject] | None = None


@dataclass
class _Part:
    reader: PdfReader
    offset: int  # added to the part's marked-content keys
    elements: list[tuple[int, IndirectObject]] = field(default_factory=list)  # (page, element)
    parent_tree: list[tuple[int, PdfObject]] = field(default_factory=list)


def _number_tree(node: Any) -> list[tuple[int, PdfObject]]:
    """Every (key, value) of a PDF number tree, kids and all."""
    node = node.get_object()
    found: list[tuple[int, PdfObject]] = []
    nums = node.get("/Nums")
    if nums is not None:
        nums = nums.get_object()
        found += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
    for kid in node.get("/Kids", ()):
        found += _number_tree(kid)
    return found


def _kids(element: Any) -> list[Any]:
    kids = element.get_object().get("/K") if isinstance(element.get_object(), dict) else None
    if kids is None:
        return []
    kids = kids.get_object()
    return list(kids) if isinstance(kids, list) else [kids]


def _is_element(obj: Any) -> bool:
    value = obj.get_object()
    return isinstance(value, dict) and "/S" in value


def _first_page(reader: PdfReader, element: Any, pages: dict[int, int]) -> int | None:
    """The page (0-based) on which an element's content starts."""
    value = element.get_object()
    page = value.get("/Pg") if isinstance(value, dict) else None
    if isinstance(page, IndirectObject) and page.idnum in pages:
        return pages[page.idnum]
    for kid in _kids(element):
        if _is_element(kid) or isinstance(kid.get_object(), dict):
            found = _first_page(reader, kid, pages)
            if found is not None:
                return found
    return None


ROW_GROUPS = ("/THead", "/TBody", "/TFoot")


def mark_row_headers(reader: PdfReader) -> int:
    """Tag the first cell of every row of ``reader``'s tables a row header (TH, scope Row).

    Only for a PDF whose tables are all label-and-value tables (the cover sheets): the
    change is made to ``reader``'s objects, so what is later cloned from it carries it.
    Returns how many cells were retagged.
    """
    catalog: Any = reader.trailer["/Root"]
    tree: Any = catalog.get("/StructTreeRoot")
    if tree is None:
        return 0
    marked = 0
    for table in _elements_named(tree, "/Table"):
        for row in _rows(table):
            cells = [kid.get_object() for kid in _kids(row) if _is_element(kid)]
            if cells and cells[0]["/S"] in ("/TD", "/TH"):
                _make_row_header(cells[0])
                marked += 1
    return marked


def _elements_named(node: Any, role: str) -> list[Any]:
    """Every structure element of type ``role`` under ``node`` (tables inside tables too)."""
    found = []
    for kid in _kids(node):
        if not _is_element(kid):
            continue
        if kid.get_object()["/S"] == role:
            found.append(kid.get_object())
        found += _elements_named(kid, role)
    return found


def _rows(table: Any) -> list[Any]:
    rows = []
    for kid in (k for k in _kids(table) if _is_element(k)):
        value = kid.get_object()
        if value["/S"] == "/TR":
            rows.append(value)
        elif value["/S"] in ROW_GROUPS:
            rows += [k.get_object() for k in _kids(value) if _is_element(k)]
    return rows


def _make_row_header(cell: DictionaryObject) -> None:
    """TH with the Table attribute ``/Scope /Row``, beside the layout attributes it had."""
    cell[NameObject("/S")] = NameObject("/TH")
    attributes: Any = cell.get("/A")
    kept = [] if attributes is None else attributes.get_object()
    kept = list(kept) if isinstance(kept, list) else [kept]
    kept = [a for a in kept if a.get_object().get("/O") != "/Table"]
    cell[NameObject("/A")] = ArrayObject([*kept, _row_scope()])


def _row_scope() -> DictionaryObject:
    return DictionaryObject(
        {NameObject("/O"): NameObject("/Table"), NameObject("/Scope"): NameObject("/Row")}
    )


class TagMerger:
    """Collects the tags of the parts appended to ``writer``; :meth:`finish` joins them."""

    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.parts: dict[int, _Part] = {}
        self.next_key = 0
        self.order: list[_Run] = []  # in reading order

    def _part(self, reader: PdfReader) -> _Part | None:
        if id(reader) in self.parts:
            return self.parts[id(reader)]
        catalog: Any = reader.trailer["/Root"]
        found: Any = catalog.get("/StructTreeRoot")
        if found is None:
            return None
        tree = found.get_object()
        parent_tree = _number_tree(tree["/ParentTree"]) if "/ParentTree" in tree else []
        part = _Part(reader, self.next_key, parent_tree=parent_tree)
        self.next_key += max((key for key, _ in parent_tree), default=-1) + 1
        pages = {
            p.indirect_reference.idnum: n
            for n, p in enumerate(reader.pages)
            if p.indirect_reference is not None
        }
        top = [kid for kid in _kids(tree) if _is_element(kid)]
        if len(top) == 1 and top[0].get_object().get("/S") == "/Document":
            top = [kid for kid in _kids(top[0]) if _is_element(kid)]
        for element in top:
            page = _first_page(reader, element, pages)
            if isinstance(element, IndirectObject):
                part.elements.append((page if page is not None else -1, element))
        self.parts[id(reader)] = part
        return part

    def appended(
        self, reader: PdfReader, first: int, end: int, at: int, *, front: bool = False
    ) -> None:
        """Pages ``first``..``end - 1`` of ``reader`` are now the writer's pages from ``at``
        (put in ``front`` of everything appended so far, or after it)."""
        part = self._part(reader)
        if part is None:
            return
        for n in range(first, end):
            keys = reader.pages[n].get("/StructParents")
            page = self.writer.pages[at + n - first]
            if keys is not None:
                page[NameObject("/StructParents")] = NumberObject(int(keys) + part.offset)
            annotations: Any = page.get("/Annots") or ()
            for reference in annotations.get_object() if annotations else ():
                annotation = reference.get_object()
                if "/StructParent" in annotation:
                    shifted = int(annotation["/StructParent"]) + part.offset
                    annotation[NameObject("/StructParent")] = NumberObject(shifted)
        self.order.insert(0 if front else len(self.order), _Run(part, first, end))

    def clone_pending(self) -> None:
        """Copy the tags of the pages appended so far (the slow part: it reads them all)."""
        for run in self.order:
            if run.kids is not None:
                continue
            run.kids = []
            for page, element in run.part.elements:
                if run.first <= page < run.end or (page < 0 and run.first == 0):
                    clone = element.clone(self.writer, False, ("/P",))
                    if not isinstance(clone, IndirectObject):
                        clone = clone.indirect_reference
                    run.kids.append(clone)

    def finish(self) -> None:
        """Write the joined structure tree (if any part was tagged) and mark the PDF tagged."""
        if not self.order:
            return
        self.clone_pending()
        writer = self.writer
        document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
            }
        )
        document_ref = writer._add_object(document)
        kids = ArrayObject()
        for run in self.order:
            for clone in run.kids or ():
                _set_parents(clone, document_ref)
                kids.append(clone)
        nums = ArrayObject()
        for part in self.parts.values():
            for key, value in part.parent_tree:
                nums += [NumberObject(key + part.offset), value.clone(writer, False, ("/P",))]
        root_map = DictionaryObject()
        for part in self.parts.values():
            catalog: Any = part.reader.trailer["/Root"]
            roles: Any = catalog["/StructTreeRoot"].get_object().get("/RoleMap")
            for name, role in roles.get_object().items() if roles is not None else ():
                root_map[NameObject(name)] = role
        tree = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructTreeRoot"),
                NameObject("/K"): document_ref,
                NameObject("/ParentTree"): writer._add_object(
                    DictionaryObject({NameObject("/Nums"): nums})
                ),
                NameObject("/ParentTreeNextKey"): NumberObject(self.next_key),
                NameObject("/RoleMap"): root_map,
            }
        )
        tree_ref = writer._add_object(tree)
        document[NameObject("/K")] = kids
        document[NameObject("/P")] = tree_ref
        writer._root_object[NameObject("/StructTreeRoot")] = tree_ref
        writer._root_object[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): BooleanObject(True)}
        )


def _set_parents(element: IndirectObject, parent: IndirectObject) -> None:
    """Each cloned element points at its parent again (the clone left ``/P`` behind)."""
    value = element.get_object()
    if not isinstance(value, dict) or "/S" not in value:
        return
    value[NameObject("/P")] = parent
    for kid in _kids(element):
        if isinstance(kid, IndirectObject):
            _set_parents(kid, element)
