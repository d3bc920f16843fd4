"""The shell of the desktop app: starting it (``app``), the main window and its parts, the
navigator, the points where pages and exports plug in, and the start-up probe.
"""
