"""Deliveries (forwardings and e-mails): queued in the same transaction (core/queue.py),
claimed before they are sent (a re-run never sends twice), retried; reminders and weekly
summaries.

Every write: keyword-only arguments, one transaction, an audit entry.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import Role, User
from quartier.core.audit import audit
from quartier.core.queue import enqueue_with_transaction
from quartier.core.sweeper import current_worker_id
from quartier.routing import tasks
from quartier.routing.actions.errors import RoutingError
from quartier.routing.actions.notifications import notify
from quartier.routing.models import (
    Authority,
    DeliveryStatus,
    Forwarding,
    ForwardingStatus,
    MailDelivery,
)
from quartier.routing.queries import (
    coordinators_for,
    max_attempts,
)


def queue_mail(
    *,
    kind: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    authority: Authority | None = None,
    forwarding: Forwarding | None = None,
    recipients: list[str] | None = None,
) -> MailDelivery | None:
    """Store a follow-up e-mail and queue its delivery (None when there is nobody to send to)."""
    recipients = (
        recipients if recipients is not None else (authority.email_list if authority else [])
    )
    if not recipients:
        return None
    with transaction.atomic():
        delivery = MailDelivery.objects.create(
            kind=kind,
            authority=authority,
            forwarding=forwarding,
            recipients=", ".join(recipients),
            subject=subject[:200],
            body_text=body_text,
            body_html=body_html,
        )
        _enqueue_mail(delivery.pk)
    return delivery


def _waiting_status(target) -> str:
    return ForwardingStatus.PENDING if isinstance(target, Forwarding) else DeliveryStatus.QUEUED


def claim_delivery(*, target) -> bool:
    """Mark a waiting Forwarding or MailDelivery as being sent by this worker, in one UPDATE.

    False when it is no longer waiting or another worker holds it: then the caller sends
    nothing, so two tasks for the same item (a re-queued task, two workers) never send twice.
    """
    claimed = (
        type(target)
        .objects.filter(pk=target.pk, status=_waiting_status(target), delivering_worker="")
        .update(delivering_worker=current_worker_id(), delivering_since=timezone.now())
    )
    return claimed == 1


def release_claims(*, model, workers) -> int:
    """Clear the claims of workers that died while sending (the item is sent again)."""
    return model.objects.filter(delivering_worker__in=workers).update(
        delivering_worker="", delivering_since=None
    )


def _release(target) -> list[str]:
    target.delivering_worker = ""
    target.delivering_since = None
    return ["delivering_worker", "delivering_since"]


def record_delivery_success(*, target, external_id: str = "") -> None:
    """`target` is a Forwarding or a MailDelivery that was just delivered."""
    with transaction.atomic():
        now = timezone.now()
        target.attempts += 1
        target.last_attempt_at = now
        target.sent_at = now
        target.last_error = ""
        target.status = (
            ForwardingStatus.SENT if isinstance(target, Forwarding) else DeliveryStatus.SENT
        )
        fields = ["attempts", "last_attempt_at", "sent_at", "last_error", "status"]
        fields += _release(target)
        if external_id:
            target.external_id = external_id
            fields.append("external_id")
        target.save(update_fields=fields)
        audit(None, "routing.delivery.sent", target)


def record_delivery_failure(*, target, error: str, final: bool = False) -> bool:
    """Count a failed attempt; returns True when it should be retried, False when it failed
    for good (then coordinators are notified and the failure is listed)."""
    with transaction.atomic():
        target.attempts += 1
        target.last_attempt_at = timezone.now()
        target.last_error = error[:500]
        give_up = final or target.attempts >= max_attempts()
        fields = ["attempts", "last_attempt_at", "last_error", *_release(target)]
        if give_up:
            target.status = (
                ForwardingStatus.FAILED if isinstance(target, Forwarding) else DeliveryStatus.FAILED
            )
            fields.append("status")
        target.save(update_fields=fields)
        audit(None, "routing.delivery.failed" if give_up else "routing.delivery.retry", target)
        if give_up:
            _notify_failure(target)
    return not give_up


def _notify_failure(target) -> None:

    forwarding = target if isinstance(target, Forwarding) else target.forwarding
    if forwarding is not None:
        users = coordinators_for(forwarding.report)
    else:
        users = User.objects.filter(role=Role.COORDINATOR, is_active=True)
    text = _("Zustellung fehlgeschlagen: %(what)s") % {"what": target}
    notify(users=users, text=text, link=reverse("routing:failed"))


def retry_delivery(*, actor, target) -> None:
    """A coordinator sends a failed forwarding or e-mail again (attempts start from zero)."""
    with transaction.atomic():
        target.attempts = 0
        target.last_error = ""
        if isinstance(target, Forwarding):
            if target.status != ForwardingStatus.FAILED:
                raise RoutingError(_("Diese Weiterleitung ist nicht fehlgeschlagen."))
            target.status = ForwardingStatus.PENDING
            target.save(update_fields=["attempts", "last_error", "status"])
            _enqueue_forwarding(target.pk)
        else:
            if target.status != DeliveryStatus.FAILED:
                raise RoutingError(_("Diese E-Mail ist nicht fehlgeschlagen."))
            target.status = DeliveryStatus.QUEUED
            target.save(update_fields=["attempts", "last_error", "status"])
            _enqueue_mail(target.pk)
        audit(actor, "routing.delivery.retry_manual", target)


def mark_reminder_sent(*, forwarding: Forwarding, which: str) -> None:
    with transaction.atomic():
        field = f"reminder_{which}_sent_at"
        setattr(forwarding, field, timezone.now())
        forwarding.save(update_fields=[field])
        audit(None, f"routing.reminder.{which}", forwarding)


def mark_summary_sent(*, authority: Authority, day: dt.date) -> None:
    with transaction.atomic():
        authority.summary_sent_on = day
        authority.save(update_fields=["summary_sent_on"])
        audit(None, "routing.summary", authority)


def _enqueue_forwarding(forwarding_id: int) -> None:
    """Queued in the forwarding's own transaction (core/queue.py): never one without the other."""
    enqueue_with_transaction(tasks.deliver_forwarding, forwarding_id)


def _enqueue_mail(delivery_id: int) -> None:
    enqueue_with_transaction(tasks.deliver_mail, delivery_id)
