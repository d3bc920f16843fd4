"""Saving in minutes mode, as the minute-taker sees it: the save state in the status bar,
the red not-saved banner, the amber notices, edits that crossed someone else's, a damaged
database file, and the recovery files offered back at the next start.

The :class:`~scbmeet.gui.minutes.autosave.TextKeeper` does the saving; :class:`Saving`
shows what became of it and puts recovered text back into its minutes.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QTimer

from scbmeet.domain import dto
from scbmeet.domain.errors import DamageFoundInUseError, DatabaseError, ScbmeetError
from scbmeet.gui.minutes.autosave import SaveProblem, TextKeeper
from scbmeet.gui.minutes.commands import AddItem, EditText, ServiceCommand
from scbmeet.gui.minutes.dialogs import open_dialog
from scbmeet.gui.minutes.drafts import Drafts
from scbmeet.gui.minutes.held import HeldSteps
from scbmeet.gui.minutes.panes import MinutesPanes
from scbmeet.gui.minutes.putback import PutBackHost, put_back_texts
from scbmeet.gui.minutes.rows import AgendaRow, RowKey
from scbmeet.gui.widgets.errors import error_text
from scbmeet.settings import AUTOSAVE_MS, Settings
from scbmeet.storage.journal import discard as discard_journal
from scbmeet.storage.recovery import Recovery, RecoveryStore

MAX_AUTOSAVE_MS = 950  # every keystroke must reach the database within a second
MIN_AUTOSAVE_MS = 100
RECOVERED_MARK = "----- recovered text typed {when} -----"
NOTICE_MS = 15000


def autosave_delay(settings: Settings | None = None) -> int:
    """The quiet time before saving, from the settings, kept under one second."""
    value = (settings or Settings.default()).get(AUTOSAVE_MS)
    return max(MIN_AUTOSAVE_MS, min(int(value), MAX_AUTOSAVE_MS))


class SavingHost(PutBackHost, Protocol):
    """What saving needs from the window besides its panes (it runs commands, too)."""

    keeper: TextKeeper
    held: HeldSteps
    drafts: Drafts
    store: RecoveryStore
    damage: DamageFoundInUseError | None
    minute_later: set[RowKey]  # items whose minute the keeper is to create

    def current_key(self) -> RowKey | None: ...

    def row(self, key: RowKey | None) -> AgendaRow | None: ...

    def row_title(self, key: RowKey) -> str: ...

    def go_to(self, key: RowKey) -> None: ...

    def focus_narrative(self) -> None: ...

    def set_editor(self, field: str, text: str, *, keep_cursor: bool = True) -> None: ...

    def ensure_minute(self, key: RowKey) -> bool: ...

    def run_command(self, command: ServiceCommand) -> bool: ...

    def refresh_soon(self) -> None: ...

    def offer_backup(self) -> None: ...


class Saving:
    """The save state, banner and notices of the minutes window (``host`` and ``panes``)."""

    def __init__(self, host: SavingHost, panes: MinutesPanes) -> None:
        self.host = host
        self.panes = panes
        self.notice_timer = QTimer(panes)
        self.notice_timer.setSingleShot(True)
        self.notice_timer.setInterval(NOTICE_MS)
        self.notice_timer.timeout.connect(panes.notice_frame.hide)
        panes.notice_dismiss_button.clicked.connect(panes.notice_frame.hide)
        panes.retry_button.clicked.connect(self.save_now)
        panes.restore_button.clicked.connect(host.offer_backup)
        host.keeper.saved.connect(self._on_saved)
        host.keeper.failed.connect(self._on_save_failed)
        host.keeper.conflicted.connect(self._on_conflict)

    def save_now(self) -> bool:
        """Save the typing, and the held steps if the database is back; True if all is in."""
        saved = self.host.keeper.flush()
        self.host.held.retry()
        return saved and not self.host.held.waiting()

    def show_save_state(self) -> None:
        if self.host.keeper.failing or self.host.held.waiting():
            self.panes.save_status.setText("NOT SAVED — see the red banner")
            self.panes.save_status.setStyleSheet("color: #b00020; font-weight: bold;")
        elif self.host.keeper.has_pending():
            self.panes.save_status.setText("Saving…")
            self.panes.save_status.setStyleSheet("")
        elif self.host.keeper.last_saved_at is not None:
            self.panes.save_status.setText(
                f"All changes saved at {self.host.keeper.last_saved_at:%H:%M:%S}"
            )
            self.panes.save_status.setStyleSheet("color: #2e7d32;")
        else:
            self.panes.save_status.setText("Changes are saved as you type")
            self.panes.save_status.setStyleSheet("")

    def _on_saved(self) -> None:
        self.host.minute_later.clear()
        self.host.damage = None
        self.panes.restore_button.hide()
        self.host.held.retry()  # the database is back: the held steps too
        if self.host.held.waiting():
            return
        if self.panes.banner.isVisible():
            self.panes.banner.hide()
            self.notice("Saved again: everything you typed is now in the database.")
        self.show_save_state()
        self.host.refresh_soon()

    def _on_save_failed(self, problem: SaveProblem) -> None:
        if problem.damage is not None:
            self.show_damage(problem.damage, problem)
            return
        parts = [f"NOT SAVED: {problem.message}", "What you typed is still here."]
        if problem.recovery_path:
            parts.append(
                f"A copy is in the recovery folder {problem.recovery_path} and will be offered next time."
            )
        if problem.recovery_error:
            parts.append(problem.recovery_error)
        parts.append("scbmeet keeps trying every few seconds.")
        self.show_banner(" ".join(parts))
        self.show_save_state()

    def _on_conflict(self, key: RowKey, merged: str) -> None:
        if key == self.host.current_key():
            self.host.set_editor("narrative", merged)
        title = self.host.row_title(key)
        self.notice(
            f"'{title}' was also changed by someone else meanwhile. Both versions are kept in the minute "
            "(theirs after the dashed line): tidy it up and carry on."
        )

    def show_banner(self, message: str) -> None:
        self.panes.banner_label.setText(message)
        self.panes.banner_label.setToolTip("")
        self.panes.banner.show()

    def show_damage(self, error: DamageFoundInUseError, problem: SaveProblem | None = None) -> None:
        """The database file is damaged: say so plainly and offer its newest good backup
        in the banner (a dialog would take the keystrokes of someone typing)."""
        self.host.damage = error
        parts = [
            f"NOT SAVED: the database file {error.path.name} is damaged, so nothing more "
            "can be saved to it."
        ]
        if problem is not None and problem.recovery_error:
            parts.append(f"What you typed is still here. {problem.recovery_error}")
        else:
            parts.append("What you type stays here and in the recovery folder.")
        if error.backup is not None:
            taken = error.backup_taken_at
            when = f"{dto.long_date(taken.date())}, {taken:%H:%M}" if taken else error.backup.name
            parts.append(
                f"Restore the newest good backup ({when}) to carry on: what you typed "
                "since is offered back."
            )
            self.panes.restore_button.setText("Restore the newest backup…")
        else:
            parts.append("No good backup of it was found: choose one you keep elsewhere.")
            self.panes.restore_button.setText("Choose a backup…")
        self.show_banner(" ".join(parts))
        self.panes.banner_label.setToolTip(f"{error}\n\nRecovery folder: {self.host.store.folder}")
        self.panes.restore_button.show()
        self.show_save_state()

    def hand_over(self) -> bool:
        """A backup is about to replace the database: everything this window holds goes to
        recovery files and it saves nothing more. False if they could not be written."""
        self.panes.restore_button.hide()
        kept = self.host.keeper.hand_over()
        if kept:
            self.show_banner(
                "Saving has stopped while a backup replaces the damaged file. Everything "
                f"typed here is kept in the recovery folder {self.host.store.folder} and is offered "
                "back when minutes mode reopens on the backup."
            )
        else:
            self.show_banner(
                "Saving has stopped while a backup replaces the damaged file, and the recovery "
                f"folder {self.host.store.folder} cannot be written: copy what you typed "
                "(Ctrl+A, Ctrl+C in each minute) before closing this window."
            )
        self.show_save_state()
        return kept

    def notice(self, message: str) -> None:
        """A passing message (amber); it goes by itself after a while."""
        self.panes.notice_label.setText(message)
        self.panes.notice_frame.show()
        self.notice_timer.start()

    def report(self, exc: BaseException, prefix: str = "") -> None:
        """A problem from the services: database trouble in the banner, the rest as a notice."""
        if isinstance(exc, DamageFoundInUseError):
            self.show_damage(exc)
            return
        message = prefix + error_text(exc)
        if isinstance(exc, DatabaseError) or not isinstance(exc, ScbmeetError):
            self.show_banner(message)
        else:
            self.notice(message)

    def offer_recoveries(self) -> None:
        """Put back by itself what the journal kept from last time (saying so in a notice),
        then offer back the recovery files the journal did not cover."""
        self.put_back_journal()
        pending = [
            recovery
            for recovery in self.host.store.pending(
                self.host.services.db.name, self.host.meeting.id
            )
            if not self._already_saved(recovery)
        ]
        if not pending:
            return
        from scbmeet.gui.minutes.dialogs import RecoveryDialog

        self.recovery_dialog = RecoveryDialog(
            self.panes, pending, self.restore_recovery, self.host.store.discard
        )
        open_dialog(self.recovery_dialog, focus=self.host.focus_narrative)

    def put_back_journal(self) -> None:
        """What ended sessions left in the journal goes back into the minutes; what cannot
        be saved now is in this session's journal before their files are removed."""
        keeper = self.host.keeper
        left_over, files = keeper.left_over, keeper.left_over_files
        keeper.left_over, keeper.left_over_files = [], []
        if left_over:
            done = put_back_texts(self.host, left_over)
            keeper.flush()
            done.steps = self.host.held.do_again(left_over)
            done.drafts = self.host.drafts.put_back(left_over)
            self.host.refresh()
            message = done.notice()
            if message:
                self.notice(message)
        if keeper.journal.sync():
            for path in files:
                discard_journal(path)

    def _already_saved(self, recovery: Recovery) -> bool:
        """A recovery whose text is its minute's text word for word has nothing to give back
        (say, a minute kept before a restore that the backup already holds): let it go."""
        row = self.host.row(RowKey(recovery.row_kind, recovery.row_id))
        minute = row.minute if row else None
        if row is None or minute is None:
            return False
        same_text = minute.narrative.strip() == recovery.text.strip()
        if not same_text or recovery.title not in (minute.title, row.title):
            return False
        self.host.store.discard(recovery)
        return True

    def restore_recovery(self, recovery: Recovery) -> bool:
        """Put recovered text back into its minute, keeping anything saved there since."""
        key = RowKey(recovery.row_kind, recovery.row_id)
        if self.host.row(key) is None:  # the item has gone: the text comes back as a new item
            command = AddItem(self.host, f"{recovery.title} (recovered)", None)
            if not self.host.run_command(command) or command.new_item_id is None:
                return False
            key = RowKey("item", command.new_item_id)
        self.host.go_to(key)
        current = self.panes.narrative.toPlainText()
        text = merged_recovery(current, recovery)
        if text != current:
            self.host.ensure_minute(key)
            self.host.run_command(EditText(self.host, key, "narrative", current, text))
        if not self.host.keeper.flush():
            return False
        self.host.store.discard(recovery)
        return True


def merged_recovery(current: str, recovery: Recovery) -> str:
    """The minute's text with the recovered text put back; nothing saved since is dropped."""
    if current.strip() in ("", recovery.base_text.strip()):
        return recovery.text
    if current.strip() in recovery.text:  # what is saved is all in the recovered text
        return recovery.text
    if recovery.text.strip() in current:
        return current
    when = recovery.written_at.strftime("%d %B %Y %H:%M")
    return f"{current}\n\n{RECOVERED_MARK.format(when=when)}\n{recovery.text}"
