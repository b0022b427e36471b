"""Reading official address points from CSV or GeoJSON (EPSG:25832 or WGS84).

NRW publishes its "Hauskoordinaten" (ALKIS address points) with columns such as `STN`
(street), `HNR` (number), `ADZ` (suffix), `PLZ`, `ONM`/`OTT` (locality) and `EAST`/`NORTH`
(UTM zone 32, EPSG:25832). Other exports name them `strasse`, `hausnummer`, `plz`, `x`/`y`
or `lat`/`lon`; all of these are understood (case-insensitive). The whole file is checked
first: any bad row is an `AddressFileError` listing the rows, and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pyproj import Transformer

from quartier.areas.actions import detect_srid
from quartier.areas.geo import in_krefeld

MAX_ERRORS = 20
COLUMNS = {
    "street": ("stn", "strasse", "straße", "street", "str", "strassenname", "strname"),
    "number": ("hnr", "hausnummer", "house_number", "housenumber", "hausnr", "nr"),
    "suffix": ("adz", "hausnummerzusatz", "zusatz", "suffix", "adressierungszusatz"),
    "postcode": ("plz", "postleitzahl", "postcode", "zip"),
    "locality": ("ott", "ortsteil", "onm", "ort", "locality", "gemeinde"),
    "east": ("east", "ostwert", "rechtswert", "x", "easting", "utm_e"),
    "north": ("north", "nordwert", "hochwert", "y", "northing", "utm_n"),
    "lat": ("lat", "latitude", "breite", "breitengrad"),
    "lon": ("lon", "lng", "long", "longitude", "laenge", "länge", "laengengrad"),
}


class AddressFileError(ValueError):
    """The file cannot be imported; `errors` lists what is wrong (row by row)."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class AddressRow:
    street: str
    house_number: str
    postcode: str
    locality: str
    latitude: float
    longitude: float


def _pick(record: dict, name: str) -> str:
    for column in COLUMNS[name]:
        value = record.get(column)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _number(text: str) -> float:
    return float(text.replace(",", "."))


class _Projector:
    """EPSG:25832 (or another code) to WGS84, built once per file."""

    def __init__(self, srid: int):
        self.transformer = (
            Transformer.from_crs(f"EPSG:{srid}", "EPSG:4326", always_xy=True)
            if srid != 4326
            else None
        )

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        """(lat, lon) of a point given as (east, north) or (lon, lat)."""
        if self.transformer is None:
            return y, x
        lon, lat = self.transformer.transform(x, y)
        return lat, lon


def _coordinates(record: dict, point, project: _Projector) -> tuple[float, float]:
    if point is not None:
        return project(float(point[0]), float(point[1]))
    lat, lon = _pick(record, "lat"), _pick(record, "lon")
    if lat and lon:
        return _number(lat), _number(lon)
    east, north = _pick(record, "east"), _pick(record, "north")
    if not (east and north):
        raise ValueError(_("keine Koordinaten"))
    return project(_number(east), _number(north))


def _row(record: dict, point, project: _Projector) -> AddressRow:
    street = _pick(record, "street")
    if not street:
        raise ValueError(_("keine Straße"))
    number = _pick(record, "number") + _pick(record, "suffix")
    lat, lon = _coordinates(record, point, project)
    if not in_krefeld(lat, lon):
        raise ValueError(_("liegt nicht in Krefeld (falsches Koordinatensystem?)"))
    return AddressRow(
        street=street[:120],
        house_number=number[:20],
        postcode=_pick(record, "postcode")[:5],
        locality=_pick(record, "locality")[:80],
        latitude=lat,
        longitude=lon,
    )


def _rows(records, project: _Projector) -> list[AddressRow]:
    rows, errors = [], []
    for line, (record, point) in enumerate(records, start=1):
        lowered = {str(k).strip().casefold(): v for k, v in record.items() if k is not None}
        try:
            rows.append(_row(lowered, point, project))
        except (ValueError, TypeError) as error:
            errors.append(_("Eintrag %(n)d: %(error)s") % {"n": line, "error": error})
            if len(errors) >= MAX_ERRORS:
                errors.append(_("… weitere Fehler nicht gezeigt."))
                break
    if errors:
        raise AddressFileError(errors)
    if not rows:
        raise AddressFileError([_("Die Datei enthält keine Adressen.")])
    return rows


def _srid_of(header: list[str], srid: int | None) -> int:
    if srid:
        return srid
    names = {h.strip().casefold() for h in header}
    return 4326 if names & set(COLUMNS["lat"]) else 25832


def read_csv(text: str, *, srid: int | None = None) -> list[AddressRow]:
    """Semicolon- or comma-separated, with a header row. Coordinates with `lat`/`lon`
    columns are WGS84; `east`/`north` (or x/y) are EPSG:25832 unless `srid` says otherwise."""
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
        project = _Projector(_srid_of(header, srid))
        return _rows(((record, None) for record in reader), project)
    except csv.Error as error:
        raise AddressFileError([_("Die CSV-Datei ist fehlerhaft: %(e)s") % {"e": error}]) from None


def _geojson_srid(collection: dict, srid: int | None) -> int:
    return srid or detect_srid(collection)


def _features(collection: dict):
    for feature in collection.get("features") or []:
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") != "Point":
            yield (feature or {}).get("properties") or {}, None
            continue
        yield (feature.get("properties") or {}), geometry.get("coordinates")


def read_geojson(text: str, *, srid: int | None = None) -> list[AddressRow]:
    """A FeatureCollection of Points; the CRS from its `crs` member (else WGS84) or `srid`."""
    try:
        collection = json.loads(text)
    except ValueError as error:
        raise AddressFileError([_("Kein gültiges JSON: %(e)s") % {"e": error}]) from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise AddressFileError([_("Erwartet wird eine GeoJSON-FeatureCollection.")])
    project = _Projector(_geojson_srid(collection, srid))
    return _rows(_features(collection), project)


def read_file(name: str, data: bytes, *, srid: int | None = None) -> list[AddressRow]:
    """CSV or GeoJSON by the file name; UTF-8 (with or without BOM) or, failing that, Latin-1."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if name.lower().endswith((".json", ".geojson")):
        return read_geojson(text, srid=srid)
    return read_csv(text, srid=srid)
