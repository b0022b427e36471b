"""Kept answers (open311.answer_cache) and the API's short middleware path.

Outside a transaction (as in production) a public read is kept while the data is unchanged:
served again without a query of the answer's own, built anew after any write or when the
default 90-day window moves past its oldest report.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.open311 import answer_cache
from quartier.open311.service_requests import window_expiry
from quartier.open311.tests.conftest import BASE


@pytest.fixture(autouse=True)
def empty_cache():
    answer_cache.clear()
    yield
    answer_cache.clear()


def kept_answer(client, url):
    """The answer served from the cache: at most the data-version query, never the answer's.

    PostgreSQL's version is the cluster's snapshot, so a commit in another database of the
    same cluster (a parallel test run) renews the answer once in a while: then ask again."""
    for _attempt in range(5):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        if len(queries) <= 1:
            return again
    raise AssertionError(f"{url} was built again every time ({len(queries)} queries)")


@pytest.mark.parametrize("path", ["services.json", "requests.json", "requests.xml"])
def test_an_unchanged_answer_is_kept_and_a_write_renews_it(
    transactional_db, client, make_report, path
):
    make_report()
    first = client.get(f"{BASE}/{path}")
    again = kept_answer(client, f"{BASE}/{path}")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    make_report(description="Noch ein Sperrmüllhaufen")
    renewed = client.get(f"{BASE}/requests.json").json()
    assert [row["description"] for row in renewed][:1] == ["Noch ein Sperrmüllhaufen"]


def test_a_kept_answer_still_answers_if_none_match_with_304(transactional_db, client, make_report):
    make_report()
    etag = client.get(f"{BASE}/requests.json")["ETag"]
    assert client.get(f"{BASE}/requests.json")["ETag"] == etag
    again = client.get(f"{BASE}/requests.json", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_status_change_renews_the_single_request(transactional_db, client, make_report):
    report = make_report()
    assert client.get(f"{BASE}/requests/{report.pk}.json").json()[0]["status"] == "open"
    report.__class__.objects.filter(pk=report.pk).update(status="resolved")
    assert client.get(f"{BASE}/requests/{report.pk}.json").json()[0]["status"] == "closed"


def test_errors_are_not_kept(transactional_db, client, make_report):
    assert client.get(f"{BASE}/requests/999999.json").status_code == 404
    report = make_report()
    assert client.get(f"{BASE}/requests/{report.pk}.json").status_code == 200


def test_an_answer_expires_when_its_oldest_report_leaves_the_window(
    transactional_db, client, make_report, monkeypatch, django_assert_max_num_queries
):
    report = make_report()
    client.get(f"{BASE}/requests.json")
    created = timezone.localtime(report.created_at).replace(microsecond=0)
    leaves = (created + dt.timedelta(days=90)).timestamp()
    monkeypatch.setattr(answer_cache.time, "time", lambda: leaves + 1)
    with django_assert_max_num_queries(10) as queries:
        client.get(f"{BASE}/requests.json")
    assert len(queries) > 1  # built again, not the kept answer


def test_window_expiry_only_for_the_default_window():
    rows = [{"requested_datetime": "2026-11-30T12:00:00+01:00"}]
    expected = dt.datetime(2027, 2, 28, 12, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert window_expiry({}, rows) == expected.timestamp()
    assert window_expiry({"start_date": "2026-11-01"}, rows) is None
    assert window_expiry({"service_request_id": "1,2"}, rows) is None
    assert window_expiry({}, []) is None


def test_without_the_cache_every_read_is_built(
    transactional_db, client, make_report, settings, django_assert_max_num_queries
):
    settings.OPEN311_ANSWER_CACHE = False
    make_report()
    client.get(f"{BASE}/requests.json")
    with django_assert_max_num_queries(10) as queries:
        client.get(f"{BASE}/requests.json")
    assert len(queries) >= 2


def test_inside_a_transaction_nothing_is_kept(client, make_report, django_assert_num_queries):
    make_report()
    client.get(f"{BASE}/requests.json")
    with django_assert_num_queries(2):
        client.get(f"{BASE}/requests.json")


def test_the_api_takes_the_short_path_without_session_or_cookies(db, client, categories):
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert not hasattr(response.wsgi_request, "session")
    page = client.get("/accounts/login/")
    assert hasattr(page.wsgi_request, "session")
    assert "csrftoken" in page.cookies
