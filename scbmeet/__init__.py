"""scbmeet: a meeting and minutes manager for multi-agency community safety boards.

The package is split into a Qt-free core (models, persistence, services, exports, CLI)
and the ``scbmeet.gui`` subpackage, which talks to the core only through the services.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("scbmeet")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+source"
