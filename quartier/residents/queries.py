"""Reads about residents' data that are not access decisions (those live in `access.py`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quartier.residents.models import Consent, Referral, Resident
from quartier.residents.rules import looks_like_health, retention_cutoffs


def consent_revocation_effects(consent: Consent) -> list[str]:
    """What revoking `consent` would remove, in plain German (the confirmation page lists it).

    Mirrors `actions._remove_uncovered_data`: only what no other valid consent covers goes.
    """
    resident = consent.resident
    others = resident.consents.valid().exclude(pk=consent.pk)
    effects = [
        _("Die Einwilligung vom %(day)s wird als widerrufen vermerkt.")
        % {"day": formats.date_format(consent.given_on, "SHORT_DATE_FORMAT")}
    ]
    if not others.written().filter(covers_health=True).exists():
        effects += _health_effects(resident)
    if not others.filter(covers_help=True).exists():
        effects += _help_effects(resident)
    effects.append(_("Name, Erreichbarkeit und Grund der Person bleiben gespeichert."))
    return effects


def _health_effects(resident: Resident) -> list[str]:
    effects = []
    health = resident.topics.filter(Q(is_sensitive=True) | Q(parent__is_sensitive=True)).count()
    if health:
        effects.append(
            ngettext(
                "%(n)s Gesundheitsthema wird entfernt.",
                "%(n)s Gesundheitsthemen werden entfernt.",
                health,
            )
            % {"n": health}
        )
    if looks_like_health(resident.notes):
        effects.append(_("Notizen zur Gesundheit werden gelöscht."))
    return effects


def _help_effects(resident: Resident) -> list[str]:
    effects = []
    if resident.notes or resident.topics.exists():
        effects.append(_("Alle Notizen und Themen zur Person werden gelöscht."))
    total = resident.help_requests.count()
    if total:
        still_open = resident.help_requests.open().count()
        effects.append(
            ngettext(
                "%(n)s Hilfeanfrage wird gelöscht (davon %(open)s offen, auch aus „Mein Tag“).",
                "%(n)s Hilfeanfragen werden gelöscht (davon %(open)s offen, auch aus „Mein Tag“).",
                total,
            )
            % {"n": total, "open": still_open}
        )
    return effects


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
