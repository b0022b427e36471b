"""Forwarding a report to a partner, withdrawing forwardings and reopening a report.

Every write: keyword-only arguments, one transaction, an audit entry.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.reports.actions import record_status
from quartier.reports.models import Report, ReportSource, ReportStatus
from quartier.reports.transitions import TransitionError
from quartier.routing import deadlines, emails, links
from quartier.routing.actions.deliveries import _enqueue_forwarding, queue_mail
from quartier.routing.actions.errors import RoutingError
from quartier.routing.models import (
    Authority,
    Forwarding,
    ForwardingStatus,
    MailKind,
    RoutingRule,
)
from quartier.routing.queries import (
    missing_required_attributes,
)
from quartier.routing.rules import match_rule

# How long a partner link stays valid after the deadline.
LINK_VALID_DAYS_AFTER_DEADLINE = 30

# Which answers a forwarding in a given state still accepts.


def route_new_report(*, report: Report) -> Forwarding | None:
    """Called once after a report was submitted: auto-forward it when its rule says so.

    Reports that came in through Open311 are never auto-forwarded: they may come from the very
    partner system the rule would send them to (a loop), so a coordinator looks at them first.
    """
    if report.source == ReportSource.OPEN311 or report.resolved_by_helper:
        return None  # neither changes after submission: no need to read the report again
    report = Report.objects.select_related("category", "quarter").get(pk=report.pk)
    if report.status != ReportStatus.NEW:
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


def _set_status(*, report: Report, status: str, **details) -> None:
    """`record_status`, with a change the table refuses (another person was quicker) as a
    RoutingError like every other reason this write cannot be done."""
    try:
        record_status(report=report, status=status, **details)
    except TransitionError as exc:
        raise RoutingError(str(exc)) from exc


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
        _set_status(
            report=report,
            status=ReportStatus.FORWARDED,
            actor=forwarding.created_by,
            actor_label=_history_label(is_automatic),
            note=note,
        )
        audit(actor, "routing.forward", forwarding)
        _enqueue_forwarding(forwarding.pk)
    return forwarding


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
        _set_status(report=report, status=ReportStatus.REOPENED, actor=actor, note=note.strip())
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

    subject, text, html = emails.reopened_email(forwarding, note)
    queue_mail(
        kind=MailKind.REOPENED,
        authority=forwarding.authority,
        forwarding=forwarding,
        subject=subject,
        body_text=text,
        body_html=html,
    )
