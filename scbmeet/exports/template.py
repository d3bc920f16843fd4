"""House-style templates: which .docx a document starts from, and its styles.

Every document starts from a reference .docx: scbmeet's own
``resources/templates/scbmeet-house-style.docx``, or a council's template chosen with
``--template``, the ``SCBMEET_WORD_TEMPLATE`` environment variable or the saved setting
(``scbmeet export template --set FILE``). Only the template's styles, page set-up,
headers and footers are used; its body text is dropped.

A council's template may lack scbmeet's own styles (``SCB Minute Title``...). Each
missing style falls back to a built-in one (``Heading 1``, ``Normal``), with a
:class:`TemplateStyleWarning`, so a plain Word template still gives a correct,
well-structured document.
"""

from __future__ import annotations

import io
import json
import os
import re
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles.style import BaseStyle, ParagraphStyle

from scbmeet.domain.errors import ScbmeetError
from scbmeet.exports.ooxml import PPR_ORDER, RPR_ORDER, element, put
from scbmeet.storage.atomic import write_bytes_atomically
from scbmeet.storage.paths import data_dir, resources_dir

HOUSE_TEMPLATE = Path("templates") / "scbmeet-house-style.docx"
ENV_TEMPLATE = "SCBMEET_WORD_TEMPLATE"
SETTINGS_FILE = "settings.json"
SETTING_KEY = "word_template"
LANGUAGE = "en-GB"

# scbmeet's styles and what stands in for each when a template does not define it.
FALLBACKS: dict[str, str] = {
    "SCB Title": "Heading 1",
    "SCB Subtitle": "Normal",
    "SCB Opening": "Normal",
    "SCB Minute Title": "Heading 1",
    "SCB Minute Text": "Normal",
    "SCB Resolution": "Normal",
    "SCB Action": "Normal",
    "SCB Organisation": "Normal",
    "SCB Member": "Normal",
    "SCB Note": "Normal",
    "SCB Draft": "Normal",
    "SCB Marking": "Header",
    "SCB Table Text": "Normal",
    "SCB Table Heading": "SCB Table Text",
    "SCB Table Subitem": "SCB Table Text",
    "SCB Signature": "Normal",
    "SCB Label": "Normal",
    "SCB Reminder": "Normal",
    "SCB Table": "Table Grid",
    "Footer": "Normal",
    "Header": "Normal",
}
HEADING_SIZES = {1: 13, 2: 12, 3: 11}

_WORD_TEMPLATE_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
)
_WORD_DOCUMENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_COMMENT_RELS = (
    RT.COMMENTS,
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
    "http://schemas.microsoft.com/office/2011/relationships/people",
)


class TemplateError(ScbmeetError):
    """A template that cannot be used at all: missing, unreadable, not a Word file."""


class TemplateWarning(UserWarning):
    """Something about the chosen template that the user should know; the export went on."""


class TemplateStyleWarning(TemplateWarning):
    """A style the documents use is not in the chosen template; a built-in one stands in."""


# -- which template ---------------------------------------------------------------------------
def house_template() -> Path:
    """scbmeet's own reference template."""
    return resources_dir() / HOUSE_TEMPLATE


def _settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def _read_settings() -> dict[str, Any]:
    path = _settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        warnings.warn(
            f"Ignoring the unreadable settings file {path}: {exc}", TemplateWarning, stacklevel=3
        )
        return {}
    return data if isinstance(data, dict) else {}


def saved_template() -> Path | None:
    """The template saved as the default for this user, if any."""
    value = _read_settings().get(SETTING_KEY)
    return Path(value) if isinstance(value, str) and value else None


def save_template_setting(path: Path | None) -> None:
    """Make ``path`` this user's default template (``None``: back to the house style)."""
    settings = _read_settings()
    if path is None:
        settings.pop(SETTING_KEY, None)
    else:
        resolved = path.expanduser().resolve()
        load_template(resolved)  # refuse a file that would fail every export later
        settings[SETTING_KEY] = str(resolved)
    text = json.dumps(settings, indent=1, ensure_ascii=False) + "\n"
    write_bytes_atomically(_settings_path(), text.encode("utf-8"))


def chosen_template(explicit: Path | str | None = None) -> Path:
    """The template to use: explicit choice, then environment, then setting, then house."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_TEMPLATE, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return saved_template() or house_template()


# -- loading ----------------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _template_bytes(path: Path, mtime_ns: int, size: int) -> bytes:
    """A template's bytes, converted to a document if it is a .dotx (cached while unchanged)."""
    del mtime_ns, size  # part of the cache key only
    raw = path.read_bytes()
    return _dotx_as_docx(raw)


