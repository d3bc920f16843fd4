"""Word, Excel and PowerPoint files as zip archives: safe to open, and what they hide.

An Office file is a zip of XML parts. :func:`check_archive` reads only the zip's
directory (never a part) and refuses a file that would expand past what any real paper
needs, holds absurdly many parts, or compresses like a zip bomb (0.7 MB of zip holding
460 MB of XML once drove a pack export to 10 GB of memory). It runs when a file is
attached and again before a pack opens the file, so a file stored before the check, or
imported, is caught too.

:func:`review_marks` looks through a Word file's XML, part by part within the same limits,
for what must not go out silently: tracked changes, comments, embedded objects and links
to outside the file. The papers tracker and the pack export show what it finds.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from scbmeet.domain.errors import ValidationError

MAX_EXPANDED_BYTES = 256 * 1024 * 1024  # a paper with many photographs stays well below
MAX_PARTS = 4000
MAX_RATIO = 100  # real XML compresses 5-20 times; bombs hundreds or thousands of times
RATIO_FLOOR_BYTES = 8 * 1024 * 1024  # small files may compress as well as they like
OFFICE_SUFFIXES = (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt")

_TRACKED = re.compile(
    rb"<w:(?:ins|del|moveFrom|moveTo)\b|<w:(?:rPr|pPr|sectPr|tblPr|trPr|tcPr)Change\b"
)
_COMMENT = re.compile(rb"<w:comment\b")
_EXTERNAL = re.compile(rb'TargetMode="External"')


@dataclass(frozen=True)
class ReviewMarks:
    """What a Word file carries that a reader may not expect to be sent on."""

    tracked_changes: int = 0
    comments: int = 0
    embedded_objects: int = 0
    external_links: int = 0

    def __bool__(self) -> bool:
        return bool(
            self.tracked_changes or self.comments or self.embedded_objects or self.external_links
        )

    def describe(self) -> str:
        """``tracked changes (3), comments (2)``; empty when there is nothing."""
        found = [
            ("tracked changes", self.tracked_changes),
            ("comments", self.comments),
            ("embedded objects", self.embedded_objects),
            ("links to outside the file", self.external_links),
        ]
        return ", ".join(f"{name} ({count})" for name, count in found if count)


def is_office_file(filename: str) -> bool:
    return filename.lower().endswith(OFFICE_SUFFIXES)


def check_archive(filename: str, data: bytes) -> None:
    """Refuse (``ValidationError``, one line naming ``filename``) a zip unsafe to open."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: whoever opens it says it cannot be read
    problem = archive_problem(members, len(data))
    if problem:
        raise ValidationError(f"{filename} is not safe to open: {problem}.")


def archive_problem(members: list[zipfile.ZipInfo], stored_bytes: int) -> str:
    """Why a zip with these ``members`` must not be expanded, or ``""``."""
    if len(members) > MAX_PARTS:
        return f"it holds {len(members)} parts (at most {MAX_PARTS})"
    expanded = sum(m.file_size for m in members)
    if expanded > MAX_EXPANDED_BYTES:
        return (
            f"it would expand to {_megabytes(expanded)} (at most {_megabytes(MAX_EXPANDED_BYTES)})"
        )
    if expanded > RATIO_FLOOR_BYTES and expanded > MAX_RATIO * max(stored_bytes, 1):
        return (
            f"{_megabytes(stored_bytes)} would expand to {_megabytes(expanded)}, "
            f"{expanded // max(stored_bytes, 1)} times its size (a zip bomb)"
        )
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            return f"its part {member.filename} expands {member.file_size // max(member.compress_size, 1)} times (a zip bomb)"
    return ""


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def review_marks(data: bytes) -> ReviewMarks:
    """Tracked changes, comments, embedded objects and external links in a Word file.

    A file that is not a readable, safe zip has no marks: the pack names it instead of
    opening it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if archive_problem(members, len(data)):
                return ReviewMarks()
            counts = [0, 0, 0, 0]
            for member in members:
                name = member.filename
                if name.startswith("word/embeddings/"):
                    counts[2] += 1
                    continue
                if not name.endswith((".xml", ".rels")):
                    continue
                xml = archive.read(member)
                if name.endswith(".rels"):
                    counts[3] += len(_EXTERNAL.findall(xml))
                    continue
                counts[0] += len(_TRACKED.findall(xml))
                if name == "word/comments.xml":
                    counts[1] += len(_COMMENT.findall(xml))
    except (zipfile.BadZipFile, ValueError, OSError, KeyError):
        return ReviewMarks()
    return ReviewMarks(*counts)
