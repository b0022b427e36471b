"""Map data for coordinators: compact, rounded, gzip, filtered, never for other roles."""

import gzip
import json

import pytest
from django.urls import reverse

from quartier.reports.actions import close_report
from quartier.reports.mapdata import STATUS_CODES
from quartier.reports.models import ReportStatus
from testkit.factories import categories, make_report

pytestmark = pytest.mark.django_db


def test_map_data_is_compact_rounded_and_compressed(client_for, coordinator, helper, quarters):
    cats = categories()
    report = make_report(helper, cats["abfall-wilder-muell"], where=(51.3180123456, 6.5680987654))
    for _ in range(20):  # GZip leaves very small bodies alone
        make_report(helper, cats["muelleimer-voll"])
    response = client_for(coordinator).get(reverse("reports:map_data"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(response.content))
    assert data["truncated"] is False
    assert len(data["points"]) == 21
    point = next(p for p in data["points"] if p[0] == report.pk)
    assert point == [
        report.pk,
        51.31801,
        6.5681,
        STATUS_CODES[ReportStatus.NEW],
        cats["abfall-wilder-muell"].pk,
    ]


def test_map_shows_open_reports_by_default_and_follows_filters(
    client_for, coordinator, helper, quarters
):
    cats = categories()
    open_report = make_report(helper, cats["abfall-wilder-muell"])
    closed = make_report(helper, cats["muelleimer-voll"])
    close_report(report=closed, reason="erledigt", actor=coordinator)
    client = client_for(coordinator)

    def ids(**params):
        response = client.get(reverse("reports:map_data"), params)
        return {point[0] for point in response.json()["points"]}

    assert ids() == {open_report.pk}
    assert ids(status="") == {open_report.pk, closed.pk}
    assert ids(status="", kategorie=cats["muelleimer-voll"].pk) == {closed.pk}


def test_coordinators_see_non_public_categories_on_their_map(
    client_for, coordinator, helper, quarters
):
    hidden = make_report(helper, categories()["problemimmobilie"])
    points = client_for(coordinator).get(reverse("reports:map_data")).json()["points"]
    assert [p[0] for p in points] == [hidden.pk]


@pytest.mark.parametrize("persona", ["helper", "privacy_officer", "outsider"])
def test_nobody_else_gets_coordinates_from_the_map_data(client_for, request, persona, helper):
    make_report(helper, categories()["problemimmobilie"])
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("reports:map_data"))
    assert response.status_code in {302, 403}
    assert b"points" not in response.content


def test_invalid_filter_on_map_data_is_a_400_with_the_reason(client_for, coordinator, quarters):
    response = client_for(coordinator).get(reverse("reports:map_data"), {"von": "gestern"})
    assert response.status_code == 400
    assert "von" in response.json()["errors"]


def test_map_page_loads_leaflet_from_static_and_tiles_only_when_configured(
    client_for, coordinator, quarters, settings
):
    client = client_for(coordinator)
    body = client.get(reverse("reports:map")).content.decode()
    assert "leaflet/leaflet.js" in body
    assert "leaflet-markercluster/leaflet.markercluster.js" in body
    assert "leaflet-markercluster/MarkerCluster.css" in body
    assert '"tileUrl": ""' in body
    assert reverse("reports:list") in body  # the list alternative
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    body = client.get(reverse("reports:map")).content.decode()
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in body


def test_map_page_loads_the_data_with_the_valid_filters_only(client_for, coordinator, quarters):
    response = client_for(coordinator).get(
        reverse("reports:map"), {"von": "gestern", "status": "new"}
    )
    config = response.context["config"]
    assert config["dataUrl"] == reverse("reports:map_data") + "?status=new"
    assert "Einige Filter sind ungültig" in response.content.decode()
