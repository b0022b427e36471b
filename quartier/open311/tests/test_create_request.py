"""POST requests: api_key, service code, location, attributes, media_url and bad input."""

import pytest

from quartier.core.models import AuditEntry
from quartier.open311.tests.conftest import BASE, read
from quartier.reports.models import Report, ReportSource, ReportStatus
from quartier.routing.actions import revoke_api_key
from quartier.routing.models import ApiClient


def post(client, fmt, **form):
    return client.post(f"{BASE}/requests.{fmt}", form)


def test_a_partner_creates_a_request_and_gets_its_id(client, valid, fmt):
    response = post(client, fmt, **valid, jurisdiction_id="krefeld.de")
    assert response.status_code == 200
    [row] = read(response, fmt)
    report = Report.objects.get(pk=row["service_request_id"])
    assert row == {"service_request_id": str(report.pk), "service_notice": "", "account_id": ""}
    assert report.source == ReportSource.OPEN311
    assert report.status == ReportStatus.NEW
    assert report.reporter is None
    assert report.quarter.slug == "hardenbergviertel"
    assert report.description == "Matratzen an der Ecke"
    assert AuditEntry.objects.filter(action="report.submit", object_id=str(report.pk)).exists()
    # ... and it is visible at once
    [shown] = client.get(f"{BASE}/requests/{report.pk}.json").json()
    assert shown["service_code"] == "wilder-muell"


def test_personal_fields_are_accepted_and_discarded(client, valid):
    personal = {
        "email": "anna@example.org",
        "first_name": "Anna",
        "last_name": "Muster",
        "phone": "0151 1234567",
        "device_id": "dev-1",
        "account_id": "acc-1",
    }
    response = post(client, "json", **valid, **personal)
    report = Report.objects.get(pk=response.json()[0]["service_request_id"])
    stored = str(report.__dict__) + str(report.attributes)
    for value in personal.values():
        assert value not in stored


def test_html_in_the_description_is_removed(client, valid):
    valid["description"] = "<b>Müll</b><script>alert(1)</script> am Zaun"
    response = post(client, "json", **valid)
    report = Report.objects.get(pk=response.json()[0]["service_request_id"])
    assert "<" not in report.description and "Müll" in report.description


def test_media_url_is_stored_and_shown_but_not_fetched(client, valid, fmt):
    response = post(client, fmt, **valid, media_url="https://fotos.example.org/1.jpg")
    request_id = read(response, fmt)[0]["service_request_id"]
    [row] = read(client.get(f"{BASE}/requests/{request_id}.{fmt}"), fmt)
    assert row["media_url"] == "https://fotos.example.org/1.jpg"


def test_required_attributes_and_list_values(client, valid, fmt):
    valid["service_code"] = "laterne"
    missing = post(client, fmt, **valid)
    assert missing.status_code == 400
    assert "lamp_post_number" in read(missing, fmt)[0]["description"]
    wrong = post(
        client, fmt, **valid, **{"attribute[lamp_post_number]": "K-1", "attribute[art]": "x"}
    )
    assert wrong.status_code == 400
    ok = post(
        client,
        fmt,
        **valid,
        **{"attribute[lamp_post_number]": "K-1", "attribute[art]": "aus", "attribute[x]": "egal"},
    )
    assert ok.status_code == 200
    report = Report.objects.get(pk=read(ok, fmt)[0]["service_request_id"])
    assert report.attributes == {"lamp_post_number": "K-1", "art": "aus"}


@pytest.mark.parametrize("address", ["hardenbergstraße 10", "Hardenbergstraße 10, 47799 Krefeld"])
def test_a_known_place_can_be_given_as_address_string(client, valid, fmt, address):
    del valid["lat"], valid["long"]
    response = post(client, fmt, **valid, address_string=address)
    assert response.status_code == 200, response.content
    report = Report.objects.get(pk=read(response, fmt)[0]["service_request_id"])
    assert (report.latitude, report.longitude) == (51.3180, 6.5680)


@pytest.mark.parametrize(
    "change, status, words",
    [
        ({"api_key": ""}, 403, "api_key"),
        ({"api_key": "falsch"}, 403, "api_key"),
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "raumschiff"}, 404, "raumschiff"),
        ({"service_code": "menschen-in-not"}, 404, "menschen-in-not"),
        ({"service_code": "alt"}, 404, "alt"),
        ({"jurisdiction_id": "bonn.de"}, 404, "jurisdiction_id"),
        ({"lat": "", "long": ""}, 400, "location"),
        ({"long": ""}, 400, "together"),
        ({"lat": "nord"}, 400, "lat"),
        ({"lat": "nan"}, 400, "lat"),
        ({"lat": "95"}, 400, "lat"),
        ({"lat": "52.52", "long": "13.40"}, 400, "outside Krefeld"),
        ({"lat": "", "long": "", "address_string": "Irgendwo 1"}, 400, "address register"),
        ({"lat": "", "long": "", "address_id": "4711"}, 400, "address_id"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"description": "x" * 4001}, 400, "description"),
    ],
)
def test_bad_input_is_refused_with_the_spec_error(client, valid, fmt, change, status, words):
    valid.update(change)
    response = post(client, fmt, **valid)
    assert response.status_code == status
    [error] = read(response, fmt)
    assert error["code"] == str(status)
    assert words in error["description"]
    assert not Report.objects.exists()


def test_a_revoked_key_is_refused(client, valid):
    revoke_api_key(actor=None, client=ApiClient.objects.get())
    assert post(client, "json", **valid).status_code == 403


def test_partner_systems_post_without_csrf_token_or_session(valid):
    from urllib.parse import urlencode

    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"{BASE}/requests.json",
        urlencode(valid),
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert response.status_code == 200
    [row] = response.json()
    report = Report.objects.get(pk=row["service_request_id"])
    assert report.source == ReportSource.OPEN311
    assert report.description == "Matratzen an der Ecke"


def test_control_characters_never_break_the_xml(client, valid):
    valid["description"] = "Glas\x01scherben\x0b am Weg"
    request_id = post(client, "json", **valid).json()[0]["service_request_id"]
    [row] = read(client.get(f"{BASE}/requests/{request_id}.xml"), "xml")
    assert row["description"] == "Glasscherben am Weg"


def test_the_api_key_may_also_come_in_the_query_string(client, valid):
    key = valid.pop("api_key")
    response = client.post(f"{BASE}/requests.json?api_key={key}", valid)
    assert response.status_code == 200
    [row] = response.json()
    report = Report.objects.get(pk=row["service_request_id"])
    assert report.source == ReportSource.OPEN311
    assert report.category.code == "wilder-muell"
    assert AuditEntry.objects.filter(action="report.submit", object_id=str(report.pk)).exists()
