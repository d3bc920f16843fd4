"""User settings, each declared once with its type, default and meaning (as Picard's options).

Settings live in ``settings.json`` in the user's data folder, are read leniently (a
missing, damaged or wrongly typed value falls back to its default with a warning) and
written atomically. The core and the GUI share them; window geometry and similar view
state stay in QSettings in the GUI.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Option:
    """One setting: its key, Python type, default and a sentence for the settings dialog."""

    key: str
    type: type
    default: Any
    doc: str


OPTIONS: dict[str, Option] = {}


def declare(key: str, type_: type, default: Any, doc: str) -> Option:
    if key in OPTIONS:
        raise ValueError(f"setting {key!r} declared twice")
    option = Option(key, type_, default, doc)
    OPTIONS[key] = option
    return option


USER_NAME = declare("user_name", str, "", "Your name in the audit trail (empty: your login name)")
WORD_TEMPLATE = declare(
    "word_template", str, "", "A .docx whose styles, logo and header the Word documents use"
)
OPEN_AFTER_EXPORT = declare("open_after_export", bool, True, "Open documents after exporting them")
EXPORT_FOLDER = declare(
    "export_folder", str, "", "The folder documents were last exported to (empty: your home folder)"
)
LAST_DATABASE = declare("last_database", str, "", "The database opened last time")
RECENT_DATABASES = declare(
    "recent_databases", list, [], "The database files opened lately, newest first"
)
BACKUPS_DAILY = declare("backups_daily", int, 7, "How many daily backups to keep")
BACKUPS_WEEKLY = declare("backups_weekly", int, 4, "How many weekly backups to keep")
BACKUPS_MONTHLY = declare("backups_monthly", int, 12, "How many monthly backups to keep")
AUTOSAVE_MS = declare("autosave_ms", int, 700, "Delay after the last keystroke before saving")


class Settings:
    """The settings file, read once and written on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        self._load()

    @classmethod
    def default(cls) -> Settings:
        from scbmeet.storage.paths import data_dir

        return cls(data_dir() / "settings.json")

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings file %s: %s", self.path, exc)
            return
        if not isinstance(raw, dict):
            log.warning("ignoring settings file %s: not an object", self.path)
            return
        for key, value in raw.items():
            option = OPTIONS.get(key)
            if option is None:
                continue  # a setting of another version; kept out of the way
            if isinstance(value, option.type) and not (
                option.type is int and isinstance(value, bool)
            ):
                self._values[key] = value
            else:
                log.warning("setting %s has the wrong type; using %r", key, option.default)

    def get(self, option: Option) -> Any:
        return self._values.get(option.key, option.default)

    def set(self, option: Option, value: Any) -> None:
        if not isinstance(value, option.type):
            raise TypeError(f"setting {option.key} takes {option.type.__name__}")
        self._values[option.key] = value
        self._save()

    def _save(self) -> None:
        from scbmeet.storage.atomic import write_text_atomically

        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(self.path, json.dumps(self._values, indent=1, sort_keys=True))
