"""Delivery of forwardings and follow-up e-mails (with retries and back-off), reminders and
the Monday summary. django-tasks has no retries of its own: a failed attempt is recorded and
the task re-enqueues itself with `run_after`; after ROUTING_MAX_DELIVERY_ATTEMPTS it is marked
failed, listed on /weiterleitung/fehlgeschlagen/ and shown on the report."""

from __future__ import annotations

import datetime as dt
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone
from django_tasks import task

from quartier.routing import actions, channels, deadlines, emails
from quartier.routing.channels import ChannelNotAvailable
from quartier.routing.models import (
    Authority,
    DeliveryStatus,
    Forwarding,
    ForwardingStatus,
    MailDelivery,
    MailKind,
)

log = logging.getLogger(__name__)

# Seconds to wait before attempt 2, 3, 4, 5, ...
BACKOFF_SECONDS = (60, 300, 1800, 7200)
REMINDER_EARLIEST_HOUR = 7


def backoff(attempts: int) -> dt.timedelta:
    index = min(max(attempts, 1), len(BACKOFF_SECONDS)) - 1
    return dt.timedelta(seconds=BACKOFF_SECONDS[index])


def _retry(task_obj, object_id: int, attempts: int) -> None:
    """Re-enqueue after the back-off; backends without deferral (tests) run it right away."""
    if task_obj.get_backend().supports_defer:
        task_obj.using(run_after=timezone.now() + backoff(attempts)).enqueue(object_id)
    else:
        task_obj.enqueue(object_id)


def message_id(kind: str, pk: int, attempt: int) -> str:
    """The same Message-ID for the same attempt: should a worker die between sending and
    recording, the repeated message is recognisably the same one (mail clients merge it)."""
    domain = urlsplit(settings.SITE_URL).hostname or "quartier.invalid"
    return f"<quartier.{kind}.{pk}.{attempt}@{domain}>"


def send_email(
    *, recipients: list[str], subject: str, text: str, html: str, msg_id: str = ""
) -> None:
    headers = {"Message-ID": msg_id} if msg_id else None
    message = EmailMultiAlternatives(subject, text, None, recipients, headers=headers)
    if html:
        message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)


def send_forwarding_email(forwarding: Forwarding) -> str:
    subject, text, html = emails.forwarding_email(forwarding)
    send_email(
        recipients=forwarding.authority.email_list,
        subject=subject,
        text=text,
        html=html,
        msg_id=message_id("forwarding", forwarding.pk, forwarding.attempts + 1),
    )
    return ""


def _send_forwarding(forwarding: Forwarding) -> str:
    """Deliver through the partner's channel; returns the partner's id if it gave one."""
    return channels.sender_for(forwarding.authority.channel)(forwarding) or ""


# A database restart takes seconds: keep trying to record a delivery that already went out,
# so that it is not sent a second time after the task is re-queued.
RECORD_RETRY_SECONDS = (0.5, 1, 2, 4, 8, 15)


def _record_sent(**kwargs) -> None:
    for pause in (*RECORD_RETRY_SECONDS, None):
        try:
            actions.record_delivery_success(**kwargs)
            return
        except (OperationalError, InterfaceError):
            if pause is None:
                raise
            log.warning("recording a sent delivery failed (database away), retrying")
            connection.close()
            time.sleep(pause)


@task()
def deliver_forwarding(forwarding_id: int) -> str:
    forwarding = (
        Forwarding.objects.select_related("report", "report__category", "report__quarter")
        .select_related("authority", "rule")
        .filter(pk=forwarding_id)
        .first()
    )
    if forwarding is None or not actions.claim_delivery(target=forwarding):
        return "skipped"  # delivered, given up, or another worker is sending it right now
    try:
        external_id = _send_forwarding(forwarding)
    except (ChannelNotAvailable, NotImplementedError) as exc:
        error = str(exc) or "Open311-Versand ist nicht verfügbar."
        actions.record_delivery_failure(target=forwarding, error=error, final=True)
        return "failed"
    except Exception as exc:  # SMTP down, partner API down: record, retry, never drop
        log.warning("forwarding %s: delivery failed: %s", forwarding_id, type(exc).__name__)
        error = f"{type(exc).__name__}: {exc}"
        if actions.record_delivery_failure(target=forwarding, error=error):
            _retry(deliver_forwarding, forwarding_id, forwarding.attempts)
            return "retry"
        return "failed"
    _record_sent(target=forwarding, external_id=external_id)
    return "sent"


