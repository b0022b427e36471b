"""Quarters and bases administered in the platform: upload a GeoJSON (WGS84 or EPSG:25832),
see a preview on a map, then save; bases through a form. Audited; admins only."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pyproj import Transformer

from quartier.areas.models import Base, Quarter
from quartier.core.models import AuditEntry

from .test_import_quarters import WGS84_RING, feature


def upload(data, name="quartiere.geojson"):
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, body, content_type="application/geo+json")


def collection(*features, **extra):
    return {"type": "FeatureCollection", "features": list(features), **extra}


def test_upload_shows_a_preview_and_saves_only_when_confirmed(client_for, admin_user):
    client = client_for(admin_user)
    before = Quarter.objects.count()
    preview = client.post(
        "/verwaltung/quartiere/pruefen/",
        {"file": upload(collection(feature("Inrath", WGS84_RING, stadtbezirk="Nord")))},
    )
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Inrath" in page and "Noch ist nichts gespeichert." in page
    assert 'id="quarter-map-data"' in page
    assert Quarter.objects.count() == before
    token = page.split('name="token" value="')[1].split('"')[0]
    client.post("/verwaltung/quartiere/speichern/", {"token": token})
    assert Quarter.objects.filter(slug="inrath", stadtbezirk="nord").exists()
    entry = AuditEntry.objects.get(
        action="quarter.import", object_id=Quarter.objects.get(slug="inrath").pk
    )
    assert entry.actor == admin_user


def test_upload_in_epsg_25832(client_for, admin_user):
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    utm = [to_utm.transform(lon, lat) for lon, lat in WGS84_RING]
    response = client_for(admin_user).post(
        "/verwaltung/quartiere/pruefen/",
        {"file": upload(collection(feature("Inrath", utm))), "srid": "25832"},
    )
    assert response.status_code == 200
    assert "Die Datei ist in Ordnung: 1 Fläche." in response.content.decode()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"kein json", "kein gültiges GeoJSON"),
        (json.dumps({"type": "Feature"}).encode(), "FeatureCollection"),
        (json.dumps(collection(feature("", WGS84_RING))).encode(), "Der Name fehlt"),
        (
            json.dumps(
                collection(feature("Weit weg", [(13.3, 52.5), (13.4, 52.5), (13.4, 52.6)]))
            ).encode(),
            "nicht in Krefeld",
        ),
    ],
)
def test_bad_files_get_a_german_error_and_change_nothing(client_for, admin_user, body, message):
    before = Quarter.objects.count()
    response = client_for(admin_user).post("/verwaltung/quartiere/pruefen/", {"file": upload(body)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Quarter.objects.count() == before


def test_a_stale_preview_saves_nothing(client_for, admin_user):
    response = client_for(admin_user).post(
        "/verwaltung/quartiere/speichern/", {"token": "erfunden"}, follow=True
    )
    assert "Die Vorschau ist abgelaufen." in response.content.decode()


def test_admin_creates_and_edits_a_base(client_for, admin_user, quarter):
    client = client_for(admin_user)
    data = {
        "name": "Nachbarschaftstreff (Beispiel)",
        "quarter": quarter.pk,
        "address": "Hardenbergstraße 1",
        "latitude": "51.318",
        "longitude": "6.568",
    }
    assert client.post("/verwaltung/stuetzpunkte/neu/", data).status_code == 302
    base = Base.objects.get(name="Nachbarschaftstreff (Beispiel)")
    assert AuditEntry.objects.filter(action="base.create", object_id=base.pk).exists()
    far = client.post(f"/verwaltung/stuetzpunkte/{base.pk}/", {**data, "latitude": "48.1"})
    assert "Dieser Ort liegt nicht in Krefeld." in far.content.decode()


@pytest.mark.parametrize("persona", ["helper", "coordinator", "privacy_officer"])
def test_only_admins_administer_quarters_and_bases(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in ("/verwaltung/quartiere/", "/verwaltung/stuetzpunkte/"):
        assert client.get(url).status_code == 403
