"""Writing files so that a failure never leaves a half-written file over a good one.

The content goes to a temporary file in the target's folder, is flushed to disk, and is
then renamed over the target in one step (``os.replace`` is atomic on one file system);
the folder is synced too, so that the rename itself survives a power cut. Every file
scbmeet writes (documents, exports, settings, recovery files) goes through here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from scbmeet.domain.errors import ScbmeetError


class FileWriteError(ScbmeetError, OSError):
    """A file could not be written; nothing was left half-written. It is an OSError too, so
    code that guards file writes with ``except OSError`` keeps working."""


ExportError = FileWriteError  # the name the export code and its tests use


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(stream)`` on a temporary file beside ``path``, then rename it into place."""
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"Cannot write in {folder}: {exc.strerror}.") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_permissions(path, tmp)
        os.replace(tmp, path)
        sync_folder(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    def write(stream: BinaryIO) -> None:
        stream.write(data)

    return write_atomically(path, write)


def write_text_atomically(path: Path, text: str) -> Path:
    return write_bytes_atomically(path, text.encode("utf-8"))


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); harmless where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_permissions(target: Path, tmp: Path) -> None:
    """mkstemp makes owner-only files; give the new file the old one's (or normal) mode."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
