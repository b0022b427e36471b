"""One state machine: record_status checks the transition table and writes a history row."""

import pytest

from quartier.reports import transitions
from quartier.reports.actions import record_status
from quartier.reports.models import ReportStatus
from quartier.reports.transitions import TransitionError
from testkit.factories import categories, make_report

S = ReportStatus


@pytest.fixture
def report(helper):
    return make_report(helper, categories()["abfall-wilder-muell"])


def test_every_change_is_checked_and_becomes_a_history_row(report, coordinator):
    before = report.history.count()
    record_status(report=report, status=S.ACKNOWLEDGED, actor=coordinator, note="übernommen")
    record_status(report=report, status=S.CLOSED, actor=coordinator, note="erledigt")
    report.refresh_from_db()
    assert report.status == S.CLOSED
    assert list(report.history.values_list("status", flat=True))[before:] == [
        S.ACKNOWLEDGED,
        S.CLOSED,
    ]


@pytest.mark.parametrize(
    ("start", "refused"),
    [
        (S.CLOSED, S.FORWARDED),  # a closed report is reopened before it is forwarded again
        (S.RESOLVED, S.NEW),  # NEW is only ever the first status
        (S.FORWARDED, S.RESOLVED_BY_HELPER),  # only when the helper fixed it on the spot
    ],
)
def test_a_change_the_table_does_not_allow_is_refused_and_leaves_no_trace(
    report, coordinator, start, refused
):
    report.status = start
    report.save(update_fields=["status"])
    rows = report.history.count()
    with pytest.raises(TransitionError, match="nicht vorgesehen"):
        record_status(report=report, status=refused, actor=coordinator)
    report.refresh_from_db()
    assert report.status == start
    assert report.history.count() == rows


def test_the_check_uses_the_stored_status_not_a_stale_copy(report, coordinator):
    stale = type(report).objects.get(pk=report.pk)
    record_status(report=report, status=S.CLOSED, actor=coordinator, note="erledigt")
    with pytest.raises(TransitionError):
        record_status(report=stale, status=S.FORWARDED, actor=coordinator)


def test_keeping_the_status_is_always_allowed():
    for status in S.values:
        assert transitions.allowed(status, status)
    assert not any(transitions.allowed(status, S.NEW) for status in S.values if status != S.NEW)
