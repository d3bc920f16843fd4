"""Errors that carry a message meant for the user.

Anything raised as a :class:`ScbmeetError` is a *known* problem (bad input, a missing
record, a locked database): the CLI prints its message on one line and the GUI shows it
in a dialog. Any other exception is a bug and is reported as such.
"""


class ScbmeetError(Exception):
    """A problem the user can understand and act on; ``str()`` is the message."""


class ValidationError(ScbmeetError):
    """Input that breaks a rule: an empty title, an impossible date, a duplicate."""


class NotFoundError(ScbmeetError):
    """A record that was named does not exist (any more)."""


class ReadOnlyError(ScbmeetError):
    """An attempt to change approved minutes without reopening them."""


class ConflictError(ScbmeetError):
    """Somebody else saved the same record first (optimistic concurrency)."""

    def __init__(self, message: str, *, theirs: str | None = None) -> None:
        super().__init__(message)
        self.theirs = theirs


class DatabaseError(ScbmeetError):
    """The database cannot be used: not a database, locked, damaged, too new."""


class NotADatabaseError(DatabaseError):
    """The file exists but is not an SQLite database (or is damaged beyond reading)."""


class DatabaseLockedError(DatabaseError):
    """Another program holds a lock on the database for longer than we wait."""


class NewerSchemaError(DatabaseError):
    """The database was written by a newer scbmeet; we refuse to touch it."""


class ImportFormatError(ValidationError):
    """A JSON or CSV file that cannot be imported; nothing of it was stored."""
