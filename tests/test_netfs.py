"""Detecting a database on a network file system, with injected mount tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from scbmeet.storage import netfs

PROC_MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
fileserver:/export/secretariat /mnt/board\\040papers nfs4 rw,relatime,vers=4.2 0 0
//council-fs/minutes /srv/minutes cifs rw,relatime,vers=3.1.1 0 0
//council-fs/minutes/local /srv/minutes/local ext4 rw 0 0
clerk@host:/home/clerk /home/clerk/remote fuse.sshfs rw,nosuid,nodev 0 0
/dev/sdb1 /home/clerk/remote-ish ext4 rw 0 0
C:\\134 /mnt/c 9p rw,noatime 0 0
portal /run/user/1000/doc fuse.portal rw 0 0
"""

MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
devfs on /dev (devfs, local, nobrowse)
//clerk@council-fs._smb._tcp.local/Minutes on /Volumes/Minutes (smbfs, nodev, nosuid, mounted by clerk)
afp_0TQxsT0Tb7Yx-1.2d000007 on /Volumes/Archive (afpfs, nodev, nosuid, mounted by clerk)
sshfs@clerk on /Users/clerk/remote (macfuse, nodev, nosuid, synchronous, mounted by clerk)
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/clerk/scbmeet.sqlite3", None),
        ("/tmp/x.sqlite3", None),
        (
            "/mnt/board papers/scbmeet.sqlite3",
            "a network share (nfs4: fileserver:/export/secretariat)",
        ),
        ("/srv/minutes/scbmeet.sqlite3", "a network share (cifs: //council-fs/minutes)"),
        ("/srv/minutes/local/scbmeet.sqlite3", None),  # a local disk mounted inside the share
        (
            "/home/clerk/remote/db/scbmeet.sqlite3",
            "a network share (fuse.sshfs: clerk@host:/home/clerk)",
        ),
        ("/home/clerk/remote-ish/scbmeet.sqlite3", None),  # a prefix of the name is not a parent
        ("/mnt/c/Users/clerk/scbmeet.sqlite3", "a network share (9p: C:\\)"),
        ("/run/user/1000/doc/x.sqlite3", None),
    ],
)
def test_linux_mount_table(path, expected):
    mounts = netfs.parse_proc_mounts(PROC_MOUNTS)
    assert netfs.network_filesystem(path, platform="linux", mounts=mounts) == expected


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/Users/clerk/Documents/scbmeet.sqlite3", None),
        ("/Volumes/Minutes/scbmeet.sqlite3", "smbfs"),
        ("/Volumes/Archive/2013/scbmeet.sqlite3", "afpfs"),
        ("/Users/clerk/remote/scbmeet.sqlite3", "macfuse"),
    ],
)
def test_macos_mount_output(path, fstype):
    mounts = netfs.parse_mount_output(MAC_MOUNT)
    found = netfs.network_filesystem(path, platform="darwin", mounts=mounts)
    if fstype is None:
        assert found is None
    else:
        assert found is not None and fstype in found


@pytest.mark.parametrize(
    ("path", "remote_drives", "expected"),
    [
        (r"C:\Users\clerk\AppData\Local\scbmeet\scbmeet.sqlite3", "", None),
        (r"\\council-fs\minutes\scbmeet.sqlite3", "", "a network path"),
        ("//council-fs/minutes/scbmeet.sqlite3", "", "a network path"),
        (r"\\?\UNC\council-fs\minutes\scbmeet.sqlite3", "", "a network path"),
        (r"\\?\C:\long\path\scbmeet.sqlite3", "", None),
        (r"H:\Secretariat\scbmeet.sqlite3", "H", "a network drive (H:)"),
        (r"h:\Secretariat\scbmeet.sqlite3", "H", "a network drive (H:)"),
        (r"D:\scbmeet.sqlite3", "H", None),
    ],
)
def test_windows_paths(path, remote_drives, expected):
    def drive_type(root: str) -> int:
        return netfs.DRIVE_REMOTE if root[0] in remote_drives else 3  # 3: a fixed disk

    found = netfs.network_filesystem(path, platform="win32", drive_type=drive_type)
    assert found == expected


def test_the_warning_names_the_file_and_points_to_postgresql():
    mounts = netfs.parse_proc_mounts(PROC_MOUNTS)
    path = Path("/srv/minutes/scbmeet.sqlite3")
    text = netfs.network_share_warning(path, platform="linux", mounts=mounts)
    assert text is not None
    assert str(path) in text and "cifs" in text
    assert "PostgreSQL" in text and "SCBMEET_DATABASE_URL" in text
    assert netfs.network_share_warning(Path("/tmp/x"), platform="linux", mounts=mounts) is None


def test_this_machines_test_folder_is_not_a_network_share(tmp_path):
    assert netfs.network_filesystem(tmp_path / "x.sqlite3") is None
