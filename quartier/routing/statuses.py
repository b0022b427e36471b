"""The report status model mapped to Open311 GeoReport v2 and to the mySociety extension.

new → forwarded → acknowledged → resolved (by the partner) / resolved by helper /
not responsible → (re-routed: forwarded again) / duplicate / closed with reason; reopened.
"""

from __future__ import annotations

from quartier.reports.models import OPEN_STATUSES, ReportStatus


# GeoReport v2 knows only open/closed.
def open311_status(status: str) -> str:
    return "open" if status in OPEN_STATUSES else "closed"


# mySociety's extended statuses (servicerequestupdates): what FixMyStreet understands.
MYSOCIETY_STATUS = {
    ReportStatus.NEW: "OPEN",
    ReportStatus.FORWARDED: "INVESTIGATING",
    ReportStatus.ACKNOWLEDGED: "ACTION_SCHEDULED",
    ReportStatus.RESOLVED: "FIXED",
    ReportStatus.RESOLVED_BY_HELPER: "FIXED",
    ReportStatus.NOT_RESPONSIBLE: "NOT_COUNCILS_RESPONSIBILITY",
    ReportStatus.REOPENED: "REOPEN",
    ReportStatus.DUPLICATE: "DUPLICATE",
    ReportStatus.CLOSED: "NO_FURTHER_ACTION",
}

# The reverse direction, for updates a partner sends through Open311: which answer it means.
MYSOCIETY_TO_ANSWER = {
    "IN_PROGRESS": "acknowledged",
    "ACTION_SCHEDULED": "acknowledged",
    "INVESTIGATING": "acknowledged",
    "FIXED": "resolved",
    "CLOSED": "resolved",
    "NO_FURTHER_ACTION": "resolved",
    "NOT_COUNCILS_RESPONSIBILITY": "not_responsible",
    "INTERNAL_REFERRAL": "not_responsible",
}


def mysociety_status(status: str) -> str:
    return MYSOCIETY_STATUS.get(status, "OPEN")
