"""Minutes mode: taking a meeting's minutes live (attendance, minutes, resolutions, actions).

``MinutesWindow(services, meeting_id, parent)`` is the window; :func:`open_minutes_window`
creates and shows it. ``python -m scbmeet.gui.minutes --db PATH --meeting-date YYYY-MM-DD``
opens it directly.
"""

from scbmeet.gui.minutes.window import MinutesWindow, open_minutes_window

__all__ = ["MinutesWindow", "open_minutes_window"]
