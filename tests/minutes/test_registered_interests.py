"""Minutes mode shows the registered interests of members beside the items that touch them
(the demo's upcoming meeting: a director of an offender-housing company and the integrated
offender management item)."""

from __future__ import annotations

ITEM = "Integrated offender management update"


def test_registered_interests_show_beside_the_item_they_touch(window):
    window.go_to(window.row_titled(ITEM))
    details = window.details.text()
    assert "Registered interest: Councillor Dev Sharma" in details
    assert "disclosable pecuniary interest" in details
    window.go_to(window.row_titled("Performance report"))
    assert "Registered interest" not in window.details.text()
