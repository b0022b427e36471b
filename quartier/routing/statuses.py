"""Every status mapping of the platform, in one module: report statuses to Open311
GeoReport v2 and the mySociety extension, and a partner's answer to the forwarding's and the
report's status (used by routing's partner page and by the Open311 interface alike).

new → forwarded → acknowledged → resolved (by the partner) / resolved by helper /
not responsible → (re-routed: forwarded again) / duplicate / closed with reason; reopened.
"""

from __future__ import annotations

from quartier.reports.models import OPEN_STATUSES, ReportStatus
from quartier.routing.models import AnswerKind, ForwardingStatus

# A partner's answer -> the forwarding's and the report's new status (comments change none).
ANSWER_TO_FORWARDING_STATUS: dict[str, str] = {
    AnswerKind.ACKNOWLEDGED: ForwardingStatus.ACKNOWLEDGED,
    AnswerKind.RESOLVED: ForwardingStatus.RESOLVED,
    AnswerKind.NOT_RESPONSIBLE: ForwardingStatus.NOT_RESPONSIBLE,
}
ANSWER_TO_REPORT_STATUS: dict[str, str] = {
    AnswerKind.ACKNOWLEDGED: ReportStatus.ACKNOWLEDGED,
    AnswerKind.RESOLVED: ReportStatus.RESOLVED,
    AnswerKind.NOT_RESPONSIBLE: ReportStatus.NOT_RESPONSIBLE,
}


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
