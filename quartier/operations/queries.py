"""Reads for operations pages: the helper's day and presence per quarter."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from quartier.operations import rota
from quartier.operations.access import action_items_for
from quartier.operations.models import DutyDay, OpeningHours, ResultCheck, SmallJob
from quartier.reports.access import reports_visible_to
from quartier.reports.models import ReportStatus, ReportStatusChange
from quartier.routing.models import PartnerAnswer

CHECK_WINDOW = dt.timedelta(days=30)


def todays_shifts(helper, day: dt.date) -> list[rota.PlannedShift]:
    return [s for s in rota.plan(day, day, helpers=[helper]).shifts if s.helper.pk == helper.pk]


def opening_hours_of(base, day: dt.date):
    if base is None:
        return None
    return OpeningHours.objects.filter(base=base, weekday=day.weekday()).first()


def reports_to_check(helper, now):
    """Reports in her quarters the partner called done in the last 30 days, not yet checked."""
    since = now - CHECK_WINDOW
    resolved_change = ReportStatusChange.objects.filter(
        report=OuterRef("pk"), status=ReportStatus.RESOLVED, created_at__gte=since
    )
    checked = ResultCheck.objects.filter(report=OuterRef("pk"))
    return (
        reports_visible_to(helper)
        .filter(status=ReportStatus.RESOLVED, quarter__in=helper.quarters.values("pk"))
        .filter(Exists(resolved_change))
        .exclude(Exists(checked))
        .for_listing()
        .order_by("-updated_at")[:20]
    )


def partner_answers_since(helper, since):
    """Partner answers since `since` to reports she may see."""
    return (
        PartnerAnswer.objects.filter(
            created_at__gte=since, forwarding__report__in=reports_visible_to(helper).values("pk")
        )
        .select_related("forwarding__authority", "forwarding__report__category")
        .order_by("-created_at")[:20]
    )


def jobs_for_day(helper, day: dt.date):
    return (
        SmallJob.objects.planned()
        .filter(assignees=helper)
        .filter(Q(planned_for=day) | Q(planned_for__lt=day))
        .select_related("quarter")
        .order_by("planned_for", "planned_time")
    )


def my_day(helper, now=None) -> dict:
    """Everything on the helper's phone start page except what other apps contribute."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    yesterday = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=1), dt.time()))
    shifts = [
        {"shift": s, "hours": opening_hours_of(s.base, today)} for s in todays_shifts(helper, today)
    ]
    return {
        "today": today,
        "holiday": rota.public_holiday(today),
        "shifts": shifts,
        "duty": DutyDay.objects.filter(helper=helper, day=today).first(),
        "to_check": list(reports_to_check(helper, now)),
        "answers": list(partner_answers_since(helper, yesterday)),
        "jobs": list(jobs_for_day(helper, today)),
        "actions": list(action_items_for(helper).select_related("meeting")),
    }


def presence(day: dt.date, quarters) -> list[dict]:
    """Per quarter: how many were planned and how many started duty. Counts, never names."""
    planned = rota.plan(day, day).shifts
    planned_count = Counter(s.quarter.pk for s in planned)
    on_duty = set(DutyDay.objects.filter(day=day).values_list("helper_id", flat=True))
    present = Counter(
        s.quarter.pk
        for s in {(s.helper.pk, s.quarter.pk): s for s in planned}.values()
        if s.helper.pk in on_duty
    )
    return [
        {"quarter": q, "planned": planned_count[q.pk], "present": present[q.pk]} for q in quarters
    ]


def small_job_totals(start: dt.date, end: dt.date) -> list[dict]:
    """For statistics: done jobs per quarter and kind with bags, m² and residents who joined.

    Counts only, never people; suppressing small cells is up to the report that leaves.
    """
    return list(
        SmallJob.objects.done()
        .filter(done_on__range=(start, end))
        .values("quarter__name", "kind")
        .annotate(
            jobs=Count("id"),
            bags=Coalesce(Sum("bags"), 0),
            area_m2=Coalesce(Sum("area_m2"), 0),
            residents=Coalesce(Sum("residents_joined"), 0),
        )
        .order_by("quarter__name", "kind")
    )


def rota_conflicts_this_week(user) -> int:
    """The coordinator's worklist: how many conflicts the rota has this week."""
    start = rota.week_start(timezone.localdate())
    end = start + dt.timedelta(days=6)
    return len(rota.conflicts(rota.plan(start, end), start, end))
