"""Aggregations for the dashboard, the Sachbericht, the exports and the public figures.

Read-only. Figures are read from the monthly aggregates (`aggregates.py`, kept up to date
month by month) and arranged in Python; only the raw anonymised export reads rows
(`report_qs`). Residents' data is read here only as counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from quartier.areas.models import Quarter
from quartier.reports.models import OPEN_STATUSES, Report, ReportCategory, ReportStatus
from quartier.residents.models import Contact, Referral
from quartier.routing.models import Authority
from quartier.stats.aggregates import OPEN_FORWARDING
from quartier.stats.models import (
    AnswerTimeMonth,
    ContactMonth,
    ForwardingMonth,
    HelpMonth,
    MentionMonth,
    ReferralMonth,
    ReportMonth,
)
from quartier.stats.periods import Period

SENIOR_BANDS = ("65_79", "80_plus")


def _quarter_filter(qs, quarter_ids):
    return qs.filter(quarter_id__in=quarter_ids) if quarter_ids else qs


def report_qs(period: Period, quarter_ids=None):
    """The rows of the reports created in the period (for the raw export)."""
    start, end = period.bounds()
    qs = Report.objects.filter(created_at__gte=start, created_at__lt=end)
    return _quarter_filter(qs, quarter_ids)


def _months(model, start: dt.date, end: dt.date, quarter_ids=None):
    qs = model.objects.filter(month__gte=start, month__lt=end)
    return qs.filter(quarter_id__in=quarter_ids) if quarter_ids else qs


def _sum(**filters):
    return Coalesce(Sum("n", filter=Q(**filters)), 0)


def report_summary(period: Period, quarter_ids=None) -> dict:
    """Key figures of the reports created in the period."""
    figures = _months(ReportMonth, period.start, period.end, quarter_ids).aggregate(
        total=Coalesce(Sum("n"), 0),
        open=_sum(status__in=OPEN_STATUSES),
        by_helper=_sum(by_helper=True),
        resolved=_sum(status__in=[ReportStatus.RESOLVED, ReportStatus.CLOSED]),
        bags=Coalesce(Sum("bags"), 0),
    )
    total = figures["total"]
    figures["by_helper_share"] = figures["by_helper"] / total if total else None
    return figures


def _top_categories() -> tuple[dict[int, int], dict[int, str]]:
    """Every category's top-level category, and the names."""
    rows = ReportCategory.objects.values_list("pk", "parent_id", "name")
    return {pk: parent or pk for pk, parent, _n in rows}, {pk: name for pk, _p, name in rows}


def reports_by_category(period: Period, quarter_ids=None) -> tuple[list, list]:
    """(bucket labels, rows): rows are (top-level category name, counts per bucket)."""
    buckets = period.buckets()
    tops, names = _top_categories()
    qs = _months(ReportMonth, period.start, period.end, quarter_ids)
    counts: dict = defaultdict(lambda: [0] * len(buckets))
    for month, category, n in qs.values_list("month", "category_id").annotate(n=Sum("n")):
        index = next(i for i, (_l, s, e) in enumerate(buckets) if s <= month < e)
        counts[tops.get(category, category)][index] += n
    result = [(names.get(top, "?"), row) for top, row in counts.items()]
    result.sort(key=lambda row: (-sum(row[1]), row[0]))
    return [b[0] for b in buckets], result


def reports_by_quarter(period: Period) -> dict[int | None, int]:
    """Reports per quarter (None: outside every quarter), for the map."""
    rows = _months(ReportMonth, period.start, period.end).values_list("quarter_id")
    return dict(rows.annotate(n=Sum("n")).order_by())


# --- Authorities: time to first answer and to resolution ---------------------------------------


def median_of(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: how often} (mean of the two middle ones)."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted, seen, middle = {(total - 1) // 2, total // 2}, 0, []
    for value in sorted(histogram):
        count = histogram[value]
        middle += [value for index in sorted(wanted) if seen <= index < seen + count]
        seen += count
    return sum(middle) / len(middle)


