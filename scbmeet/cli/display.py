"""Before the app starts on Linux: is there a display, and can Qt's platform plugin load?

When either is missing Qt prints several lines and aborts the process (a core dump),
blaming ``libxcb-cursor0`` even when another library is what is missing. So the command
line checks first, without importing Qt, and says in one line what is wrong: that there is
no display (and that the commands need none), or which libraries the plugin cannot load
(read with ``ldd``) and the Debian packages that provide them.

The checks are cheap: an environment lookup, a connect to the X server's socket, and a
``dlopen`` of the plugin (which Qt would load next anyway); ``ldd`` runs only when that fails.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path

# Qt platforms that need no display (tests, screenshots, VNC).
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}
RUN_COMMANDS_INSTEAD = (
    "the commands need none: 'scbmeet --help' lists them (e.g. 'scbmeet meetings')"
)
# Libraries whose Debian package is not simply the soname's stem and version.
DEBIAN_PACKAGES = {"libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0"}


def startup_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the desktop app cannot start here, in one sentence; None if it can (or if this
    is not Linux, where Qt finds its display by itself)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if platform in HEADLESS_PLATFORMS:
        return None
    display = env.get("DISPLAY", "")
    if platform != "xcb" and env.get("WAYLAND_DISPLAY"):
        return None  # a Wayland session: Qt uses its Wayland plugin
    if not display:
        return (
            f"there is no display to open the app on (DISPLAY is not set); {RUN_COMMANDS_INSTEAD}."
        )
    if not x_server_answers(display):
        return (
            f"there is no display {display} to open the app on (no X server answers there); "
            f"{RUN_COMMANDS_INSTEAD}."
        )
    return missing_libraries_problem()


def x_server_answers(display: str) -> bool:
    """Whether a local X server listens for ``display`` (``:N`` or ``unix:N``); a remote
    display (``host:N``, SSH forwarding) is taken on trust."""
    match = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display.strip())
    if match is None:
        return True
    path = f"/tmp/.X11-unix/X{match.group(1)}"
    for address in ("\0" + path, path):  # Linux's abstract socket, then the file
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1.0)
            try:
                sock.connect(address)
            except OSError:
                continue
            return True
    return False


def xcb_plugin() -> Path | None:
    """PySide6's X11 platform plugin, found without importing PySide6."""
    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries_problem() -> str | None:
    plugin = xcb_plugin()
    if plugin is None:
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        missing = missing_libraries(plugin) or _named_in(str(exc))
        if not missing:
            return f"Qt's display plugin cannot be loaded ({exc})."
        packages = sorted({debian_package(name) for name in missing})
        return (
            f"Qt's display plugin cannot load {', '.join(missing)}: install "
            f"{' '.join(packages)} (Debian/Ubuntu: apt-get install {' '.join(packages)}); "
            f"{RUN_COMMANDS_INSTEAD}."
        )
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """The libraries ``ldd`` reports "not found" for ``plugin``."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        listing = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_ldd_missing(listing)


def parse_ldd_missing(listing: str) -> list[str]:
    found = re.findall(r"^\s*(\S+)\s+=>\s+not found", listing, flags=re.M)
    return list(dict.fromkeys(found))


def _named_in(message: str) -> list[str]:
    match = re.match(r"\s*(lib\S+\.so[.\d]*):", message)
    return [match.group(1)] if match else []


def debian_package(soname: str) -> str:
    """The Debian package that usually provides ``soname``: ``libxcb-icccm.so.4`` ->
    ``libxcb-icccm4``, ``libxkbcommon-x11.so.0`` -> ``libxkbcommon-x11-0``."""
    if soname in DEBIAN_PACKAGES:
        return DEBIAN_PACKAGES[soname]
    stem, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    stem = stem.lower()
    if not version:
        return stem
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"
