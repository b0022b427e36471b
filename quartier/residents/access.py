"""Who may see which residents' data: the one choke point for reads in this app.

- A helper sees the residents she works with (`Resident.helpers`), their help requests and
  referrals, and the anonymous contacts of her quarters.
- A coordinator sees the same for her team: the quarters she coordinates (none set = all).
- Admins and privacy officers see **no case content**. The privacy officer sees the audit log,
  the deletion log, the retention preview, and, for a data subject's request (DSGVO Art. 15–21),
  the one person she found by exact name plus a second attribute, with the legal reason
  (`find_residents_for_access_request`, audited); never a record by its id alone.
- A restricted record (DSGVO Art. 18) is shown to nobody but the privacy officer.

Every function that hands out resident data writes an audit entry (who, what, which record).
A guessed id that the user may not see is a 404 and is audited as ``*.denied``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts import permissions as perms
from quartier.accounts.models import Role
from quartier.areas.models import Quarter
from quartier.core.audit import audit
from quartier.residents import contact_counts, name_search
from quartier.residents.models import AgeBand, Contact, HelpRequest, Referral, Resident
from quartier.residents.rules import LEGAL_BASES
from quartier.taxonomy.models import Topic

RESIDENT = "residents.resident"
LEGAL_BASIS_LABELS = dict(LEGAL_BASES)
HELP_REQUEST = "residents.helprequest"


class RestrictedRecord(PermissionDenied):
    """The record's processing is restricted (DSGVO Art. 18)."""


def quarters_of(user):
    """The quarters a helper works in or a coordinator coordinates (none set = all)."""
    if perms.has_role(user, Role.COORDINATOR) and not user.quarters.exists():
        return Quarter.objects.all()
    if perms.can_log_contacts(user):
        return user.quarters.all()
    return Quarter.objects.none()


def residents_visible_to(user):
    """Active person records the user works with (helper) or her team's (coordinator)."""
    if perms.has_role(user, Role.HELPER):
        return Resident.objects.active().worked_with_by(user)
    if perms.has_role(user, Role.COORDINATOR):
        return Resident.objects.active().in_quarters(quarters_of(user))
    return Resident.objects.none()


def list_residents_for(user):
    """The list page: audited as one read of the list."""
    audit(user, "resident.list", object_type=RESIDENT)
    return residents_visible_to(user).select_related("quarter")


def get_resident_for(user, pk, *, action: str = "view") -> Resident:
    """One resident the user may see; 404 (audited) otherwise, 403 if restricted."""
    resident = residents_visible_to(user).filter(pk=pk).first()
    if resident is None:
        audit(user, f"resident.{action}.denied", object_type=RESIDENT, object_id=pk)
        raise Http404
    if resident.is_restricted:
        audit(user, f"resident.{action}.restricted", resident)
        raise RestrictedRecord
    audit(user, f"resident.{action}", resident)
    return resident


def contacts_visible_to(user):
    """Anonymous contacts of the user's quarters (helpers and coordinators)."""
    return Contact.objects.in_quarters(quarters_of(user))


def help_requests_visible_to(user):
    if perms.has_role(user, Role.HELPER):
        qs = HelpRequest.objects.assigned_to(user)
    elif perms.has_role(user, Role.COORDINATOR):
        qs = HelpRequest.objects.filter(resident__quarter__in=quarters_of(user))
    else:
        return HelpRequest.objects.none()
    return qs.filter(resident__anonymised_at__isnull=True, resident__is_restricted=False)


def help_requests_due_for(user, day: dt.date):
    """The helper's day: her open help requests due on `day` or overdue (audited)."""
    audit(user, "help_request.list", object_type=HELP_REQUEST)
    return (
        HelpRequest.objects.assigned_to(user)
        .due_by(day)
        .filter(resident__anonymised_at__isnull=True, resident__is_restricted=False)
        .select_related("resident")
        .order_by("due_on", "id")
    )


def get_help_request_for(user, pk, *, action: str = "view") -> HelpRequest:
    help_request = help_requests_visible_to(user).select_related("resident").filter(pk=pk).first()
    if help_request is None:
        audit(user, f"help_request.{action}.denied", object_type=HELP_REQUEST, object_id=pk)
        raise Http404
    audit(user, f"help_request.{action}", help_request)
    return help_request


def referrals_visible_to(user):
    if perms.has_role(user, Role.HELPER):
        return Referral.objects.filter(Q(referred_by=user) | Q(resident__helpers=user)).distinct()
    if perms.has_role(user, Role.COORDINATOR):
        return Referral.objects.filter(quarter__in=quarters_of(user))
    return Referral.objects.none()


def list_referrals_for(user):
    """Recent referrals on the referral page: audited as one read of the list."""
    audit(user, "referral.list", object_type="residents.referral")
    return referrals_visible_to(user).select_related("entry")


