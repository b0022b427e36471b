"""GET requests: rows, filters, the default window, paging, privacy and bad input."""

import datetime as dt

import pytest
from django.utils import timezone

from quartier.open311.tests.conftest import BASE, read
from quartier.reports.actions import record_status
from quartier.reports.models import ReportSource, ReportStatus

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def at(monkeypatch):
    """at(moment): the clock of the app (and of auto_now fields) stands at `moment`."""

    def set_clock(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_clock(NOW)
    return set_clock


def test_a_request_row_has_every_field_of_the_spec(client, make_report, at, fmt):
    at(NOW - dt.timedelta(days=1))
    report = make_report(
        address="Hardenbergstraße 3", attributes={"media_url": "https://x.example/a.jpg"}
    )
    at(NOW)
    [row] = read(client.get(f"{BASE}/requests.{fmt}"), fmt)
    assert row == {
        "service_request_id": str(report.pk),
        "status": "open",
        "status_notes": "Neu",
        "service_name": "Wilder Müll",
        "service_code": "wilder-muell",
        "description": "Sperrmüll am Gehweg",
        "agency_responsible": "GSAK",
        "service_notice": "",
        "requested_datetime": "2026-06-14T14:00:00+02:00",
        "updated_datetime": "2026-06-14T14:00:00+02:00",
        "expected_datetime": "",
        "address": "Hardenbergstraße 3",
        "address_id": "",
        "zipcode": "",
        "lat": "51.318",
        "long": "6.568",
        "media_url": "https://x.example/a.jpg",
    }


def test_coordinates_are_rounded_to_four_decimals(client, make_report, at):
    make_report(latitude=51.3187654, longitude=6.5698765)
    [row] = client.get(f"{BASE}/requests.json").json()
    assert (row["lat"], row["long"]) == (51.3188, 6.5699)


def test_non_public_categories_never_appear(client, make_report, at, fmt):
    visible = make_report()
    hidden = [make_report("menschen-in-not"), make_report("spritzen")]
    data = read(client.get(f"{BASE}/requests.{fmt}"), fmt)
    assert [r["service_request_id"] for r in data] == [str(visible.pk)]
    ids = ",".join(str(r.pk) for r in hidden)
    assert read(client.get(f"{BASE}/requests.{fmt}", {"service_request_id": ids}), fmt) == []
    response = client.get(f"{BASE}/requests.{fmt}", {"service_code": "menschen-in-not"})
    assert response.status_code == 200
    assert read(response, fmt) == []


def test_reports_for_a_resident_show_no_description_no_address_and_coarse_coordinates(
    client, make_report, at
):
    make_report(
        source=ReportSource.ON_BEHALF,
        description="Frau K. im 2. OG braucht Hilfe",
        address="Lindenstraße 7",
        latitude=51.3187654,
        longitude=6.5698765,
    )
    [row] = client.get(f"{BASE}/requests.json").json()
    assert (row["description"], row["address"]) == ("", "")
    assert (row["lat"], row["long"]) == (51.319, 6.57)
    xml = client.get(f"{BASE}/requests.xml").content.decode()
    assert "Frau K." not in xml and "Lindenstraße" not in xml


def test_default_window_is_the_last_90_days(client, make_report, at):
    at(NOW - dt.timedelta(days=91))
    make_report(description="alt")
    at(NOW - dt.timedelta(days=89))
    recent = make_report(description="neu")
    at(NOW)
    rows = client.get(f"{BASE}/requests.json").json()
    assert [r["service_request_id"] for r in rows] == [str(recent.pk)]


def test_start_and_end_date_select_a_window(client, make_report, at):
    at(NOW - dt.timedelta(days=120))
    old = make_report()
    at(NOW)
    make_report()
    rows = client.get(
        f"{BASE}/requests.json",
        {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-02-28T23:59:59+01:00"},
    ).json()
    assert [r["service_request_id"] for r in rows] == [str(old.pk)]


def test_an_offset_whose_plus_was_not_url_encoded_is_understood(client, make_report, at):
    report = make_report()
    rows = client.get(
        f"{BASE}/requests.json?start_date=2026-06-15T00:00:00 02:00&end_date=2026-06-16T00:00:00Z"
    ).json()
    assert [r["service_request_id"] for r in rows] == [str(report.pk)]


def test_service_request_id_overrides_the_other_filters(client, make_report, at):
    at(NOW - dt.timedelta(days=200))
    old = make_report()
    at(NOW)
    new = make_report()
    rows = client.get(
        f"{BASE}/requests.json",
        {"service_request_id": f"{old.pk},{new.pk},999999,abc", "status": "closed"},
    ).json()
    assert {r["service_request_id"] for r in rows} == {str(old.pk), str(new.pk)}


def test_filter_by_service_code_and_status(client, make_report, at, fmt):
    muell = make_report()
    licht = make_report("laterne", attributes={"lamp_post_number": "K-123"})
    record_status(report=muell, status=ReportStatus.RESOLVED)

    def ids(**query):
        return [
            r["service_request_id"] for r in read(client.get(f"{BASE}/requests.{fmt}", query), fmt)
        ]

    assert ids(service_code="laterne") == [str(licht.pk)]
    assert set(ids(service_code="laterne,wilder-muell")) == {str(licht.pk), str(muell.pk)}
    assert ids(status="closed") == [str(muell.pk)]
    assert ids(status="open") == [str(licht.pk)]
    assert len(ids(status="open,closed")) == 2
    assert len(ids(status="")) == 2


def test_page_and_page_size(client, make_report, at):
    reports = [make_report(description=str(i)) for i in range(5)]
    newest_first = [str(r.pk) for r in reversed(reports)]

    def page(**query):
        return [r["service_request_id"] for r in client.get(f"{BASE}/requests.json", query).json()]

    assert page(page_size="2") == newest_first[:2]
    assert page(page="2", page_size="2") == newest_first[2:4]
    assert page(page="3", page_size="2") == newest_first[4:]
    assert page(page="99", page_size="2") == []


def test_the_list_needs_a_fixed_number_of_queries(
    client, make_report, at, django_assert_max_num_queries
):
    for _ in range(15):
        make_report()
    with django_assert_max_num_queries(3):
        rows = client.get(f"{BASE}/requests.json").json()
    assert len(rows) == 15


@pytest.mark.parametrize(
    "query",
    [
        {"start_date": "yesterday"},
        {"start_date": "2026-02-30T00:00:00Z"},
        {"end_date": "2026-02-01T00:00:00"},  # no time zone
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},  # > 90 days
        {"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"},  # reversed
        {"page_size": "0"},
        {"page_size": "1001"},
        {"page_size": "-5"},
        {"page_size": "1e9"},
        {"page_size": "zehn"},
        {"page": "0"},
        {"page": "100000000000000000000"},
        {"status": "pending"},
    ],
)
def test_bad_parameters_are_a_400_in_the_spec_format(client, db, query, fmt):
    response = client.get(f"{BASE}/requests.{fmt}", query)
    assert response.status_code == 400
    [error] = read(response, fmt)
    assert error["code"] == "400"
    assert error["description"]


def test_an_unknown_service_code_filter_matches_nothing(client, make_report, at, fmt):
    report = make_report()
    response = client.get(f"{BASE}/requests.{fmt}", {"service_code": "raumschiff"})
    assert (response.status_code, read(response, fmt)) == (200, [])
    response = client.get(f"{BASE}/requests.{fmt}", {"service_code": "wilder-muell,raumschiff"})
    assert [r["service_request_id"] for r in read(response, fmt)] == [str(report.pk)]


def test_a_forwarded_request_names_the_agency_and_the_deadline(client, make_report, at, fmt):
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority

    gsak = Authority.objects.create(name="GSAK Krefeld", short_name="GSAK", emails="g@example.org")
    report = make_report()
    forwarding = forward_report(report=report, authority=gsak, actor=None)
    [row] = read(client.get(f"{BASE}/requests/{report.pk}.{fmt}"), fmt)
    assert row["agency_responsible"] == "GSAK Krefeld"
    assert row["expected_datetime"].startswith(forwarding.due_date.isoformat() + "T23:59:59")
    assert row["status"] == "open"
    assert row["status_notes"] == "Weitergeleitet"


def test_malformed_filters_are_refused_even_when_ids_override_them(client, make_report):
    report = make_report()
    for extra in ("lat=v", "updated_after=C%C2%BF", "bbox=1,2"):
        answer = client.get(f"{BASE}/requests.json?service_request_id={report.pk}&{extra}")
        assert answer.status_code == 400, extra


def test_a_far_offset_is_a_valid_moment_on_every_database(client, make_report):
    answer = client.get(f"{BASE}/requests.json?start_date=2026-06-15T00:00:00-18:19")
    assert answer.status_code == 200
    assert answer.json() == []
