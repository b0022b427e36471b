"""Writes for routing: rules, authorities, forwarding, partner answers, reopening, deliveries.

Every function: keyword-only arguments, one transaction, an audit entry; e-mails and Open311
calls are queued with `transaction.on_commit` and retried by the task (routing/tasks.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import Role, User
from quartier.core.audit import audit
from quartier.reports.actions import record_status
from quartier.reports.models import Report, ReportSource, ReportStatus
from quartier.routing import deadlines, links
from quartier.routing.models import (
    AnswerChannel,
    AnswerKind,
    Authority,
    DeliveryStatus,
    Forwarding,
    ForwardingStatus,
    MailDelivery,
    MailKind,
    Notification,
    PartnerAnswer,
    RoutingRule,
)
from quartier.routing.rules import match_rule
from quartier.routing.statuses import ANSWER_TO_FORWARDING_STATUS, ANSWER_TO_REPORT_STATUS

from .api_keys import ApiKeyError, issue_api_key, revoke_api_key  # noqa: F401

# How long a partner link stays valid after the deadline.
LINK_VALID_DAYS_AFTER_DEADLINE = 30

# Which answers a forwarding in a given state still accepts.
ALLOWED_ANSWERS: dict[str, set[str]] = {
    ForwardingStatus.PENDING: set(AnswerKind),
    ForwardingStatus.SENT: set(AnswerKind),
    ForwardingStatus.FAILED: set(AnswerKind),
    ForwardingStatus.ACKNOWLEDGED: {
        AnswerKind.RESOLVED,
        AnswerKind.NOT_RESPONSIBLE,
        AnswerKind.COMMENT,
    },
}


class RoutingError(ValueError):
    """A routing write that cannot be done; the message is German and shown to the user."""


class AnswerAlreadyRecorded(RoutingError):
    """The partner already gave this answer (a double click, a reloaded form)."""


# --- Rules and authorities -----------------------------------------------------------------


def save_routing_rule(*, actor, rule: RoutingRule) -> RoutingRule:
    """Create or update a rule (validated by the form)."""
    created = rule.pk is None
    with transaction.atomic():
        rule.save()
        audit(actor, "routing.rule.create" if created else "routing.rule.update", rule)
    return rule


def delete_routing_rule(*, actor, rule: RoutingRule) -> None:
    """Rules that were used stay (forwardings point to them) but become inactive."""
    with transaction.atomic():
        audit(actor, "routing.rule.deactivate", rule)
        rule.is_active = False
        rule.save(update_fields=["is_active", "updated_at"])


def save_authority(*, actor, authority: Authority) -> Authority:
    created = authority.pk is None
    with transaction.atomic():
        authority.save()
        audit(
            actor, "routing.authority.create" if created else "routing.authority.update", authority
        )
    return authority


# --- Forwarding ------------------------------------------------------------------------------


def route_new_report(report: Report) -> Forwarding | None:
    """Called once after a report was submitted: auto-forward it when its rule says so.

    Reports that came in through Open311 are never auto-forwarded: they may come from the very
    partner system the rule would send them to (a loop), so a coordinator looks at them first.
    """
    report = Report.objects.select_related("category", "quarter").get(pk=report.pk)
    if report.resolved_by_helper or report.status != ReportStatus.NEW:
        return None
    if report.source == ReportSource.OPEN311:
        return None
    match = match_rule(report.category, report.quarter)
    if match.rule is None or not match.rule.auto_forward:
        return None
    try:
        return forward_report(
            report=report,
            authority=match.rule.authority,
            actor=None,
            rule=match.rule,
            is_automatic=True,
        )
    except RoutingError:
        # e.g. the authority has no address yet: the report stays in the coordinator's inbox.
        return None


def _link_expiry(due_date: dt.date) -> dt.datetime:
    last_day = due_date + dt.timedelta(days=LINK_VALID_DAYS_AFTER_DEADLINE)
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time(23, 59, 59)))


def _check_forwardable(report: Report, authority: Authority) -> None:
    if not report.is_open:
        raise RoutingError(_("Abgeschlossene Meldungen können nicht weitergeleitet werden."))
    if not authority.is_active:
        raise RoutingError(_("Dieser Partner ist nicht aktiv."))
    if authority.channel == "email" and not authority.email_list:
        raise RoutingError(_("Für diesen Partner ist keine E-Mail-Adresse hinterlegt."))
    missing = missing_required_attributes(report)
    if missing:
        raise RoutingError(
            _("Vor dem Weiterleiten fehlt noch: %(fields)s.") % {"fields": ", ".join(missing)}
        )


def missing_required_attributes(report: Report) -> list[str]:
    """Labels of required category fields (e.g. the lamp-post number) the report lacks."""
    return [
        attribute.get("label") or attribute.get("code", "")
        for attribute in report.category.attributes
        if attribute.get("required")
        and not str(report.attributes.get(attribute.get("code"), "")).strip()
    ]


def _history_label(is_automatic: bool) -> str:
    return _("automatisch (Zuständigkeitsregel)") if is_automatic else ""


def forward_report(
    *,
    report: Report,
    authority: Authority,
    actor,
    message: str = "",
    rule: RoutingRule | None = None,
    is_automatic: bool = False,
    today: dt.date | None = None,
) -> Forwarding:
    """Send `report` to `authority` with a deadline in working days; older forwardings end."""
    _check_forwardable(report, authority)
    if rule is None:
        match = match_rule(report.category, report.quarter)
        if match.rule is not None and match.rule.authority_id == authority.pk:
            rule = match.rule
    days = rule.deadline_days if rule is not None else authority.sla_working_days
    due_date = deadlines.add_working_days(today or timezone.localdate(), days)
    with transaction.atomic():
        Forwarding.objects.filter(report=report).waiting().update(
            status=ForwardingStatus.SUPERSEDED
        )
        forwarding = Forwarding.objects.create(
            report=report,
            authority=authority,
            rule=rule,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_automatic=is_automatic,
            due_date=due_date,
            message=message.strip(),
            token_nonce=links.new_nonce(),
            link_expires_at=_link_expiry(due_date),
        )
        note = _("An %(authority)s weitergeleitet, Frist %(due)s.") % {
            "authority": authority,
            "due": due_date.strftime("%d.%m.%Y"),
        }
        if report.status == ReportStatus.NOT_RESPONSIBLE:
            note = _("Neu zugeordnet.") + " " + note
        record_status(
            report=report,
            status=ReportStatus.FORWARDED,
            actor=forwarding.created_by,
            actor_label=_history_label(is_automatic),
            note=note,
        )
        audit(actor, "routing.forward", forwarding)
        transaction.on_commit(lambda: _enqueue_forwarding(forwarding.pk))
    return forwarding


def _enqueue_forwarding(forwarding_id: int) -> None:
    from quartier.routing.tasks import deliver_forwarding

    deliver_forwarding.enqueue(forwarding_id)


# --- Partner answers -------------------------------------------------------------------------


def _lock_forwarding(forwarding: Forwarding) -> Forwarding:
    return (
        Forwarding.objects.select_for_update()
        .select_related("report", "report__category", "authority")
        .get(pk=forwarding.pk)
    )


def _check_answer(forwarding: Forwarding, kind: str) -> None:
    if kind not in AnswerKind.values:
        raise RoutingError(_("Unbekannte Antwort."))
    if ANSWER_TO_FORWARDING_STATUS.get(kind) == forwarding.status:
        raise AnswerAlreadyRecorded(_("Diese Antwort liegt bereits vor."))
    if kind not in ALLOWED_ANSWERS.get(forwarding.status, set()):
        raise AnswerAlreadyRecorded(
            _("Diese Weiterleitung ist bereits abgeschlossen (%(status)s).")
            % {"status": forwarding.get_status_display()}
        )


def _answer_note(answer: PartnerAnswer) -> str:
    parts = [answer.comment.strip()]
    if answer.suggested_authority:
        parts.append(
            _("Vorschlag, wer zuständig ist: %(who)s") % {"who": answer.suggested_authority}
        )
    if answer.photo:
        parts.append(_("Mit Foto."))
    return "\n".join(p for p in parts if p)


def record_partner_answer(
    *,
    forwarding: Forwarding,
    kind: str,
    comment: str = "",
    suggested_authority: str = "",
    photo=None,
    channel: str = AnswerChannel.LINK,
    external_id: str = "",
    actor=None,
    external: dict | None = None,
) -> PartnerAnswer:
    """Append a partner's answer, move the forwarding and the report on, notify people.

    Raises AnswerAlreadyRecorded when the same answer arrives twice (nothing changes) and
    RoutingError for an answer the forwarding no longer accepts. Answers with an
    `external_id` (Open311 updates) that were already stored are returned unchanged.
    """
    with transaction.atomic():
        forwarding = _lock_forwarding(forwarding)
        if external_id:
            known = forwarding.answers.filter(external_id=external_id).first()
            if known is not None:
                return known
        _check_answer(forwarding, kind)
        answer = PartnerAnswer.objects.create(
            forwarding=forwarding,
            kind=kind,
            channel=channel,
            comment=comment.strip(),
            suggested_authority=suggested_authority.strip(),
            photo=photo or "",
            external_id=external_id,
        )
        if kind in ANSWER_TO_FORWARDING_STATUS:
            forwarding.status = ANSWER_TO_FORWARDING_STATUS[kind]
            forwarding.answered_at = timezone.now()
            forwarding.save(update_fields=["status", "answered_at"])
        report = forwarding.report
        label = _partner_label(forwarding.authority, channel)
        # A report the coordinator closed meanwhile keeps its status; the answer is still kept.
        new_status = ANSWER_TO_REPORT_STATUS.get(kind, report.status)
        record_status(
            report=report,
            status=new_status if report.is_open else report.status,
            actor=actor,
            actor_label=label,
            note=_answer_note(answer),
            external=external,
        )
        audit(actor, f"routing.answer.{kind}", forwarding)
        _notify_answer(forwarding, answer)
    return answer


def _partner_label(authority: Authority, channel: str) -> str:
    if channel == AnswerChannel.OPEN311:
        return _("%(authority)s (Open311)") % {"authority": authority}
    if channel == AnswerChannel.STAFF:
        return _("%(authority)s (eingetragen)") % {"authority": authority}
    return _("%(authority)s (Partnerlink)") % {"authority": authority}


def report_link(report: Report) -> str:
    """The report's detail page, or the forwarding page until the detail page exists."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("reports:detail", args=[report.pk])
    except NoReverseMatch:
        return reverse("routing:forward", args=[report.pk])


