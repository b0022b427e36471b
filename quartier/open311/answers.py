"""A partner's Open311 status, applied to our report (POSTed to us or polled from them).

Idempotent: the partner's update id is part of the history row's actor label, so a replayed
update (a retried POST, an overlapping poll window) changes nothing.
"""

from __future__ import annotations

from quartier.reports.actions import record_status
from quartier.reports.models import Report


def history_label(label: str, external_id: str) -> str:
    return f"{label} (Update {external_id})"[:150] if external_id else label[:150]


def apply_partner_status(
    *,
    report: Report,
    status: str,
    partner=None,
    label: str,
    note: str = "",
    external_id: str = "",
) -> str:
    """Record the partner's status on the report; returns our update id (a history row id)."""
    actor_label = history_label(label, external_id)
    if external_id:
        seen = report.history.filter(actor_label=actor_label).order_by("id").first()
        if seen is not None:
            return str(seen.pk)
    change = record_status(report=report, status=status, actor_label=actor_label, note=note)
    return str(change.pk)
