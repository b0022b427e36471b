"""An independent Open311 client (`georeport` from PyPI) against our server on loopback.

The client is someone else's reading of GeoReport v2: it builds its own URLs, parses JSON
with requests and XML with xmltodict. It runs against a real server (pytest-django's
live_server, a threaded WSGI server on 127.0.0.1) with real data.
"""

import pytest
from georeport import GeoReport

from quartier.open311.tests.conftest import LAT, LON


@pytest.fixture
def reports(transactional_db, categories, make_report):
    litter = make_report(description="Sperrmüll am Gehweg", address="Hardenbergstraße 3")
    lamp = make_report("laterne", attributes={"lamp_post_number": "K-4711"})
    return litter, lamp


@pytest.fixture(params=["json", "xml"])
def georeport(request, live_server):
    return GeoReport(
        f"{live_server.url}/open311/v2/", jurisdiction="krefeld.de", output_format=request.param
    )


def test_the_client_reads_the_service_list_and_a_definition(georeport, reports):
    services = georeport.get_service_list()
    assert [s["service_code"] for s in services] == ["wilder-muell", "laterne"]
    assert services[0]["service_name"] == "Wilder Müll"
    definition = georeport.get_service_definition("laterne")
    attributes = definition["attributes"]
    if georeport.output_format == "xml":
        attributes = attributes["attribute"]
    codes = [a["code"] for a in attributes]
    assert codes == ["lamp_post_number", "art"]


def test_the_client_reads_requests_with_filters_and_one_by_id(georeport, reports):
    litter, lamp = reports
    rows = georeport.get_service_requests()
    assert {r["service_request_id"] for r in rows} == {str(litter.pk), str(lamp.pk)}
    [only] = _as_list(georeport.get_service_requests(service_code="wilder-muell", status="open"))
    assert only["service_request_id"] == str(litter.pk)
    assert only["address"] == "Hardenbergstraße 3"
    assert float(only["lat"]) == round(LAT, 4) and float(only["long"]) == round(LON, 4)
    one = georeport.get_service_request(str(lamp.pk))
    assert one["service_code"] == "laterne"
    assert one["status"] == "open"


def test_an_empty_window_is_an_empty_list(georeport, reports):
    window = {"start_date": "2000-01-01T00:00:00Z", "end_date": "2000-02-01T00:00:00Z"}
    if georeport.output_format == "json":
        assert georeport.get_service_requests(**window) == []
        return
    # georeport 0.3.1 cannot read an empty XML list (xmltodict turns <service_requests/> into
    # None and the client indexes into it); the answer itself is the empty root element.
    import requests

    response = requests.get(f"{georeport.root_address}/requests.xml", params=window, timeout=10)
    assert response.status_code == 200
    assert response.content.endswith(b"<service_requests />")


def test_unknown_resources_raise_the_clients_http_error(georeport, reports):
    import requests

    with pytest.raises(requests.HTTPError) as error:
        georeport.get_service_definition("raumschiff")
    assert error.value.response.status_code == 404


def _as_list(value):
    """xmltodict gives a dict for one element, None for none; JSON always a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