def coordinators_for(report: Report):
    """Active coordinators of the report's quarter (no quarters set = all quarters)."""
    coordinators = User.objects.filter(role=Role.COORDINATOR, is_active=True)
    if report.quarter_id is None:
        return coordinators
    return coordinators.filter(Q(quarters__isnull=True) | Q(quarters=report.quarter_id)).distinct()


def notify(*, users, text: str, link: str = "") -> int:
    notifications = [Notification(user=user, text=text[:300], link=link) for user in users]
    Notification.objects.bulk_create(notifications)
    return len(notifications)


def _notify_answer(forwarding: Forwarding, answer: PartnerAnswer) -> None:
    report = forwarding.report
    text = _("%(authority)s zu Meldung %(number)s (%(category)s): %(answer)s") % {
        "authority": forwarding.authority,
        "number": report.pk,
        "category": report.category.name,
        "answer": answer.get_kind_display(),
    }
    users = list(coordinators_for(report))
    reporter = report.reporter
    if reporter is not None and reporter.is_active and reporter not in users:
        users.append(reporter)
    link = report_link(report)
    notify(users=users, text=text, link=link)
    if settings.ROUTING_ANSWER_EMAILS:
        body = text + "\n\n" + settings.SITE_URL.rstrip("/") + link + "\n"
        queue_mail(
            kind=MailKind.ANSWER_NOTICE,
            forwarding=forwarding,
            recipients=[user.email for user in users if user.email],
            subject=text,
            body_text=body,
        )


