"""import_addresses: official address points from CSV and GeoJSON, all or nothing."""

import json

import pytest
from django.core.management import CommandError, call_command
from pyproj import Transformer

from quartier.areas import addresses
from quartier.areas.models import AddressImport, AddressPoint
from quartier.core.models import AuditEntry

TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
# Three houses near the Hardenbergviertel (WGS84)
HOUSES = [
    ("Hardenbergstraße", "1", "", 51.31800, 6.56700),
    ("Hardenbergstraße", "3", "a", 51.31805, 6.56730),
    ("Südwall", "12", "", 51.32650, 6.56200),
]


def nrw_csv() -> str:
    """The column names of NRW's Hauskoordinaten, UTM coordinates with decimal commas."""
    lines = ["NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;STN;HNR;ADZ;EAST;NORTH;PLZ;ONM"]
    for street, number, suffix, lat, lon in HOUSES:
        east, north = TO_UTM.transform(lon, lat)
        e, n = f"{east:.3f}".replace(".", ","), f"{north:.3f}".replace(".", ",")
        lines.append(f"N;DENW1;A;05;1;14;000;Süd;{street};{number};{suffix};{e};{n};47799;Krefeld")
    return "\n".join(lines) + "\n"


def geojson(crs=None, project=False) -> dict:
    features = []
    for street, number, suffix, lat, lon in HOUSES:
        point = list(TO_UTM.transform(lon, lat)) if project else [lon, lat]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": point},
                "properties": {"strasse": street, "hausnummer": number + suffix, "plz": "47799"},
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    return collection


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_nrw_csv_in_utm_is_imported(db, tmp_path):
    call_command("import_addresses", write(tmp_path, "hk_krefeld.csv", nrw_csv()))
    assert AddressPoint.objects.count() == 3
    point = AddressPoint.objects.get(street="Hardenbergstraße", house_number="3a")
    assert (round(point.latitude, 5), round(point.longitude, 5)) == (51.31805, 6.5673)
    assert (point.postcode, point.street_key) == ("47799", "hardenbergstrasse")
    batch = AddressImport.objects.get()
    assert (batch.source, batch.points, batch.is_demo) == ("hk_krefeld.csv", 3, False)
    assert AuditEntry.objects.filter(action="areas.addresses.import").exists()
    assert addresses.resolve("Hardenbergstr. 3a").house_number == "3a"


@pytest.mark.parametrize(
    "collection",
    [geojson(), geojson(crs="urn:ogc:def:crs:EPSG::25832", project=True)],
    ids=["wgs84", "utm-crs-member"],
)
def test_geojson_in_wgs84_or_utm_is_imported(db, tmp_path, collection):
    call_command("import_addresses", write(tmp_path, "a.geojson", json.dumps(collection)))
    point = AddressPoint.objects.get(street="Südwall")
    assert (round(point.latitude, 4), round(point.longitude, 4)) == (51.3265, 6.562)


def test_utm_geojson_without_crs_member_needs_srid(db, tmp_path):
    path = write(tmp_path, "a.geojson", json.dumps(geojson(project=True)))
    with pytest.raises(CommandError, match="nicht in Krefeld"):
        call_command("import_addresses", path)
    call_command("import_addresses", path, "--srid", "25832")
    assert AddressPoint.objects.count() == 3


@pytest.mark.parametrize(
    "text, words",
    [
        ("strasse;hausnummer;lat;lon\nHardenbergstraße;1;51.318;6.567\n;2;51.3;6.5\n", "Straße"),
        ("strasse;hausnummer;lat;lon\nHardenbergstraße;1;abc;6.567\n", "Eintrag 1"),
        ("strasse;hausnummer;lat;lon\nHardenbergstraße;1;52.52;13.40\n", "nicht in Krefeld"),
        ("strasse;hausnummer\nHardenbergstraße;1\n", "Koordinaten"),
        ("strasse;hausnummer;lat;lon\n", "keine Adressen"),
    ],
)
def test_a_bad_file_imports_nothing_and_keeps_the_old_register(db, tmp_path, text, words):
    call_command("import_addresses", write(tmp_path, "ok.csv", nrw_csv()))
    with pytest.raises(CommandError, match=words):
        call_command("import_addresses", write(tmp_path, "bad.csv", text))
    assert AddressPoint.objects.count() == 3
    assert AddressImport.objects.count() == 1


def test_a_new_import_replaces_the_register_and_the_index(db, tmp_path):
    call_command("import_addresses", write(tmp_path, "a.csv", nrw_csv()))
    assert addresses.resolve("Südwall 12") is not None
    only_one = "strasse;hausnummer;lat;lon\nOstwall;50;51.3300;6.5680\n"
    call_command("import_addresses", write(tmp_path, "b.csv", only_one))
    assert addresses.resolve("Südwall 12") is None
    assert addresses.resolve("Ostwall 50").label == "Ostwall 50, Krefeld"


def test_unreadable_or_broken_files_are_clear_errors(db, tmp_path):
    with pytest.raises(CommandError, match="nicht lesbar"):
        call_command("import_addresses", str(tmp_path / "fehlt.csv"))
    with pytest.raises(CommandError, match="JSON"):
        call_command("import_addresses", write(tmp_path, "x.geojson", "{kaputt"))
    with pytest.raises(CommandError, match="FeatureCollection"):
        call_command("import_addresses", write(tmp_path, "x.json", "[]"))
