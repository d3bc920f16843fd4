"""Starting the app where it cannot run: one line saying why (no display, or the library
Qt's platform plugin cannot load) and how to run the commands instead; never Qt's abort."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scbmeet.cli import display, main

LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
NO_DISPLAY_ENV = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _start_app(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY_ENV}
    clean.update(SCBMEET_DATA_DIR=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "scbmeet", "--demo"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def free_display() -> str:
    """A display number no X server uses."""
    number = next(n for n in range(4200, 4300) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


@pytest.fixture
def fake_x_server(free_display: str) -> Iterator[str]:
    """Something listening where an X server for ``free_display`` would."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(f"\0/tmp/.X11-unix/X{free_display[1:]}")
        sock.listen(1)
        yield free_display


@LINUX_ONLY
def test_no_display_at_all_is_one_line_and_no_abort(tmp_path):
    done = _start_app(tmp_path)
    assert done.returncode == 1  # not Qt's abort (-6) with a core dump
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("scbmeet: there is no display to open the app on")
    assert "'scbmeet --help'" in done.stderr
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.sqlite3"))


@LINUX_ONLY
def test_a_display_with_no_x_server_behind_it_is_one_line(tmp_path, free_display):
    done = _start_app(tmp_path, DISPLAY=free_display)
    assert done.returncode == 1
    assert done.stderr == (
        f"scbmeet: there is no display {free_display} to open the app on (no X server answers "
        "there); the commands need none: 'scbmeet --help' lists them (e.g. 'scbmeet meetings').\n"
    )


def test_headless_qt_platforms_and_other_systems_need_no_display(monkeypatch):
    assert display.startup_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    monkeypatch.setattr(display.sys, "platform", "win32")
    assert display.startup_problem({}) is None


@LINUX_ONLY
def test_a_plugin_that_cannot_load_names_the_missing_libraries(
    tmp_path, monkeypatch, capsys, fake_x_server
):
    real = display.xcb_plugin()
    assert real is not None, "PySide6 ships the xcb plugin"
    # A copy away from Qt's own libraries: its $ORIGIN run path finds none of them.
    broken = tmp_path / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    broken.parent.mkdir(parents=True)
    shutil.copy(real, broken)
    monkeypatch.setattr(display, "xcb_plugin", lambda: broken)
    for name in NO_DISPLAY_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", fake_x_server)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("scbmeet: Qt's display plugin cannot load libQt6XcbQpa.so.6")
    assert "apt-get install" in err and "'scbmeet --help'" in err


def test_the_plugin_qt_ships_loads_here(fake_x_server):
    assert display.missing_libraries_problem() is None
    assert display.startup_problem({"DISPLAY": fake_x_server}) is None


LDD_ON_BARE_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffd5a1f2000)
\tlibQt6XcbQpa.so.6 => /opt/venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0b1c800000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0b1c7f0000)
\tlibxcb-icccm.so.4 => not found
"""


def test_ldd_listing_gives_each_missing_library_once():
    assert display.parse_ldd_missing(LDD_ON_BARE_DEBIAN) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
    ]


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libEGL.so.1", "libegl1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
    ],
)
def test_missing_libraries_are_named_with_their_debian_packages(soname, package):
    assert display.debian_package(soname) == package
