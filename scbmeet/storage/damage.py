"""A damaged, foreign or too-new database file: telling it, and the error that names the way back.

:func:`check_existing_sqlite` looks at a file before it is opened (header, ``PRAGMA
quick_check``, schema stamp); :func:`unusable_database_error` words what is wrong and names the
newest good backup with the command that restores it; :func:`damage_found_in_use` does the same
for damage met in a database already open. Below the engine: it knows files and backups only.
"""

from __future__ import annotations

from pathlib import Path

from scbmeet.domain.errors import (
    DamagedDatabaseError,
    DamageFoundInUseError,
    DatabaseError,
    NewerDatabaseFileError,
    NotADatabaseError,
    UnusableDatabaseError,
)
from scbmeet.storage.backup import (
    ASIDE_SUFFIX,
    SQLITE_MAGIC,
    backup_folder,
    diagnose,
    list_backups,
    newest_good_backup,
)

# SQLite's result codes for a damaged file (primary codes: extended ones share the low byte).
SQLITE_CORRUPT = 11


SQLITE_NOTADB = 26


def is_damage(error: BaseException | None) -> bool:
    """Whether a driver error says the SQLite file itself is damaged (SQLITE_CORRUPT,
    SQLITE_NOTADB: "database disk image is malformed", "file is not a database")."""
    if error is None:
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "disk image" in text


def first_line(error: BaseException | None) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def damage_found_in_use(path: Path, error: BaseException | None) -> DamageFoundInUseError:
    """The error for damage met in an open database: what SQLite said, and the way back."""
    found = unusable_database_error(
        path, "damaged", f'SQLite reported "{first_line(error)}" while it was open', in_use=True
    )
    assert isinstance(found, DamageFoundInUseError)
    return found


def check_existing_sqlite(path: Path) -> bool:
    """Check an existing SQLite file before opening it; True if it holds a database.

    An empty file is taken for a new database, unless backups of it exist (then it is a
    database that lost its contents). Anything damaged, foreign or too new raises
    :class:`UnusableDatabaseError` with the newest good backup.
    """
    try:
        empty = path.stat().st_size == 0
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror}.") from exc
    if empty and not list_backups(path):
        return False
    diagnosis = diagnose(path)
    if diagnosis is not None:
        raise unusable_database_error(path, diagnosis.problem, diagnosis.detail)
    return True


def unusable_database_error(
    path: Path, problem: str, detail: str, *, in_use: bool = False
) -> UnusableDatabaseError:
    """The error for an unusable file: what is wrong, and the way back (a backup, if any).

    ``in_use``: the damage was found in a database already open, so the step that met it
    saved nothing (:class:`DamageFoundInUseError`).
    """
    detail = detail.rstrip(".")
    if problem == "newer":
        message = (
            f"{path} cannot be opened: {detail}. It has not been changed; "
            "update scbmeet to open it."
        )
    elif problem == "not_a_database":
        message = f"{path} is not an scbmeet database: {detail}."
    elif in_use:
        message = f"{path} is damaged: {detail}. Nothing was saved by the step that failed."
    else:
        message = f"{path} is damaged: {detail}."
    good = newest_good_backup(path)
    if good is None:
        message += f" There is no good backup of it in {backup_folder(path)}."
    else:
        message += (
            f" The newest good backup is from {good.taken_at:%d %B %Y, %H:%M}: {good.path}."
            f" To put it in its place (the file is kept as {path.name}{ASIDE_SUFFIX[problem]}):"
            f' scbmeet restore "{good.path}" --db "{path}"'
        )
    error_class: type[UnusableDatabaseError] = DamagedDatabaseError
    if problem == "newer":
        error_class = NewerDatabaseFileError
    elif in_use:
        error_class = DamageFoundInUseError
    return error_class(
        message,
        path=path,
        problem=problem,
        backup=good.path if good is not None else None,
        detail=detail,
        backup_taken_at=good.taken_at if good is not None else None,
    )


def check_sqlite_header(path: Path) -> None:
    """Refuse a non-empty file that does not start with SQLite's magic string."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror}.") from exc
    if head and head != SQLITE_MAGIC:
        raise NotADatabaseError(f"{path} is not an scbmeet database (it is not SQLite at all).")
