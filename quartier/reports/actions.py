"""Writes to reports. Every function: keyword-only, one transaction, an audit entry."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction

from quartier.areas.geo import locate
from quartier.core.audit import audit
from quartier.reports.models import (
    Report,
    ReportCategory,
    ReportSource,
    ReportStatus,
    ReportStatusChange,
)


class ReportError(ValueError):
    """Input that cannot become a report; the message is shown to the user (German)."""


def submit_report(
    *,
    reporter,
    category: ReportCategory,
    latitude: float,
    longitude: float,
    accuracy_m: int | None = None,
    address: str = "",
    description: str = "",
    attributes: dict | None = None,
    source: str = ReportSource.FIELD,
    client_id: uuid.UUID | None = None,
    resolved_by_helper: bool = False,
    bags_count: int | None = None,
) -> tuple[Report, bool]:
    """Create a report; returns (report, created).

    Idempotent on `client_id`: a retried or replayed submission returns the existing report
    with created=False. Points outside Krefeld are refused; points in Krefeld but outside the
    programme quarters are kept with quarter=None.
    """
    if client_id is not None:
        existing = Report.objects.filter(client_id=client_id).first()
        if existing is not None:
            return existing, False
    location = locate(latitude, longitude)
    if not location.in_krefeld:
        raise ReportError("Der Ort liegt außerhalb von Krefeld.")
    status = ReportStatus.RESOLVED_BY_HELPER if resolved_by_helper else ReportStatus.NEW
    try:
        with transaction.atomic():
            report = Report.objects.create(
                reporter=reporter,
                category=category,
                latitude=latitude,
                longitude=longitude,
                accuracy_m=accuracy_m,
                address=address,
                quarter_id=location.quarter_id,
                description=description,
                attributes=attributes or {},
                source=source,
                client_id=client_id or uuid.uuid4(),
                resolved_by_helper=resolved_by_helper,
                bags_count=bags_count if resolved_by_helper else None,
                status=status,
            )
            ReportStatusChange.objects.create(report=report, status=status, actor=reporter)
            audit(reporter, "report.submit", report)
    except IntegrityError:
        # Two submissions with the same client_id raced; the first one won.
        return Report.objects.get(client_id=client_id), False
    if not resolved_by_helper:
        transaction.on_commit(lambda: _route_new_report(report), robust=True)
    return report, True


def _route_new_report(report: Report) -> None:
    from quartier.routing.actions import route_new_report  # routing depends on reports

    route_new_report(report)


def record_status(
    *,
    report: Report,
    status: str,
    actor=None,
    actor_label: str = "",
    note: str = "",
    **fields,
) -> ReportStatusChange:
    """Set a report's status and append it to the history (with optional extra fields)."""
    with transaction.atomic():
        report.status = status
        for name, value in fields.items():
            setattr(report, name, value)
        report.save(update_fields=["status", "updated_at", *fields])
        change = ReportStatusChange.objects.create(
            report=report, status=status, actor=actor, actor_label=actor_label, note=note
        )
        audit(actor, f"report.status.{status}", report)
    return change
