"""Every report status maps to Open311 open/closed and to a mySociety extended status."""

from quartier.reports.models import ReportStatus
from quartier.routing.models import AnswerKind
from quartier.routing.statuses import (
    MYSOCIETY_TO_ANSWER,
    mysociety_status,
    open311_status,
)


def test_every_status_has_both_mappings():
    for status in ReportStatus:
        assert open311_status(status) in {"open", "closed"}
        assert mysociety_status(status).isupper()


def test_partner_answers_and_open311_agree():
    assert open311_status(ReportStatus.FORWARDED) == "open"
    assert open311_status(ReportStatus.NOT_RESPONSIBLE) == "open"  # back to the coordinator
    assert open311_status(ReportStatus.RESOLVED) == "closed"
    assert mysociety_status(ReportStatus.NOT_RESPONSIBLE) == "NOT_COUNCILS_RESPONSIBILITY"
    assert set(MYSOCIETY_TO_ANSWER.values()) <= set(AnswerKind.values)
