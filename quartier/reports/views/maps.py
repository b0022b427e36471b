"""The coordinator's map of reports and its data (bounded by the viewport, see mapdata)."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.areas.geo import KREFELD_CENTRE
from quartier.areas.models import Quarter
from quartier.reports import mapdata
from quartier.reports.access import reports_for_coordinator
from quartier.reports.models import ReportCategory, ReportStatus
from quartier.reports.views.inbox import _filter_form, _query_without

# A colour per status (legend and markers). Every colour has at least 3:1 contrast against
# the map background and white (WCAG 1.4.11).
STATUS_COLOURS = {
    ReportStatus.NEW: "#c1121f",
    ReportStatus.FORWARDED: "#e36414",
    ReportStatus.ACKNOWLEDGED: "#9c6b00",
    ReportStatus.NOT_RESPONSIBLE: "#7b2cbf",
    ReportStatus.REOPENED: "#d00070",
    ReportStatus.RESOLVED: "#2b9348",
    ReportStatus.RESOLVED_BY_HELPER: "#3d7a1f",
    ReportStatus.DUPLICATE: "#6c757d",
    ReportStatus.CLOSED: "#343a40",
}
# Parameters of the map itself, not filters: left out of the grid's cache key.
VIEW_PARAMS = ("bbox", "zoom", "seite")


@require(perms.can_manage_reports)
@require_GET
def report_map(request):
    """Map of the reports matching the filters, coloured by status; dense parts as areas."""
    form = _filter_form(request, "open")
    query = _query_without(request, "seite")
    # The map loads with the valid filters only, like the list (invalid ones are reported).
    data_query = _query_without(request, *VIEW_PARAMS, *form.errors)
    config = {
        "dataUrl": reverse("reports:map_data") + (f"?{data_query}" if data_query else ""),
        "detailUrl": reverse("reports:detail", args=[0]),
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
        "centre": KREFELD_CENTRE,
        "zoom": mapdata.DEFAULT_ZOOM,
        "statuses": [
            [label, STATUS_COLOURS[value], value] for value, label in ReportStatus.choices
        ],
        "categories": {c.pk: str(c) for c in ReportCategory.objects.select_related("parent")},
        "quarters": [
            {"name": q.name, "geometry": q.geometry}
            for q in Quarter.objects.only("name", "geometry")
        ],
    }
    return render(
        request,
        "reports/map.html",
        {
            "form": form,
            "config": config,
            "legend": ReportStatus.choices,
            "query": query,
            "tile_url": settings.MAP_TILE_URL,
        },
    )


@require(perms.can_manage_reports)
@require_GET
@gzip_page
def map_data(request):
    """Compact JSON for the map, for the viewport `bbox=west,south,east,north` at `zoom`:

    `{"points": [[id, lat, lon, status_code, category_id], ...], "areas": [], ...}` when at
    most `mapdata.point_limit()` reports are in view, else `"points": []` and `"areas":
    [[lat, lon, count, south, west, north, east], ...]` (a grid, from the cache). Without
    `bbox` the whole city. Coordinates are rounded to 5 decimals (about 1 m). Only
    coordinators and admins get here, so non-public categories are included.
    """
    form = _filter_form(request, "open")
    try:
        viewport = mapdata.Viewport.parse(request.GET["bbox"]) if "bbox" in request.GET else None
        zoom = mapdata.parse_zoom(request.GET.get("zoom"))
    except ValueError:
        form.add_error(None, _("Der Kartenausschnitt ist ungültig."))
    if form.errors:
        return JsonResponse({"errors": form.errors}, status=400)
    reports = form.filter(reports_for_coordinator(request.user))
    found = mapdata.points(reports, viewport)
    areas = []
    if found is None:
        found = []
        areas = mapdata.areas_in(mapdata.grid(reports, form.cleaned_data, zoom), viewport)
    body = {"points": found, "areas": areas, "zoom": zoom, "truncated": False}
    response = HttpResponse(json.dumps(body, separators=(",", ":")), "application/json")
    response["Cache-Control"] = "private, max-age=30"
    return response


urlpatterns = [
    path("karte/", report_map, name="map"),
    path("karte/daten.json", map_data, name="map_data"),
]