@task()
def deliver_mail(delivery_id: int) -> str:
    delivery = MailDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None or not actions.claim_delivery(target=delivery):
        return "skipped"
    recipients = [r.strip() for r in delivery.recipients.split(",") if r.strip()]
    try:
        send_email(
            recipients=recipients,
            subject=delivery.subject,
            text=delivery.body_text,
            html=delivery.body_html,
            msg_id=message_id("mail", delivery.pk, delivery.attempts + 1),
        )
    except Exception as exc:  # noqa: BLE001 - recorded and retried, never dropped
        log.warning("mail %s: delivery failed: %s", delivery_id, type(exc).__name__)
        if actions.record_delivery_failure(target=delivery, error=f"{type(exc).__name__}: {exc}"):
            _retry(deliver_mail, delivery_id, delivery.attempts)
            return "retry"
        return "failed"
    _record_sent(target=delivery)
    return "sent"


def reminders_due(today: dt.date) -> list[tuple[Forwarding, str]]:
    """(forwarding, "before"|"after") for every reminder that is due today and not yet sent."""
    due = []
    waiting = (
        Forwarding.objects.filter(
            status__in=[ForwardingStatus.SENT, ForwardingStatus.ACKNOWLEDGED],
            authority__channel="email",
        )
        .select_related("report", "report__category", "report__quarter", "authority")
        .order_by("due_date", "id")
    )
    for forwarding in waiting:
        if forwarding.reminder_before_sent_at is None and (
            deadlines.previous_working_day(forwarding.due_date) <= today <= forwarding.due_date
        ):
            due.append((forwarding, "before"))
        if forwarding.reminder_after_sent_at is None and today > forwarding.due_date:
            due.append((forwarding, "after"))
    return due


@task()
def send_reminders(today: str | None = None) -> int:
    """Hourly: reminders one working day before the deadline and after it (each once).

    Runs from 7 o'clock so partners are not mailed in the night."""
    if today is None and timezone.localtime().hour < REMINDER_EARLIEST_HOUR:
        return 0
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    if not deadlines.is_working_day(day):
        return 0
    count = 0
    for forwarding, which in reminders_due(day):
        subject, text, html = emails.reminder_email(forwarding, which)
        kind = MailKind.REMINDER_BEFORE if which == "before" else MailKind.REMINDER_AFTER
        actions.queue_mail(
            kind=kind,
            authority=forwarding.authority,
            forwarding=forwarding,
            subject=subject,
            body_text=text,
            body_html=html,
        )
        actions.mark_reminder_sent(forwarding=forwarding, which=which)
        count += 1
    return count


@task()
def send_weekly_summaries(today: str | None = None) -> int:
    """Mondays: one summary per partner of its open items (at most once per day)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    count = 0
    for authority in Authority.objects.filter(is_active=True).exclude(summary_sent_on=day):
        open_items = list(
            Forwarding.objects.for_authority(authority)
            .filter(status__in=[ForwardingStatus.SENT, ForwardingStatus.ACKNOWLEDGED])
            .select_related("report", "report__category")
            .order_by("due_date", "id")
        )
        if not open_items or not authority.email_list:
            continue
        subject, text, html = emails.summary_email(authority, open_items, day)
        actions.queue_mail(
            kind=MailKind.WEEKLY_SUMMARY,
            authority=authority,
            subject=subject,
            body_text=text,
            body_html=html,
        )
        actions.mark_summary_sent(authority=authority, day=day)
        count += 1
    return count


# --- Sweeper (core/sweeper.py): nothing waits for ever ----------------------------------------

# A waiting item older than this without a queued task gets one (a task lost between a failed
# attempt and its re-queue, or rows restored from a backup).
ORPHAN_AFTER = dt.timedelta(minutes=2)
# A claim this old is cleared even if its worker is unknown (not in the heartbeat table).
STALE_CLAIM_AFTER = dt.timedelta(minutes=15)


def _queued_ids(task_obj) -> set[int]:
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=task_obj.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows if row.get("args")}


def _sweep_model(model, waiting, task_obj, dead, live, now) -> int:
    stale = (
        model.objects.exclude(delivering_worker="")
        .filter(status=waiting)
        .exclude(delivering_worker__in=live)
        .filter(delivering_since__lt=now - STALE_CLAIM_AFTER)
        .values_list("delivering_worker", flat=True)
    )
    repaired = actions.release_claims(model=model, workers={*dead, *stale})
    if not task_obj.get_backend().supports_get_result:
        return repaired
    queued = _queued_ids(task_obj)
    orphans = model.objects.filter(
        status=waiting, delivering_worker="", created_at__lt=now - ORPHAN_AFTER
    ).exclude(pk__in=queued)
    for pk in orphans.values_list("pk", flat=True):
        log.warning("%s %s had no delivery task: queued again", model.__name__, pk)
        task_obj.enqueue(pk)
        repaired += 1
    return repaired


def sweep_deliveries(*, dead_workers: set[str], live_workers: set[str], now) -> int:
    """Registered in RoutingConfig.ready() as a core sweeper."""
    return _sweep_model(
        Forwarding, ForwardingStatus.PENDING, deliver_forwarding, dead_workers, live_workers, now
    ) + _sweep_model(
        MailDelivery, DeliveryStatus.QUEUED, deliver_mail, dead_workers, live_workers, now
    )
