"""What the Open311 API may show: public categories and their reports, nothing else.

Anyone may read these (GeoReport v2 GETs need no key). Hence the rules:
- only active, public categories (and not under a non-public parent) are services;
- reports of other categories never appear, whatever the filter;
- "Menschen in Not" is never exposed, even if someone marks it public by mistake;
- no reporter, no resident, no photo, no internal note ever leaves through this module.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from quartier.core.kept_queries import KeptQuery
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


# What a service row needs of a category (`serializers.service_row`).
SERVICE_FIELDS = (
    "code",
    "name",
    "description",
    "keywords",
    "attributes",
    "extra_groups",
    "parent_id",
    "parent__name",
)
_SERVICES = KeptQuery(lambda: public_categories().values(*SERVICE_FIELDS))


def public_services() -> list[SimpleNamespace]:
    """`public_categories()` as light objects with the fields of `SERVICE_FIELDS` (and
    `parent.name`): one kept query, no model instances."""
    return [
        SimpleNamespace(**row, parent=SimpleNamespace(name=row["parent__name"]))
        for row in _SERVICES.rows()
    ]


def _offered(category: ReportCategory, *, has_active_children: bool) -> bool:
    """The rules of `public_categories` for one category (with its parent loaded)."""
    parent = category.parent
    for group in (category, parent) if parent else (category,):
        if not (group.is_public and group.is_active) or group.code in NEVER_EXPOSED_CODES:
            return False
    return not has_active_children


_FIELDS = [field.attname for field in ReportCategory._meta.concrete_fields]


def _by_code(code: str):
    children = ReportCategory.objects.filter(parent=OuterRef("pk"), is_active=True)
    return (
        ReportCategory.objects.filter(code=code)
        .annotate(has_active_children=Exists(children))
        .values(*_FIELDS, *(f"parent__{name}" for name in _FIELDS), "has_active_children")
    )


_BY_CODE = KeptQuery(_by_code)


def _category(row: dict, prefix: str = "") -> ReportCategory:
    values = [row[prefix + name] for name in _FIELDS]
    return ReportCategory.from_db(DEFAULT_DB_ALIAS, _FIELDS, values)


def get_public_category(code: str) -> ReportCategory | None:
    """One service by its code, its parent loaded (one kept query; cheaper than filtering
    the list)."""
    rows = _BY_CODE.rows(code=code)
    if not rows:
        return None
    category = _category(rows[0])
    category.parent = _category(rows[0], "parent__") if category.parent_id else None
    if not _offered(category, has_active_children=rows[0]["has_active_children"]):
        return None
    return category


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
