"""Map data for coordinators that does not grow with history (docs/benchmarks.md).

A request names the map's viewport (`bbox`) and zoom. Up to `point_limit()` reports inside
the viewport come as single points, read from the (status, latitude, longitude, category)
covering index and stopped after one more than the limit. Where more reports are inside,
the answer is areas instead: the filtered reports counted on a grid whose cells are about
64 screen pixels at that zoom. A grid is computed once per filter and zoom and kept in the
cache for a few minutes; the worker keeps the default map's grids (open reports) warm.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, F, FloatField, IntegerField, Max, Min
from django.db.models.functions import Cast

from quartier.reports.models import ReportStatus

MIN_ZOOM, MAX_ZOOM, DEFAULT_ZOOM = 8, 19, 12
# The worker computes these zoom levels for the default map (reports.tasks.warm_map_grids).
WARM_ZOOMS = range(10, 16)
GRID_CACHE_SECONDS = 10 * 60
COLUMNS = ("id", "latitude", "longitude", "status", "category_id")
# Status -> small integer in the map data (the page's config lists the statuses in this order).
STATUS_CODES = {value: index for index, value in enumerate(ReportStatus.values)}


def point_limit() -> int:
    """More single points than this in one view are shown as areas with a count."""
    return settings.REPORT_MAP_POINT_LIMIT


@dataclass(frozen=True)
class Viewport:
    south: float
    west: float
    north: float
    east: float

    @classmethod
    def parse(cls, text: str) -> Viewport:
        """`west,south,east,north` in degrees (Leaflet's `toBBoxString()`); ValueError if bad."""
        west, south, east, north = (float(part) for part in text.split(","))
        if not (-90 <= south <= north <= 90 and -180 <= west <= east <= 180):
            raise ValueError(text)
        return cls(south=south, west=west, north=north, east=east)

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


def parse_zoom(text: str | None) -> int:
    """The map's zoom level, clamped to what the map offers; ValueError if not a number."""
    if not text:
        return DEFAULT_ZOOM
    return min(MAX_ZOOM, max(MIN_ZOOM, int(text)))


def points(reports, viewport: Viewport | None) -> list[list] | None:
    """The reports in the viewport as `[id, lat, lon, status_code, category_id]`, or None
    when there are more than `point_limit()` (one bounded query either way)."""
    limit = point_limit()
    if viewport is not None:
        reports = reports.filter(
            latitude__range=(viewport.south, viewport.north),
            longitude__range=(viewport.west, viewport.east),
        )
    rows = list(reports.order_by().values_list(*COLUMNS)[: limit + 1])
    if len(rows) > limit:
        return None
    return [
        [pk, round(lat, 5), round(lon, 5), STATUS_CODES.get(status, 0), category_id]
        for pk, lat, lon, status, category_id in rows
    ]


def cell_size(zoom: int) -> float:
    """Grid cell in degrees: a quarter of a 256-pixel tile at this zoom, about 64 pixels."""
    return 360 / 2**zoom / 4


def grid_key(filters: dict, zoom: int) -> str:
    """Cache key of a grid: the valid filters (values as text) and the zoom level.

    Coordinators and admins see every report (reports.access.reports_for_coordinator), so a
    grid is the same for all of them.
    """
    text = repr(sorted((name, str(getattr(v, "pk", v))) for name, v in filters.items() if v))
    return f"reports:map-grid:1:{zoom}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"


def grid(reports, filters: dict, zoom: int, *, refresh: bool = False) -> list[list]:
    """The filtered reports counted per grid cell: `[lat, lon, count, south, west, north,
    east]` (centre of the cell's reports and their extent), from the cache when there."""
    key = grid_key(filters, zoom)
    areas = None if refresh else cache.get(key)
    if areas is None:
        areas = _count_cells(reports, zoom)
        cache.set(key, areas, GRID_CACHE_SECONDS)
    return areas


def _count_cells(reports, zoom: int) -> list[list]:
    return [
        [round(lat, 5), round(lon, 5), n, *(round(value, 5) for value in box)]
        for lat, lon, n, *box in cells_query(reports, zoom)
    ]


def cells_query(reports, zoom: int):
    """The query behind a grid: one row per cell with count, mean position and extent."""
    cell = cell_size(zoom)
    # Shifted to positive numbers, so the cast cuts every cell at the same edge.
    return (
        reports.order_by()
        .annotate(
            cell_y=Cast((F("latitude") + 90.0) / cell, IntegerField()),
            cell_x=Cast((F("longitude") + 180.0) / cell, IntegerField()),
        )
        .values("cell_y", "cell_x")
        .annotate(
            n=Count("*"),
            lat=Avg("latitude", output_field=FloatField()),
            lon=Avg("longitude", output_field=FloatField()),
            south=Min("latitude"),
            west=Min("longitude"),
            north=Max("latitude"),
            east=Max("longitude"),
        )
        .values_list("lat", "lon", "n", "south", "west", "north", "east")
    )


def areas_in(areas: list[list], viewport: Viewport | None) -> list[list]:
    """The grid's areas whose centre lies in the viewport (all without one)."""
    if viewport is None:
        return areas
    return [area for area in areas if viewport.contains(area[0], area[1])]
