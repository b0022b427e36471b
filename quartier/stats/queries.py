"""Aggregations for the dashboard, the Sachbericht, the exports and the public figures.

Read-only. Everything is counted in the database (conditional counts per month in one
query, medians with window functions); Python only arranges the results. Residents' data is
read here only as counts: no row of a contact, referral or help request leaves this module
except in the raw anonymised export, which has no person, no helper and no free text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from quartier.areas.models import Quarter
from quartier.reports.models import OPEN_STATUSES, Report, ReportCategory, ReportStatus
from quartier.residents.models import Contact, HelpCompletion, Referral
from quartier.routing.models import Authority
from quartier.stats.periods import Period, aware

SENIOR_BANDS = ("65_79", "80_plus")


def _buckets(starts: Sequence[dt.date], ends: Sequence[dt.date], field: str) -> dict:
    """Count annotations b0, b1, ...: one conditional count per step (one scan, tz-correct)."""
    return {
        f"b{i}": Count("pk", filter=Q(**{f"{field}__gte": aware(s), f"{field}__lt": aware(e)}))
        for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    }


def _quarter_filter(qs, quarter_ids):
    return qs.filter(quarter_id__in=quarter_ids) if quarter_ids else qs


# --- Reports ----------------------------------------------------------------------------------


def report_qs(period: Period, quarter_ids=None):
    start, end = period.bounds()
    qs = Report.objects.filter(created_at__gte=start, created_at__lt=end)
    return _quarter_filter(qs, quarter_ids)


def report_summary(period: Period, quarter_ids=None) -> dict:
    """Key figures of the reports created in the period."""
    figures = report_qs(period, quarter_ids).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        by_helper=Count("pk", filter=Q(resolved_by_helper=True)),
        resolved=Count("pk", filter=Q(status__in=[ReportStatus.RESOLVED, ReportStatus.CLOSED])),
        bags=Coalesce(Sum("bags_count"), 0),
    )
    total = figures["total"]
    figures["by_helper_share"] = figures["by_helper"] / total if total else None
    return figures


def reports_by_category(period: Period, quarter_ids=None) -> tuple[list, list]:
    """(bucket labels, rows): rows are (top-level category name, counts per bucket)."""
    buckets = period.buckets()
    qs = report_qs(period, quarter_ids).annotate(top=Coalesce("category__parent_id", "category_id"))
    rows = qs.values("top").annotate(**_buckets([b[1] for b in buckets], [b[2] for b in buckets],
                                                 "created_at")).order_by()  # fmt: skip
    names = dict(ReportCategory.objects.filter(parent__isnull=True).values_list("pk", "name"))
    names.update(
        ReportCategory.objects.filter(pk__in=[r["top"] for r in rows]).values_list("pk", "name")
    )
    result = [(names.get(r["top"], "?"), [r[f"b{i}"] for i in range(len(buckets))]) for r in rows]
    result.sort(key=lambda row: (-sum(row[1]), row[0]))
    return [b[0] for b in buckets], result


def reports_by_quarter(period: Period) -> dict[int | None, int]:
    """Reports per quarter (None: outside every quarter), for the map."""
    rows = report_qs(period).values("quarter_id").annotate(n=Count("pk")).order_by()
    return {r["quarter_id"]: r["n"] for r in rows}


# --- Authorities: time to first answer and to resolution ---------------------------------------

AUTHORITY_SQL = """
WITH f AS (
    SELECT fw.id, fw.authority_id, fw.created_at, fw.due_date, fw.status,
           MIN(CASE WHEN a.kind IN ('acknowledged', 'resolved', 'not_responsible')
                    THEN a.created_at END) AS first_at,
           MIN(CASE WHEN a.kind = 'resolved' THEN a.created_at END) AS done_at
    FROM routing_forwarding fw
    JOIN reports_report r ON r.id = fw.report_id
    LEFT JOIN routing_partneranswer a ON a.forwarding_id = fw.id
    WHERE fw.created_at >= %s AND fw.created_at < %s AND fw.status <> 'superseded' {quarters}
    GROUP BY fw.id, fw.authority_id, fw.created_at, fw.due_date, fw.status
),
d AS (
    SELECT authority_id, {first} AS first_h, {done} AS done_h, status, due_date, first_at
    FROM f
),
ranked AS (
    SELECT authority_id, first_h, done_h,
           ROW_NUMBER() OVER (PARTITION BY authority_id
                              ORDER BY first_h IS NULL, first_h) AS rn_first,
           COUNT(first_h) OVER (PARTITION BY authority_id) AS n_first,
           ROW_NUMBER() OVER (PARTITION BY authority_id
                              ORDER BY done_h IS NULL, done_h) AS rn_done,
           COUNT(done_h) OVER (PARTITION BY authority_id) AS n_done
    FROM d
)
SELECT authority_id,
       AVG(CASE WHEN first_h IS NOT NULL AND rn_first IN ((n_first + 1) / 2, (n_first + 2) / 2)
                THEN first_h END),
       AVG(CASE WHEN done_h IS NOT NULL AND rn_done IN ((n_done + 1) / 2, (n_done + 2) / 2)
                THEN done_h END)
FROM ranked GROUP BY authority_id
"""

COUNTS_SQL = """
SELECT fw.authority_id, COUNT(*),
       SUM(CASE WHEN fw.status IN ('pending', 'sent', 'acknowledged') THEN 1 ELSE 0 END),
       SUM(CASE WHEN fw.status IN ('pending', 'sent', 'acknowledged') AND fw.due_date < %s
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN fw.answered_at IS NOT NULL AND {answered_date} > fw.due_date
                THEN 1 ELSE 0 END)
