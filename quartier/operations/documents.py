"""Printed rota per base, agenda and minutes: print-ready HTML, tagged PDF (PDF/UA-1), text.

The external minutes leave out everything that could name a person: free notes, the names of
participants and owners (only their organisation or "Stadt Krefeld").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from quartier.core.pdf import write_pdf
from quartier.operations import agenda, rota


def _pdf(template: str, context: dict) -> bytes:
    """Tagged PDF/UA-1 (core.pdf), like every PDF the platform hands out."""
    from weasyprint import CSS  # imported late: WeasyPrint is slow to load

    html = render_to_string(template, {**context, "for_pdf": True})
    css = CSS(filename=str(Path(finders.find("css/operations-print.css"))))
    return write_pdf(html, base_url=settings.SITE_URL, stylesheets=[css])


def _owner_label(action, external: bool) -> str:
    if external:
        return _("Stadt Krefeld, Quartiershelfer*innen")
    return action.owner.get_full_name() or action.owner.get_username()


def meeting_context(meeting, *, external: bool) -> dict:
    items = list(meeting.items.select_related("report", "hotspot").prefetch_related("actions"))
    removed = agenda.removed_keys(items)
    rows = []
    for item in items:
        rows.append(
            {
                "item": item,
                "removed": item.source_key in removed,
                "notes": "" if external else item.notes,
                "actions": [
                    {
                        "text": a.text,
                        "owner": _owner_label(a, external),
                        "due_on": a.due_on,
                        "done": a.done_at is not None,
                    }
                    for a in item.actions.select_related("owner")
                ],
            }
        )
    loose = meeting.actions.filter(agenda_item__isnull=True).select_related("owner")
    participants = [
        (p.organisation or _("Stadt Krefeld"))
        if external
        else (p.user.get_full_name() if p.user_id else f"{p.name} ({p.organisation})".strip())
        for p in meeting.participants.select_related("user")
    ]
    return {
        "meeting": meeting,
        "rows": rows,
        "loose_actions": [
            {
                "text": a.text,
                "owner": _owner_label(a, external),
                "due_on": a.due_on,
                "done": a.done_at is not None,
            }
            for a in loose
        ],
        "participants": sorted(set(participants)) if external else participants,
        "external": external,
    }


def minutes_pdf(meeting, *, external: bool = False) -> bytes:
    return _pdf("operations/print/minutes.html", meeting_context(meeting, external=external))


def minutes_text(meeting, *, external: bool = True) -> str:
    return render_to_string(
        "operations/print/minutes.txt", meeting_context(meeting, external=external)
    )


def rota_context(base, start: dt.date) -> dict:
    end = start + dt.timedelta(days=6)
    shifts = [
        s for s in rota.plan(start, end).shifts if s.base is not None and s.base.pk == base.pk
    ]
    by_day = [
        {
            "day": day,
            "holiday": rota.public_holiday(day),
            "shifts": [s for s in shifts if s.day == day],
        }
        for day in rota.days(start, end)
    ]
    return {"base": base, "start": start, "end": end, "days": by_day}


def rota_pdf(base, start: dt.date) -> bytes:
    return _pdf("operations/print/rota_base.html", rota_context(base, start))
