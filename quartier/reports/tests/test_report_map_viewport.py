"""Map data bounded by the viewport: single reports up to a limit, areas from a cached grid
beyond it, one bounded query, read from the (status, latitude, longitude, category) index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.reports import mapdata
from quartier.reports.models import Report
from quartier.reports.tasks import warm_map_grids
from testkit.factories import HARDENBERG, INNENSTADT, SAMTWEBER, categories, make_report

pytestmark = pytest.mark.django_db

# west,south,east,north around the Hardenbergviertel only
AROUND_HARDENBERG = "6.560,51.314,6.576,51.322"


@pytest.fixture
def spread(helper, quarters):
    """Three reports at Hardenberg, two at Samtweber, one in the city centre."""
    litter = categories()["abfall-wilder-muell"]
    for where, n in ((HARDENBERG, 3), (SAMTWEBER, 2), (INNENSTADT, 1)):
        for _ in range(n):
            make_report(helper, litter, where=where)


def _get(client, **params):
    return client.get(reverse("reports:map_data"), params)


def test_only_reports_in_the_viewport_come_as_points(client_for, coordinator, spread):
    data = _get(client_for(coordinator), bbox=AROUND_HARDENBERG, zoom=15).json()
    assert data["areas"] == []
    assert len(data["points"]) == 3
    assert {(p[1], p[2]) for p in data["points"]} == {HARDENBERG}


def test_more_reports_than_the_limit_come_as_areas_with_counts(
    client_for, coordinator, spread, settings
):
    settings.REPORT_MAP_POINT_LIMIT = 2
    data = _get(client_for(coordinator), zoom=14).json()
    assert data["points"] == []
    counts = sorted(area[2] for area in data["areas"])
    assert counts == [1, 2, 3]
    hardenberg = next(area for area in data["areas"] if area[2] == 3)
    assert hardenberg[:2] == list(HARDENBERG)
    assert hardenberg[3:] == [*HARDENBERG, *HARDENBERG]  # south, west, north, east
    # Within a viewport: only the areas whose reports lie in it, still no single points.
    data = _get(client_for(coordinator), zoom=14, bbox=AROUND_HARDENBERG).json()
    assert [area[2] for area in data["areas"]] == [3]
    assert data["points"] == []


def test_areas_are_counted_once_and_then_read_from_the_cache(
    client_for, coordinator, spread, settings
):
    settings.REPORT_MAP_POINT_LIMIT = 2
    client = client_for(coordinator)
    _get(client, zoom=13)  # session, user and the grid are loaded once

    with CaptureQueriesContext(connection) as queries:
        second = _get(client, zoom=13).json()
    assert not [q for q in queries if "GROUP BY" in q["sql"]], "grid counted again"
    assert sum(area[2] for area in second["areas"]) == 6


def test_the_worker_counts_the_default_map_in_advance(client_for, coordinator, spread, settings):
    settings.REPORT_MAP_POINT_LIMIT = 2
    assert warm_map_grids.call() == len(mapdata.WARM_ZOOMS)
    with CaptureQueriesContext(connection) as queries:
        data = _get(client_for(coordinator), zoom=12).json()
    assert sum(area[2] for area in data["areas"]) == 6
    assert not [q for q in queries if "GROUP BY" in q["sql"]]


def test_the_point_query_is_bounded_by_the_limit(client_for, coordinator, spread, settings):
    settings.REPORT_MAP_POINT_LIMIT = 1000
    with CaptureQueriesContext(connection) as queries:
        _get(client_for(coordinator), zoom=15, bbox=AROUND_HARDENBERG)
    point_queries = [q["sql"] for q in queries if '"reports_report"."latitude"' in q["sql"]]
    assert len(point_queries) == 1
    assert "LIMIT 1001" in point_queries[0]
    assert "ORDER BY" not in point_queries[0]


@pytest.mark.parametrize("bbox", ["6.5,51.3", "a,b,c,d", "6.6,51.4,6.5,51.3", "0,-95,1,1"])
def test_a_bad_viewport_is_a_400_in_german(client_for, coordinator, quarters, bbox):
    response = _get(client_for(coordinator), bbox=bbox)
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == ["Der Kartenausschnitt ist ungültig."]


def test_a_bad_zoom_is_a_400(client_for, coordinator, quarters):
    assert _get(client_for(coordinator), zoom="weit").status_code == 400


def test_zoom_is_clamped_to_what_the_map_offers(client_for, coordinator, quarters):
    assert _get(client_for(coordinator), zoom=99).json()["zoom"] == mapdata.MAX_ZOOM
    assert _get(client_for(coordinator), zoom=-3).json()["zoom"] == mapdata.MIN_ZOOM


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN text")
@pytest.mark.parametrize("status", ["open", "new"])
def test_viewport_points_are_read_from_the_covering_map_index(quarters, status):
    viewport = mapdata.Viewport.parse(AROUND_HARDENBERG)
    reports = Report.objects.with_status(status).filter(
        latitude__range=(viewport.south, viewport.north),
        longitude__range=(viewport.west, viewport.east),
    )
    plan = reports.order_by().values_list(*mapdata.COLUMNS).explain()
    assert "COVERING INDEX report_map_bbox_idx" in plan, plan
    assert "latitude>? AND latitude<?" in plan, plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN text")
def test_the_open_reports_grid_reads_only_the_map_index(quarters):
    sql, params = mapdata.cells_query(Report.objects.open(), 12).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        details = " ".join(row[-1] for row in cursor.fetchall())
    assert "COVERING INDEX report_map_bbox_idx" in details, details
    assert "SCAN reports_report" not in details, details
