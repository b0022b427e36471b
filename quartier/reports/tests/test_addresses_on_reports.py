"""The address register on reports: suggestions, a typed address without GPS, the nearest
address for reports with GPS (inbox)."""

import pytest

from quartier.areas.addresses import resolve
from quartier.areas.demo_addresses import demo_rows
from quartier.areas.demo_addresses import load as load_demo_addresses
from quartier.reports.actions import submit_report
from quartier.reports.models import Report

PAGE = "/meldungen/neu/"
SUGGEST = "/meldungen/adressen/"


@pytest.fixture
def register(db):
    load_demo_addresses()


def house(street, number):
    [row] = [r for r in demo_rows() if r.street == street and r.house_number == number]
    return row


def test_suggestions_are_a_small_cached_json_answer(client_for, helper, register):
    response = client_for(helper).get(SUGGEST, {"q": "Hardenbergstr 12"})
    assert response.status_code == 200
    assert "max-age=86400" in response["Cache-Control"] and "private" in response["Cache-Control"]
    [first] = response.json()["results"]
    row = house("Hardenbergstraße", "12")
    assert first == {
        "label": "Hardenbergstraße 12, 47799 Krefeld",
        "lat": round(row.latitude, 6),
        "lon": round(row.longitude, 6),
        "accuracy_m": 10,
    }
    assert len(response.content) < 400
    assert client_for(helper).get(SUGGEST, {"q": "Ha"}).json() == {"results": []}


def test_suggestions_need_an_account_that_reports(client, client_for, privacy_officer, register):
    assert client.get(SUGGEST, {"q": "Harden"}).status_code == 302
    assert client_for(privacy_officer).get(SUGGEST, {"q": "Harden"}).status_code == 403


def test_a_typed_address_without_gps_is_placed_at_the_house(
    client_for, helper, capture_data, register
):
    data = capture_data(latitude=None, longitude=None, accuracy=None, address="hardenbergstr 12")
    assert client_for(helper).post(PAGE, data).status_code == 302
    report = Report.objects.get()
    row = house("Hardenbergstraße", "12")
    assert (report.latitude, report.longitude) == (row.latitude, row.longitude)
    assert report.address == "Hardenbergstraße 12, 47799 Krefeld"
    assert report.accuracy_m == 10
    assert report.quarter.slug == "hardenbergviertel"


def test_a_street_without_number_is_its_middle_with_a_coarse_accuracy(
    client_for, helper, capture_data, register
):
    data = capture_data(latitude=None, longitude=None, accuracy=None, address="Josefstrasse")
    assert client_for(helper).post(PAGE, data).status_code == 302
    report = Report.objects.get()
    street = resolve("Josefstraße")
    assert (report.latitude, report.longitude) == (street.latitude, street.longitude)
    assert report.accuracy_m == street.accuracy_m >= 100


def test_a_report_with_gps_gets_the_nearest_address_and_its_distance(helper, litter, register):
    row = house("Hardenbergstraße", "12")
    report, _ = submit_report(
        reporter=helper, category=litter, latitude=row.latitude + 0.0003, longitude=row.longitude
    )
    assert report.nearest_address == "Hardenbergstraße 12"
    assert 25 <= report.nearest_address_m <= 40
    assert report.place.startswith("bei Hardenbergstraße 12 (ca. ")
    typed, _ = submit_report(
        reporter=helper,
        category=litter,
        latitude=row.latitude,
        longitude=row.longitude,
        address="Am Kiosk",
    )
    assert typed.place == "Am Kiosk"
    exact, _ = submit_report(
        reporter=helper, category=litter, latitude=row.latitude, longitude=row.longitude
    )
    assert exact.place == "Hardenbergstraße 12"


def test_the_inbox_shows_the_nearest_address(client_for, coordinator, helper, litter, register):
    row = house("Ostwall", "50")
    submit_report(reporter=helper, category=litter, latitude=row.latitude, longitude=row.longitude)
    html = client_for(coordinator).get("/meldungen/eingang/").content.decode()
    assert '<span class="place">Ostwall 50</span>' in html


def test_reports_made_before_the_register_get_their_nearest_address_later(helper, litter):
    from django.core.management import call_command

    row = house("Josefstraße", "5")
    report, _ = submit_report(
        reporter=helper, category=litter, latitude=row.latitude, longitude=row.longitude
    )
    far, _ = submit_report(reporter=helper, category=litter, latitude=51.40, longitude=6.50)
    assert report.nearest_address == ""
    load_demo_addresses()
    call_command("fill_nearest_addresses")
    report.refresh_from_db()
    far.refresh_from_db()
    assert (report.nearest_address, report.nearest_address_m) == ("Josefstraße 5", 0)
    assert far.nearest_address == ""
