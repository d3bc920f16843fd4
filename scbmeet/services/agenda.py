"""Agendas: items and sub-items in order, presenters, papers and their files, templates.

:class:`AgendaService` is what ``services.agenda`` is: one service made of a part per job,
each in its own module - items and their order (:mod:`~scbmeet.services.agenda_items`),
bullet points under an item (:mod:`~scbmeet.services.agenda_bullets`),
papers and their files (:mod:`~scbmeet.services.agenda_papers`) and templates
(:mod:`~scbmeet.services.agenda_templates`), over the shared reads and row helpers of
:mod:`~scbmeet.services.agenda_rows`.
"""

from __future__ import annotations

from scbmeet.services.agenda_bullets import AgendaBulletsPart
from scbmeet.services.agenda_items import AgendaItemsPart
from scbmeet.services.agenda_papers import AgendaPapersPart
from scbmeet.services.agenda_templates import AgendaTemplatesPart


class AgendaService(AgendaItemsPart, AgendaBulletsPart, AgendaPapersPart, AgendaTemplatesPart):
    """Building a meeting's agenda and collecting its papers."""
