"""The anonymous tally: a helper logs a conversation in seconds.

Every write: keyword-only arguments, one transaction, an audit entry without content.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.residents.access import quarters_of
from quartier.residents.errors import ResidentDataError
from quartier.residents.models import (
    Contact,
    ContactOutcome,
)
from quartier.taxonomy.models import Topic


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
