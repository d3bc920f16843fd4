"""Minutes mode: taking a meeting's minutes live (attendance, minutes, resolutions, actions).

``MinutesWindow(services, meeting_id, parent)`` is the window; :func:`open_minutes_window`
creates and shows it. ``python -m scbmeet.gui.minutes --db PATH --meeting-date YYYY-MM-DD``
opens it directly.

Modules:

* :mod:`~scbmeet.gui.minutes.window` - :class:`MinutesWindow`: puts the parts together,
  turns typing into undoable steps and runs every step on the undo stack.
* :mod:`~scbmeet.gui.minutes.panes` - the window's widgets and layout, from the Designer form.
* :mod:`~scbmeet.gui.minutes.current_item` - the agenda rows, which one is being taken,
  moving between them and what is shown for it.
* :mod:`~scbmeet.gui.minutes.saving` - the save state, the not-saved banner, notices,
  conflicts, a damaged file, and recovered text offered back.
* :mod:`~scbmeet.gui.minutes.keys` - the menus' actions and shortcuts, the buttons, and the
  keys inside the agenda, text and records.
* :mod:`~scbmeet.gui.minutes.steps` - what those keys do to the item: resolutions, actions,
  update requests, defer, new item, move the minute, confirm the last minutes.
* :mod:`~scbmeet.gui.minutes.shorthand_lines` - ``RESOLVED:``/``ACTION``/``UPDATE`` lines
  typed in the text, turned into records.
* :mod:`~scbmeet.gui.minutes.autosave` - :class:`TextKeeper`, saving typing within a second
  and writing recovery files when it cannot.
* :mod:`~scbmeet.gui.minutes.commands` - the undoable commands, each calling the services.
* :mod:`~scbmeet.gui.minutes.attendance`, :mod:`~scbmeet.gui.minutes.arising` - the
  attendance list and matters arising.
* :mod:`~scbmeet.gui.minutes.rows`, :mod:`~scbmeet.gui.minutes.models` - what the lists show,
  as plain data and as Qt item models.
* :mod:`~scbmeet.gui.minutes.dialogs`, :mod:`~scbmeet.gui.minutes.suggestions`,
  :mod:`~scbmeet.gui.minutes.help` - the dialogs, owner suggestions and the F1 overlay.
* :mod:`~scbmeet.gui.minutes.testhook` - scripted keystrokes for the tests' child process.
"""

from scbmeet.gui.minutes.window import MinutesWindow, open_minutes_window

__all__ = ["MinutesWindow", "open_minutes_window"]
