"""Writes to residents' data, by concern: contacts (the anonymous tally), people, consent, help
requests, referrals and the privacy officer's procedures (flags, erasure, retention).
Keyword-only, one transaction, an audit entry each (no content). Pure rules live in
`residents/rules.py`, reads in `residents/queries.py` and the permission-scoped lists in
`residents/access.py`.

Nothing here sends e-mail: personal data never leaves the platform on its own (referrals are
passed on by the helper in person, by phone or on paper). All names stay importable from
`quartier.residents.actions`.
"""

from quartier.residents.actions.consent import record_consent, revoke_consent
from quartier.residents.actions.contacts import log_contact
from quartier.residents.actions.help_requests import (
    complete_help_request,
    create_help_request,
    end_help_request,
    flag_help_request_for_meeting,
    reopen_help_request,
)
from quartier.residents.actions.people import create_resident, update_resident_details
from quartier.residents.actions.privacy import (
    anonymise_residents,
    apply_retention,
    erase_resident,
    set_resident_flags,
)
from quartier.residents.actions.referrals import record_referral, record_referral_outcome
from quartier.residents.errors import ResidentDataError

# Reads and rules that used to live here; new code imports them from queries / rules.
from quartier.residents.queries import (
    has_consent,
    referrals_due_for_retention,
    residents_due_for_retention,
)
from quartier.residents.rules import (
    HEALTH_WORDS,
    MAX_PDF_BYTES,
    UNDO_MINUTES,
    can_undo_end,
    clean_consent_document,
    looks_like_health,
    months_before,
    next_due,
    retention_cutoffs,
)

__all__ = [
    "HEALTH_WORDS",
    "MAX_PDF_BYTES",
    "UNDO_MINUTES",
    "ResidentDataError",
    "anonymise_residents",
    "apply_retention",
    "can_undo_end",
    "clean_consent_document",
    "complete_help_request",
    "create_help_request",
    "create_resident",
    "end_help_request",
    "erase_resident",
    "flag_help_request_for_meeting",
    "has_consent",
    "log_contact",
    "looks_like_health",
    "months_before",
    "next_due",
    "record_consent",
    "record_referral",
    "record_referral_outcome",
    "referrals_due_for_retention",
    "reopen_help_request",
    "residents_due_for_retention",
    "retention_cutoffs",
    "revoke_consent",
    "set_resident_flags",
    "update_resident_details",
]