def _dotx_as_docx(raw: bytes) -> bytes:
    """A Word template (.dotx) differs from a document only in one content type."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as source:
            types = source.read("[Content_Types].xml")
            if _WORD_TEMPLATE_TYPE.encode() not in types:
                return raw
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for item in source.infolist():
                    data = source.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        data = data.replace(
                            _WORD_TEMPLATE_TYPE.encode(), _WORD_DOCUMENT_TYPE.encode()
                        )
                    target.writestr(item, data)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return raw  # python-docx will say what is wrong


def load_template(path: Path) -> Document:
    """A fresh python-docx document from ``path``, or a :class:`TemplateError`."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise TemplateError(f"The Word template {path} does not exist.") from None
    except OSError as exc:
        raise TemplateError(f"Cannot read the Word template {path}: {exc.strerror}.") from None
    if not path.is_file():
        raise TemplateError(f"The Word template {path} is not a file.")
    try:
        data = _template_bytes(path.resolve(), stat.st_mtime_ns, stat.st_size)
        return docx.Document(io.BytesIO(data))
    except OSError as exc:
        raise TemplateError(f"Cannot read the Word template {path}: {exc.strerror}.") from None
    except Exception as exc:  # python-docx raises assorted errors for non-Word files
        raise TemplateError(
            f"{path} is not a Word document or template (.docx or .dotx): {why_not_word(exc)}"
        ) from None


def why_not_word(exc: Exception) -> str:
    """python-docx's reason a file is not a Word document, in words (its message names the
    stream's Python repr, ``file '<_io.BytesIO object at 0x...>'``)."""
    text = str(exc)
    if "macroEnabled" in text:
        return (
            "it is a macro-enabled Word file (.docm or .dotm); save it from Word as .docx or .dotx"
        )
    content_type = re.search(r"content type is '([^']+)'", text)
    if content_type:
        return f"it holds {content_type.group(1)}"
    return re.sub(r"file '<[^>]*>' ", "the file ", text) or type(exc).__name__


def start_document(template: Path | str | None = None) -> tuple[Document, StyleSheet]:
    """An empty document with the template's styles, page set-up, headers and footers."""
    path = chosen_template(template)
    document = load_template(path)
    _clear_body(document)
    _drop_comments(document)
    _set_language(document)
    return document, StyleSheet(document, path.name)


def _clear_body(document: Document) -> None:
    """Drop the template's sample text; the final section properties (pages, headers) stay."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _drop_comments(document: Document) -> None:
    """A template's review comments must never travel into a published document."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in _COMMENT_RELS:
            document.part.rels.pop(rel_id)


def _set_language(document: Document) -> None:
    """Documents are written in UK English; right-to-left text is proofed as Urdu."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = element("w:docDefaults")
        document.styles.element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = element("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = element("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = put(rpr, element("w:lang"), RPR_ORDER)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    if lang.get(qn("w:bidi")) is None:
        lang.set(qn("w:bidi"), "ur-PK")
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


# -- styles -----------------------------------------------------------------------------------
class StyleSheet:
    """The styles of one document, looked up by name once, with fallbacks and warnings."""

    def __init__(self, document: Document, source: str) -> None:
        self.document = document
        self.source = source
        self._by_name: dict[tuple[str, WD_STYLE_TYPE], BaseStyle] = {
            (s.name, s.type): s for s in document.styles if s.name
        }
        self._resolved: dict[tuple[str, WD_STYLE_TYPE], BaseStyle | None] = {}
        self.missing: list[str] = []

    def paragraph(self, name: str) -> BaseStyle | None:
        """The paragraph style ``name``, or its fallback; ``None`` means the default style."""
        return self._resolve(name, WD_STYLE_TYPE.PARAGRAPH)

    def table(self, name: str) -> BaseStyle | None:
        """The table style ``name``, or its fallback; ``None``: no style (add rules directly)."""
        return self._resolve(name, WD_STYLE_TYPE.TABLE)

    def heading(self, level: int) -> BaseStyle | None:
        return self.paragraph(f"Heading {level}")

    def _resolve(self, name: str, kind: WD_STYLE_TYPE) -> BaseStyle | None:
        key = (name, kind)
        if key not in self._resolved:
            self._resolved[key] = self._find_or_fall_back(name, kind)
        return self._resolved[key]

    def _find_or_fall_back(self, name: str, kind: WD_STYLE_TYPE) -> BaseStyle | None:
        found = self._by_name.get((name, kind))
        if found is not None:
            return found
        if name.startswith("Heading ") and name[8:].isdigit():
            # Headings carry the structure; rather than lose it, define the built-in style.
            return self._add_heading(int(name[8:]))
        fallback = FALLBACKS.get(name)
        substitute = self._resolve(fallback, kind) if fallback else None
        self._warn(name, f"using {fallback!r} instead" if substitute else "using no style")
        return substitute

    def _add_heading(self, level: int) -> BaseStyle:
        self._warn(f"Heading {level}", "adding a plain one so the headings stay headings")
        style = self.document.styles.add_style(f"Heading {level}", WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        normal = self._by_name.get(("Normal", WD_STYLE_TYPE.PARAGRAPH))
        if normal is not None:
            style.base_style = normal
        style.font.bold = True
        style.font.size = Pt(HEADING_SIZES.get(level, 11))
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        put(style.element.get_or_add_pPr(), element("w:outlineLvl", val=str(level - 1)), PPR_ORDER)
        self._by_name[(style.name, WD_STYLE_TYPE.PARAGRAPH)] = style
        return style

    def _warn(self, name: str, instead: str) -> None:
        message = f"The Word template {self.source} has no style {name!r}; {instead}."
        self.missing.append(name)
        warnings.warn(message, TemplateStyleWarning, stacklevel=5)
