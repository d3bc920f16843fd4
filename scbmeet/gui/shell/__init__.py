"""The shell of the desktop app: starting it and the main window around every page.

``app`` starts the QApplication and shows the window before the database stack loads;
``opening`` opens the services off the GUI thread; ``extensions`` plugs pages and hooks in.
``main_window`` is the window itself, over a page registry (``pages``), its actions and menus
(``window_actions``), its meeting and database commands (``meeting_commands``,
``database_commands``) and what it remembers (``window_memory``). Also the ``navigator``, the
Word exports' entry point (``word_export``) and the start-up probe (``startup_probe``).
"""
