"""Consent: recording it (verbal or written, with the scanned sheet) and revoking it.

Every write: keyword-only arguments, one transaction, an audit entry without content.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.core.files import files_kept_only_on_success
from quartier.residents.actions.privacy import _log_deletion
from quartier.residents.errors import ResidentDataError
from quartier.residents.models import (
    Consent,
    ConsentForm,
    DeletionReason,
    HelpCompletion,
    Resident,
)
from quartier.residents.queries import (
    has_consent,
)
from quartier.residents.rules import (
    clean_consent_document,
    looks_like_health,
)
from quartier.taxonomy.models import Topic


def record_consent(
    *,
    actor,
    resident: Resident,
    given_on: dt.date,
    form: str,
    info_sheet_version: str,
    covers_help: bool = True,
    covers_health: bool = False,
    covers_referral: bool = False,
    document=None,
    witness: str = "",
) -> Consent:
    """Record consent. Written consent needs the photographed sheet, verbal consent a witness;
    health is only ever covered by written consent (DSG NRW § 16)."""
    if form == ConsentForm.WRITTEN and not document:
        raise ResidentDataError(
            _("Für eine schriftliche Einwilligung bitte das Blatt fotografieren.")
        )
    if form == ConsentForm.VERBAL and not witness.strip():
        raise ResidentDataError(
            _("Für eine mündliche Einwilligung bitte die Zeugin oder den Zeugen angeben.")
        )
    if covers_health and form != ConsentForm.WRITTEN:
        raise ResidentDataError(_("Gesundheitsdaten nur mit schriftlicher Einwilligung."))
    if not info_sheet_version.strip():
        raise ResidentDataError(_("Bitte die Version des Infoblatts angeben."))
    document = clean_consent_document(document) if document else None
    with files_kept_only_on_success(), transaction.atomic():
        consent = Consent.objects.create(
            resident=resident,
            covers_help=covers_help,
            covers_health=covers_health,
            covers_referral=covers_referral,
            given_on=given_on,
            form=form,
            document=document or "",
            witness=witness.strip(),
            info_sheet_version=info_sheet_version.strip(),
            recorded_by=actor,
        )
        audit(actor, "consent.record", consent)
    return consent


def revoke_consent(*, actor, consent: Consent, now: dt.datetime | None = None) -> list[str]:
    """Revoke a consent and remove what no remaining consent covers; returns what was removed
    (German, to tell the helper)."""
    resident = consent.resident
    with transaction.atomic():
        consent.revoked_at = now or timezone.now()
        consent.save(update_fields=["revoked_at"])
        audit(actor, "consent.revoke", consent)
        removed = _remove_uncovered_data(actor=actor, resident=resident)
    return removed


def _remove_uncovered_data(*, actor, resident: Resident) -> list[str]:
    removed = []
    if not has_consent(resident, scope="health"):
        health = resident.topics.filter(pk__in=Topic.objects.sensitive())
        if health.exists():
            resident.topics.remove(*health)
            removed.append(_("Gesundheitsthemen"))
        if _erase_health_notes(resident):
            removed.append(_("Notizen zur Gesundheit"))
    if not has_consent(resident, scope="help"):
        if resident.notes or resident.topics.exists():
            resident.notes = ""
            resident.save(update_fields=["notes"])
            resident.topics.clear()
            removed.append(_("Notizen und Themen"))
        count, _details = resident.help_requests.all().delete()
        if count:
            removed.append(_("Hilfeanfragen"))
    if removed:
        audit(actor, "resident.data_removed.consent_revoked", resident)
        _log_deletion("resident_details", "deleted", DeletionReason.CONSENT_REVOKED, 1, actor)
    return removed


def _erase_health_notes(resident: Resident) -> bool:
    """Blank notes about health. Erasure overrides append-only history, hence _base_manager."""
    erased = False
    if looks_like_health(resident.notes):
        resident.notes = ""
        resident.save(update_fields=["notes"])
        erased = True
    completions = HelpCompletion._base_manager.filter(help_request__resident=resident)
    health_ids = [c.pk for c in completions.exclude(note="") if looks_like_health(c.note)]
    if health_ids:
        HelpCompletion._base_manager.filter(pk__in=health_ids).update(note="")
        erased = True
    return erased
