"""Hotspots: N reports of a category within R metres in D days become one place with history.

Detection runs on a schedule and after a report is submitted; a new report near an active
hotspot of its category is linked to it (see docs/adr for why this lives in operations).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.areas.geo import distance_m, locate
from quartier.core.audit import audit
from quartier.core.kept_queries import KeptQuery
from quartier.operations.actions.errors import OperationsError
from quartier.operations.models import Hotspot, HotspotReport, HotspotRule
from quartier.reports.models import Report, ReportStatus


def _candidates(rule: HotspotRule, now) -> list[Report]:
    since = now - dt.timedelta(days=rule.window_days)
    linked = HotspotReport.objects.filter(hotspot__resolved_at__isnull=True).values("report")
    return list(
        Report.objects.in_category(rule.category)
        .filter(created_at__gte=since)
        .exclude(status=ReportStatus.DUPLICATE)
        .exclude(pk__in=linked)
        .order_by("created_at", "id")
    )


def _cluster(reports: list[Report], radius_m: int, min_reports: int) -> list[list[Report]]:
    """Greedy clusters: the report with the most neighbours first, its neighbours taken."""
    left = list(reports)
    clusters = []
    while left:
        best_near: list[Report] = []
        for report in left:
            near = [
                other
                for other in left
                if distance_m(report.latitude, report.longitude, other.latitude, other.longitude)
                <= radius_m
            ]
            if len(near) > len(best_near):
                best_near = near
        if len(best_near) < min_reports:
            break
        clusters.append(best_near)
        left = [r for r in left if r not in best_near]
    return clusters


def _create_hotspot(rule: HotspotRule, reports: list[Report]) -> Hotspot:
    lat = sum(r.latitude for r in reports) / len(reports)
    lon = sum(r.longitude for r in reports) / len(reports)
    address = next((r.address for r in reversed(reports) if r.address), "")
    hotspot = Hotspot.objects.create(
        rule=rule,
        category=rule.category,
        quarter_id=locate(lat, lon).quarter_id,
        latitude=lat,
        longitude=lon,
        radius_m=rule.radius_m,
        address=address,
        suggestion=rule.suggestion,
        authority=rule.authority,
    )
    HotspotReport.objects.bulk_create([HotspotReport(hotspot=hotspot, report=r) for r in reports])
    audit(None, "hotspot.detect", hotspot)
    return hotspot


def detect_hotspots(*, now=None) -> list[Hotspot]:
    """Link new reports to active hotspots, then turn new clusters into hotspots."""
    now = now or timezone.now()
    created = []
    with transaction.atomic():
        for rule in HotspotRule.objects.filter(is_active=True).select_related("category"):
            candidates = _candidates(rule, now)
            remaining = [r for r in candidates if not _link(r, rule.category_id)]
            for cluster in _cluster(remaining, rule.radius_m, rule.min_reports):
                created.append(_create_hotspot(rule, cluster))
    return created


def _nearby(report: Report, hotspots) -> Hotspot | None:
    """The first of `hotspots` whose circle holds the report."""
    for hotspot in hotspots:
        if (
            distance_m(report.latitude, report.longitude, hotspot.latitude, hotspot.longitude)
            <= hotspot.radius_m
        ):
            return hotspot
    return None


def _join(report: Report, hotspot: Hotspot) -> None:
    _created = HotspotReport.objects.get_or_create(hotspot=hotspot, report=report)
    audit(None, "hotspot.link_report", hotspot)


def _link(report: Report, category_id: int) -> bool:
    hotspot = _nearby(report, Hotspot.objects.active().filter(category_id=category_id))
    if hotspot is not None:
        _join(report, hotspot)
    return hotspot is not None


# Asked on every new report: kept queries (`core.kept_queries`).
_FIELDS = [field.attname for field in Hotspot._meta.concrete_fields]
_ACTIVE = KeptQuery(
    lambda ids: Hotspot.objects.active().filter(category_id__in=ids).values(*_FIELDS)
)
_RULES = KeptQuery(
    lambda ids: HotspotRule.objects.filter(category_id__in=ids, is_active=True).values("id")[:1]
)


def link_report_to_hotspots(*, report: Report) -> bool:
    """Link a new report to an active hotspot of its category nearby (else of its parent
    category), or try to form one. One query for both categories' hotspots."""
    categories = [report.category_id]
    if report.category.parent_id:
        categories.append(report.category.parent_id)
    active = _ACTIVE.instances(Hotspot, ids=categories)
    for category_id in categories:
        hotspot = _nearby(report, [h for h in active if h.category_id == category_id])
        if hotspot is not None:
            with transaction.atomic():
                _join(report, hotspot)
            return True
    if _RULES.rows(ids=categories):
        return bool(detect_hotspots())
    return False


def resolve_hotspot(*, actor, hotspot: Hotspot, now=None) -> Hotspot:
    with transaction.atomic():
        if hotspot.resolved_at is None:
            hotspot.resolved_at = now or timezone.now()
            hotspot.save(update_fields=["resolved_at"])
            audit(actor, "hotspot.resolve", hotspot)
    return hotspot


def set_hotspot_rule(
    *,
    actor,
    category,
    min_reports: int,
    radius_m: int,
    window_days: int,
    suggestion: str = "",
    authority=None,
    is_active: bool = True,
) -> HotspotRule:
    """Create or change the hotspot parameters of one category."""
    if min_reports < 2:
        raise OperationsError(_("Mindestens zwei Meldungen."), "min_reports")
    if not 5 <= radius_m <= 1000:
        raise OperationsError(_("Umkreis zwischen 5 und 1000 m."), "radius_m")
    if not 1 <= window_days <= 365:
        raise OperationsError(_("Zeitraum zwischen 1 und 365 Tagen."), "window_days")
    with transaction.atomic():
        rule, _created = HotspotRule.objects.update_or_create(
            category=category,
            defaults={
                "min_reports": min_reports,
                "radius_m": radius_m,
                "window_days": window_days,
                "suggestion": suggestion,
                "authority": authority,
                "is_active": is_active,
            },
        )
        audit(actor, "hotspot_rule.set", rule)
    return rule
