"""Damage found while the database is open: offer the newest good backup, lose no word.

:func:`offer_recovery_mid_session` shows the damaged-file dialog over an open window and
puts the backup in place; :func:`watch_for_damage` makes every error message of a main
window offer it, and :func:`watch_minutes_for_damage` takes minutes mode through it: its
text goes to recovery files first, and :class:`MinutesCarryOn` reopens it on the same
meeting afterwards. Minutes mode hands over the function that reopens it, so this module
does not import the minutes window (which imports this one).
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QWidget

from scbmeet.domain.errors import (
    DamageFoundInUseError,
    DatabaseError,
    ScbmeetError,
    UnusableDatabaseError,
)
from scbmeet.gui.safety.unusable import DamagedDatabaseDialog, RecoveryChoice, recover
from scbmeet.gui.widgets import dialogs, errors
from scbmeet.gui.widgets.tasks import run_task
from scbmeet.services import Services
from scbmeet.storage.database import open_database
from scbmeet.storage.engine import sqlite_url

if TYPE_CHECKING:
    from scbmeet.storage.recovery import RecoveryStore


class OpenMinutes(Protocol):
    """Opens minutes mode on a meeting: :func:`scbmeet.gui.minutes.open_minutes_window`,
    handed over by each minutes window (importing it here would make a circle)."""

    def __call__(
        self,
        services: Services,
        meeting_id: int,
        parent: QWidget | None = None,
        *,
        recovery_store: RecoveryStore | None = None,
        autosave_ms: int | None = None,
    ) -> QWidget: ...


def ask_recovery_in_use(parent: QWidget | None, error: UnusableDatabaseError) -> RecoveryChoice:
    """The damaged-file dialog for a window already open (tests answer it through
    :func:`scbmeet.gui.widgets.dialogs.run_dialog`)."""
    dialog = DamagedDatabaseDialog(error, parent)
    dialogs.run_dialog(dialog)
    return dialog.choice


_recovering: set[Path] = set()  # files whose recovery dialog is on screen


def offer_recovery_mid_session(
    parent: QWidget | None,
    error: UnusableDatabaseError,
    reopen: Callable[[Path], None],
    *,
    release: Callable[[], None] | None = None,
    ask: Callable[[QWidget | None, UnusableDatabaseError], RecoveryChoice] = ask_recovery_in_use,
) -> bool:
    """Offer the newest good backup of a database found damaged while open; True (the
    error has been dealt with: no other message is needed).

    If the user restores a backup, ``release`` first closes the window's connections
    without writing to the damaged file, the file is moved aside (``.damaged``, with its
    ``-wal``), the backup is copied into its place, and ``reopen(path)`` opens it in a new
    window. *Not now* leaves everything as it is. The same damage met again while the
    dialog is open (another page reloading) is not asked about twice.
    """
    if error.path in _recovering:
        return True
    _recovering.add(error.path)
    try:
        choice = ask(parent, error)
        if choice.action not in ("restore", "open_other") or choice.path is None:
            return True
        if release is not None:
            release()
        try:
            path, message = recover(error, choice)
        except ScbmeetError as exc:
            dialogs.report(parent, exc)
            return True
        except (OSError, sqlite3.Error) as exc:
            dialogs.report(
                parent,
                DatabaseError(f"{choice.path} could not be put in place of {error.path}: {exc}"),
            )
            return True
        if message:
            dialogs.inform(parent, "scbmeet", message)
        if path is not None:
            reopen(path)
        return True
    finally:
        _recovering.discard(error.path)


_watched: weakref.WeakSet[QWidget] = weakref.WeakSet()  # main windows
# minutes-mode windows, each with what reopens it
_watched_minutes: weakref.WeakKeyDictionary[QWidget, OpenMinutes] = weakref.WeakKeyDictionary()
_reopened: set[QWidget] = set()  # minutes windows reopened with no main window to own them


def watch_for_damage(window: QWidget) -> None:
    """Make errors shown over ``window`` (a main window: ``services`` and ``switch_to``)
    offer recovery when its database is found damaged, reopening in its place."""
    _watched.add(window)
    errors.damage_handler = recover_in_use


def watch_minutes_for_damage(window: QWidget, reopen: OpenMinutes) -> None:
    """Take a minutes-mode window (``services``, ``meeting``, ``hand_over``) through the
    same recovery: its text is put in recovery files before the file is let go of, and
    ``reopen`` opens it on the same meeting over the restored backup (see
    :func:`recover_in_use`)."""
    _watched_minutes[window] = reopen
    errors.damage_handler = recover_in_use


def _windows_on(path: Path, watched: Iterable[QWidget] = _watched) -> list[Any]:
    found = []
    for window in list(watched):
        try:
            window_path = window.services.db.path  # type: ignore[attr-defined]
            visible = window.isVisible()
        except RuntimeError:  # the window has been deleted
            continue
        if window_path is not None and window_path.resolve() == path.resolve():
            found.append((visible, window))
    shown = [w for visible, w in found if visible]
    return shown or [w for _visible, w in found]


def _within(window: QWidget, widget: QWidget | None) -> bool:
    """Whether ``widget`` is ``window`` or inside it, or in a window it owns (minutes mode)."""
    while widget is not None:
        if widget is window:
            return True
        widget = widget.parentWidget()
    return False


def recover_in_use(parent: QWidget | None, error: DamageFoundInUseError) -> bool:
    """Offer the newest good backup of a file found damaged under open windows; False if
    no window has that file open (an ordinary message is then shown).

    Restoring first has every minutes-mode window on the file write what it holds to
    recovery files and stop saving, closes every connection without writing to the file,
    moves it aside and puts the backup in place; then the main window reopens on it and
    minutes mode reopens on the same meeting, which offers the recovered text back.
    """
    windows = _windows_on(error.path)
    minutes = [w for w in _windows_on(error.path, _watched_minutes) if w.isVisible()]
    if not windows and not minutes:
        return False
    owner = next((w for w in windows if _within(w, parent)), windows[0] if windows else None)
    handed: list[Any] = []

    def release() -> None:
        handed.extend(window for window in minutes if window.hand_over())
        for window in [*windows, *minutes]:
            window.services.db.release_damaged_file()

    def reopen(path: Path) -> None:
        same_file = path.resolve() == error.path.resolve()
        for window in handed:
            window.setEnabled(False)  # its database is gone; it closes once the new one opens
        carry_on = MinutesCarryOn(handed if same_file else [], handed, parent)
        if not same_file:
            _tell_minutes_stay_with(error.path, handed, owner or parent)
        if owner is not None:
            owner.switch_to(path, then=lambda new_main: carry_on.done(new_main.services, new_main))
        elif same_file:
            carry_on.open_standalone(path)
        else:  # minutes mode on its own opens no other database: the window stays, not saving
            for window in handed:
                window.setEnabled(True)

    return offer_recovery_mid_session(parent, error, reopen, release=release)


_recover_in_a_window = recover_in_use  # the name the main window's tests know


class MinutesCarryOn:
    """After a restore: minutes mode on the same meetings over the restored database.

    ``reopen`` are the windows to take up again; ``old`` every window to close (after the
    new ones are open, so that an app with no main window does not quit in between).
    """

    def __init__(self, reopen: list[Any], old: list[Any], parent: QWidget | None) -> None:
        self.reopen = reopen
        self.old = old
        self.parent = parent
        self.opened: list[QWidget] = []

    def open_standalone(self, path: Path) -> None:
        """No main window: open the restored file here, then carry on."""

        def failed(exc: BaseException) -> None:
            for window in self.old:
                window.setEnabled(True)
            dialogs.report(self.parent, exc)

        run_task(
            lambda: Services(open_database(sqlite_url(path), daily_backup=False)),
            on_done=lambda services: self.done(services, None),
            on_error=failed,
        )

    def done(self, services: Services, main_window: QWidget | None) -> None:
        for window in self.reopen:
            opened = self._reopen(services, window, main_window)
            if opened is not None:
                self.opened.append(opened)
        for window in self.old:
            window.close()  # writes nothing to the database: it has been handed over

    def _reopen(self, services: Services, old: Any, main_window: QWidget | None) -> Any:
        meeting = old.meeting
        if not _meeting_in(services, meeting):
            self._show_kept(old, services, main_window)
            return None
        open_minutes = _watched_minutes[old]  # what the old window handed over
        window = open_minutes(
            services,
            meeting.id,
            main_window,
            recovery_store=old.store,
            autosave_ms=old.keeper.delay_ms,
        )
        if main_window is None:  # nothing else keeps it alive
            _reopened.add(window)
            window.destroyed.connect(lambda *_args, w=window: _reopened.discard(w))
        return window

    def _show_kept(self, old: Any, services: Services, main_window: QWidget | None) -> None:
        """The meeting is not in the backup: say so, and show what is kept to copy."""
        from scbmeet.gui.minutes.dialogs import kept_texts_dialog

        meeting, store = old.meeting, old.store
        intro = (
            f"The meeting of {meeting.label} is not in the backup that was restored, so "
            "minutes mode cannot reopen on it. Everything typed in it is kept, untouched, in "
            f"the recovery folder {store.folder}: copy it from here to enter it again."
        )
        kept = store.pending(old.services.db.name, meeting.id)
        if not kept:
            dialogs.inform(main_window, "scbmeet", intro)  # the old window is disabled
            return
        dialogs.run_dialog(kept_texts_dialog(main_window, kept, intro))


def _tell_minutes_stay_with(path: Path, handed: list[Any], parent: QWidget | None) -> None:
    """Another database was opened instead: minutes typed here belong to the damaged one."""
    for window in handed:
        dialogs.inform(
            parent,
            "scbmeet",
            f"What was typed in the minutes of {window.meeting.label} is kept in the recovery "
            f"folder {window.store.folder}, and offered back when that meeting is opened in "
            f"minutes mode on {path} again (once a backup is restored there).",
        )


def _meeting_in(services: Services, meeting: Any) -> bool:
    """Whether the restored database holds this meeting (same id, board and date)."""
    try:
        found = services.meetings.meeting(meeting.id)
    except ScbmeetError:
        return False
    return found.board_id == meeting.board_id and found.date == meeting.date
