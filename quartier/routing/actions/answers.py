"""A partner's answer to a forwarding (link, e-mail reply or Open311 update).

Every write: keyword-only arguments, one transaction, an audit entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.core.files import files_kept_only_on_success
from quartier.reports.actions import record_status
from quartier.routing.actions.deliveries import queue_mail
from quartier.routing.actions.errors import AnswerAlreadyRecorded, RoutingError
from quartier.routing.actions.notifications import notify
from quartier.routing.models import (
    AnswerChannel,
    AnswerKind,
    Authority,
    Forwarding,
    ForwardingStatus,
    MailKind,
    PartnerAnswer,
)
from quartier.routing.queries import (
    coordinators_for,
    report_link,
)
from quartier.routing.statuses import ANSWER_TO_FORWARDING_STATUS, ANSWER_TO_REPORT_STATUS

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
    with files_kept_only_on_success(), transaction.atomic():
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
        # The answer is always kept; it moves the report only where the transition table
        # allows it (a report the coordinators closed or merged meanwhile stays so).
        record_status(
            report=report,
            status=ANSWER_TO_REPORT_STATUS.get(kind),
            keep_if_refused=True,
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
