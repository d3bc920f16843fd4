"""Data safety in the desktop app: the audit trail, backups, damaged files, warnings after
opening, and two versions of one minute.

* :mod:`~scbmeet.gui.safety.audit`: the audit trail pane and the audit dialogs of a meeting
  or an action.
* :mod:`~scbmeet.gui.safety.unusable`: a database that cannot be opened (damaged, truncated,
  foreign or too new): the dialog that offers a backup, another database or quitting, opening
  through it, and the daily backup.
* :mod:`~scbmeet.gui.safety.in_use`: damage found while the database is open; the backup is
  offered over the open windows, and minutes mode carries on without losing a word.
* :mod:`~scbmeet.gui.safety.open_warnings`: warnings after opening (a network share).
* :mod:`~scbmeet.gui.safety.backups`: the backups dialog (list, back up now, save a copy,
  restore).
* :mod:`~scbmeet.gui.safety.minute_conflict`: two versions of one minute, side by side, and a merge.
* :mod:`~scbmeet.gui.safety.record_conflict`: two versions of an action or resolution, side by
  side, in a panel that takes no keyboard.
* :mod:`~scbmeet.gui.safety.shared`: what these share (a backup's time in words, the file
  choosers).
"""
