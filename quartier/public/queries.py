"""What the public pages show: published reports (see `reports.publication`), what happened to
them, and figures per quarter. Nothing here reads residents' data; reports of non-public
categories, reporters, descriptions, addresses and photos never appear.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.areas.models import Quarter
from quartier.core import registry
from quartier.operations.models import SmallJob
from quartier.reports.models import ReportStatus, ReportStatusChange
from quartier.reports.publication import published_reports, rounded
from quartier.routing.models import Forwarding

PAGE_SIZE = 50
MAP_DAYS = 90
MAP_LIMIT = 1000
FIGURES_SECONDS = 600
DONE = (ReportStatus.RESOLVED, ReportStatus.RESOLVED_BY_HELPER, ReportStatus.CLOSED)
PUBLIC_STATUS = {
    ReportStatus.NEW: _("Eingegangen"),
    ReportStatus.FORWARDED: _("Weitergeleitet"),
    ReportStatus.ACKNOWLEDGED: _("In Bearbeitung"),
    ReportStatus.RESOLVED: _("Erledigt"),
    ReportStatus.RESOLVED_BY_HELPER: _("Von den Quartiershelfer*innen erledigt"),
    ReportStatus.NOT_RESPONSIBLE: _("Zuständigkeit wird geklärt"),
    ReportStatus.REOPENED: _("Wieder offen"),
    ReportStatus.CLOSED: _("Abgeschlossen"),
}


def listed():
    """Published reports that are not duplicates, newest first."""
    return published_reports().exclude(status=ReportStatus.DUPLICATE)


@dataclass
class PublicReport:
    number: int
    category: str
    status: str
    created: dt.date
    quarter: str
    latitude: float
    longitude: float
    events: list[str]


def report_page(page: int, quarter: Quarter | None = None) -> tuple[list[PublicReport], bool]:
    """One page of the list (newest first) and whether there is a next page."""
    qs = listed().order_by("-created_at", "-id")
    if quarter is not None:
        qs = qs.filter(quarter=quarter)
    start = (page - 1) * PAGE_SIZE
    rows = list(
        qs.values_list(
            "pk", "category__name", "status", "created_at", "quarter__name",
            "latitude", "longitude", "source",
        )[start : start + PAGE_SIZE + 1]
    )  # fmt: skip
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    events = _events([r[0] for r in rows])
    result = []
    for pk, category, status, created, quarter_name, lat, lon, source in rows:
        lat, lon = rounded(lat, lon, source)
        result.append(
            PublicReport(pk, category, str(PUBLIC_STATUS.get(status, "")),
                         timezone.localtime(created).date(), quarter_name or "", lat, lon,
                         events.get(pk, []))
        )  # fmt: skip
    return result, more


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%d.%m.%Y}"


def _events(ids: list[int]) -> dict[int, list[str]]:
    """ "an GSAK weitergeleitet am …", "erledigt am …" for each report (two queries)."""
    events: dict[int, list[tuple]] = {pk: [] for pk in ids}
    forwardings = Forwarding.objects.filter(report_id__in=ids).exclude(status="superseded")
    for report_id, short, name, sent, created in forwardings.values_list(
        "report_id", "authority__short_name", "authority__name", "sent_at", "created_at"
    ):
        moment = sent or created
        text = _("an %(who)s weitergeleitet am %(day)s") % {
            "who": short or name,
            "day": _day(moment),
        }
        events[report_id].append((moment, str(text)))
    done = (
        ReportStatusChange.objects.filter(report_id__in=ids, status__in=DONE)
        .values("report_id")
        .annotate(first=Min("created_at"))
    )
    for row in done:
        text = _("erledigt am %(day)s") % {"day": _day(row["first"])}
        events[row["report_id"]].append((row["first"], str(text)))
    return {pk: [text for _m, text in sorted(items)] for pk, items in events.items()}


def map_points() -> list[tuple[float, float, bool]]:
    """(lat, lon, done) of the newest published reports of the last 90 days (rounded)."""
    since = timezone.now() - dt.timedelta(days=MAP_DAYS)
    rows = (
        listed()
        .filter(created_at__gte=since)
        .order_by("-created_at")
        .values_list("latitude", "longitude", "source", "status")[:MAP_LIMIT]
    )
    return [(*rounded(lat, lon, source), status in DONE) for lat, lon, source, status in rows]


def map_points_version() -> tuple:
    """Changes when a report or a status is added (cheap: the newest primary keys)."""
    # The newest first by primary key (not MAX() over the join, which PostgreSQL answers
    # with a scan of every report): the index is walked backwards to the first published one.
    return (
        listed().order_by("-pk").values_list("pk", flat=True).first(),
        ReportStatusChange.objects.aggregate(m=Max("pk"))["m"],
    )


def quarter_figures(start: dt.date, end: dt.date) -> dict[int, dict]:
    """Per quarter: published reports, median days until done, small jobs done.

    Cached for ten minutes (the page says figures may be that old): computing the medians
    of a year reads every report of that year."""
    key = f"public:figures:{start}:{end}"
    figures = cache.get(key)
    if figures is None:
        figures = _compute_figures(start, end)
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


def refresh_figures(start: dt.date, end: dt.date) -> None:
    """Recompute and store the figures of a period (the background job's part)."""
    cache.set(f"public:figures:{start}:{end}", _compute_figures(start, end), FIGURES_SECONDS * 3)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day))


def _compute_figures(start: dt.date, end: dt.date) -> dict[int, dict]:
    """From the statistics' monthly aggregates when that app offers them, else counted here."""
    for provider in registry.contributions("public_figures"):
        return provider(start, end)
    return direct_figures(start, end)


def direct_figures(start: dt.date, end: dt.date) -> dict[int, dict]:
    """The figures counted from the rows (reads every report of the period)."""
    qs = listed().filter(created_at__gte=_aware(start), created_at__lt=_aware(end))
    figures: dict[int, dict] = {}
    for row in qs.values("quarter_id").annotate(n=Count("pk")).order_by():
        figures.setdefault(row["quarter_id"], {})["reports"] = row["n"]
    done = (
        qs.filter(history__status__in=DONE)
        .values("pk", "quarter_id", "created_at")
        .annotate(first=Min("history__created_at"))
        .order_by()
    )
    days: dict[int, list[float]] = {}
    for row in done.iterator(chunk_size=5000):
        hours = (row["first"] - row["created_at"]).total_seconds() // 3600  # whole hours
        days.setdefault(row["quarter_id"], []).append(hours / 24)
    for quarter_id, values in days.items():
        figures.setdefault(quarter_id, {})["median_days"] = statistics.median(values)
    jobs = SmallJob.objects.filter(done_on__gte=start, done_on__lt=end)
    for row in jobs.values("quarter_id").annotate(n=Count("pk")).order_by():
        figures.setdefault(row["quarter_id"], {})["jobs"] = row["n"]
    return figures
