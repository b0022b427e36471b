"""What a POST costs: a fixed number of queries, and still everything a new report needs."""

from django.utils import timezone

from quartier.core.models import AuditEntry
from quartier.open311.tests.conftest import BASE
from quartier.reports.models import Report, ReportStatusChange
from quartier.stats.models import StaleMonth

# Key, service (and whether it has children), quarters' version, report, its month's
# statistics mark, first history row, audit entry, hotspots nearby, hotspot rules, and the
# transaction (a savepoint inside the test's own transaction). It was 20 before.
POST_QUERIES = 10


def test_a_post_needs_a_fixed_number_of_queries(client, valid, django_assert_max_num_queries):
    client.post(f"{BASE}/requests.json", valid)  # the quarters' shapes are loaded once
    with django_assert_max_num_queries(POST_QUERIES):
        response = client.post(f"{BASE}/requests.json", valid)
    assert response.status_code == 200
    report = Report.objects.get(pk=response.json()[0]["service_request_id"])
    assert report.quarter.slug == "hardenbergviertel"
    assert ReportStatusChange.objects.filter(report=report).count() == 1
    assert AuditEntry.objects.filter(action="report.submit", object_id=str(report.pk)).exists()


def test_a_post_marks_its_month_for_the_statistics_once(client, valid):
    StaleMonth.objects.all().delete()
    response = client.post(f"{BASE}/requests.json", valid)
    report = Report.objects.get(pk=response.json()[0]["service_request_id"])
    marks = list(StaleMonth.objects.values_list("subject", "month"))
    assert marks == [("reports", timezone.localdate(report.created_at).replace(day=1))]


def test_a_post_with_a_client_id_is_still_answered_once(client, valid):
    valid["client_request_id"] = "partner-4711"
    first = client.post(f"{BASE}/requests.json", valid).json()
    again = client.post(f"{BASE}/requests.json", valid).json()
    assert first[0]["service_request_id"] == again[0]["service_request_id"]
    assert Report.objects.count() == 1
