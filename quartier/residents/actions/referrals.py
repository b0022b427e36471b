"""Referrals to Wegweiser entries and their outcome.

Every write: keyword-only arguments, one transaction, an audit entry without content.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.residents.errors import ResidentDataError
from quartier.residents.models import (
    LegalBasis,
    Referral,
    ReferralOutcome,
    Resident,
)


def record_referral(
    *,
    actor,
    entry,
    quarter,
    referred_on: dt.date,
    resident: Resident | None = None,
    passes_personal_data: bool = False,
    legal_basis: str = "",
    now: dt.datetime | None = None,
) -> Referral:
    """Record a referral. Passing on personal data needs a linked resident and a legal basis;
    for consent, a valid consent covering referrals."""
    consent = None
    if passes_personal_data:
        if resident is None:
            raise ResidentDataError(_("Personenbezogene Daten nur mit ausgewählter Person."))
        if legal_basis not in (LegalBasis.CONSENT, LegalBasis.VITAL_INTERESTS, LegalBasis.SGB_X_69):
            raise ResidentDataError(_("Bitte die Rechtsgrundlage für die Weitergabe angeben."))
        if legal_basis == LegalBasis.CONSENT:
            consent = resident.consents.valid().filter(covers_referral=True).first()
            if consent is None:
                raise ResidentDataError(_("Es gibt keine Einwilligung zur Weitergabe."))
    now = now or timezone.now()
    with transaction.atomic():
        referral = Referral.objects.create(
            entry=entry,
            quarter=quarter,
            referred_on=referred_on,
            resident=resident,
            passes_personal_data=passes_personal_data,
            legal_basis=legal_basis if passes_personal_data else "",
            consent=consent,
            referred_by=actor,
            created_at=now,
        )
        if resident is not None:
            resident.last_contact_at = now
            resident.save(update_fields=["last_contact_at"])
        audit(actor, "referral.record", referral)
    return referral


def record_referral_outcome(*, actor, referral: Referral, outcome: str) -> Referral:
    if outcome not in ReferralOutcome.values:
        raise ResidentDataError(_("Unbekanntes Ergebnis."))
    with transaction.atomic():
        referral.outcome = outcome
        referral.save(update_fields=["outcome"])
        audit(actor, f"referral.outcome.{outcome}", referral)
    return referral
