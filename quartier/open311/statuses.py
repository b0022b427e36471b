"""Report statuses in Open311 terms and partners' Open311 statuses in ours.

The mapping of our statuses to GeoReport v2 `open`/`closed` and to the mySociety extended
statuses lives in `routing.statuses` (one table for the whole platform); this module adds
what the Open311 interface needs on top: the full list of extended statuses, how each one
a partner sends becomes an answer to its forwarding, and which report status it means when
the report was not forwarded to that partner. docs/open311.md has the table.
"""

from __future__ import annotations

from quartier.reports.models import ReportStatus
from quartier.routing.models import AnswerKind
from quartier.routing.statuses import (
    ANSWER_TO_REPORT_STATUS,
    MYSOCIETY_TO_ANSWER,
    mysociety_status,
    open311_status,
)

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

# A partner's status -> its answer to the forwarding. "Received" states mean taken over;
# the rest (DUPLICATE, CANCELLED, REOPEN) reach the coordinators as a comment.
ANSWER_KINDS = {
    "OPEN": AnswerKind.ACKNOWLEDGED,
    "FOR_TRIAGE": AnswerKind.ACKNOWLEDGED,
    **{status: AnswerKind(kind) for status, kind in MYSOCIETY_TO_ANSWER.items()},
}

# Without a forwarding (a partner system updating a report directly): the report status.
INBOUND = {
    **{status: ANSWER_TO_REPORT_STATUS[kind] for status, kind in ANSWER_KINDS.items()},
    "DUPLICATE": ReportStatus.DUPLICATE,
    "CANCELLED": ReportStatus.CLOSED,
    "REOPEN": ReportStatus.REOPENED,
}


def basic_status(status: str) -> str:
    """`open` or `closed`, as GeoReport v2 says."""
    return open311_status(status)


def extended_status(status: str) -> str:
    return mysociety_status(status)


def normalise_status(value: str) -> str | None:
    """`in progress`, `Fixed`, `closed` -> the extended status, or None if unknown."""
    key = (value or "").strip().upper().replace(" ", "_").replace("-", "_")
    return key if key in INBOUND else None
