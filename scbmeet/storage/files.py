"""Writing a stored file (a paper, an appendix) into a folder the user chose, safely.

File names come from outside (a dropped file, an imported JSON export) and may hold
folder separators, ``..``, control characters, names Windows reserves, or run to
hundreds of characters. Whatever the name, the file is written *inside* the chosen
folder under a cleaned name, never through a symbolic link, and never over a file that
is already there: a different file of the same name gets ``name (2).ext`` instead, and
the very same content already there is simply reused.

:func:`safe_filename` is also how a file's name is cleaned before it is stored with a paper.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

from scbmeet.domain.errors import ValidationError

MAX_COPIES = 1000

# Names Windows keeps for devices, with or without an extension (``CON.docx`` too).
WINDOWS_RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10)}
)


def safe_filename(filename: str) -> str:
    """A file name with no folders in it, safe to write anywhere: ``../x/y.docx`` -> ``y.docx``."""
    name = filename.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    if not name:
        raise ValidationError(f"{filename!r} is not a usable file name.")
    if name.split(".", 1)[0].rstrip(" ").upper() in WINDOWS_RESERVED_NAMES:
        name = "_" + name
    if len(name.encode()) > 200:
        stem, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        base = (stem if keep else name).encode()[: 200 - len(keep) - 1].decode(errors="ignore")
        name = f"{base}.{keep}" if keep else base
    return name


def export_name(filename: str, fallback: str) -> str:
    """A bare file name that is safe on Windows, macOS and Linux; ``fallback`` if nothing of
    ``filename`` is usable (``..``, only separators, only control characters)."""
    try:
        return safe_filename(unicodedata.normalize("NFC", filename or ""))
    except ValidationError:
        return safe_filename(fallback)


def _numbered(name: str, number: int) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({number})"
    return f"{stem} ({number}).{ext}"


def _same_content(path: Path, digest: str) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest() == digest


def _create_new(path: Path, content: bytes) -> bool:
    """Create ``path`` with ``content``; False if something already has that name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True


def write_into_folder(folder: Path, filename: str, content: bytes, *, fallback: str) -> Path:
    """Write ``content`` into ``folder`` (which must exist) under a safe form of
    ``filename``; returns the file written (or the identical one already there)."""
    folder = folder.expanduser()
    if not folder.is_dir():
        raise ValidationError(f"The folder {folder} does not exist.")
    root = folder.resolve()
    name = export_name(filename, fallback)
    digest = hashlib.sha256(content).hexdigest()
    for number in range(1, MAX_COPIES + 1):
        candidate = root / (name if number == 1 else _numbered(name, number))
        if candidate.parent != root:  # cannot happen with a cleaned name; never risk it
            raise ValidationError(f"{filename!r} cannot be written safely.")
        if os.path.lexists(candidate):
            if _same_content(candidate, digest):
                return candidate
            continue
        try:
            if _create_new(candidate, content):
                return candidate
        except OSError as exc:
            raise ValidationError(f"Cannot write {candidate}: {exc.strerror or exc}.") from exc
    raise ValidationError(f"{folder} already holds {MAX_COPIES} files called {name}.")
