"""scbmeet: a meeting and minutes manager for multi-agency community safety boards.

The package is split into a Qt-free core (models, persistence, services, exports, CLI)
and the ``scbmeet.gui`` subpackage, which talks to the core only through the services.
"""

# The one place the version is written (pyproject.toml reads it from here): a constant,
# because asking importlib.metadata costs the desktop app ~20 ms of its start-up.
__version__ = "0.1.0"
