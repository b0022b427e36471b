"""Writes of the statistics app: only the Sachbericht's narrative."""

from __future__ import annotations

from django.db import transaction

from quartier.core.audit import audit
from quartier.stats.models import Narrative


def save_narrative(*, actor, period_code: str, text: str) -> Narrative:
    """Store a new version of the coordinators' text for a period's Sachbericht."""
    with transaction.atomic():
        narrative = Narrative.objects.create(
            period_code=period_code, text=text.strip(), created_by=actor
        )
        audit(actor, "stats.narrative_save", narrative)
    return narrative
