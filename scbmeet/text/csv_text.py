"""Reading a CSV file's bytes as text: one rule for the app and the command line.

Spreadsheets save "CSV" in several ways, and a secretary cannot see which:

* "CSV UTF-8" (with Excel's byte-order mark or without): read as UTF-8.
* Older Excel's "CSV (Comma delimited)" on Windows: Windows-1252. Read as that, and the
  caller says so ("read as Windows-1252"), so that a wrong guess is visible in the names.
* "Unicode Text": UTF-16, separated by tabs. Refused with a hint to save it as CSV UTF-8.
* Excel in many European locales separates fields with semicolons. Refused with a hint,
  since reading such a file with commas gives one column per line.

:func:`decode_csv` returns the text with the encoding used, or raises
:class:`~scbmeet.domain.errors.ImportFormatError` with one line naming the file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from scbmeet.domain.errors import ImportFormatError

UTF8 = "UTF-8"
WINDOWS_1252 = "Windows-1252"
SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8 (Comma delimited)'"


@dataclass(frozen=True)
class CsvText:
    """A CSV file's text and the encoding it was read in (``UTF-8`` or ``Windows-1252``)."""

    text: str
    encoding: str

    @property
    def note(self) -> str:
        """What to tell the user about the encoding; empty for UTF-8, the expected case."""
        if self.encoding == UTF8:
            return ""
        return (
            f"read as {self.encoding} (it is not UTF-8); check that names with accents look right"
        )


def decode_csv(data: bytes, name: str) -> CsvText:
    """The text of the CSV file ``name`` (see the module docstring for the rule)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(data):
        raise ImportFormatError(
            f"Nothing was imported: {name} is UTF-16 text (a spreadsheet's 'Unicode Text'); "
            f"{SAVE_AS}."
        )
    try:
        result = CsvText(data.decode("utf-8-sig"), UTF8)
    except UnicodeDecodeError:
        try:
            result = CsvText(data.decode("cp1252"), WINDOWS_1252)
        except UnicodeDecodeError:
            raise ImportFormatError(
                f"Nothing was imported: {name} is neither UTF-8 nor Windows-1252 text; {SAVE_AS}."
            ) from None
    separator_problem = _semicolon_separated(result.text, name)
    if separator_problem:
        raise ImportFormatError(separator_problem)
    return result


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of plain text is zero."""
    sample = data[:200]
    return len(sample) >= 4 and sample.count(0) >= len(sample) // 3


def _semicolon_separated(text: str, name: str) -> str | None:
    header = next((line for line in text.splitlines() if line.strip()), "")
    if ";" in header and "," not in header:
        return (
            f"Nothing was imported: {name} is separated by semicolons, not commas; {SAVE_AS} "
            "(or choose comma as the list separator)."
        )
    return None
