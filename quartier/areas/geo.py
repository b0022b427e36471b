"""Geometry helpers: which quarter a point lies in, distances, GeoJSON validation.

Geometry is plain shapely on GeoJSON (no GDAL, see docs/adr/0002-geometry-without-gdal.md).
Prepared polygons are cached per process and rebuilt when a quarter is added, changed or
removed (their ids and `updated_at`, read for each point).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from shapely import prepare
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from quartier.core.kept_queries import KeptQuery

# Krefeld's city area with a small margin (WGS84). Points outside are rejected.
KREFELD_BOUNDS = {"south": 51.26, "north": 51.43, "west": 6.46, "east": 6.72}
KREFELD_CENTRE = (51.3331, 6.5623)  # Rathaus / Von-der-Leyen-Platz


class GeometryError(ValueError):
    """GeoJSON that cannot be used as a quarter's area."""


def in_krefeld(lat: float, lon: float) -> bool:
    b = KREFELD_BOUNDS
    return b["south"] <= lat <= b["north"] and b["west"] <= lon <= b["east"]


@dataclass(frozen=True)
class Location:
    """Where a point lies: a quarter, outside the programme quarters, or outside Krefeld."""

    quarter_id: int | None
    in_krefeld: bool

    @property
    def outside_programme_quarters(self) -> bool:
        return self.in_krefeld and self.quarter_id is None


_cache: dict = {"key": None, "shapes": []}


def _versions():
    from quartier.areas.models import Quarter

    return Quarter.objects.order_by("id").values("id", "updated_at")


# Asked for every located point: a kept query (`core.kept_queries`).
_VERSIONS = KeptQuery(_versions)


def _shapes() -> list[tuple[int, BaseGeometry]]:
    from quartier.areas.models import Quarter

    key = tuple((row["id"], row["updated_at"]) for row in _VERSIONS.rows())
    if _cache["key"] != key:
        shapes = []
        for pk, geometry in Quarter.objects.values_list("id", "geometry"):
            geom = shape(geometry)
            prepare(geom)
            shapes.append((pk, geom))
        _cache.update(key=key, shapes=shapes)
    return _cache["shapes"]


def locate(lat: float, lon: float) -> Location:
    if not in_krefeld(lat, lon):
        return Location(quarter_id=None, in_krefeld=False)
    point = Point(lon, lat)
    for pk, geom in _shapes():
        if geom.covers(point):
            return Location(quarter_id=pk, in_krefeld=True)
    return Location(quarter_id=None, in_krefeld=True)


def quarter_for(lat: float, lon: float):
    """The `Quarter` containing the point, or None (outside programme quarters or Krefeld)."""
    from quartier.areas.models import Quarter

    location = locate(lat, lon)
    return Quarter.objects.get(pk=location.quarter_id) if location.quarter_id else None


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) around a point: a cheap pre-filter before distance_m."""
    dlat = radius_m / 111_320.0
    dlon = radius_m / (111_320.0 * math.cos(math.radians(lat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def validate_area(geometry: dict) -> BaseGeometry:
    """Check a GeoJSON geometry for use as a quarter (WGS84, polygonal, valid, in Krefeld)."""
    if not isinstance(geometry, dict) or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        raise GeometryError(_("Die Fläche muss ein GeoJSON-Polygon oder -MultiPolygon sein."))
    try:
        geom = shape(geometry)
    except Exception as exc:
        raise GeometryError(_("Die Koordinaten der Fläche sind fehlerhaft.")) from exc
    if geom.is_empty or not geom.is_valid:
        raise GeometryError(_("Die Fläche ist leer oder überschneidet sich selbst."))
    c = geom.centroid
    if not in_krefeld(c.y, c.x):
        raise GeometryError(_("Die Fläche liegt nicht in Krefeld (falsches Koordinatensystem?)."))
    return geom
