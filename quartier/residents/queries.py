"""Reads on residents' data that are not permission-scoped lists (those are in access.py)."""

from __future__ import annotations

import datetime as dt

from quartier.residents.models import (
    Referral,
    Resident,
)
from quartier.residents.rules import retention_cutoffs


def has_consent(resident: Resident, *, scope: str = "help", written: bool = False) -> bool:
    """Whether a valid consent covers `scope` ("help", "health", "referral")."""
    consents = resident.consents.valid().filter(**{f"covers_{scope}": True})
    if written or scope == "health":
        consents = consents.written()
    return consents.exists()


def residents_due_for_retention(now: dt.datetime):
    """Restricted records (Art. 18) are kept until the privacy officer lifts the flag."""
    cutoff = retention_cutoffs(now)["resident"]
    return Resident.objects.inactive_since(cutoff).filter(is_restricted=False)


def referrals_due_for_retention(now: dt.datetime):
    return Referral.objects.filter(created_at__lt=retention_cutoffs(now)["referral"])
