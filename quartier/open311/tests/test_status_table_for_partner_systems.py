"""A partner system's status update without a forwarding sets the report's status only where
the status table allows it (docs/reports-coordinator.md); otherwise a 400 in the API's error
format, and the report and its history stay as they were."""

import pytest

from quartier.open311.tests.conftest import BASE, read
from quartier.reports.actions import record_status
from quartier.reports.models import ReportStatus


def post_update(client, fmt, **form):
    return client.post(f"{BASE}/servicerequestupdates.{fmt}", form)


@pytest.mark.parametrize(
    ("current", "sent"),
    [
        (ReportStatus.NEW, "REOPEN"),  # only a done request can be reopened
        (ReportStatus.CLOSED, "FIXED"),  # a closed request is reopened first
        (ReportStatus.DUPLICATE, "REOPEN"),  # a duplicate stays one
        (ReportStatus.NOT_RESPONSIBLE, "IN_PROGRESS"),  # the coordinators decide now
    ],
)
def test_a_status_the_table_refuses_is_a_400_and_changes_nothing(
    client, make_report, api_client_key, fmt, current, sent
):
    report = make_report()
    if current != ReportStatus.NEW:
        record_status(report=report, status=current)
    rows = report.history.count()
    form = {"api_key": api_client_key, "service_request_id": str(report.pk), "status": sent}
    response = post_update(client, fmt, **form)
    assert response.status_code == 400
    [error] = read(response, fmt)
    assert error["code"] == "400"
    assert f"status {sent} cannot follow" in error["description"]
    report.refresh_from_db()
    assert report.status == current
    assert report.history.count() == rows


def test_a_done_request_is_reopened_and_then_resolved_again(client, make_report, api_client_key):
    report = make_report()
    form = {"api_key": api_client_key, "service_request_id": str(report.pk)}
    for sent, expected in [
        ("FIXED", ReportStatus.RESOLVED),
        ("REOPEN", ReportStatus.REOPENED),
        ("IN_PROGRESS", ReportStatus.ACKNOWLEDGED),
        ("FIXED", ReportStatus.RESOLVED),
    ]:
        assert post_update(client, "json", **form, status=sent).status_code == 200
        report.refresh_from_db()
        assert report.status == expected
    assert list(report.history.values_list("status", flat=True)) == [
        ReportStatus.NEW,
        ReportStatus.RESOLVED,
        ReportStatus.REOPENED,
        ReportStatus.ACKNOWLEDGED,
        ReportStatus.RESOLVED,
    ]
