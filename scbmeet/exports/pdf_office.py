"""LibreOffice processes for the PDF exports: a conversion run read as it goes, and a
LibreOffice started ahead so that a later run skips the start-up.

:func:`run_converting` tells its caller of each file as LibreOffice finishes it (it prints
"convert SOURCE -> ..." as it starts storing each file, in order, so that line means every
earlier file is done). An :class:`OfficeServer` is a LibreOffice waiting, with no document,
in a profile of its own: a conversion run in that profile is handed over to it (LibreOffice
passes a second start's arguments to the one already running in a profile) and is done in
the time the files take. It holds a small text file open, because a LibreOffice left with
no document closes itself after a conversion: so one server takes every run of an export
(the PDF pack's two), and is stopped when the export leaves it. A run is handed over only
once the server has opened that file (its lock file is there): a run handed over sooner
can meet a fresh profile's restart, become the LibreOffice of the profile itself, be
handed the held file and then never close. When the server is not there (not started
yet, or gone), the run starts a LibreOffice of its own, as it would anyway.

:func:`start_ahead` starts such a LibreOffice first thing in a process that is about to
export a PDF (the command line does, before it imports the database stack), so its
start-up overlaps Python's imports and the database read; :func:`office_for` hands it
out. This module imports only the standard library, so that start costs nothing more.
"""

from __future__ import annotations

import atexit
import glob
import hashlib
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

SOFFICE_VARIABLE = "SCBMEET_SOFFICE"
PROGRAM_NAMES = ("soffice", "libreoffice")
# Where LibreOffice installs itself when it is not on PATH (globs, newest version last).
INSTALL_FOLDERS = (
    "/usr/lib/libreoffice/program/soffice",
    "/usr/lib64/libreoffice/program/soffice",
    "/usr/local/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/snap/bin/libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.exe",
    "C:/Program Files (x86)/LibreOffice/program/soffice.exe",
)
POLL_S = 0.05
READY_WAIT_S = 60  # for a started server to open its file (a loaded machine is slow)
PIPE_FOLDER = Path("/tmp")  # where LibreOffice's (osl's) named pipes live on Unix
HELD_FILE = "held.txt"
HELD_LOCK = f".~lock.{HELD_FILE}#"  # LibreOffice's lock file, there once it has opened it


def locate_soffice(
    names: Sequence[str] = PROGRAM_NAMES, folders: Sequence[str] = INSTALL_FOLDERS
) -> Path | None:
    """The LibreOffice program: ``SCBMEET_SOFFICE`` (the only one tried when set), then
    ``names`` on PATH, then the install ``folders``; None when there is none."""
    chosen = os.environ.get(SOFFICE_VARIABLE)
    if chosen is not None:
        path = Path(chosen).expanduser()
        return path if chosen and path.is_file() and os.access(path, os.X_OK) else None
    for name in names:
        found = shutil.which(name)
        if found:
            return Path(found)
    for pattern in folders:
        for candidate in sorted(glob.glob(pattern), reverse=True):
            if os.access(candidate, os.X_OK):
                return Path(candidate)
    return None


class ConversionTimedOut(Exception):
    """LibreOffice took longer than allowed and was stopped."""


def _read_lines(stream: IO[str], into: queue.Queue[str | None]) -> None:
    for line in stream:
        into.put(line)
    into.put(None)


def _lines_of(process: subprocess.Popen[str]) -> queue.Queue[str | None]:
    """A queue of what ``process`` prints (None at the end), filled by a thread of its own."""
    lines: queue.Queue[str | None] = queue.Queue()
    assert process.stdout is not None
    threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
    return lines


def _start(command: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
        start_new_session=True,  # its own process group, so it is stopped whole
    )


def run_converting(
    command: list[str],
    sources: Sequence[Path],
    on_done: Callable[[int], None],
    *,
    timeout_s: float,
    server: OfficeServer | None = None,
) -> list[str]:
    """Run the LibreOffice ``command``, calling ``on_done(n)`` as it finishes ``sources[n]``;
    returns what it said. What the ``server`` it was handed to prints counts as its own.
    Raises OSError if it cannot start, :class:`ConversionTimedOut` past ``timeout_s``."""
    position = {s.name: n for n, s in enumerate(sources)}  # by name: links may be resolved
    finished = 0
    said: list[str] = []

    def heard(line: str) -> None:
        nonlocal finished
        said.append(line.strip())
        if line.startswith("convert ") and " -> " in line:
            source = line[len("convert ") :].split(" -> ", 1)[0]
            now = position.get(Path(source).name, -1)
            for n in range(finished, now):
                on_done(n)
            finished = max(finished, now)

    process = _start(command)
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        stop_group(process, wait=False)

    timer = threading.Timer(timeout_s, stop)
    timer.start()
    with process:
        try:
            own = _lines_of(process)
            while True:
                if server is not None:
                    for line in server.new_lines():
                        heard(line)
                try:
                    printed = own.get(timeout=POLL_S)
                except queue.Empty:
                    continue
                if printed is None:
                    break
                heard(printed)
            process.wait()
        finally:
            timer.cancel()
            if process.poll() is None:  # on_done raised: stop LibreOffice before going on
                stop_group(process)
    if timed_out.is_set():
        raise ConversionTimedOut
    for n in range(finished, len(sources)):
        on_done(n)
    return [s for s in said if s]