def authority_figures(period: Period, quarter_ids=None, today: dt.date | None = None) -> list:
    """Per authority: forwarded, open now, overdue now, answered late, median hours (whole
    hours) to the first answer and to resolution. Forwardings created in the period."""
    today = today or timezone.localdate()
    counts: dict = defaultdict(lambda: [0, 0, 0, 0])
    qs = _months(ForwardingMonth, period.start, period.end, quarter_ids)
    for authority, status, due, late, n in (
        qs.values_list("authority_id", "status", "due_date", "late").annotate(n=Sum("n")).order_by()
    ):
        row = counts[authority]
        is_open = status in OPEN_FORWARDING
        row[0] += n
        row[1] += n if is_open else 0
        row[2] += n if is_open and due is not None and due < today else 0
        row[3] += n if late else 0
    times: dict = defaultdict(dict)
    qs = _months(AnswerTimeMonth, period.start, period.end, quarter_ids)
    for authority, measure, hours, n in (
        qs.values_list("authority_id", "measure", "hours").annotate(n=Sum("n")).order_by()
    ):
        times[(authority, measure)][hours] = n
    names = Authority.objects.filter(pk__in=counts).values_list("pk", "short_name", "name")
    rows = []
    for pk, short, name in names:
        total, open_now, overdue_now, late = counts[pk]
        rows.append(
            {
                "authority": short or name,
                "forwarded": total,
                "open": open_now,
                "overdue": overdue_now,
                "overdue_share": (overdue_now + late) / total if total else None,
                "median_first_hours": median_of(times[(pk, "first")]),
                "median_done_hours": median_of(times[(pk, "done")]),
            }
        )
    rows.sort(key=lambda r: (-r["forwarded"], r["authority"]))
    return rows


# --- Residents: counts per month of one calendar year (suppressed by the caller) ---------------


def _monthly(model, keys: Sequence[str], year: int, rename=None) -> dict:
    """{(row tuple, "YYYY-MM"): count} for one year, grouped by `keys`."""
    qs = _months(model, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    result: dict = defaultdict(int)
    for *label, month, n in qs.values_list(*keys, "month").annotate(n=Sum("n")).order_by():
        label = tuple(label) if rename is None else rename(tuple(label))
        if n:
            result[(label, f"{month:%Y-%m}")] += n
    return dict(result)


def contacts_monthly(year: int, keys: Sequence[str]) -> dict:
    """Contacts of one year per month, grouped by e.g. ["quarter_id", "age_band"]."""
    return _monthly(ContactMonth, keys, year)


def topic_mentions_monthly(year: int) -> dict:
    """Mentions of each top-level topic per month and age band (rows: (topic id, band)).

    A contact with two topics counts twice; the total is "mentions", not contacts."""
    topic = Contact._meta.get_field("topics").related_model
    tops = {pk: parent or pk for pk, parent in topic.objects.values_list("pk", "parent_id")}
    return _monthly(MentionMonth, ["topic_id", "age_band"], year,
                    lambda row: (tops.get(row[0], row[0]), row[1]))  # fmt: skip


def referrals_monthly(year: int) -> dict:
    """Referrals per month by (directory entry id, outcome)."""
    return _monthly(ReferralMonth, ["entry_id", "outcome"], year)


def help_done_monthly(year: int) -> dict:
    """Help requests delivered (each completion once) per month, by (quarter id, kind)."""
    return _monthly(HelpMonth, ["quarter_id", "kind"], year)


def topic_names() -> dict[int, str]:
    topic = Contact._meta.get_field("topics").related_model
    return dict(topic.objects.filter(parent__isnull=True).values_list("pk", "name"))


def quarter_names() -> dict[int, str]:
    return dict(Quarter.objects.values_list("pk", "name"))


def entry_names(ids) -> dict[int, str]:
    entry = Referral._meta.get_field("entry").related_model
    return dict(entry.objects.filter(pk__in=ids).values_list("pk", "name"))