FROM routing_forwarding fw JOIN reports_report r ON r.id = fw.report_id
WHERE fw.created_at >= %s AND fw.created_at < %s AND fw.status <> 'superseded' {quarters}
GROUP BY fw.authority_id
"""


def _hours(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM ({later} - {earlier})) / 3600.0"
    return f"(julianday({later}) - julianday({earlier})) * 24.0"


def _local_date(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} AT TIME ZONE 'Europe/Berlin')::date"
    return f"date({column})"


def _quarter_sql(quarter_ids) -> tuple[str, list]:
    if not quarter_ids:
        return "", []
    marks = ", ".join(["%s"] * len(quarter_ids))
    return f"AND r.quarter_id IN ({marks})", list(quarter_ids)


def authority_figures(period: Period, quarter_ids=None, today: dt.date | None = None) -> list:
    """Per authority: forwarded, open now, overdue now, answered late, median hours to the
    first answer and to resolution. Forwardings created in the period."""
    start, end = period.bounds()
    qsql, qparams = _quarter_sql(quarter_ids)
    today = today or timezone.localdate()
    medians_sql = AUTHORITY_SQL.format(
        quarters=qsql,
        first=_hours("first_at", "created_at"),
        done=_hours("done_at", "created_at"),
    )
    counts_sql = COUNTS_SQL.format(quarters=qsql, answered_date=_local_date("fw.answered_at"))
    with connection.cursor() as cursor:
        ops = connection.ops
        start, end = ops.adapt_datetimefield_value(start), ops.adapt_datetimefield_value(end)
        cursor.execute(medians_sql, [start, end, *qparams])
        medians = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
        cursor.execute(counts_sql, [ops.adapt_datefield_value(today), start, end, *qparams])
        counts = {row[0]: row[1:] for row in cursor.fetchall()}
    names = Authority.objects.filter(pk__in=counts).values_list("pk", "short_name", "name")
    rows = []
    for pk, short, name in names:
        total, open_now, overdue_now, late = (int(v or 0) for v in counts[pk])
        first_h, done_h = medians.get(pk, (None, None))
        rows.append(
            {
                "authority": short or name,
                "forwarded": total,
                "open": open_now,
                "overdue": overdue_now,
                "overdue_share": (overdue_now + late) / total if total else None,
                "median_first_hours": _float(first_h),
                "median_done_hours": _float(done_h),
            }
        )
    rows.sort(key=lambda r: (-r["forwarded"], r["authority"]))
    return rows


def _float(value) -> float | None:
    return None if value is None else float(value)


# --- Residents: counts per month of one calendar year (suppressed by the caller) ---------------


def _year_months(year: int) -> tuple[list[dt.date], list[dt.date]]:
    starts = [dt.date(year, m, 1) for m in range(1, 13)]
    ends = [*starts[1:], dt.date(year + 1, 1, 1)]
    return starts, ends


def _monthly(qs, keys: Sequence[str], year: int, field: str = "created_at") -> dict:
    """{(row tuple, "YYYY-MM"): count} for one year, grouped by `keys`."""
    starts, ends = _year_months(year)
    qs = qs.filter(**{f"{field}__gte": aware(starts[0]), f"{field}__lt": aware(ends[-1])})
    result = {}
    for row in qs.values(*keys).annotate(**_buckets(starts, ends, field)).order_by():
        label = tuple(row[k] for k in keys)
        for i, start in enumerate(starts):
            if row[f"b{i}"]:
                result[(label, f"{start:%Y-%m}")] = row[f"b{i}"]
    return result


def contacts_monthly(year: int, keys: Sequence[str]) -> dict:
    """Contacts of one year per month, grouped by e.g. ["quarter_id", "age_band"]."""
    return _monthly(Contact.objects.all(), keys, year)


def topic_mentions_monthly(year: int) -> dict:
    """Mentions of each top-level topic per month and age band (rows: (topic id, band)).

    A contact with two topics counts twice; the total is "mentions", not contacts."""
    qs = Contact.objects.annotate(topic=Coalesce("topics__parent_id", "topics__id")).filter(
        topic__isnull=False
    )
    return _monthly(qs, ["topic", "age_band"], year)


def referrals_monthly(year: int) -> dict:
    """Referrals per month by (directory entry id, outcome)."""
    return _monthly(Referral.objects.all(), ["entry_id", "outcome"], year)


def help_done_monthly(year: int) -> dict:
    """Help requests delivered (each completion once) per month, by (quarter id, kind)."""
    qs = HelpCompletion.objects.annotate(
        kind=F("help_request__kind"), quarter_id=F("help_request__resident__quarter_id")
    )
    starts, ends = _year_months(year)
    rows = (
        qs.filter(done_on__gte=starts[0], done_on__lt=ends[-1])
        .values("quarter_id", "kind")
        .annotate(**{f"b{i}": Count("pk", filter=Q(done_on__gte=s, done_on__lt=e))
                     for i, (s, e) in enumerate(zip(starts, ends, strict=True))})
        .order_by()
    )  # fmt: skip
    return {
        ((r["quarter_id"], r["kind"]), f"{s:%Y-%m}"): r[f"b{i}"]
        for r in rows
        for i, s in enumerate(starts)
        if r[f"b{i}"]
    }


def topic_names() -> dict[int, str]:
    topic = Contact._meta.get_field("topics").related_model
    return dict(topic.objects.filter(parent__isnull=True).values_list("pk", "name"))


def quarter_names() -> dict[int, str]:
    return dict(Quarter.objects.values_list("pk", "name"))


def entry_names(ids) -> dict[int, str]:
    entry = Referral._meta.get_field("entry").related_model
    return dict(entry.objects.filter(pk__in=ids).values_list("pk", "name"))
