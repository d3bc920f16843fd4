"""The history pane of the actions register: one action's facts and events, as HTML.

Every piece of stored text is escaped before it goes into the HTML. Its links use the
``scbmeet:`` scheme the register page follows: ``scbmeet:minute/<id>`` opens the minute the
action came from, ``scbmeet:audit/<id>`` the action's audit trail.
"""

from __future__ import annotations

import html

from scbmeet.domain.dto import long_date
from scbmeet.gui.actions.action_models import human_age, short_date
from scbmeet.services.action_history import ActionHistory
from scbmeet.services.action_rows import STATE_LABELS

EVENT_NAMES = {
    "raised": "Raised",
    "carried": "Carried forward",
    "progress": "Progress",
    "plan": "Plan progress",
    "state": "State",
}


def history_html(history: ActionHistory) -> str:
    """The history pane: every piece of stored text escaped before it goes into HTML."""
    row = history.action
    e = html.escape
    flags = []
    if row.is_overdue:
        flags.append(
            f"<span style='color:#7a1010'><b>Overdue</b> by {row.overdue_days} days</span>"
        )
    if row.is_carried_flagged:
        flags.append(
            f"<span style='color:#5c4300'><b>Carried</b> across {row.carried} meetings</span>"
        )
    source = ""
    if row.minute_item_id is not None:
        source = (
            f"<p>From minute <a href='scbmeet:minute/{row.minute_item_id}'>"
            f"{e(row.minute_reference)} {e(row.minute_title)}</a> of {e(row.meeting_label)}</p>"
        )
    narrative = history.minute_narrative.strip()
    if len(narrative) > 700:
        narrative = narrative[:700].rsplit(" ", 1)[0] + " …"
    facts = [
        ("Owner(s)", row.owner_line or "-"),
        ("Due", long_date(row.due) if row.due else "no date set"),
        ("State", STATE_LABELS.get(row.state, row.state)),
        (
            "Raised",
            f"{long_date(row.created_on)} ({human_age(row.age_days)} ago)"
            if not row.is_closed
            else long_date(row.created_on),
        ),
    ]
    if row.closed_on:
        facts.append(("Closed", long_date(row.closed_on)))
    # Paragraphs, not table columns: a narrow pane wraps them between words, where a
    # squeezed table column broke words in two ("Septembe r").
    events = "".join(
        "<p style='margin-top:4px; margin-bottom:0'>"
        f"<span style='white-space:nowrap'>{e(short_date(ev.on))}</span> · "
        f"<b>{e(EVENT_NAMES.get(ev.kind, ev.kind))}</b><br>{e(ev.text)}"
        + (f"<br><i>{e(ev.meeting_label)}</i>" if ev.meeting_label else "")
        + (f" <span style='color:gray'>({e(ev.by)})</span>" if ev.by else "")
        + "</p>"
        for ev in history.events
    )
    return (
        f"<h3>{e(row.minute_reference or 'Action')} - {e(row.text)}</h3>"
        + (" · ".join(flags) if flags else "")
        + "".join(f"<p style='margin:0'><b>{e(k)}:</b> {e(v)}</p>" for k, v in facts)
        # Who changed the state and when: the action's audit trail, beside its state.
        + f"<p style='margin:0'><a href='scbmeet:audit/{row.id}'>Audit trail…</a></p>"
        + source
        + (f"<blockquote style='color:#444'>{e(narrative)}</blockquote>" if narrative else "")
        + "<h4>History</h4>"
        + events
    )
