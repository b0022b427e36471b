"""The public pages' figures per quarter, read from the monthly aggregates.

The public app asks for them through the registry ("public_figures"); it computes them from
the rows itself when no provider is registered. Same definitions as there: reports of public
categories that are not duplicates, the median time until a report was first done (in whole
hours, shown as days), small jobs done.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Sum

from quartier.operations.models import SmallJob
from quartier.reports.models import ReportStatus
from quartier.reports.publication import published_categories
from quartier.stats import aggregates, queries
from quartier.stats.models import FixTimeMonth, ReportMonth


def quarter_figures(start: dt.date, end: dt.date) -> dict[int | None, dict]:
    aggregates.fold()
    public = list(published_categories().values_list("pk", flat=True))
    figures: dict = {}
    reports = ReportMonth.objects.filter(month__gte=start, month__lt=end, category_id__in=public)
    rows = reports.exclude(status=ReportStatus.DUPLICATE).values_list("quarter_id")
    for quarter, n in rows.annotate(total=Sum("n")).order_by():
        if n:
            figures.setdefault(quarter, {})["reports"] = n
    times: dict = defaultdict(dict)
    fixed = FixTimeMonth.objects.filter(
        month__gte=start, month__lt=end, category_id__in=public, duplicate=False
    )
    for quarter, hours, n in fixed.values_list("quarter_id", "hours").annotate(Sum("n")).order_by():
        times[quarter][hours] = n
    for quarter, histogram in times.items():
        figures.setdefault(quarter, {})["median_days"] = queries.median_of(histogram) / 24
    jobs = SmallJob.objects.filter(done_on__gte=start, done_on__lt=end)
    for row in jobs.values("quarter_id").annotate(n=Count("pk")).order_by():
        figures.setdefault(row["quarter_id"], {})["jobs"] = row["n"]
    return figures