def mark_notifications_read(*, user, notification_ids=None) -> int:
    with transaction.atomic():
        qs = Notification.objects.filter(user=user).unread()
        if notification_ids is not None:
            qs = qs.filter(pk__in=notification_ids)
        count = qs.update(read_at=timezone.now())
        audit(user, "routing.notifications.read", object_type="routing.notification")
    return count


def withdraw_forwardings(*, report: Report, actor) -> int:
    """Mark the report's open forwardings as superseded (call when a report is closed or
    merged as a duplicate); their partner links then say that nothing more is needed."""
    with transaction.atomic():
        count = (
            Forwarding.objects.filter(report=report)
            .waiting()
            .update(status=ForwardingStatus.SUPERSEDED)
        )
        if count:
            audit(actor, "routing.withdraw", report)
    return count


# --- Reopening -------------------------------------------------------------------------------

REOPENABLE = {
    ReportStatus.RESOLVED,
    ReportStatus.RESOLVED_BY_HELPER,
    ReportStatus.CLOSED,
}


def reopen_report(*, report: Report, actor, note: str = "", today=None) -> Forwarding | None:
    """Reopen a closed report. If a partner had it, that forwarding is live again (new link,
    new deadline) and the partner is told by e-mail. Returns that forwarding, if any."""
    if report.status not in REOPENABLE:
        raise RoutingError(_("Nur abgeschlossene Meldungen können wieder geöffnet werden."))
    with transaction.atomic():
        record_status(report=report, status=ReportStatus.REOPENED, actor=actor, note=note.strip())
        forwarding = (
            report.forwardings.select_related("authority", "rule")
            .filter(status=ForwardingStatus.RESOLVED)
            .first()
        )
        if forwarding is not None:
            days = forwarding.rule.deadline_days if forwarding.rule else None
            days = days if days is not None else forwarding.authority.sla_working_days
            forwarding.due_date = deadlines.add_working_days(today or timezone.localdate(), days)
            forwarding.status = ForwardingStatus.SENT
            forwarding.answered_at = None
            forwarding.token_nonce = links.new_nonce()
            forwarding.link_expires_at = _link_expiry(forwarding.due_date)
            forwarding.reminder_before_sent_at = None
            forwarding.reminder_after_sent_at = None
            forwarding.save()
            _queue_reopened_mail(forwarding, note)
        audit(actor, "routing.reopen", report)
    return forwarding


