"""The Qt desktop app. It talks to :mod:`scbmeet.services` only: never to sessions or SQL.

Grouped by what the user works on:

* :mod:`~scbmeet.gui.shell` - starting the app, the main window and its parts, the navigator;
* :mod:`~scbmeet.gui.agenda` - a meeting being prepared: agenda builder, papers tracker;
* :mod:`~scbmeet.gui.register` - boards, members, seats, organisations, the CSV import;
* :mod:`~scbmeet.gui.actions` - the actions register, the chair's review, search;
* :mod:`~scbmeet.gui.safety` - audit trail, backups, damaged files, save conflicts;
* :mod:`~scbmeet.gui.minutes` - minutes mode, taken live from the keyboard;
* :mod:`~scbmeet.gui.widgets` - what they all share (forms, dialogs, models, tasks);
* :mod:`~scbmeet.gui.hooks` - the points where other parts of scbmeet plug in.
"""
