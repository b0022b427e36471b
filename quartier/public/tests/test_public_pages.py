"""The public transparency pages: what they show, what they must never show, and caching."""

import pathlib

import pytest
from django.core.cache import cache

from quartier.reports.models import ReportCategory, ReportPhoto, ReportSource
from quartier.stats.tests import known_data

URL = "/transparenz/"


@pytest.fixture
def data(quarters, helper):
    cache.clear()
    found = known_data.load(quarters)
    hb = found["hb"]
    people, _ = ReportCategory.objects.get_or_create(
        code="menschen-in-not", defaults={"name": "Menschen in Not"}
    )
    people.is_public = True  # by mistake: still never shown
    people.save()
    known_data.report(people, known_data.at(2025, 6, 6), hb, description="Frau liegt im Hausflur")
    secret_parent = ReportCategory.objects.create(code="intern-x", name="Intern", is_public=False)
    hidden = ReportCategory.objects.create(code="intern-sub", name="Interne Sache",
                                           parent=secret_parent, is_public=True)  # fmt: skip
    known_data.report(hidden, known_data.at(2025, 6, 7), hb, description="Nur intern")
    resident = known_data.report(
        found["muell"], known_data.at(2025, 6, 8), hb, source=ReportSource.ON_BEHALF,
        description="Für Frau Beispiel, Haustür links", reporter=helper,
    )  # fmt: skip
    resident.latitude, resident.longitude = 51.3398765, 6.5698765
    resident.save(update_fields=["latitude", "longitude"])
    ReportPhoto.objects.create(report=resident, image="reports/x.jpg", thumbnail="reports/x_t.jpg")
    return found


def page_text(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def test_lists_public_reports_with_what_happened(client, data):
    _response, html = page_text(client)
    assert "Wilder Müll" in html and "Graffiti" in html
    assert "an GSAK weitergeleitet am 01.04.2025" in html
    assert "erledigt am 05.04.2025" in html


def test_never_shows_people_internal_categories_residents_or_photos(client, data, helper):
    _response, html = page_text(client)
    people = ReportCategory.objects.get(code="menschen-in-not")
    for forbidden in [
        people.name, "Frau liegt", "Spritzenfund", "Spritze im", "Interne Sache",
        "Nur intern", "Frau Beispiel", "Haustür", "Sperrmüll", "Lewerentzstraße",
        helper.username, ".jpg", "/media/", "foto", "51.3398765", "51.3399", "6.5699",
    ]:  # fmt: skip
        assert forbidden not in html, forbidden
    main = html.split("<main")[1].split("</main>")[0]
    assert "<img" not in main
    assert "51.34, 6.57" in html  # reported for a resident: to 3 decimals
    assert "51.3301, 6.5612" in html  # others to 4, as Open311


def test_shows_the_same_reports_as_open311(client, data):
    _response, html = page_text(client)
    window = {"start_date": "2025-04-01T00:00:00Z", "end_date": "2025-06-29T00:00:00Z"}
    api = client.get("/open311/v2/requests.json", window)
    assert api.status_code == 200
    ids = {row["service_request_id"] for row in api.json()}
    assert len(ids) >= 10
    for number in ids:
        assert f"Meldung {number}," in html


def test_is_cacheable_with_an_etag(client, data):
    response, _html = page_text(client)
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get(URL, HTTP_IF_NONE_MATCH='"alt"').status_code == 200


def test_needs_no_login_and_sets_no_session(client, data):
    response, _html = page_text(client)
    assert "sessionid" not in response.cookies


def test_quarter_page_in_german_and_simple_language(client, data):
    _response, html = page_text(client, "/transparenz/quartier/hardenbergviertel/")
    assert "Quartiershelfer*innen im Hardenbergviertel" in html
    assert "Öffnungszeiten" in html or "Stützpunkt" in html
    assert "Einfacher Sprache" in html
    _response, simple = page_text(client, "/transparenz/quartier/hardenbergviertel/einfach/")
    assert "Die Hilfe kostet nichts." in simple
    assert "Frau Beispiel" not in simple and "Menschen in Not" not in simple


def test_a_renamed_quarter_keeps_its_figures(client, data):
    quarter = data["hb"]
    quarter.name = "Hardenberg-Viertel"
    quarter.geometry = {"type": "Polygon", "coordinates": [[[6.55, 51.32], [6.57, 51.32],
                        [6.57, 51.34], [6.55, 51.34], [6.55, 51.32]]]}  # fmt: skip
    quarter.save()
    _response, html = page_text(client, "/transparenz/quartier/hardenbergviertel/")
    assert "Hardenberg-Viertel" in html


@pytest.mark.parametrize("url", ["/transparenz/?seite=abc", "/transparenz/?seite=0",
                                 "/transparenz/quartier/gibt-es-nicht/"])  # fmt: skip
def test_bad_input_is_a_404_not_a_crash(client, quarters, url):
    assert client.get(url).status_code == 404


def test_the_public_app_never_imports_residents():
    for path in pathlib.Path(__file__).parents[1].rglob("*.py"):
        text = path.read_text()
        assert "quartier.resid" + "ents" not in text, path
        assert "from quartier import resid" + "ents" not in text, path
