"""Every status has an Open311 meaning in both directions."""

import pytest

from quartier.open311.statuses import (
    ANSWER_KINDS,
    EXTENDED_STATUSES,
    INBOUND,
    basic_status,
    extended_status,
    normalise_status,
)
from quartier.reports.models import ReportStatus


@pytest.mark.parametrize("status", list(ReportStatus))
def test_every_report_status_is_published_as_a_known_status(status):
    assert basic_status(status) in {"open", "closed"}
    assert extended_status(status) in EXTENDED_STATUSES


def test_every_extended_status_a_partner_sends_means_something():
    assert set(INBOUND) == set(EXTENDED_STATUSES)
    assert set(ANSWER_KINDS) <= set(EXTENDED_STATUSES)


@pytest.mark.parametrize(
    "sent, expected",
    [
        ("FIXED", "FIXED"),
        ("in progress", "IN_PROGRESS"),
        ("closed", "CLOSED"),
        ("open", "OPEN"),
        ("not-councils-responsibility", "NOT_COUNCILS_RESPONSIBILITY"),
        ("erledigt", None),
        ("", None),
    ],
)
def test_partner_statuses_are_read_leniently(sent, expected):
    assert normalise_status(sent) == expected


def test_the_published_statuses_round_trip_to_the_same_report_status():
    for status in [ReportStatus.RESOLVED, ReportStatus.DUPLICATE, ReportStatus.REOPENED]:
        assert INBOUND[extended_status(status)] == status
