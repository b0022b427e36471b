"""Who may see what in routing.

- Coordinators and admins (`can_manage_routing` / `can_manage_reports`): every rule, authority,
  forwarding, the overdue and failed lists; they forward and reopen reports.
- Helpers see the forwardings of reports they may see (the report page decides that) but no
  partner links and no delivery errors.
- Partners have no account: a signed link (routing/links.py) opens exactly one forwarding.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from quartier.accounts import permissions as perms
from quartier.reports.access import reports_for_coordinator
from quartier.reports.models import Report
from quartier.routing.models import Forwarding, MailDelivery, RoutingRule


def rules_visible_to(user):
    if not perms.can_manage_routing(user):
        return RoutingRule.objects.none()
    return RoutingRule.objects.select_related(
        "category", "category__parent", "quarter", "authority"
    )


def get_report_to_forward(user, pk: int) -> Report:
    """A report the user may forward or reopen (404 for everyone else; reports decide)."""
    reports = reports_for_coordinator(user).select_related("category", "quarter")
    return get_object_or_404(reports, pk=pk)


def forwardings_for_report(user, report: Report):
    if not (perms.can_manage_reports(user) or report.reporter_id == getattr(user, "pk", None)):
        return Forwarding.objects.none()
    return (
        report.forwardings.select_related("authority", "rule", "created_by")
        .prefetch_related("answers")
        .order_by("created_at", "id")
    )


def overdue_forwardings_for(user, today):
    if not perms.can_manage_reports(user):
        return Forwarding.objects.none()
    return (
        Forwarding.objects.overdue(today)
        .select_related("report", "report__category", "report__quarter", "authority")
        .order_by("due_date", "id")
    )


def forwardings_by_ids(user, ids: list[int]) -> dict:
    """{id: forwarding} with report, category, quarter and partner, for report managers."""
    if not perms.can_manage_reports(user):
        return {}
    related = ("report", "report__category", "report__quarter", "authority")
    return Forwarding.objects.select_related(*related).in_bulk(ids)


def failed_deliveries_for(user):
    """(failed forwardings, failed e-mails) for coordinators and admins."""
    if not perms.can_manage_reports(user):
        return Forwarding.objects.none(), MailDelivery.objects.none()
    forwardings = Forwarding.objects.failed().select_related(
        "report", "report__category", "authority"
    )
    mails = MailDelivery.objects.filter(status="failed").select_related("authority")
    return forwardings, mails
