"""The register's themes, which agenda items, papers and actions are tagged with."""

from __future__ import annotations

from sqlmodel import col, func, select

from scbmeet.domain import dto
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import Theme
from scbmeet.services.base import ServiceBase, clean_text, require_text


class ThemesPart(ServiceBase):
    """Themes (community safety priorities and the like)."""

    def create_theme(self, name: str, description: str = "") -> dto.ThemeInfo:
        with self.db.transaction() as s:
            name = require_text(name, "theme name", max_length=120)
            if s.exec(select(Theme).where(func.lower(Theme.name) == name.lower())).first():
                raise ValidationError(f"There is already a theme called {name!r}.")
            theme = Theme(name=name, description=clean_text(description).strip())
            s.add(theme)
            s.flush()
            assert theme.id is not None
            info = dto.ThemeInfo(theme.id, theme.name, theme.description)
        self._changed("theme", info.id)
        return info

    def themes(self) -> list[dto.ThemeInfo]:
        with self.db.reading() as s:
            rows = s.exec(select(Theme).order_by(col(Theme.name))).all()
            return [dto.ThemeInfo(t.id or 0, t.name, t.description) for t in rows]
