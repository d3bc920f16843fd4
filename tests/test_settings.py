"""Settings: declared once, read leniently, written atomically."""

from __future__ import annotations

import json

from scbmeet.settings import AUTOSAVE_MS, OPEN_AFTER_EXPORT, USER_NAME, Settings


def test_defaults_and_saving(tmp_path):
    path = tmp_path / "settings.json"
    settings = Settings(path)
    assert settings.get(AUTOSAVE_MS) == 700 and settings.get(OPEN_AFTER_EXPORT) is True
    settings.set(USER_NAME, "Owen Price-Jones")
    assert Settings(path).get(USER_NAME) == "Owen Price-Jones"
    assert json.loads(path.read_text()) == {"user_name": "Owen Price-Jones"}


def test_damaged_or_wrongly_typed_values_fall_back(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"autosave_ms": "fast", "open_after_export": 1, "unknown": 3}')
    settings = Settings(path)
    assert settings.get(AUTOSAVE_MS) == 700 and settings.get(OPEN_AFTER_EXPORT) is True
    path.write_text("{broken")
    assert Settings(path).get(AUTOSAVE_MS) == 700


def test_the_audit_name_comes_from_the_settings(monkeypatch, tmp_path):
    from scbmeet.storage.engine import current_user

    monkeypatch.delenv("SCBMEET_USER")
    Settings.default().set(USER_NAME, "Board Secretary")
    assert current_user() == "Board Secretary"
