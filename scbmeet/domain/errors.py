"""Errors that carry a message meant for the user.

Anything raised as a :class:`ScbmeetError` is a *known* problem (bad input, a missing
record, a locked database): the CLI prints its message on one line and the GUI shows it
in a dialog. Any other exception is a bug and is reported as such.
"""

from datetime import datetime
from pathlib import Path


class ScbmeetError(Exception):
    """A problem the user can understand and act on; ``str()`` is the message."""


class ValidationError(ScbmeetError):
    """Input that breaks a rule: an empty title, an impossible date, a duplicate."""


class NotFoundError(ScbmeetError):
    """A record that was named does not exist (any more)."""


class ReadOnlyError(ScbmeetError):
    """An attempt to change approved minutes without reopening them."""


class ConflictError(ScbmeetError):
    """Somebody else saved the same record first (optimistic concurrency).

    ``theirs`` (and ``theirs_title``) is what is saved now, ``theirs_version`` its version:
    saving again with ``expected_version=theirs_version`` keeps one's own text after all.
    ``mine`` is the text that was refused (already kept in the audit trail), for showing the
    two side by side.
    """

    def __init__(
        self,
        message: str,
        *,
        theirs: str | None = None,
        theirs_title: str | None = None,
        theirs_version: int | None = None,
        mine: str | None = None,
    ) -> None:
        super().__init__(message)
        self.theirs = theirs
        self.theirs_title = theirs_title
        self.theirs_version = theirs_version
        self.mine = mine


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


class UnusableDatabaseError(DatabaseError):
    """An SQLite file that cannot be opened as it is: damaged, not a database, or too new.

    Carries what the CLI and the GUI need to offer a way out: the file, what is wrong
    with it (``problem``: one of :data:`UNUSABLE_PROBLEMS`, ``detail`` in words), and the
    newest backup that passed its check (or None) with the time it was taken.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path,
        problem: str,
        backup: Path | None,
        detail: str = "",
        backup_taken_at: datetime | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem
        self.backup = backup
        self.detail = detail  # what is wrong, in words ("the file is empty")
        self.backup_taken_at = backup_taken_at


UNUSABLE_PROBLEMS = ("damaged", "not_a_database", "newer")


class DamagedDatabaseError(UnusableDatabaseError, NotADatabaseError):
    """A database file that is damaged, truncated, or not a database at all."""


class DamageFoundInUseError(DamagedDatabaseError):
    """An SQLite file found damaged while scbmeet had it open (a service call hit a
    damaged page): the same way back as at start-up, once the file has been let go of."""


class NewerDatabaseFileError(UnusableDatabaseError, NewerSchemaError):
    """A database file written by a newer scbmeet."""
