"""Permission-scoped reads of reports: the one place that decides who sees which report.

- Helpers see the reports they filed themselves (any status) and the open reports of the
  quarters they work in.
- Coordinators and admins see every report.
- Privacy officers, inactive and anonymous users see none (no case content by default).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from quartier.accounts import permissions as perms
from quartier.accounts.models import Role
from quartier.areas.geo import distance_m
from quartier.reports.models import OPEN_STATUSES, Report, ReportPhoto, ReportStatus


def reports_visible_to(user):
    """A `Report` queryset with exactly the reports `user` may see."""
    if perms.has_role(user, Role.COORDINATOR, Role.ADMIN):
        return Report.objects.all()
    if perms.has_role(user, Role.HELPER):
        own_quarters = user.quarters.values("pk")
        return Report.objects.filter(
            Q(reporter=user)
            | Q(assigned_to=user)
            | Q(quarter__in=own_quarters, status__in=OPEN_STATUSES)
        )
    return Report.objects.none()


def get_report_for(user, pk):
    """The report with `pk` if `user` may see it, else Http404."""
    return get_object_or_404(reports_visible_to(user), pk=pk)


def get_photo_for(user, pk):
    """A photo of a report `user` may see, else Http404 (photos are never public files)."""
    return get_object_or_404(
        ReportPhoto.objects.filter(report__in=reports_visible_to(user)).select_related("report"),
        pk=pk,
    )


DUPLICATE_RADIUS_M = 50
DUPLICATE_WINDOW = timedelta(weeks=8)


def duplicate_candidates_for(user, *, now=None):
    """Reports a person may be shown as "already reported here?" before sending.

    Everything `reports_visible_to(user)` holds, plus, for helpers, reports of the last eight
    weeks in their quarters whatever their status (a colleague's finished report may be the
    same problem again).
    """
    since = (now or timezone.now()) - DUPLICATE_WINDOW
    visible = reports_visible_to(user)
    if perms.has_role(user, Role.HELPER):
        recent_in_quarters = Report.objects.filter(
            quarter__in=user.quarters.values("pk"), created_at__gte=since
        )
        return Report.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=recent_in_quarters))
    return visible


def nearby_duplicates(user, *, category, latitude, longitude, now=None) -> list:
    """Same category, within 50 m, still open or from the last 8 weeks; nearest first.

    Each report gets a `distance_m` attribute.
    """
    since = (now or timezone.now()) - DUPLICATE_WINDOW
    candidates = (
        duplicate_candidates_for(user, now=now)
        .filter(category=category)
        .exclude(status=ReportStatus.DUPLICATE)
        .open_or_since(since)
        .near(latitude, longitude, DUPLICATE_RADIUS_M)
        .select_related("category")
        .prefetch_related("photos")[:50]
    )
    found = []
    for report in candidates:
        report.distance_m = distance_m(latitude, longitude, report.latitude, report.longitude)
        if report.distance_m <= DUPLICATE_RADIUS_M:
            found.append(report)
    return sorted(found, key=lambda r: r.distance_m)


# --- Coordinator side: inbox, list, map, detail ------------------------------------------------


def reports_for_coordinator(user):
    """Every report for coordinators and admins (`can_manage_reports`); none for anyone else."""
    if not perms.can_manage_reports(user):
        return Report.objects.none()
    return Report.objects.all()


def may_view_report(user, report: Report) -> bool:
    """Whether `user` may see this one report (same rule as `reports_visible_to`)."""
    return reports_visible_to(user).filter(pk=report.pk).exists()


def reports_assigned_to(user):
    """Open reports a coordinator gave to `user` (e.g. a helper's "Nachkontrolle")."""
    if not perms.can_report(user):
        return Report.objects.none()
    return Report.objects.open().filter(assigned_to=user).for_listing().order_by("created_at")
