"""Background work of the reports app: keep the default map's areas ready.

At a million reports, counting the open reports on a grid takes a few hundred milliseconds
on a small server; the worker does it for the zoom levels people use, so the coordinators'
map reads the areas from the cache (reports/mapdata.py, docs/benchmarks.md).
"""

from __future__ import annotations

from django_tasks import task

from quartier.reports import mapdata
from quartier.reports.inbox_forms import ReportFilterForm
from quartier.reports.models import Report


@task()
def warm_map_grids() -> int:
    """Count the open reports per grid cell for the usual zoom levels; returns how many grids."""
    form = ReportFilterForm({"status": "open"})
    form.is_valid()
    reports = form.filter(Report.objects.all())
    for zoom in mapdata.WARM_ZOOMS:
        mapdata.grid(reports, form.cleaned_data, zoom, refresh=True)
    return len(mapdata.WARM_ZOOMS)
