"""An agenda item's unnumbered bullet points, one at a time: add, edit, move, remove.

(The whole list is set at once by ``add_item(bullets=...)`` and ``update_item(bullets=...)``.)
Each change is one transaction and hands back the item as plain data.
"""

from __future__ import annotations

from collections.abc import Callable

from scbmeet.domain import dto
from scbmeet.domain.bullets import bullets_of, checked_bullets, stored_bullets
from scbmeet.domain.errors import ValidationError
from scbmeet.domain.models import AgendaItem, Meeting
from scbmeet.services.agenda_rows import AgendaPart, check_agenda_editable
from scbmeet.services.base import get_or_fail


class AgendaBulletsPart(AgendaPart):
    """Bullet points under an item's number, in order (0-based indexes)."""

    def add_bullet(
        self, item_id: int, text: str, *, index: int | None = None
    ) -> dto.AgendaItemInfo:
        """Add a bullet at the end (or at ``index``)."""

        def insert(bullets: list[str]) -> None:
            bullets.insert(len(bullets) if index is None else max(0, index), text)

        return self._change_bullets(item_id, insert)

    def edit_bullet(self, item_id: int, index: int, text: str) -> dto.AgendaItemInfo:
        """Change the text of the bullet at ``index``."""

        def replace(bullets: list[str]) -> None:
            bullets[_existing_index(bullets, index)] = text

        return self._change_bullets(item_id, replace)

    def move_bullet(self, item_id: int, index: int, new_index: int) -> dto.AgendaItemInfo:
        """Move the bullet at ``index`` to ``new_index`` (clamped to the list)."""

        def move(bullets: list[str]) -> None:
            moved = bullets.pop(_existing_index(bullets, index))
            bullets.insert(max(0, min(new_index, len(bullets))), moved)

        return self._change_bullets(item_id, move)

    def remove_bullet(self, item_id: int, index: int) -> dto.AgendaItemInfo:
        """Take the bullet at ``index`` off the item."""

        def remove(bullets: list[str]) -> None:
            del bullets[_existing_index(bullets, index)]

        return self._change_bullets(item_id, remove)

    def _change_bullets(
        self, item_id: int, change: Callable[[list[str]], None]
    ) -> dto.AgendaItemInfo:
        with self.db.transaction() as s:
            item = get_or_fail(s, AgendaItem, item_id, "agenda item")
            check_agenda_editable(get_or_fail(s, Meeting, item.meeting_id, "meeting"))
            bullets = list(bullets_of(item.bullets))
            change(bullets)
            item.bullets = stored_bullets(checked_bullets(bullets))
            meeting_id = item.meeting_id
        self._changed("agenda", meeting_id)
        return self.item(item_id)


def _existing_index(bullets: list[str], index: int) -> int:
    if not 0 <= index < len(bullets):
        raise ValidationError(
            f"The item has no bullet {index + 1} (it has {len(bullets)})."
            if bullets
            else "The item has no bullets."
        )
    return index
