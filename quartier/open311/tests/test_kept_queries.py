"""Kept queries: compiled once, the same rows as the queryset, and a safe way back."""

import datetime as dt

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.http import QueryDict
from django.utils import timezone

from quartier.core.kept_queries import KeptQuery
from quartier.open311 import service_requests
from quartier.open311.access import public_categories, public_reports, public_services
from quartier.open311.serializers import service_row
from quartier.open311.tests.conftest import BASE
from quartier.reports.models import Report
from quartier.routing.actions import forward_report
from quartier.routing.models import Authority


@pytest.fixture
def compiled(monkeypatch):
    """How many queries Django compiles while the block runs."""
    count = {"n": 0}
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        count["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    return count


@pytest.fixture
def reports(make_report):
    gsak = Authority.objects.create(name="GSAK Krefeld", short_name="GSAK", emails="g@example.org")
    made = [make_report(description=f"Haufen {i}") for i in range(8)]
    for report in made[:3]:
        forward_report(report=report, authority=gsak, actor=None)
    return made


def test_the_answers_asked_for_most_compile_no_query_when_asked_again(
    client, reports, compiled, fmt
):
    paths = [
        f"{BASE}/services.{fmt}",
        f"{BASE}/requests/{reports[0].pk}.{fmt}",
        f"{BASE}/requests.{fmt}?page_size=5",
        f"{BASE}/requests.{fmt}",
    ]
    first = [client.get(path).content for path in paths]
    compiled["n"] = 0
    assert [client.get(path).content for path in paths] == first
    assert compiled["n"] == 0


def test_kept_rows_equal_the_querysets_rows(reports):
    now = timezone.now()
    for text in ["", "page_size=3", "page=2&page_size=3", "page=9&page_size=3"]:
        query = QueryDict(text)
        expected = service_requests.report_rows(service_requests.find_requests(query, now=now))
        assert service_requests.request_list_rows(query, now=now) == expected
    for report in reports:
        expected = service_requests.report_rows(public_reports().filter(pk=report.pk))
        assert service_requests.request_detail_rows(str(report.pk)) == expected
    assert [service_row(c) for c in public_services()] == [
        service_row(c) for c in public_categories()
    ]


def test_a_filtered_list_takes_the_querysets_way(client, reports):
    rows = client.get(f"{BASE}/requests.json?service_code=wilder-muell&page_size=2").json()
    assert [row["description"] for row in rows] == ["Haufen 7", "Haufen 6"]


def test_list_and_datetime_parameters_of_any_length(reports):
    kept = KeptQuery(
        lambda ids, since: (
            Report.objects.filter(pk__in=ids, created_at__gte=since)
            .order_by("id")
            .values("id", "created_at", "attributes")
        )
    )
    since = timezone.now() - dt.timedelta(days=1)
    for chosen in (reports[:1], reports[2:5], reports):
        ids = [report.pk for report in chosen]
        expected = list(
            Report.objects.filter(pk__in=ids, created_at__gte=since)
            .order_by("id")
            .values("id", "created_at", "attributes")
        )
        assert kept.rows(ids=ids, since=since) == expected
    later = timezone.now() + dt.timedelta(days=1)
    assert kept.rows(ids=[reports[0].pk], since=later) == []


def test_a_value_written_into_the_sql_falls_back_to_the_queryset(reports):
    # A slice's bounds are written into the SQL text, not passed as parameters.
    kept = KeptQuery(lambda n: Report.objects.order_by("id").values("id")[:n])
    assert kept.rows(n=2) == [{"id": reports[0].pk}, {"id": reports[1].pk}]
    assert kept.rows(n=3) == [{"id": r.pk} for r in reports[:3]]


def test_a_second_post_compiles_no_select(client, api_client_key, categories, compiled):
    form = {"api_key": api_client_key, "service_code": "wilder-muell", "lat": "51.318012"}
    form.update({"long": "6.568034", "description": "Sperrmüll"})
    assert client.post(f"{BASE}/requests.json", form).status_code == 200
    compiled["n"] = 0
    response = client.post(f"{BASE}/requests.json", form)
    assert response.status_code == 200
    assert compiled["n"] == 0  # key, service, quarters, hotspots: kept; only INSERTs compiled
    assert Report.objects.count() == 2
