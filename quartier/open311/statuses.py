"""Our report statuses in Open311 terms, and partners' statuses in ours.

GeoReport v2 knows only `open` and `closed`; the mySociety extension (used by FixMyStreet and
many city back offices) adds the extended statuses below. docs/open311.md has the table.
"""

from __future__ import annotations

from quartier.reports.models import OPEN_STATUSES, ReportStatus

EXTENDED_STATUSES = (
    "OPEN",
    "CLOSED",
    "FIXED",
    "IN_PROGRESS",
    "ACTION_SCHEDULED",
    "INVESTIGATING",
    "DUPLICATE",
    "NOT_COUNCILS_RESPONSIBILITY",
    "NO_FURTHER_ACTION",
    "INTERNAL_REFERRAL",
    "FOR_TRIAGE",
    "CANCELLED",
    "REOPEN",
)

# Our status -> the extended status we publish.
OUTBOUND = {
    ReportStatus.NEW: "OPEN",
    ReportStatus.FORWARDED: "ACTION_SCHEDULED",
    ReportStatus.ACKNOWLEDGED: "IN_PROGRESS",
    ReportStatus.RESOLVED: "FIXED",
    ReportStatus.RESOLVED_BY_HELPER: "FIXED",
    # The partner said "not ours": the report is back with the coordinators for triage.
    ReportStatus.NOT_RESPONSIBLE: "FOR_TRIAGE",
    ReportStatus.REOPENED: "REOPEN",
    ReportStatus.DUPLICATE: "DUPLICATE",
    ReportStatus.CLOSED: "CLOSED",
}

# A partner's extended status -> our status. Every "we are working on it" state means the
# partner has taken the report over.
INBOUND = {
    "OPEN": ReportStatus.ACKNOWLEDGED,
    "IN_PROGRESS": ReportStatus.ACKNOWLEDGED,
    "ACTION_SCHEDULED": ReportStatus.ACKNOWLEDGED,
    "INVESTIGATING": ReportStatus.ACKNOWLEDGED,
    "FOR_TRIAGE": ReportStatus.ACKNOWLEDGED,
    "INTERNAL_REFERRAL": ReportStatus.ACKNOWLEDGED,
    "FIXED": ReportStatus.RESOLVED,
    "CLOSED": ReportStatus.CLOSED,
    "NO_FURTHER_ACTION": ReportStatus.CLOSED,
    "CANCELLED": ReportStatus.CLOSED,
    "DUPLICATE": ReportStatus.DUPLICATE,
    "NOT_COUNCILS_RESPONSIBILITY": ReportStatus.NOT_RESPONSIBLE,
    "REOPEN": ReportStatus.REOPENED,
}


def basic_status(status: str) -> str:
    """`open` or `closed`, as GeoReport v2 says."""
    return "open" if status in OPEN_STATUSES else "closed"


def extended_status(status: str) -> str:
    return OUTBOUND.get(status, "OPEN")
