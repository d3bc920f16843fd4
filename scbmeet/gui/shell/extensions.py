"""Plugging the other parts of scbmeet into a main window: their pages (the actions
register, the chair's review, search) and their hooks (Word export).

Every main window gets them once its database is open, the first one at start-up and each
one that takes another's place (File ▸ Open database, a restore).
"""

from __future__ import annotations

from scbmeet.gui.shell.pages import PageHost, lazy_page


def install_extensions(window: PageHost) -> None:
    """Plug the pages and hooks of the other parts of scbmeet into the main window."""
    from scbmeet.gui import hooks
    from scbmeet.gui.shell.pdf_export import accessibility_problems, export_pdf
    from scbmeet.gui.shell.word_export import check_export, export_document

    window.register_page(
        "actions",
        "Actions",
        lazy_page("scbmeet.gui.shell.word_export", "actions_register_with_word_log"),
    )
    window.register_page(
        "review", "Chair's review", lazy_page("scbmeet.gui.actions.review", "ChairReviewWidget")
    )
    window.register_page(
        "search", "Search", lazy_page("scbmeet.gui.actions.search_view", "search_page")
    )
    window.register_page(
        "plan", "Partnership plan", lazy_page("scbmeet.gui.plans.page", "PlanPage")
    )
    window.register_page(
        "cases", "Case reviews", lazy_page("scbmeet.gui.plans.case_page", "CaseReviewsPage")
    )
    hooks.export_document = export_document
    hooks.check_export = check_export
    hooks.export_pdf = export_pdf
    hooks.accessibility_problems = accessibility_problems
