"""Permission-scoped reads of reports: who may see which report.

Coordinators and admins see every report. Helpers see their own reports and the reports of
their quarters (the helper's read scope for lists lives in `reports_visible_to`).
"""

from __future__ import annotations

from quartier.accounts import permissions as perms
from quartier.reports.models import Report

# --- Coordinator side: inbox, list, map, detail ------------------------------------------------


def reports_for_coordinator(user):
    """Every report for coordinators and admins (`can_manage_reports`); none for anyone else."""
    if not perms.can_manage_reports(user):
        return Report.objects.none()
    return Report.objects.all()


def may_view_report(user, report: Report) -> bool:
    """One report (e.g. its photos): coordinators/admins always; helpers their own reports and
    those in one of their quarters; nobody else."""
    if perms.can_manage_reports(user):
        return True
    if not perms.can_report(user):
        return False
    if report.reporter_id == user.pk:
        return True
    return report.quarter_id is not None and user.quarters.filter(pk=report.quarter_id).exists()
