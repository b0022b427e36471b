"""The weekly expert meeting: create, build the agenda, minutes, action items, send minutes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.operations import agenda
from quartier.operations.actions.errors import OperationsError
from quartier.operations.models import (
    ActionItem,
    AgendaItem,
    ExpertMeeting,
    ItemKind,
    Participant,
)


def create_meeting(
    *, actor, held_on: dt.date, starts_at: dt.time | None = None, place: str = ""
) -> ExpertMeeting:
    """A new meeting; its agenda builds itself at once."""
    with transaction.atomic():
        meeting = ExpertMeeting.objects.create(
            held_on=held_on, starts_at=starts_at, place=place, created_by=actor
        )
        audit(actor, "meeting.create", meeting)
        build_agenda(actor=actor, meeting=meeting)
    return meeting


def build_agenda(*, actor, meeting: ExpertMeeting) -> list[AgendaItem]:
    """Add every proposal not yet on the agenda (idempotent); returns the new items."""
    with transaction.atomic():
        meeting = ExpertMeeting.objects.select_for_update().get(pk=meeting.pk)
        last = meeting.items.aggregate(m=Max("order"))["m"] or 0
        created = []
        for order, proposal in enumerate(agenda.proposals(meeting), start=last + 1):
            created.append(
                AgendaItem.objects.create(
                    meeting=meeting,
                    order=order,
                    kind=proposal.kind,
                    source_key=proposal.key,
                    title=proposal.title[:300],
                    report=proposal.report,
                    hotspot=proposal.hotspot,
                    action_item=proposal.action_item,
                )
            )
        audit(actor, "meeting.build_agenda", meeting)
    return created


def add_agenda_item(*, actor, meeting: ExpertMeeting, title: str) -> AgendaItem:
    title = title.strip()
    if not title:
        raise OperationsError(_("Bitte ein Thema angeben."), "title")
    with transaction.atomic():
        order = (meeting.items.aggregate(m=Max("order"))["m"] or 0) + 1
        item = AgendaItem.objects.create(
            meeting=meeting, order=order, kind=ItemKind.OTHER, title=title[:300]
        )
        audit(actor, "meeting.add_item", item)
    return item


def add_participant(
    *,
    actor,
    meeting: ExpertMeeting,
    user=None,
    name: str = "",
    organisation: str = "",
    email: str = "",
) -> Participant:
    """An internal participant (`user`) or an external one (organisation and e-mail)."""
    if user is None and not (organisation.strip() or name.strip()):
        raise OperationsError(_("Bitte Stelle oder Name angeben."), "organisation")
    with transaction.atomic():
        participant = Participant.objects.create(
            meeting=meeting,
            user=user,
            name=name.strip(),
            organisation=organisation.strip(),
            email=email.strip(),
        )
        audit(actor, "meeting.add_participant", meeting)
    return participant


def record_minutes(*, actor, item: AgendaItem, notes: str, decision: str) -> AgendaItem:
    with transaction.atomic():
        item.notes, item.decision = notes.strip(), decision.strip()
        item.save(update_fields=["notes", "decision"])
        audit(actor, "meeting.minutes", item)
    return item


def add_action_item(
    *,
    actor,
    meeting: ExpertMeeting,
    text: str,
    owner,
    due_on: dt.date | None,
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """An action item needs a text, an owner with an account and a due date."""
    if not text.strip():
        raise OperationsError(_("Bitte die Aufgabe beschreiben."), "text")
    if owner is None:
        raise OperationsError(_("Bitte eine verantwortliche Person wählen."), "owner")
    if not owner.is_active:
        raise OperationsError(_("Dieses Konto ist deaktiviert."), "owner")
    if due_on is None:
        raise OperationsError(_("Bitte ein Fälligkeitsdatum angeben."), "due_on")
    with transaction.atomic():
        action = ActionItem.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            text=text.strip()[:300],
            owner=owner,
            due_on=due_on,
        )
        audit(actor, "action_item.add", action)
    return action


def complete_action_item(*, actor, action: ActionItem, now=None) -> ActionItem:
    with transaction.atomic():
        if action.done_at is None:
            action.done_at = now or timezone.now()
            action.save(update_fields=["done_at"])
            audit(actor, "action_item.complete", action)
    return action


def send_minutes(*, actor, meeting: ExpertMeeting) -> int:
    """E-mail the minutes without personal data to the external participants (PDF attached).

    Returns the number of recipients; the mail leaves after the transaction commits.
    """
    from quartier.operations import documents  # WeasyPrint is slow to import

    recipients = [p.email for p in meeting.participants.all() if p.is_external and p.email]
    if not recipients:
        raise OperationsError(_("Keine externen Teilnehmenden mit E-Mail-Adresse."))
    pdf = documents.minutes_pdf(meeting, external=True)
    subject = _("Protokoll Fachaustausch Quartiershelfer*innen vom %(day)s") % {
        "day": f"{meeting.held_on:%d.%m.%Y}"
    }
    body = documents.minutes_text(meeting, external=True)
    with transaction.atomic():
        meeting.minutes_sent_at = timezone.now()
        meeting.save(update_fields=["minutes_sent_at"])
        audit(actor, "meeting.send_minutes", meeting)

        def deliver():
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, bcc=recipients)
            message.attach(f"protokoll-{meeting.held_on:%Y-%m-%d}.pdf", pdf, "application/pdf")
            message.send()

        transaction.on_commit(deliver)
    return len(recipients)
