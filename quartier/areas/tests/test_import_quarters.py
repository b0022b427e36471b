import json

import pytest
from django.core.management import CommandError, call_command
from pyproj import Transformer

from quartier.areas.geo import quarter_for
from quartier.areas.models import Quarter


def ring(points):
    return [[*p] for p in [*points, points[0]]]


WGS84_RING = [(6.58, 51.35), (6.60, 51.35), (6.60, 51.36), (6.58, 51.36)]


def feature(name, coords, **props):
    return {
        "type": "Feature",
        "properties": {"name": name, **props},
        "geometry": {"type": "Polygon", "coordinates": [ring(coords)]},
    }


def write(tmp_path, data):
    path = tmp_path / "quartiere.geojson"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_imports_wgs84_geojson(db, tmp_path):
    data = {
        "type": "FeatureCollection",
        "features": [feature("Inrath", WGS84_RING, stadtbezirk="Nord")],
    }
    call_command("import_quarters", write(tmp_path, data))
    quarter = Quarter.objects.get()
    assert (quarter.name, quarter.slug, quarter.stadtbezirk) == ("Inrath", "inrath", "nord")
    assert not quarter.is_demo_geometry
    assert quarter_for(51.355, 6.59) == quarter


def test_imports_epsg_25832_from_the_crs_member(db, tmp_path):
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True).transform
    utm_ring = [to_utm(lon, lat) for lon, lat in WGS84_RING]
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [feature("Cracau", utm_ring, stadtbezirk="Süd")],
    }
    call_command("import_quarters", write(tmp_path, data))
    quarter = Quarter.objects.get()
    assert quarter.stadtbezirk == "sued"
    assert quarter_for(51.355, 6.59) == quarter


def test_epsg_25832_given_on_the_command_line(db, tmp_path):
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True).transform
    data = {
        "type": "FeatureCollection",
        "features": [feature("Dießem", [to_utm(*p) for p in WGS84_RING])],
    }
    call_command("import_quarters", write(tmp_path, data), "--srid", "25832")
    assert quarter_for(51.355, 6.59).name == "Dießem"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "Kein gültiges JSON"),
        ({"type": "Feature"}, "FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "keine Flächen"),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Polygon", "coordinates": [ring(WGS84_RING)]},
                    }
                ],
            },
            "Name fehlt",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "X"},
                        "geometry": {"type": "Point", "coordinates": [6.5, 51.3]},
                    }
                ],
            },
            "Polygon",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "X"},
                        "geometry": {"type": "Polygon", "coordinates": [[[1, 2]]]},
                    }
                ],
            },
            "fehlerhaft",
        ),
        # UTM coordinates without a crs: not in Krefeld as WGS84.
        (
            {
                "type": "FeatureCollection",
                "features": [
                    feature(
                        "X",
                        [
                            (330000, 5690000),
                            (331000, 5690000),
                            (331000, 5691000),
                            (330000, 5691000),
                        ],
                    )
                ],
            },
            "nicht in Krefeld",
        ),
    ],
)
def test_malformed_geojson_gives_a_clear_error(db, tmp_path, data, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_quarters", write(tmp_path, data))
    assert not Quarter.objects.exists()


def test_one_bad_feature_imports_nothing(db, tmp_path):
    bowtie = [(6.58, 51.35), (6.60, 51.36), (6.60, 51.35), (6.58, 51.36)]
    data = {
        "type": "FeatureCollection",
        "features": [feature("Gut", WGS84_RING), feature("Kaputt", bowtie)],
    }
    with pytest.raises(CommandError, match="Fläche Nr. 2"):
        call_command("import_quarters", write(tmp_path, data))
    assert not Quarter.objects.exists()