def _queue_reopened_mail(forwarding: Forwarding, note: str) -> None:
    from quartier.routing import emails

    subject, text, html = emails.reopened_email(forwarding, note)
    queue_mail(
        kind=MailKind.REOPENED,
        authority=forwarding.authority,
        forwarding=forwarding,
        subject=subject,
        body_text=text,
        body_html=html,
    )


# --- Deliveries ------------------------------------------------------------------------------


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
    delivery = MailDelivery.objects.create(
        kind=kind,
        authority=authority,
        forwarding=forwarding,
        recipients=", ".join(recipients),
        subject=subject[:200],
        body_text=body_text,
        body_html=body_html,
    )

    def enqueue():
        from quartier.routing.tasks import deliver_mail

        deliver_mail.enqueue(delivery.pk)

    transaction.on_commit(enqueue)
    return delivery


def max_attempts() -> int:
    return settings.ROUTING_MAX_DELIVERY_ATTEMPTS


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
        fields = ["attempts", "last_attempt_at", "last_error"]
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
    from django.urls import reverse

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
            transaction.on_commit(lambda: _enqueue_forwarding(target.pk))
        else:
            if target.status != DeliveryStatus.FAILED:
                raise RoutingError(_("Diese E-Mail ist nicht fehlgeschlagen."))
            target.status = DeliveryStatus.QUEUED
            target.save(update_fields=["attempts", "last_error", "status"])

            def enqueue():
                from quartier.routing.tasks import deliver_mail

                deliver_mail.enqueue(target.pk)

            transaction.on_commit(enqueue)
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
