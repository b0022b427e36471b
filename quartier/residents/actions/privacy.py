"""The privacy officer's procedures and retention: flags, erasure, anonymisation.

Every write: keyword-only arguments, one transaction, an audit entry without content.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts import permissions as perms
from quartier.core.audit import audit
from quartier.residents.errors import ResidentDataError
from quartier.residents.models import (
    Consent,
    DeletionLogEntry,
    DeletionReason,
    HelpRequest,
    Referral,
    Resident,
)
from quartier.residents.queries import (
    referrals_due_for_retention,
    residents_due_for_retention,
)


def set_resident_flags(
    *, actor, resident: Resident, is_restricted: bool, is_disputed: bool
) -> Resident:
    """Restriction (Art. 18) and "disputed" (Art. 16) flags: privacy officers only."""
    if not perms.can_manage_privacy(actor):
        raise ResidentDataError(_("Keine Berechtigung."))
    with transaction.atomic():
        resident.is_restricted = is_restricted
        resident.is_disputed = is_disputed
        resident.save(update_fields=["is_restricted", "is_disputed"])
        audit(actor, "resident.flags", resident)
    return resident


def erase_resident(*, actor, resident: Resident, now: dt.datetime | None = None) -> None:
    """Erasure on request (Art. 17): the record and everything attached is deleted, logged."""
    if not perms.can_manage_privacy(actor):
        raise ResidentDataError(_("Keine Berechtigung."))
    with transaction.atomic():
        audit(actor, "resident.erase", resident)
        _delete_consent_documents(Consent.objects.filter(resident=resident))
        resident.delete()
        _log_deletion("resident", "deleted", DeletionReason.ERASURE_REQUEST, 1, actor, now)


def _delete_consent_documents(consents) -> None:
    for consent in consents.exclude(document=""):
        storage, path = consent.document.storage, consent.document.name
        transaction.on_commit(partial(storage.delete, path))


def _log_deletion(record_type, operation, reason, count, actor=None, now=None) -> None:
    if count:
        DeletionLogEntry.objects.create(
            created_at=now or timezone.now(),
            record_type=record_type,
            operation=operation,
            reason=reason,
            count=count,
            actor_label=actor.get_username() if actor else "",
        )


def apply_retention(*, now: dt.datetime | None = None, batch_size: int = 2000) -> dict:
    """Anonymise person records and delete old referrals; log counts, never content."""
    now = now or timezone.now()
    ids = list(residents_due_for_retention(now).values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            anonymise_residents(ids=ids[start : start + batch_size], now=now)
    referral_ids = list(referrals_due_for_retention(now).values_list("pk", flat=True))
    for start in range(0, len(referral_ids), batch_size):
        Referral.objects.filter(pk__in=referral_ids[start : start + batch_size]).delete()
    with transaction.atomic():
        _log_deletion("resident", "anonymised", DeletionReason.RETENTION, len(ids), None, now)
        _log_deletion("referral", "deleted", DeletionReason.RETENTION, len(referral_ids), None, now)
        audit(None, "retention.run", object_type="residents")
    return {"residents_anonymised": len(ids), "referrals_deleted": len(referral_ids)}


def anonymise_residents(*, ids: list[int], now: dt.datetime) -> None:
    """Reduce person records to the anonymous tally: quarter, age band, topics remain.

    Consents (with their scanned sheets), help requests and their notes go; referrals stay
    but lose the link to the person.
    """
    consents = Consent.objects.filter(resident_id__in=ids)
    _delete_consent_documents(consents)
    Referral.objects.filter(resident_id__in=ids).update(resident=None, consent=None)
    consents.delete()
    HelpRequest.objects.filter(resident_id__in=ids).delete()
    Resident.helpers.through.objects.filter(resident_id__in=ids).delete()
    Resident.objects.filter(pk__in=ids).update(
        created_by=None,
        display_name="",
        reach="",
        address="",
        reason="",
        notes="",
        is_disputed=False,
        anonymised_at=now,
    )
