"""Writes to quarters and bases."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import shapely
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pyproj import Transformer
from shapely.geometry import mapping, shape

from quartier.areas.addresses import forget, street_key
from quartier.areas.geo import GeometryError, validate_area
from quartier.areas.models import AddressImport, AddressPoint, Base, Quarter, Stadtbezirk
from quartier.core.audit import audit

NAME_KEYS = ("name", "NAME", "Name", "quartier", "QUARTIER", "bezeichnung", "BEZEICHNUNG")
_EPSG_RE = re.compile(r"EPSG:{1,2}(\d+)", re.IGNORECASE)


@dataclass
class QuarterData:
    name: str
    slug: str
    stadtbezirk: str
    geometry: dict


def detect_srid(collection: dict) -> int:
    """The EPSG code named in a GeoJSON `crs` member (old-style), else 4326 (WGS84)."""
    crs = collection.get("crs") or {}
    name = str((crs.get("properties") or {}).get("name", ""))
    if "CRS84" in name.upper():
        return 4326
    match = _EPSG_RE.search(name)
    return int(match.group(1)) if match else 4326


def parse_quarters(collection: dict, *, srid: int | None = None) -> list[QuarterData]:
    """Validate a GeoJSON FeatureCollection completely; raises GeometryError on any problem."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise GeometryError(_("Erwartet wird eine GeoJSON-FeatureCollection."))
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise GeometryError(_("Die Datei enthält keine Flächen (features)."))
    srid = srid or detect_srid(collection)
    to_wgs84 = None
    if srid != 4326:
        transformer = Transformer.from_crs(f"EPSG:{srid}", "EPSG:4326", always_xy=True)

        def to_wgs84(coords):
            return np.column_stack(transformer.transform(coords[:, 0], coords[:, 1]))

    result, seen = [], set()
    for number, feature in enumerate(features, start=1):
        try:
            result.append(_parse_feature(feature, to_wgs84))
        except GeometryError as exc:
            raise GeometryError(
                _("Fläche Nr. %(n)d: %(error)s") % {"n": number, "error": exc}
            ) from exc
        if result[-1].slug in seen:
            raise GeometryError(
                _("Der Name „%(name)s“ kommt doppelt vor.") % {"name": result[-1].name}
            )
        seen.add(result[-1].slug)
    return result


def _parse_feature(feature, to_wgs84) -> QuarterData:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise GeometryError(_("kein GeoJSON-Feature"))
    props = feature.get("properties") or {}
    name = next((str(props[k]).strip() for k in NAME_KEYS if props.get(k)), "")
    if not name:
        raise GeometryError(_("Der Name fehlt (Eigenschaft „name“)."))
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        raise GeometryError(_("Die Fläche fehlt (GeoJSON-Geometrie)."))
    if to_wgs84 is not None:
        try:
            geometry = mapping(shapely.transform(shape(geometry), to_wgs84))
        except Exception as exc:
            raise GeometryError(_("Die Koordinaten lassen sich nicht umrechnen.")) from exc
    validate_area(geometry)
    bezirk = slugify(str(props.get("stadtbezirk", "")))
    bezirk = "sued" if bezirk == "sud" else bezirk
    return QuarterData(
        name=name,
        slug=slugify(props.get("slug") or name),
        stadtbezirk=bezirk if bezirk in Stadtbezirk.values else "",
        geometry=_as_plain(geometry),
    )


def _as_plain(geometry) -> dict:
    """Shapely's mapping() uses tuples; store plain JSON lists."""
    import json

    return json.loads(json.dumps(geometry))


@transaction.atomic
def import_quarters(
    *, quarters: list[QuarterData], actor=None, demo: bool = False
) -> list[Quarter]:
    """Create or update quarters by slug; all or nothing."""
    saved = []
    for data in quarters:
        quarter, _created = Quarter.objects.update_or_create(
            slug=data.slug,
            defaults={
                "name": data.name,
                "stadtbezirk": data.stadtbezirk,
                "geometry": data.geometry,
                "is_demo_geometry": demo,
            },
        )
        audit(actor, "quarter.import", quarter)
        saved.append(quarter)
    return saved


def import_address_points(*, actor, rows, source: str, is_demo: bool = False):
    """Replace the address register with `rows` (already checked, see areas.address_files).

    One transaction: on any error the old register stays. Every process rebuilds its
    geocoder index on its next use (the new AddressImport is its version).
    """
    with transaction.atomic():
        AddressPoint.objects.all().delete()
        batch = AddressImport.objects.create(source=source[:200], points=len(rows), is_demo=is_demo)
        AddressPoint.objects.bulk_create(
            (
                AddressPoint(
                    street=row.street,
                    house_number=row.house_number,
                    postcode=row.postcode,
                    locality=row.locality,
                    latitude=row.latitude,
                    longitude=row.longitude,
                    street_key=street_key(row.street),
                    imported=batch,
                )
                for row in rows
            ),
            batch_size=2000,
        )
        audit(actor, "areas.addresses.import", batch)
        forget()  # this process rebuilds at once; the others within a second
        transaction.on_commit(forget)
    return batch


def save_base(*, actor, base: Base) -> Base:
    """Create or change a host facility (Stützpunkt)."""
    created = base.pk is None
    with transaction.atomic():
        base.save()
        audit(actor, "base.create" if created else "base.update", base)
    return base
