"""Selbst erledigt: one tap, recorded as work done, never forwarded."""

from quartier.reports.models import Report, ReportStatus

API = "/meldungen/neu/senden/"


def test_selbst_erledigt_records_the_work_with_the_bags(client_for, helper, capture_data):
    response = client_for(helper).post(API, capture_data(resolved_by_helper="on", bags_count=3))
    assert response.status_code == 201
    assert "Selbst erledigt" in response.json()["message"]
    report = Report.objects.get()
    assert report.resolved_by_helper is True
    assert report.bags_count == 3
    assert report.status == ReportStatus.RESOLVED_BY_HELPER
    assert not report.is_open  # nothing to forward


def test_bags_are_ignored_on_a_normal_report(client_for, helper, capture_data):
    client_for(helper).post(API, capture_data(bags_count=3))
    report = Report.objects.get()
    assert report.resolved_by_helper is False
    assert report.bags_count is None
    assert report.status == ReportStatus.NEW


def test_negative_bag_count_gets_a_message(client_for, helper, capture_data):
    response = client_for(helper).post(API, capture_data(resolved_by_helper="on", bags_count=-1))
    assert response.status_code == 400
    assert "bags_count" in response.json()["errors"]
