"""The monthly aggregates give the same figures as counting the rows directly.

Random seeded data goes in through the models (so the marks are written as in production),
then changes the way the application changes it: statuses move, reports and contacts are
deleted, residents erased, a quarter renamed and its polygon changed, forwardings withdrawn
by a queryset update. After `fold()` every figure the dashboard reads must equal a count
computed here, independently, from the rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import statistics
from collections import Counter, defaultdict

import pytest
from django.utils import timezone

from quartier.directory.models import DirectoryEntry
from quartier.public.queries import direct_figures
from quartier.reports.models import OPEN_STATUSES, Report, ReportStatus, ReportStatusChange
from quartier.residents.models import (
    Contact,
    HelpCompletion,
    HelpKind,
    HelpRequest,
    Referral,
    ReferralOutcome,
    Resident,
)
from quartier.routing.models import Authority, Forwarding, PartnerAnswer
from quartier.stats import aggregates, dashboard, periods, public_figures, queries
from quartier.stats.models import ContactMonth, ReportMonth, StaleMonth
from quartier.stats.tests.known_data import category
from quartier.taxonomy.models import Topic
from testkit.factories import load_needs_taxonomy

TODAY = dt.date(2026, 11, 30)
STATUSES = [s for s in ReportStatus.values if s != ReportStatus.RESOLVED_BY_HELPER]
BANDS = ["under_65", "65_79", "80_plus"]
LANGUAGES = ["de", "tr", "ar", "uk"]


@contextlib.contextmanager
def given_times(*models):
    """Save rows with the creation time the test gives (auto_now_add off meanwhile)."""
    fields = [m._meta.get_field("created_at") for m in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def moment(rng, first=2024, last=2026) -> dt.datetime:
    day = dt.date(first, 1, 1) + dt.timedelta(days=rng.randrange((last - first + 1) * 365))
    naive = dt.datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60))
    return timezone.make_aware(naive)


def build_world(quarters, rng):
    load_needs_taxonomy()
    cats = [
        category("wilder-muell", "Wilder Müll", "abfall", "Abfall"),
        category("papierkorb", "Papierkorb voll", "abfall", "Abfall"),
        category("graffiti", "Graffiti", "stadtbild", "Stadtbild"),
        category("spritzenfund", "Spritzenfund", "sicherheit", "Sicherheit", public=False),
    ]
    qs = list(quarters.values())
    authorities = [Authority.objects.create(name=f"Amt {n}", short_name=n) for n in "AB"]
    with given_times(Report, Forwarding, PartnerAnswer, ReportStatusChange):
        for _i in range(160):
            _report(rng, rng.choice(cats), rng.choice([*qs, None]), authorities)
    topics = list(Topic.objects.all())
    for _i in range(220):
        contact = Contact.objects.create(
            quarter=rng.choice(qs), created_at=moment(rng), place="street",
            age_band=rng.choice(BANDS), language=rng.choice(LANGUAGES),
        )  # fmt: skip
        contact.topics.add(*rng.sample(topics, rng.randint(0, 2)))
    entry = DirectoryEntry.objects.create(name="Pflegeberatung", provider="Stadt Krefeld")
    residents = [_resident(rng, rng.choice(qs)) for _i in range(8)]
    for _i in range(40):
        Referral.objects.create(
            entry=entry, referred_on=TODAY, quarter=rng.choice(qs),
            resident=rng.choice([None, *residents]), created_at=moment(rng),
            outcome=rng.choice(ReferralOutcome.values),
        )  # fmt: skip
    return residents


def _report(rng, cat, quarter, authorities):
    status = rng.choice([*STATUSES, ReportStatus.RESOLVED_BY_HELPER])
    by_helper = status == ReportStatus.RESOLVED_BY_HELPER
    created = moment(rng)
    report = Report.objects.create(
        category=cat, quarter=quarter, latitude=51.33, longitude=6.56, description="x",
        status=status, created_at=created, resolved_by_helper=by_helper,
        bags_count=rng.randint(1, 5) if by_helper else None,
    )  # fmt: skip
    for _i in range(rng.choice([0, 0, 1, 2])):
        ReportStatusChange.objects.create(
            report=report, status=rng.choice(aggregates.DONE_STATUSES),
            created_at=created + dt.timedelta(minutes=rng.randint(10, 30 * 24 * 60)),
        )  # fmt: skip
    if rng.random() < 0.5:
        start = created + dt.timedelta(hours=1)
        fw = Forwarding.objects.create(
            report=report, authority=rng.choice(authorities), created_at=start,
            due_date=start.date() + dt.timedelta(days=rng.randint(3, 10)),
            link_expires_at=start + dt.timedelta(days=90), token_nonce=f"n{report.pk}",
            status=rng.choice(["sent", "acknowledged", "resolved"]),
            answered_at=start + dt.timedelta(hours=rng.randint(1, 300)) if rng.random() < .6
            else None,
        )  # fmt: skip
        for kind in ("acknowledged", "resolved"):
            if rng.random() < 0.6:
                when = start + dt.timedelta(minutes=rng.randint(30, 40 * 24 * 60))
                PartnerAnswer.objects.create(forwarding=fw, kind=kind, created_at=when)


def _resident(rng, quarter):
    when = moment(rng)
    resident = Resident.objects.create(
        quarter=quarter, age_band=rng.choice(BANDS), created_at=when, last_contact_at=when
    )
    for kind in rng.sample(HelpKind.values, 2):
        request = HelpRequest.objects.create(resident=resident, kind=kind, due_on=TODAY)
        for _i in range(rng.randint(1, 6)):
            HelpCompletion.objects.create(help_request=request, done_on=moment(rng).date())
    return resident


def change_world(rng, quarters, residents):
    """What the application does later (every write through the models, as in production)."""
    reports = list(Report.objects.order_by("pk"))
    for report in rng.sample(reports, 40):
        report.status = rng.choice(STATUSES)
        report.save(update_fields=["status", "updated_at"])
    with given_times(ReportStatusChange):
        for report in rng.sample(reports, 20):
            ReportStatusChange.objects.create(
                report=report, status=ReportStatus.RESOLVED,
                created_at=report.created_at + dt.timedelta(hours=rng.randint(1, 900)),
            )  # fmt: skip
    for report in rng.sample(reports, 10):
        report.delete()
    # Withdrawn with a queryset update (routing.withdraw_forwardings), then the status saved.
    for report in Report.objects.filter(forwardings__isnull=False).distinct()[:5]:
        Forwarding.objects.filter(report=report).update(status="superseded")
        report.status = ReportStatus.CLOSED
        report.save(update_fields=["status", "updated_at"])
    with given_times(PartnerAnswer):
        for fw in Forwarding.objects.filter(answers__isnull=True)[:8]:
            PartnerAnswer.objects.create(
                forwarding=fw, kind="resolved", created_at=fw.created_at + dt.timedelta(hours=30)
            )
    for contact in rng.sample(list(Contact.objects.all()), 15):
        contact.delete()
    for contact in rng.sample(list(Contact.objects.all()), 15):
        contact.topics.set(rng.sample(list(Topic.objects.all()), 1))
        contact.age_band = "80_plus"
        contact.save()
    for resident in residents[:3]:
        resident.delete()  # erasure: help requests and completions go with the record
    residents[3].quarter = quarters["samtweberviertel"]
    residents[3].save()
    for referral in Referral.objects.all()[:10]:
        referral.outcome = ReferralOutcome.TAKEN_UP
        referral.save()
    renamed = quarters["hardenbergviertel"]
    renamed.name = "Hardenberg (neu)"
    renamed.geometry = quarters["samtweberviertel"].geometry
    renamed.save()


# --- Counted directly from the rows -------------------------------------------------------------


def local_month(value) -> str:
    return f"{timezone.localtime(value):%Y-%m}"


def in_period(period, value) -> bool:
    start, end = period.bounds()
    return start <= value < end


def direct_summary(period, quarter_ids=None) -> dict:
    rows = [r for r in Report.objects.all() if in_period(period, r.created_at)
            and (not quarter_ids or r.quarter_id in quarter_ids)]  # fmt: skip
    total = len(rows)
    done = (ReportStatus.RESOLVED, ReportStatus.CLOSED)
    by_helper = sum(r.resolved_by_helper for r in rows)
    return {
        "total": total,
        "open": sum(r.status in OPEN_STATUSES for r in rows),
        "by_helper": by_helper,
        "resolved": sum(r.status in done for r in rows),
        "bags": sum(r.bags_count or 0 for r in rows),
        "by_helper_share": by_helper / total if total else None,
    }


def direct_by_category(period, quarter_ids=None) -> dict:
    buckets = period.buckets()
    result = defaultdict(lambda: [0] * len(buckets))
    for r in Report.objects.select_related("category"):
        if in_period(period, r.created_at) and (not quarter_ids or r.quarter_id in quarter_ids):
            day = timezone.localtime(r.created_at).date()
            index = next(i for i, (_l, s, e) in enumerate(buckets) if s <= day < e)
            top = r.category.parent.name if r.category.parent_id else r.category.name
            result[top][index] += 1
    return dict(result)


def direct_authorities(period, quarter_ids=None) -> dict:
    rows = defaultdict(lambda: {"n": 0, "open": 0, "overdue": 0, "late": 0, "first": [],
                                "done": []})  # fmt: skip
    for fw in Forwarding.objects.select_related("report", "authority").exclude(status="superseded"):
        if not in_period(period, fw.created_at):
            continue
        if quarter_ids and fw.report.quarter_id not in quarter_ids:
            continue
        row = rows[fw.authority.short_name]
        row["n"] += 1
        is_open = fw.status in ("pending", "sent", "acknowledged")
        row["open"] += is_open
        row["overdue"] += is_open and fw.due_date < TODAY
        row["late"] += bool(fw.answered_at) and timezone.localtime(fw.answered_at).date() > (
            fw.due_date
        )
        answers = list(fw.answers.all())
        firsts = [a.created_at for a in answers if a.kind in aggregates.FIRST_ANSWERS]
        dones = [a.created_at for a in answers if a.kind == "resolved"]
        for key, found in (("first", firsts), ("done", dones)):
            if found:
                row[key].append((min(found) - fw.created_at).total_seconds() // 3600)
    return {
        name: (r["n"], r["open"], r["overdue"], (r["overdue"] + r["late"]) / r["n"],
               statistics.median(r["first"]) if r["first"] else None,
               statistics.median(r["done"]) if r["done"] else None)
        for name, r in rows.items()
    }  # fmt: skip


def direct_contacts(year, key) -> dict:
    counts = Counter()
    for c in Contact.objects.all():
        if timezone.localtime(c.created_at).year == year:
            counts[((c.quarter_id, getattr(c, key)), local_month(c.created_at))] += 1
    return dict(counts)


def direct_mentions(year) -> dict:
    counts = Counter()
    for c in Contact.objects.prefetch_related("topics"):
        if timezone.localtime(c.created_at).year == year:
            for t in c.topics.all():
                counts[((t.parent_id or t.pk, c.age_band), local_month(c.created_at))] += 1
    return dict(counts)


def direct_referrals(year) -> dict:
    counts = Counter()
    for r in Referral.objects.all():
        if timezone.localtime(r.created_at).year == year:
            counts[((r.entry_id, r.outcome), local_month(r.created_at))] += 1
    return dict(counts)


def direct_help(year) -> dict:
    counts = Counter()
    for c in HelpCompletion.objects.select_related("help_request__resident"):
        if c.done_on.year == year:
            key = (c.help_request.resident.quarter_id, c.help_request.kind)
            counts[(key, f"{c.done_on:%Y-%m}")] += 1
    return dict(counts)


PERIODS = ["2025", "2025-Q2", "2026-03", "2024-2026", "2017-2026", "2019"]


def assert_same_figures(quarters):
    year = periods.parse("2025")
    assert direct_summary(year)["total"] > 20 and len(direct_authorities(year)) == 2
    assert direct_mentions(2025) and direct_help(2025) and direct_referrals(2025)
    assert direct_summary(periods.parse("2019"))["total"] == 0  # a period without data
    for code in PERIODS:
        period = periods.parse(code)
        for quarter_ids in (None, [quarters["hardenbergviertel"].pk]):
            assert queries.report_summary(period, quarter_ids) == direct_summary(
                period, quarter_ids
            ), code
            _labels, rows = queries.reports_by_category(period, quarter_ids)
            assert dict(rows) == direct_by_category(period, quarter_ids), code
            found = {
                r["authority"]: (r["forwarded"], r["open"], r["overdue"], r["overdue_share"],
                                 r["median_first_hours"], r["median_done_hours"])
                for r in queries.authority_figures(period, quarter_ids, today=TODAY)
            }  # fmt: skip
            assert found == direct_authorities(period, quarter_ids), code
        by_quarter = Counter(
            r.quarter_id for r in Report.objects.all() if in_period(period, r.created_at)
        )
        assert queries.reports_by_quarter(period) == dict(by_quarter), code
    for start, end in [(dt.date(2025, 1, 1), dt.date(2026, 1, 1)),
                       (dt.date(2025, 4, 1), dt.date(2025, 7, 1))]:  # fmt: skip
        found, direct = public_figures.quarter_figures(start, end), direct_figures(start, end)
        assert rounded(found) == rounded(direct) and direct
    for year in (2024, 2025, 2026, 2019):
        assert queries.contacts_monthly(year, ["quarter_id", "age_band"]) == direct_contacts(
            year, "age_band"
        )
        assert queries.contacts_monthly(year, ["quarter_id", "language"]) == direct_contacts(
            year, "language"
        )
        assert queries.topic_mentions_monthly(year) == direct_mentions(year)
        assert queries.referrals_monthly(year) == direct_referrals(year)
        assert queries.help_done_monthly(year) == direct_help(year)


def rounded(figures: dict) -> dict:
    return {q: {k: round(v, 9) for k, v in f.items()} for q, f in figures.items()}


@pytest.mark.slow
@pytest.mark.django_db
def test_aggregates_equal_the_rows_before_and_after_changes(quarters):
    rng = random.Random(2611)
    residents = build_world(quarters, rng)
    assert StaleMonth.objects.exists()  # every write marked its month
    aggregates.fold()
    assert not StaleMonth.objects.exists()
    assert_same_figures(quarters)

    change_world(rng, quarters, residents)
    aggregates.fold()
    assert_same_figures(quarters)

    # A rebuild from scratch gives the very same rows as the incremental way.
    before = [aggregate_rows(ReportMonth), aggregate_rows(ContactMonth)]
    aggregates.rebuild()
    assert before == [aggregate_rows(ReportMonth), aggregate_rows(ContactMonth)]


def aggregate_rows(model):
    fields = [f.name for f in model._meta.fields if f.name != "id"]
    return sorted(model.objects.values_list(*fields), key=repr)


@pytest.mark.django_db
def test_the_dashboard_reads_changes_without_waiting(quarters):
    """A read folds what changed first: a status change moves the report at once."""
    cat = category("wilder-muell", "Wilder Müll", "abfall", "Abfall")
    with given_times(Report):
        report = Report.objects.create(
            category=cat, quarter=quarters["hardenbergviertel"], latitude=51.33, longitude=6.56,
            created_at=timezone.make_aware(dt.datetime(2025, 3, 3, 9)),
        )  # fmt: skip
    period = periods.parse("2025-Q1")
    figures = dashboard.cached("figures", period, None, dashboard.key_figures)
    assert (figures[0].value, figures[-2].value) == (1, 1)  # one report, still open
    report.status = ReportStatus.RESOLVED
    report.save(update_fields=["status", "updated_at"])
    aggregates.fold()
    assert queries.report_summary(period)["open"] == 0
    report.delete()
    aggregates.fold()
    assert queries.report_summary(period)["total"] == 0


def test_median_of_a_histogram():
    assert queries.median_of({}) is None
    assert queries.median_of({5: 1}) == 5
    assert queries.median_of({1: 1, 3: 1}) == 2
    assert queries.median_of({1: 2, 7: 1, 9: 1}) == 4
    values = [3, 3, 8, 10, 10, 10, 40]
    assert queries.median_of(Counter(values)) == statistics.median(values)
