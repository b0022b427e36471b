"""Permission-scoped reads of reports: the one place that decides who sees which report.

- Helpers see the reports they filed themselves (any status) and the open reports of the
  quarters they work in.
- Coordinators and admins see every report.
- Privacy officers, inactive and anonymous users see none (no case content by default).
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404

from quartier.accounts import permissions as perms
from quartier.accounts.models import Role
from quartier.reports.models import OPEN_STATUSES, Report, ReportPhoto


def reports_visible_to(user):
    """A `Report` queryset with exactly the reports `user` may see."""
    if perms.has_role(user, Role.COORDINATOR, Role.ADMIN):
        return Report.objects.all()
    if perms.has_role(user, Role.HELPER):
        own_quarters = user.quarters.values("pk")
        return Report.objects.filter(
            Q(reporter=user) | Q(quarter__in=own_quarters, status__in=OPEN_STATUSES)
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
