"""Reads and pure helpers for routing (no writes): what a report lacks, who to tell, links."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from quartier.accounts.models import Role, User
from quartier.reports.models import Report


def missing_required_attributes(report: Report) -> list[str]:
    """Labels of required category fields (e.g. the lamp-post number) the report lacks."""
    return [
        attribute.get("label") or attribute.get("code", "")
        for attribute in report.category.attributes
        if attribute.get("required")
        and not str(report.attributes.get(attribute.get("code"), "")).strip()
    ]


def report_link(report: Report) -> str:
    """The report's detail page, or the forwarding page until the detail page exists."""

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


def max_attempts() -> int:
    return settings.ROUTING_MAX_DELIVERY_ATTEMPTS
