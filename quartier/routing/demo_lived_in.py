"""A lived-in demo for reports: every status, partners' answers (link, phone, "not ours"), an
internal note, a "Nachkontrolle" for `helferin`, and a year of finished reports with their
forwardings so that statistics and the public map show something real.

Runs after the reports' demo loader. Idempotent (answers and old reports carry "(Beispiel)" or
fixed client ids); the year goes in with bulk_create.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.utils import timezone
from shapely.geometry import Point, shape

from quartier.accounts.models import Role, User
from quartier.areas.models import Quarter
from quartier.reports import actions as report_actions
from quartier.reports.demo import DEMO_NAMESPACE, DEMO_REPORTS
from quartier.reports.models import (
    Report,
    ReportCategory,
    ReportNote,
    ReportStatus,
    ReportStatusChange,
)
from quartier.routing import actions, links
from quartier.routing.models import (
    AnswerChannel,
    AnswerKind,
    Authority,
    Forwarding,
    ForwardingStatus,
)

EXAMPLE = "(Beispiel)"
HISTORY_NAMESPACE = uuid.UUID("2f6b3c1e-7d4a-4b8e-8c2d-9e0f1a2b3c4d")
HISTORY_DAYS = 365
HISTORY_PER_DAY = (0, 1, 1, 2, 3)

# (index in reports.demo.DEMO_REPORTS, answer kind, channel, comment, suggested authority)
ANSWERS = [
    (0, AnswerKind.ACKNOWLEDGED, AnswerChannel.LINK, "Abholung am Freitag", ""),
    (1, AnswerKind.RESOLVED, AnswerChannel.LINK, "Gehwegplatte wurde neu verlegt", ""),
    (2, AnswerKind.NOT_RESPONSIBLE, AnswerChannel.LINK, "Lampe gehört zum Privatweg",
     "Hausverwaltung"),
    (3, AnswerKind.ACKNOWLEDGED, AnswerChannel.STAFF, "Am Telefon: Kolonne kommt Montag", ""),
]  # fmt: skip


def _demo_report(index: int) -> Report | None:
    return Report.objects.filter(client_id=uuid.uuid5(DEMO_NAMESPACE, str(index))).first()


def load() -> list[str]:
    coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()
    if coordinator is None or ReportNote.objects.filter(text__endswith=EXAMPLE).exists():
        return []
    _answer_demo_reports(coordinator)
    _triage_demo_reports(coordinator)
    created = _load_year(coordinator)
    return [f"Beispiel-Alltag: {created} abgeschlossene Meldungen aus dem letzten Jahr."]


def _answer_demo_reports(coordinator) -> None:
    for index, kind, channel, comment, suggested in ANSWERS:
        report = _demo_report(index)
        if report is None:
            continue
        # load_demo runs in one transaction: the on_commit auto-forwarding has not run yet.
        if not report.forwardings.exists():
            actions.route_new_report(report=report)
        forwarding = report.forwardings.waiting().order_by("-pk").first()
        if forwarding is None:
            continue
        actions.record_partner_answer(
            forwarding=forwarding,
            kind=kind,
            comment=f"{comment} {EXAMPLE}",
            suggested_authority=suggested,
            channel=channel,
            actor=coordinator if channel == AnswerChannel.STAFF else None,
        )


def _triage_demo_reports(coordinator) -> None:
    helper = User.objects.filter(username="helferin").first()
    first = _demo_report(0)
    if first is not None:
        report_actions.add_internal_note(
            report=first, text=f"Eigentümer des Hauses ist informiert {EXAMPLE}", actor=coordinator
        )
        if helper is not None:
            report_actions.assign_report(
                report=first, assignee=helper, actor=coordinator, note="Nachkontrolle: ist es weg?"
            )
    last = _demo_report(len(DEMO_REPORTS) - 1)
    if last is not None and last.is_open:
        report_actions.close_report(
            report=last,
            reason=f"Bei Ortstermin nicht mehr vorgefunden {EXAMPLE}",
            actor=coordinator,
        )
    if first is not None and helper is not None:
        twin, _created = report_actions.submit_report(
            reporter=helper,
            category=first.category,
            latitude=first.latitude + 0.0001,
            longitude=first.longitude,
            address=first.address,
            description="Sperrmüll am Glascontainer (zweite Meldung)",
            client_id=uuid.uuid5(DEMO_NAMESPACE, "twin"),
        )
        if twin.is_open:
            report_actions.merge_reports(duplicate=twin, into=first, actor=coordinator)
        report_actions.submit_report(
            reporter=helper,
            category=first.category,
            latitude=first.latitude - 0.0004,
            longitude=first.longitude + 0.0003,
            address="Spielplatz Hardenbergstraße (Beispiel)",
            description="Müll rund um den Spielplatz aufgesammelt",
            resolved_by_helper=True,
            bags_count=3,
            client_id=uuid.uuid5(DEMO_NAMESPACE, "selbst-erledigt"),
        )


def _points(quarter: Quarter, rng: random.Random, count: int) -> list[tuple[float, float]]:
    area = shape(quarter.geometry)
    west, south, east, north = area.bounds
    points: list[tuple[float, float]] = []
    while len(points) < count:
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if area.contains(Point(lon, lat)):
            points.append((round(lat, 6), round(lon, 6)))
    return points


def _load_year(coordinator) -> int:
    if Report.objects.filter(client_id=uuid.uuid5(HISTORY_NAMESPACE, "0")).exists():
        return 0
    rng = random.Random(311)
    categories = list(ReportCategory.objects.filter(parent__isnull=False, is_active=True))
    quarters = list(Quarter.objects.all())
    helpers = list(User.objects.filter(role=Role.HELPER, is_active=True))
    authorities = list(Authority.objects.filter(is_active=True))
    if not (categories and quarters and helpers and authorities):
        return 0
    plan = _plan_year(rng, quarters)
    reports = [
        _old_report(rng, number, day, quarter, point, categories, helpers)
        for number, (day, quarter, point) in enumerate(plan)
    ]
    Report.objects.bulk_create(reports, batch_size=1000)
    Report.objects.bulk_update(reports, ["created_at"], batch_size=1000)
    _old_history(rng, reports, authorities, coordinator)
    return len(reports)


def _plan_year(rng, quarters) -> list:
    today = timezone.localdate()
    days = [today - dt.timedelta(days=n) for n in range(HISTORY_DAYS, 14, -1)]
    plan = []
    for quarter in quarters:
        count = sum(rng.choice(HISTORY_PER_DAY) for _ in days) // 3
        points = _points(quarter, rng, count)
        plan += [(rng.choice(days), quarter, point) for point in points]
    return plan


def _old_report(rng, number, day, quarter, point, categories, helpers) -> Report:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 17))))
    by_helper = rng.random() < 0.25
    status = rng.choice(
        (
            ReportStatus.RESOLVED,
            ReportStatus.RESOLVED,
            ReportStatus.CLOSED,
            ReportStatus.ACKNOWLEDGED,
        )
    )
    return Report(
        category=rng.choice(categories),
        status=ReportStatus.RESOLVED_BY_HELPER if by_helper else status,
        latitude=point[0],
        longitude=point[1],
        accuracy_m=rng.choice((5, 10, 15, 30)),
        quarter=quarter,
        reporter=rng.choice(helpers),
        resolved_by_helper=by_helper,
        bags_count=rng.randint(1, 6) if by_helper else None,
        close_reason=f"Erledigt {EXAMPLE}" if status == ReportStatus.CLOSED else "",
        client_id=uuid.uuid5(HISTORY_NAMESPACE, str(number)),
        created_at=moment,
    )


def _old_history(rng, reports, authorities, coordinator) -> None:
    changes, forwardings = [], []
    for report in reports:
        changes.append(ReportStatusChange(report=report, status=ReportStatus.NEW))
        if report.resolved_by_helper:
            continue
        days = rng.randint(1, 12)
        answered = report.created_at + dt.timedelta(days=days)
        forwardings.append(
            Forwarding(
                report=report,
                authority=rng.choice(authorities),
                is_automatic=True,
                sent_at=report.created_at,
                due_date=(report.created_at + dt.timedelta(days=7)).date(),
                status=_forwarding_status(report.status),
                token_nonce=links.new_nonce(),
                link_expires_at=answered,
                answered_at=answered,
            )
        )
        changes.append(ReportStatusChange(report=report, status=report.status, actor=coordinator))
    ReportStatusChange.objects.bulk_create(changes, batch_size=2000)
    Forwarding.objects.bulk_create(forwardings, batch_size=1000)
    _backdate(reports, forwardings)


def _forwarding_status(status: str) -> str:
    if status == ReportStatus.ACKNOWLEDGED:
        return ForwardingStatus.ACKNOWLEDGED
    return ForwardingStatus.RESOLVED


def _backdate(reports, forwardings) -> None:
    """auto_now_add stamped today; put history and forwardings back to their report's day."""
    created = {report.pk: report.created_at for report in reports}
    for forwarding in forwardings:
        forwarding.created_at = created[forwarding.report_id]
    Forwarding.objects.bulk_update(forwardings, ["created_at"], batch_size=1000)
    # Still part of writing the demo history once (append-only: no manager update otherwise).
    history = ReportStatusChange._base_manager
    changes = list(history.filter(report_id__in=list(created)))
    for change in changes:
        change.created_at = created[change.report_id]
    history.bulk_update(changes, ["created_at"], batch_size=1000)