def get_referral_for(user, pk, *, action: str = "view") -> Referral:
    referral = referrals_visible_to(user).filter(pk=pk).first()
    if referral is None:
        audit(user, f"referral.{action}.denied", object_type="residents.referral", object_id=pk)
        raise Http404
    audit(user, f"referral.{action}", referral)
    return referral


# --- Privacy officer ----------------------------------------------------------------------------


def same_name(typed: str, stored: str) -> bool:
    """The exact name, only case and spacing may differ ("frau  BECKER" is "Frau Becker")."""
    return " ".join(typed.casefold().split()) == " ".join(stored.casefold().split())


def request_detail(basis: str, reference: str) -> str:
    """The audit entry's note for a data subject's request: legal reason and reference."""
    return _("Rechtsgrund %(basis)s, Aktenzeichen %(reference)s") % {
        "basis": LEGAL_BASIS_LABELS.get(basis, basis),
        "reference": reference,
    }


@dataclass(frozen=True)
class AccessRequestMatches:
    """`exact`: the exact name and the second attribute match; only these can be opened for a
    procedure. `similar`: the second attribute matches, the name only roughly (a typo, part of
    the name); shown as number, quarter and date so the officer can check the request."""

    exact: list
    similar: list


def find_residents_for_access_request(
    user, name: str, second: str, *, basis: str, reference: str
) -> AccessRequestMatches:
    """Person records for a data subject's request under `basis` ("art15", "art17", …).

    A second stored attribute (how to reach the person, or the address) must match exactly, so
    the search cannot be used to browse; the name may be partial or misspelt for finding
    (`name_search`), but only records whose name matches exactly (case and spacing aside) are
    `exact` and may be granted for the procedures (`get_resident_for_privacy_officer`). The
    search and every match are audited with the legal reason and the reference number.
    """
    if not perms.can_manage_privacy(user):
        raise PermissionDenied
    name, second, detail = name.strip(), second.strip(), request_detail(basis, reference)
    audit(user, f"resident.search.access_request.{basis}", object_type=RESIDENT, detail=detail)
    if not name or not second:
        return AccessRequestMatches([], [])
    candidates = Resident.objects.active().filter(
        Q(reach__iexact=second) | Q(address__iexact=second)
    )
    ids = name_search.best_matches(name, candidates.values_list("pk", "display_name").iterator())
    found = candidates.select_related("quarter").in_bulk(ids)
    matches = [found[pk] for pk in ids if pk in found]
    exact = [resident for resident in matches if same_name(name, resident.display_name)]
    for resident in exact:
        audit(user, f"resident.privacy_match.{basis}", resident, detail=detail)
    similar = [resident for resident in matches if resident not in exact]
    return AccessRequestMatches(exact, similar)


def get_resident_for_privacy_officer(user, pk, *, action: str, grant: dict | None) -> Resident:
    """A person record, restricted ones included, for the privacy officer's procedures.

    Only with a `grant` from a search for this very record (name plus second attribute, legal
    reason); without one the answer is 403 whether the id exists or not, and audited.
    """
    if not perms.can_manage_privacy(user):
        raise PermissionDenied
    resident = Resident.objects.active().filter(pk=pk).first() if grant else None
    if resident is None or grant is None:
        audit(user, f"resident.{action}.denied", object_type=RESIDENT, object_id=pk)
        raise PermissionDenied
    detail = request_detail(grant["basis"], grant.get("reference", ""))
    audit(user, f"resident.{action}.{grant['basis']}", resident, detail=detail)
    return resident


# --- Anonymous statistics -----------------------------------------------------------------------


def suppress_small(counts: dict, threshold: int = 5) -> dict:
    """Replace every count from 1 to threshold-1 with None ("fewer than 5"); 0 stays 0.

    Statistics that leave the department must not show small cells: a 2 in "80+ / Health /
    Bleichpfad" can point to a person.
    """
    return {key: (None if 0 < value < threshold else value) for key, value in counts.items()}


def tally_quarters_for(user):
    """Coordinators see their team's quarters, admins all; nobody else sees statistics here."""
    if not perms.can_view_statistics(user):
        return Quarter.objects.none()
    if perms.has_role(user, Role.COORDINATOR):
        return quarters_of(user)
    return Quarter.objects.all()


def contact_tally_for(user, quarter, since: dt.datetime | None = None) -> dict:
    """Contacts per top-level topic and age band in one quarter, small cells suppressed."""
    if not tally_quarters_for(user).filter(pk=quarter.pk).exists():
        raise PermissionDenied
    since = since or timezone.now() - dt.timedelta(days=365)
    audit(user, "contact.tally", quarter)
    counts = contact_counts.tally(quarter, since)  # kept per day (ADR 0022), not counted here
    suppressed = suppress_small(counts)
    topics = list(Topic.objects.top_level())
    return {
        "age_bands": list(AgeBand.choices),
        "rows": [
            {
                "topic": topic,
                "cells": [suppressed.get((topic.pk, band), 0) for band, _ in AgeBand.choices],
            }
            for topic in topics
        ],
    }
