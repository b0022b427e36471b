"""Help requests: the helper's recurring tasks for a person.

Every write: keyword-only arguments, one transaction, an audit entry without content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.residents.errors import ResidentDataError
from quartier.residents.models import (
    HelpCompletion,
    HelpRequest,
    HelpStatus,
    Recurrence,
    Resident,
)
from quartier.residents.queries import (
    has_consent,
)
from quartier.residents.rules import (
    can_undo_end,
    looks_like_health,
    next_due,
)


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


def end_help_request(
    *, actor, help_request: HelpRequest, now: dt.datetime | None = None
) -> HelpRequest:
    """Stop an open help request (the person no longer needs it); history stays."""
    if help_request.status != HelpStatus.OPEN:
        raise ResidentDataError(_("Diese Hilfeanfrage ist schon abgeschlossen."))
    with transaction.atomic():
        help_request.status = HelpStatus.CANCELLED
        help_request.ended_at = now or timezone.now()
        help_request.save(update_fields=["status", "ended_at"])
        audit(actor, "help_request.end", help_request)
    return help_request


def reopen_help_request(
    *, actor, help_request: HelpRequest, now: dt.datetime | None = None
) -> HelpRequest:
    """Undo `end_help_request` shortly after a mis-tap."""
    if not can_undo_end(help_request, now):
        raise ResidentDataError(_("Das lässt sich nicht mehr rückgängig machen."))
    with transaction.atomic():
        help_request.status = HelpStatus.OPEN
        help_request.ended_at = None
        help_request.save(update_fields=["status", "ended_at"])
        audit(actor, "help_request.reopen", help_request)
    return help_request


def flag_help_request_for_meeting(*, actor, help_request: HelpRequest) -> HelpRequest:
    """Put a help request on the weekly expert meeting's agenda (shown pseudonymised)."""
    with transaction.atomic():
        if not help_request.for_expert_meeting:
            help_request.for_expert_meeting = True
            help_request.save(update_fields=["for_expert_meeting"])
            audit(actor, "help_request.flag_for_meeting", help_request)
    return help_request
