"""Person records: creating one, changing its details.

Every write: keyword-only arguments, one transaction, an audit entry without content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts import permissions as perms
from quartier.core.audit import audit
from quartier.residents.access import quarters_of
from quartier.residents.actions.consent import record_consent
from quartier.residents.errors import ResidentDataError
from quartier.residents.models import (
    Resident,
)
from quartier.residents.queries import (
    has_consent,
)
from quartier.residents.rules import (
    looks_like_health,
)
from quartier.taxonomy.models import Topic


def create_resident(
    *,
    actor,
    display_name: str,
    reach: str,
    reason: str,
    quarter,
    address: str = "",
    age_band: str = "",
    consent: dict | None = None,
    now: dt.datetime | None = None,
) -> Resident:
    """Create a person record with the minimum data; the actor works with the person.

    `consent` (the keyword arguments of `record_consent`) is recorded in the same transaction.
    """

    if not perms.can_log_contacts(actor):
        raise ResidentDataError(_("Keine Berechtigung."))
    if not quarters_of(actor).filter(pk=quarter.pk).exists():
        raise ResidentDataError(_("Dieses Quartier gehört nicht zu Ihren Quartieren."))
    if not (display_name.strip() and reach.strip() and reason.strip()):
        raise ResidentDataError(_("Name, Erreichbarkeit und Grund sind nötig."))
    now = now or timezone.now()
    with transaction.atomic():
        resident = Resident.objects.create(
            display_name=display_name.strip(),
            reach=reach.strip(),
            address=address.strip(),
            reason=reason.strip(),
            quarter=quarter,
            age_band=age_band,
            created_by=actor,
            created_at=now,
            last_contact_at=now,
        )
        resident.helpers.add(actor)
        audit(actor, "resident.create", resident)
        if consent:
            record_consent(actor=actor, resident=resident, **consent)
    return resident


def update_resident_details(
    *, actor, resident: Resident, notes: str, topics: Iterable[Topic]
) -> Resident:
    """Notes and topics go beyond the minimum: consent needed, written consent for health."""
    topics = list(topics)
    wants_more = bool(notes.strip() or topics)
    if wants_more and not has_consent(resident, scope="help"):
        raise ResidentDataError(_("Ohne Einwilligung werden nur die Grundangaben gespeichert."))
    has_health = looks_like_health(notes) or any(t.is_health for t in topics)
    if has_health and not has_consent(resident, scope="health"):
        raise ResidentDataError(_("Angaben zur Gesundheit nur mit schriftlicher Einwilligung."))
    with transaction.atomic():
        resident.notes = notes.strip()
        resident.save(update_fields=["notes"])
        resident.topics.set(topics)
        audit(actor, "resident.update", resident)
    return resident
