"""Demo data for operations: the eleven helpers' weekly rota, opening hours of the bases, a few
small jobs, a hotspot from three dumping reports and a meeting with action items.
Idempotent: loading twice changes nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from quartier.accounts.models import Role, User
from quartier.areas.models import Base
from quartier.operations import actions
from quartier.operations.models import (
    ExpertMeeting,
    HotspotRule,
    JobKind,
    OpeningHours,
    ShiftPattern,
    SmallJob,
)
from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory

# Three dumping reports within 30 m at the Hardenbergstraße: enough for a hotspot.
HOTSPOT_SPOTS = [(51.31830, 6.56710), (51.31840, 6.56722), (51.31822, 6.56700)]


def _opening_hours(coordinator) -> None:
    for base in Base.objects.all():
        if OpeningHours.objects.filter(base=base).exists():
            continue
        for weekday in range(5):
            actions.set_opening_hours(
                actor=coordinator, base=base, weekday=weekday, opens=dt.time(8), closes=dt.time(16)
            )


def _rota(coordinator, helpers) -> None:
    start = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    for helper in helpers:
        quarter = helper.quarters.first()
        if quarter is None or ShiftPattern.objects.filter(helper=helper).exists():
            continue
        base = helper.base if helper.base and helper.base.quarter_id == quarter.pk else None
        for weekday in range(5):
            actions.add_shift_pattern(
                actor=coordinator,
                helper=helper,
                weekday=weekday,
                quarter=quarter,
                base=base,
                starts_at=dt.time(8),
                ends_at=dt.time(15, 30),
                valid_from=start,
            )


def _jobs(coordinator, helpers) -> None:
    if SmallJob.objects.exists() or not helpers:
        return
    first = helpers[0]
    quarter = first.quarters.first()
    actions.log_small_job(
        helper=first,
        kind=JobKind.LITTER,
        quarter=quarter,
        place="Spielplatz (Beispiel)",
        bags=2,
        residents_joined=0,
    )
    actions.log_small_job(
        helper=first,
        kind=JobKind.SPOT_CLEANED,
        quarter=quarter,
        place="Vor dem Haus Nr. 20 (Beispiel)",
        bags=1,
        area_m2=40,
        residents_joined=3,
    )
    saturday = timezone.localdate() + dt.timedelta(days=(5 - timezone.localdate().weekday()) % 7)
    actions.plan_small_job(
        actor=coordinator,
        kind=JobKind.CLEAN_UP,
        quarter=quarter,
        place="Hardenbergplatz (Beispiel)",
        planned_for=saturday,
        planned_time=dt.time(10),
        assignees=helpers[:2],
    )


def _hotspot(coordinator, reporter) -> None:
    category = ReportCategory.objects.filter(code="abfall-wilder-muell").first()
    if category is None or HotspotRule.objects.filter(category=category).exists():
        return
    actions.set_hotspot_rule(
        actor=coordinator,
        category=category,
        min_reports=3,
        radius_m=30,
        window_days=60,
        suggestion="Waste-Detektive der GSAK einschalten; häufiger leeren; Hinweisschild",
    )
    for lat, lon in HOTSPOT_SPOTS:
        submit_report(
            reporter=reporter,
            category=category,
            latitude=lat,
            longitude=lon,
            address="Hardenbergstraße 40 (Beispiel)",
            description="Sperrmüll abgeladen",
        )
    actions.detect_hotspots()


def _meeting(coordinator, helpers) -> None:
    if ExpertMeeting.objects.exists():
        return
    last_week = timezone.localdate() - dt.timedelta(days=7)
    meeting = actions.create_meeting(
        actor=coordinator,
        held_on=last_week,
        starts_at=dt.time(10),
        place="Rathaus, Raum 214 (Beispiel)",
    )
    actions.add_participant(actor=coordinator, meeting=meeting, user=coordinator)
    actions.add_participant(
        actor=coordinator,
        meeting=meeting,
        organisation="Seniorenhilfe",
        email="seniorenhilfe@example.org",
    )
    actions.add_participant(
        actor=coordinator, meeting=meeting, organisation="KOD", email="kod@example.org"
    )
    item = meeting.items.first() or actions.add_agenda_item(
        actor=coordinator, meeting=meeting, title="Sauberkeit am Hardenbergplatz"
    )
    actions.record_minutes(actor=coordinator, item=item, notes="", decision="GSAK informieren")
    actions.add_action_item(
        actor=coordinator,
        meeting=meeting,
        agenda_item=item,
        text="GSAK um häufigere Leerung bitten",
        owner=coordinator,
        due_on=timezone.localdate() + dt.timedelta(days=3),
    )
    if helpers:
        actions.add_action_item(
            actor=coordinator,
            meeting=meeting,
            agenda_item=item,
            text="Hinweisschild mit Bewohner*innen abstimmen",
            owner=helpers[0],
            due_on=timezone.localdate(),
        )


def load() -> list[str]:
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").first()
    if coordinator is None:
        return []
    helpers = list(User.objects.filter(role=Role.HELPER, is_active=True).order_by("pk"))
    _opening_hours(coordinator)
    _rota(coordinator, helpers)
    _jobs(coordinator, helpers)
    if helpers:
        _hotspot(coordinator, helpers[0])
    _meeting(coordinator, helpers)
    return []
