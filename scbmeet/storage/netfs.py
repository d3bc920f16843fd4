"""Telling whether a database file lives on a network file system.

SQLite relies on the file system's locks, and network file systems (NFS, SMB/CIFS,
sshfs, ...) are known to get them wrong: two people writing to one SQLite file on a
share can corrupt it. scbmeet still opens such a file, but warns and points to the
PostgreSQL setting, which is the supported way for a secretariat to share a database.

Everything here is plain data in, plain data out: the mount table (``/proc/self/mounts``
on Linux, ``mount`` output on macOS and the BSDs) and the Windows drive-type query can be
passed in, so the detection is tested without a network share.
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# File system types (as /proc/mounts and `mount` name them) that are reached over a network.
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "afpfs",
        "9p",
        "sshfs",
        "davfs",
        "webdav",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "orangefs",
    }
)
# FUSE file systems (``fuse.<name>`` on Linux) that are network ones.
NETWORK_FUSE_NAMES = frozenset(
    {"sshfs", "davfs", "davfs2", "rclone", "s3fs", "gcsfuse", "glusterfs", "ceph", "smbnetfs"}
)
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a network drive


@dataclass(frozen=True)
class Mount:
    """One line of a mount table."""

    source: str
    point: str
    fstype: str


def _unescape_proc(field: str) -> str:
    """/proc/mounts writes spaces, tabs, newlines and backslashes as octal escapes."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_proc_mounts(text: str) -> list[Mount]:
    """Parse Linux's ``/proc/self/mounts`` (``source point type options 0 0``)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(_unescape_proc(fields[0]), _unescape_proc(fields[1]), fields[2]))
    return mounts


_MOUNT_LINE = re.compile(r"^(?P<source>.+?) on (?P<point>.+) \((?P<type>[^,)]+)[^)]*\)\s*$")


def parse_mount_output(text: str) -> list[Mount]:
    """Parse the output of ``mount`` on macOS and the BSDs (``source on point (type, ...)``)."""
    mounts = []
    for line in text.splitlines():
        match = _MOUNT_LINE.match(line.strip())
        if match:
            mounts.append(Mount(match["source"], match["point"], match["type"].strip()))
    return mounts


def mount_for(path: str, mounts: Sequence[Mount]) -> Mount | None:
    """The mount holding ``path`` (an absolute, resolved POSIX path): the longest mount point
    that contains it; the last such line wins, as later mounts hide earlier ones."""
    target = PurePosixPath(path)
    best: Mount | None = None
    for mount in mounts:
        point = PurePosixPath(mount.point)
        if (target == point or point in target.parents) and (
            best is None or len(point.parts) >= len(PurePosixPath(best.point).parts)
        ):
            best = mount
    return best


def is_network_fstype(fstype: str, source: str = "") -> bool:
    kind = fstype.lower()
    if kind in NETWORK_FS_TYPES:
        return True
    if kind.startswith("fuse."):
        return kind.removeprefix("fuse.") in NETWORK_FUSE_NAMES
    if kind in ("fuse", "macfuse", "osxfuse", "fusefs"):
        # The FUSE type alone does not say; the source of an sshfs mount does.
        return source.lower().startswith(tuple(NETWORK_FUSE_NAMES)) or "@" in source
    return False


def is_unc_path(path: str) -> bool:
    r"""``\\server\share\...`` (or ``//server/share``, or ``\\?\UNC\...``): a network path.
    ``\\?\C:\...`` and ``\\.\`` device paths are local."""
    normal = path.replace("/", "\\")
    if normal.upper().startswith("\\\\?\\UNC\\"):
        return True
    return normal.startswith("\\\\") and not normal.startswith(("\\\\?\\", "\\\\.\\"))


def _windows_drive_type(root: str) -> int:
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    return int(windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


def windows_network_kind(path: str, drive_type: Callable[[str], int] | None = None) -> str | None:
    """'a network path' for UNC paths, 'a network drive' for mapped drive letters."""
    if is_unc_path(path):
        return "a network path"
    match = re.match(r"^([A-Za-z]):", path)
    if match:
        query = drive_type or _windows_drive_type
        if query(f"{match.group(1).upper()}:\\") == DRIVE_REMOTE:
            return f"a network drive ({match.group(1).upper()}:)"
    return None


def _read_mount_table(platform: str) -> list[Mount]:
    if platform.startswith("linux"):
        try:
            return parse_proc_mounts(Path("/proc/self/mounts").read_text(encoding="utf-8"))
        except OSError:
            return []
    try:
        result = subprocess.run(["mount"], capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_mount_output(result.stdout)


def network_filesystem(
    path: Path | str,
    *,
    platform: str | None = None,
    mounts: Sequence[Mount] | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """How ``path`` is on the network (``"a network share (nfs4: server:/export)"``), or None.

    ``platform`` defaults to ``sys.platform``; ``mounts`` to the system's mount table;
    ``drive_type`` to Windows' ``GetDriveTypeW``.
    """
    system = platform or sys.platform
    text = str(path)
    if system.startswith("win"):
        return windows_network_kind(text, drive_type)
    resolved = text if mounts is not None else os.path.realpath(text)
    table = list(mounts) if mounts is not None else _read_mount_table(system)
    mount = mount_for(resolved, table)
    if mount is None or not is_network_fstype(mount.fstype, mount.source):
        return None
    return f"a network share ({mount.fstype}: {mount.source})"


def network_share_warning(
    path: Path,
    *,
    platform: str | None = None,
    mounts: Sequence[Mount] | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """A warning to show when the database file is on a network share, else None."""
    kind = network_filesystem(path, platform=platform, mounts=mounts, drive_type=drive_type)
    if kind is None:
        return None
    return share_warning_text(path, kind)


def share_warning_text(path: Path, kind: str) -> str:
    return (
        f"The database {path} is on {kind}. SQLite files on network shares can be "
        "corrupted when two people use them at once. To share a database, use PostgreSQL: "
        "set SCBMEET_DATABASE_URL (see 'Sharing a database' in the README)."
    )
