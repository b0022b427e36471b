"""What a read costs: fixed queries, no model instances per row, conditional GETs (304)."""

import pytest
from django.db.models.signals import post_init

from quartier.open311.tests.conftest import BASE, read
from quartier.reports.models import Report, ReportCategory
from quartier.routing.actions import forward_report
from quartier.routing.models import Authority, Forwarding


@pytest.fixture
def instances():
    """The number of model instances built while the block runs, by model."""
    built: dict[str, int] = {}

    def count(sender, **kwargs):
        built[sender.__name__] = built.get(sender.__name__, 0) + 1

    post_init.connect(count)
    yield built
    post_init.disconnect(count)


@pytest.fixture
def forwarded_reports(make_report):
    gsak = Authority.objects.create(name="GSAK Krefeld", short_name="GSAK", emails="g@example.org")
    reports = [make_report(description=str(i)) for i in range(12)]
    for report in reports[:6]:
        forward_report(report=report, authority=gsak, actor=None)
    return reports


def test_the_list_builds_no_model_instances_per_row(client, forwarded_reports, instances, fmt):
    rows = read(client.get(f"{BASE}/requests.{fmt}"), fmt)
    assert len(rows) == 12
    assert sum(row["agency_responsible"] == "GSAK Krefeld" for row in rows) == 6
    assert instances.get("Report", 0) == 0
    assert instances.get("ReportCategory", 0) == 0
    assert instances.get("Forwarding", 0) == 0


def test_list_and_detail_need_two_queries_whatever_the_rows(
    client, forwarded_reports, django_assert_num_queries
):
    with django_assert_num_queries(2):
        assert len(client.get(f"{BASE}/requests.json").json()) == 12
    with django_assert_num_queries(2):
        rows = client.get(f"{BASE}/requests/{forwarded_reports[0].pk}.json").json()
    assert rows[0]["agency_responsible"] == "GSAK Krefeld"
    assert rows[0]["status_notes"] == "Weitergeleitet"


def test_status_notes_are_the_german_labels(client, make_report):
    report = make_report()
    [row] = client.get(f"{BASE}/requests/{report.pk}.json").json()
    assert row["status_notes"] == "Neu"
    assert Forwarding.objects.count() == 0


@pytest.mark.parametrize("path", ["services.json", "services.xml", "requests.json"])
def test_an_unchanged_answer_is_a_304_without_body(client, make_report, path):
    make_report()
    first = client.get(f"{BASE}/{path}")
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(f"{BASE}/{path}", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_changed_answer_is_sent_again(client, make_report, categories):
    make_report()
    etag = client.get(f"{BASE}/requests.json")["ETag"]
    make_report(description="Noch ein Sperrmüllhaufen")
    changed = client.get(f"{BASE}/requests.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert len(changed.json()) == 2
    services_etag = client.get(f"{BASE}/services.json")["ETag"]
    ReportCategory.objects.filter(code="wilder-muell").update(name="Illegaler Müll")
    renamed = client.get(f"{BASE}/services.json", headers={"If-None-Match": services_etag})
    assert renamed.status_code == 200
    assert "Illegaler Müll" in renamed.content.decode()


def test_head_answers_304_too(client, make_report):
    make_report()
    etag = client.get(f"{BASE}/requests.json")["ETag"]
    head = client.head(f"{BASE}/requests.json", headers={"If-None-Match": etag})
    assert head.status_code == 304
    assert head.content == b""


def test_errors_carry_no_etag(client, db):
    response = client.get(f"{BASE}/requests/999999.json")
    assert response.status_code == 404
    assert not response.has_header("ETag")
    assert Report.objects.count() == 0
