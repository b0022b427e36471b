"""Writes to residents' data. Keyword-only, one transaction, an audit entry each (no content).

Nothing here sends e-mail: personal data never leaves the platform on its own (referrals are
passed on by the helper in person, by phone or on paper).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts import permissions as perms
from quartier.core.audit import audit
from quartier.core.photos import PhotoError, clean_photo
from quartier.residents.models import (
    Consent,
    ConsentForm,
    Contact,
    ContactOutcome,
    DeletionLogEntry,
    DeletionReason,
    HelpCompletion,
    HelpRequest,
    HelpStatus,
    LegalBasis,
    Recurrence,
    Referral,
    ReferralOutcome,
    Resident,
)
from quartier.taxonomy.models import Topic


class ResidentDataError(ValueError):
    """Input that cannot be stored; the message is shown to the user (German)."""


# Words that make a short note a health note (DSGVO Art. 9): blocked without written consent.
HEALTH_WORDS = re.compile(
    r"\b(arzt|ärztin|praxis|krank\w*|klinik|medikament\w*|tablette\w*|diagnos\w*|demenz|"
    r"depress\w*|diabet\w*|blutdruck|schmerz\w*|pflegegrad|therapie\w*|sucht|alkohol|"
    r"operation|op|sturz|gestürzt|herzinfarkt|herzkrank\w*|krebs|insulin|rezept\w*)\b",
    re.IGNORECASE,
)


def looks_like_health(text: str) -> bool:
    return bool(text and HEALTH_WORDS.search(text))


# --- Contacts -----------------------------------------------------------------------------------


def log_contact(
    *,
    actor,
    quarter,
    place: str,
    age_band: str,
    topics: Iterable[Topic],
    gender: str = "",
    language: str = "de",
    is_repeat: bool = False,
    outcomes: Iterable[str] = (),
    client_id: uuid.UUID | None = None,
    now: dt.datetime | None = None,
) -> tuple[Contact, bool]:
    """Store one anonymous conversation; returns (contact, created).

    Idempotent on `client_id` (offline outbox replays). The quarter must be one the actor
    works in (access.quarters_of).
    """
    from quartier.residents.access import quarters_of

    if client_id is not None:
        existing = Contact.objects.filter(client_id=client_id).first()
        if existing is not None:
            return existing, False
    if not quarters_of(actor).filter(pk=quarter.pk).exists():
        raise ResidentDataError(_("Dieses Quartier gehört nicht zu Ihren Quartieren."))
    topics = list(topics)
    if not topics:
        raise ResidentDataError(_("Bitte mindestens ein Thema wählen."))
    valid_outcomes = set(ContactOutcome.values)
    outcomes = [o for o in dict.fromkeys(outcomes) if o in valid_outcomes]
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                quarter=quarter,
                logged_by=actor,
                created_at=now or timezone.now(),
                place=place,
                age_band=age_band,
                gender=gender,
                language=language,
                is_repeat=is_repeat,
                outcomes=outcomes,
                client_id=client_id or uuid.uuid4(),
            )
            contact.topics.set(topics)
            audit(actor, "contact.log", contact)
    except IntegrityError:
        if client_id is None:
            raise
        return Contact.objects.get(client_id=client_id), False
    return contact, True


# --- Residents and consent ----------------------------------------------------------------------


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
    from quartier.residents.access import quarters_of

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
    with transaction.atomic():
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


MAX_PDF_BYTES = 10 * 1024 * 1024


def clean_consent_document(upload) -> ContentFile:
    """A photo loses every metadata (GPS would point to the person's home); a PDF is checked."""
    data = upload.read()
    if data.startswith(b"%PDF"):
        if len(data) > MAX_PDF_BYTES:
            raise ResidentDataError(_("Die Datei ist größer als 10 MB."))
        return ContentFile(data, name="einwilligung.pdf")
    try:
        return ContentFile(clean_photo(data).image, name="einwilligung.jpg")
    except PhotoError as error:
        raise ResidentDataError(str(error)) from error


def has_consent(resident: Resident, *, scope: str = "help", written: bool = False) -> bool:
    """Whether a valid consent covers `scope` ("help", "health", "referral")."""
    consents = resident.consents.valid().filter(**{f"covers_{scope}": True})
    if written or scope == "health":
        consents = consents.written()
    return consents.exists()


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


# --- Help requests ------------------------------------------------------------------------------


def create_help_request(
    *,
    actor,
    resident: Resident,
    kind: str,
    due_on: dt.date,
    recurrence: str = Recurrence.ONCE,
    ends_on: dt.date | None = None,
    helpers: Iterable = (),
) -> HelpRequest:
    """A help request stores more than the minimum, so it needs the resident's consent."""
    if not has_consent(resident, scope="help"):
        raise ResidentDataError(_("Für eine Hilfeanfrage ist eine Einwilligung nötig."))
    if ends_on and ends_on < due_on:
        raise ResidentDataError(_("Das Ende liegt vor dem ersten Termin."))
    helpers = list(helpers) or [actor]
    with transaction.atomic():
        help_request = HelpRequest.objects.create(
            resident=resident,
            kind=kind,
            recurrence=recurrence,
            due_on=due_on,
            ends_on=ends_on,
            created_by=actor,
        )
        help_request.helpers.set(helpers)
        resident.helpers.add(*helpers)
        audit(actor, "help_request.create", help_request)
    return help_request


def next_due(day: dt.date, recurrence: str) -> dt.date | None:
    if recurrence == Recurrence.WEEKLY:
        return day + dt.timedelta(weeks=1)
    if recurrence == Recurrence.FORTNIGHTLY:
        return day + dt.timedelta(weeks=2)
    if recurrence == Recurrence.MONTHLY:
        month = day.month % 12 + 1
        year = day.year + (day.month == 12)
        for last_day in (day.day, 30, 29, 28):
            try:
                return day.replace(year=year, month=month, day=last_day)
            except ValueError:
                continue
    return None


def complete_help_request(
    *,
    actor,
    help_request: HelpRequest,
    note: str = "",
    about_health: bool = False,
    now: dt.datetime | None = None,
) -> HelpCompletion:
    """One tap: mark the current due date done; a recurring request moves to its next date."""
    note = note.strip()
    resident = help_request.resident
    if (about_health or looks_like_health(note)) and not has_consent(resident, scope="health"):
        raise ResidentDataError(_("Notizen zur Gesundheit nur mit schriftlicher Einwilligung."))
    if help_request.status != HelpStatus.OPEN:
        raise ResidentDataError(_("Diese Hilfeanfrage ist schon abgeschlossen."))
    now = now or timezone.now()
    with transaction.atomic():
        completion = HelpCompletion.objects.create(
            help_request=help_request, done_on=help_request.due_on, done_by=actor, note=note
        )
        following = next_due(help_request.due_on, help_request.recurrence)
        if following is None or (help_request.ends_on and following > help_request.ends_on):
            help_request.status = HelpStatus.DONE
        else:
            help_request.due_on = following
        help_request.save(update_fields=["status", "due_on"])
        resident.last_contact_at = now
        resident.save(update_fields=["last_contact_at"])
        audit(actor, "help_request.complete", help_request)
    return completion


def end_help_request(*, actor, help_request: HelpRequest) -> HelpRequest:
    """Stop an open help request (the person no longer needs it); history stays."""
    if help_request.status != HelpStatus.OPEN:
        raise ResidentDataError(_("Diese Hilfeanfrage ist schon abgeschlossen."))
    with transaction.atomic():
        help_request.status = HelpStatus.CANCELLED
        help_request.save(update_fields=["status"])
        audit(actor, "help_request.end", help_request)
    return help_request


def flag_help_request_for_meeting(*, actor, help_request: HelpRequest) -> HelpRequest:
    """Put a help request on the weekly expert meeting's agenda (shown pseudonymised)."""
    with transaction.atomic():
        if not help_request.for_expert_meeting:
            help_request.for_expert_meeting = True
            help_request.save(update_fields=["for_expert_meeting"])
            audit(actor, "help_request.flag_for_meeting", help_request)
    return help_request


# --- Referrals ----------------------------------------------------------------------------------


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


# --- Privacy officer: flags, erasure, retention -------------------------------------------------


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


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    return moment - dt.timedelta(days=round(months * 365.25 / 12))


def retention_cutoffs(now: dt.datetime) -> dict[str, dt.datetime]:
    return {
        "resident": months_before(now, settings.RETENTION_RESIDENT_MONTHS),
        "referral": months_before(now, settings.RETENTION_REFERRAL_MONTHS),
    }


def residents_due_for_retention(now: dt.datetime):
    """Restricted records (Art. 18) are kept until the privacy officer lifts the flag."""
    cutoff = retention_cutoffs(now)["resident"]
    return Resident.objects.inactive_since(cutoff).filter(is_restricted=False)


def referrals_due_for_retention(now: dt.datetime):
    return Referral.objects.filter(created_at__lt=retention_cutoffs(now)["referral"])


def apply_retention(*, now: dt.datetime | None = None, batch_size: int = 2000) -> dict:
    """Anonymise person records and delete old referrals; log counts, never content."""
    now = now or timezone.now()
    ids = list(residents_due_for_retention(now).values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            anonymise_residents(ids[start : start + batch_size], now=now)
    referral_ids = list(referrals_due_for_retention(now).values_list("pk", flat=True))
    for start in range(0, len(referral_ids), batch_size):
        Referral.objects.filter(pk__in=referral_ids[start : start + batch_size]).delete()
    with transaction.atomic():
        _log_deletion("resident", "anonymised", DeletionReason.RETENTION, len(ids), None, now)
        _log_deletion("referral", "deleted", DeletionReason.RETENTION, len(referral_ids), None, now)
        audit(None, "retention.run", object_type="residents")
    return {"residents_anonymised": len(ids), "referrals_deleted": len(referral_ids)}


def anonymise_residents(ids: list[int], *, now: dt.datetime) -> None:
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
