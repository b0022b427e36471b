"""Filters of GET requests beyond GeoReport v2, as FixMyStreet, CitySDK and Mark-a-Spot offer them.

- `agency_responsible`: the partner the report was forwarded to (or the category's hint);
- `updated_after` / `updated_before`: the time of the last change (CitySDK);
- `lat` + `long` + `radius` (metres, at most 5,000): reports near a point (CitySDK);
- `bbox=west,south,east,north` (WGS84 degrees): reports inside a box (Mark-a-Spot).

Every malformed value is a 400 in the error format. docs/open311.md lists them.
"""

from __future__ import annotations

import math

from django.db.models import ExpressionWrapper, F, FloatField, Q, Value

from quartier.open311 import params
from quartier.open311.formats import Open311Error
from quartier.routing.models import ForwardingStatus

MAX_RADIUS_M = 5000
DEFAULT_RADIUS_M = 500.0


def _number(text: str, name: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise Open311Error(400, f"{name} must be a decimal number.") from None
    if not math.isfinite(number):
        raise Open311Error(400, f"{name} must be a finite number.")
    return number


def by_agency(reports, query):
    agency = params.value(query, "agency_responsible")
    if not agency:
        return reports
    forwarded = Q(forwardings__authority__name__iexact=agency) & ~Q(
        forwardings__status=ForwardingStatus.SUPERSEDED
    )
    return reports.filter(forwarded | Q(category__default_authority_hint__iexact=agency)).distinct()


def by_update_time(reports, query):
    after, before = params.value(query, "updated_after"), params.value(query, "updated_before")
    if after:
        reports = reports.filter(updated_at__gt=params.parse_datetime(after, "updated_after"))
    if before:
        reports = reports.filter(updated_at__lt=params.parse_datetime(before, "updated_before"))
    return reports


def has_update_time(query) -> bool:
    return bool(params.value(query, "updated_after") or params.value(query, "updated_before"))


def point(query) -> tuple[float, float] | None:
    """`lat` and `long` as a WGS84 point; None unless both are sent (one alone is ignored,
    but still has to be a number in range)."""
    lat, long = params.value(query, "lat"), params.value(query, "long")
    latitude = _number(lat, "lat") if lat else None
    longitude = _number(long, "long") if long else None
    if (latitude is not None and abs(latitude) > 90) or (
        longitude is not None and abs(longitude) > 180
    ):
        raise Open311Error(400, "lat or long is out of range.")
    if latitude is None or longitude is None:
        return None
    return latitude, longitude


def _squared_metres(latitude: float, longitude: float):
    """Squared distance in metres to a point (equirectangular; exact enough within 5 km)."""
    kx = 111_320.0 * math.cos(math.radians(latitude))
    ky = 110_574.0
    dx = (F("longitude") - Value(longitude)) * Value(kx)
    dy = (F("latitude") - Value(latitude)) * Value(ky)
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def near(reports, query):
    """Reports within `radius` metres (default 500) of `lat`/`long`, if a point is given."""
    centre = point(query)
    radius_text = params.value(query, "radius")
    radius = _number(radius_text, "radius") if radius_text else DEFAULT_RADIUS_M
    if not 0 < radius <= MAX_RADIUS_M:
        raise Open311Error(400, f"radius must be more than 0 and at most {MAX_RADIUS_M} metres.")
    if centre is None:  # a radius without a point means nothing
        return reports
    reports = reports.near(centre[0], centre[1], radius)
    return reports.alias(open311_d2=_squared_metres(*centre)).filter(open311_d2__lte=radius**2)


def in_bbox(reports, query):
    text = params.value(query, "bbox")
    if not text:
        return reports
    parts = text.split(",")
    if len(parts) != 4:
        raise Open311Error(400, "bbox must be west,south,east,north in WGS84 degrees.")
    west, south, east, north = (_number(part.strip(), "bbox") for part in parts)
    # Corners in the other order describe the same box.
    south, north = sorted((south, north))
    west, east = sorted((west, east))
    return reports.filter(latitude__range=(south, north), longitude__range=(west, east))
