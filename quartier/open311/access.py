"""What the Open311 API may show: public categories and their reports, nothing else.

Anyone may read these (GeoReport v2 GETs need no key). Hence the rules:
- only active, public categories (and not under a non-public parent) are services;
- reports of other categories never appear, whatever the filter;
- "Menschen in Not" is never exposed, even if someone marks it public by mistake;
- no reporter, no resident, no photo, no internal note ever leaves through this module.
"""

from __future__ import annotations

import uuid

from django.db.models import Q
from django.db.models.functions import Coalesce

from quartier.reports.models import Report, ReportCategory, ReportStatusChange
from quartier.reports.publication import NEVER_EXPOSED_CODES, public_report_filter


def public_categories():
    """Categories offered as Open311 services (leaves only: a group is not a service)."""
    return (
        ReportCategory.objects.filter(is_public=True, is_active=True)
        .exclude(code__in=NEVER_EXPOSED_CODES)
        .exclude(parent__is_public=False)
        .exclude(parent__is_active=False)
        .exclude(parent__code__in=NEVER_EXPOSED_CODES)
        .exclude(children__is_active=True)
        .select_related("parent")
        .distinct()
        # Groups in their order; a category without a group sorts as its own group.
        .order_by(
            Coalesce("parent__order", "order"), Coalesce("parent__name", "name"), "order", "name"
        )
    )


def get_public_category(code: str) -> ReportCategory | None:
    return public_categories().filter(code=code).first()


def _public_report_filter(prefix: str = "") -> Q:
    return public_report_filter(prefix)


def public_reports():
    """Reports of public categories, whatever their category's active flag."""
    return Report.objects.filter(_public_report_filter()).select_related(
        "category", "category__parent"
    )


def get_public_report(pk) -> Report | None:
    return public_reports().filter(pk=pk).first()


def get_public_report_by_token(token: str) -> Report | None:
    """Requests are created at once ("realtime"); a request's token is its client id."""
    try:
        client_id = uuid.UUID(token)
    except ValueError:
        return None
    return public_reports().filter(client_id=client_id).first()


def public_updates():
    """The status history of public reports: the rows of `servicerequestupdates`."""
    return ReportStatusChange.objects.filter(_public_report_filter("report__")).select_related(
        "report"
    )