def office_pipe(profile: Path) -> Path | None:
    """The named pipe a LibreOffice running in ``profile`` leaves behind when stopped (None
    where there are no such files): osl's name for it, the MD5 of the profile's URL in
    UTF-16, each byte in hex without leading zeros."""
    if not hasattr(os, "getuid"):
        return None
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    name = "".join(format(byte, "x") for byte in digest)
    return PIPE_FOLDER / f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{name}"


class OfficeServer:
    """A LibreOffice started ahead in a profile of its own (see the module's docstring);
    leaving the ``with`` block stops it."""

    def __init__(self, soffice: Path) -> None:
        self.soffice = soffice
        self._folder = tempfile.TemporaryDirectory(prefix="scbmeet-lo-server-")
        self.profile = Path(self._folder.name)
        self._pipe = office_pipe(self.profile)
        self._process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()

    def start(self) -> None:
        """Start LibreOffice, to wait for the conversion runs it will be handed (once: a
        server started ahead is not started again)."""
        if self._process is not None:
            return
        held = self.profile / HELD_FILE
        held.write_text("scbmeet\n", encoding="utf-8")
        try:
            self._process = _start(
                [
                    str(self.soffice),
                    f"-env:UserInstallation={self.profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nologo",
                    "--nodefault",
                    str(held),
                ]
            )
        except OSError:
            self._process = None  # the run will start its own LibreOffice
        else:
            self._lines = _lines_of(self._process)

    def __enter__(self) -> OfficeServer:
        return self  # started when wanted (start), stopped on leaving in any case

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def take_over(self) -> Path | None:
        """The profile to run a conversion in, to hand it over, once the server is ready;
        None if it is gone or never gets ready (it is stopped; the run takes a fresh profile)."""
        deadline = time.monotonic() + READY_WAIT_S
        while self.running:
            if (self.profile / HELD_LOCK).exists():
                self.new_lines()  # what an earlier run left is not this run's
                return self.profile
            if time.monotonic() > deadline:
                break
            time.sleep(POLL_S)
        self.stop()
        return None

    def new_lines(self) -> list[str]:
        """What the server has printed since last asked."""
        lines: list[str] = []
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                return lines
            if line is not None:
                lines.append(line)

    def stop(self) -> None:
        """Stop LibreOffice (it never closes by itself) and remove the pipe it leaves."""
        process = self._process
        if process is not None:
            stop_group(process)
            if process.stdout is not None:
                process.stdout.close()
            self._process = None
            if self._pipe is not None:
                self._pipe.unlink(missing_ok=True)

    def __exit__(self, *_exc: object) -> None:
        self.stop()
        self._folder.cleanup()


_started_ahead: list[OfficeServer] = []


def start_ahead() -> None:
    """Start a LibreOffice now, for the conversions this process is about to run
    (:func:`office_for` hands it out); if it is not taken it is stopped when the process
    exits. Nothing happens without LibreOffice: the export itself says it is missing."""
    soffice = locate_soffice()
    if soffice is None or _started_ahead:
        return
    atexit.register(_close_unused)
    server = OfficeServer(soffice)
    server.start()
    _started_ahead.append(server)


def office_for(soffice: Path) -> OfficeServer:
    """A server for ``soffice``: one :func:`start_ahead` started, if one is left and still
    running, else a new one (to :meth:`OfficeServer.start` when wanted)."""
    while _started_ahead:
        server = _started_ahead.pop(0)
        if server.soffice == soffice and server.running:
            return server
        server.__exit__(None, None, None)
    return OfficeServer(soffice)


def _close_unused() -> None:
    while _started_ahead:
        _started_ahead.pop().__exit__(None, None, None)


def stop_group(process: subprocess.Popen[Any], *, wait: bool = True) -> None:
    """Stop a LibreOffice this module started (soffice and the soffice.bin it runs)."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups
            process.kill()
    except OSError:
        pass
    if wait:
        process.wait()
