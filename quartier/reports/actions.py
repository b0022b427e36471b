"""Writes to reports. Every function: keyword-only, one transaction, an audit entry."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from quartier.areas.addresses import nearest
from quartier.areas.geo import locate
from quartier.core.audit import audit
from quartier.core.files import files_kept_only_on_success
from quartier.core.photos import CleanPhoto
from quartier.reports import hooks, transitions
from quartier.reports.errors import ReportError
from quartier.reports.models import (
    Report,
    ReportCategory,
    ReportConfirmation,
    ReportNote,
    ReportPhoto,
    ReportSource,
    ReportStatus,
    ReportStatusChange,
)


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
    photos: Sequence[CleanPhoto] = (),
    api_client_ref: int | None = None,
) -> tuple[Report, bool]:
    """Create a report; returns (report, created).

    Idempotent on `client_id`: a retried or replayed submission returns the existing report
    with created=False (its photos are not added twice). `photos` are already cleaned
    (photos.clean_photo), so no metadata reaches the storage. Points outside Krefeld are
    refused; points in Krefeld but outside the programme quarters are kept with quarter=None.
    """
    if client_id is not None:
        existing = Report.objects.filter(client_id=client_id).first()
        if existing is not None:
            return existing, False
    location = locate(latitude, longitude)
    if not location.in_krefeld:
        raise ReportError("Der Ort liegt außerhalb von Krefeld.")
    status = ReportStatus.RESOLVED_BY_HELPER if resolved_by_helper else ReportStatus.NEW
    near = nearest(latitude, longitude)
    try:
        with files_kept_only_on_success(), transaction.atomic():
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
                api_client_ref=api_client_ref,
                nearest_address=near.label if near else "",
                nearest_address_m=round(near.distance_m) if near else None,
            )
            ReportStatusChange.objects.create(
                report=report, status=status, actor=reporter, api_client_ref=api_client_ref
            )
            _attach_photos(report=report, photos=photos, uploaded_by=reporter)
            audit(reporter, "report.submit", report)
            if not resolved_by_helper:
                _announce_submitted(report)
    except IntegrityError:
        # Two submissions with the same client_id raced; the first one won.
        if client_id is None:
            raise
        return Report.objects.get(client_id=client_id), False
    return report, True


def _announce_submitted(report: Report) -> None:
    """Apps that act on a new report (routing forwards it) do so in the same transaction:
    the report, its forwarding and the delivery task are stored together or not at all."""
    hooks.report_created.send(sender=Report, report=report)


def record_status(
    *,
    report: Report,
    status: str | None,
    actor=None,
    actor_label: str = "",
    note: str = "",
    external: dict | None = None,
    settles: bool = False,
    audit_action: str = "",
    keep_if_refused: bool = False,
    **fields,
) -> ReportStatusChange:
    """Set a report's status and append it to the history (with optional extra fields).

    The one place a report's status changes: the row is locked and the change checked against
    `transitions.TRANSITIONS` (TransitionError if not allowed). `status=None` keeps the stored
    status (a history row only, e.g. a partner's comment); `keep_if_refused` does the same
    for a change the table does not allow (a partner's late answer is kept, not applied).
    `external` holds what a partner system sent through Open311 (`api_client_ref`,
    `external_status`, `external_text`, `external_updated_at`), stored on the history row.
    Announced as `hooks.report_status_changed`; `settles` says a coordinator ended the case.
    """
    with transaction.atomic():
        current = (
            Report.objects.select_for_update()
            .filter(pk=report.pk)
            .values_list("status", flat=True)
            .get()
        )
        if status is None or (keep_if_refused and not transitions.allowed(current, status)):
            status = current
        transitions.check(current, status)
        report.status = status
        for name, value in fields.items():
            setattr(report, name, value)
        report.save(update_fields=["status", "updated_at", *fields])
        change = ReportStatusChange.objects.create(
            report=report,
            status=status,
            actor=actor,
            actor_label=actor_label,
            note=note,
            **(external or {}),
        )
        audit(actor, audit_action or f"report.status.{status}", report)
        hooks.report_status_changed.send(
            sender=Report, report=report, status=status, actor=actor, settles=settles
        )
    return change


# --- Coordinator side: categorise, merge duplicates, close ------------------------------------


def change_category(*, report: Report, category: ReportCategory, actor) -> Report:
    """Give a report another category; the history keeps the old and the new name."""
    if category.pk == report.category_id:
        raise ReportError("Die Meldung hat diese Kategorie bereits.")
    with transaction.atomic():
        old = report.category
        report.category = category
        report.save(update_fields=["category", "updated_at"])
        ReportStatusChange.objects.create(
            report=report,
            status=report.status,
            actor=actor,
            note=f"Kategorie geändert: {old} → {category}",
        )
        audit(actor, "report.category", report)
    return report


def merge_reports(*, duplicate: Report, into: Report, actor) -> Report:
    """Mark `duplicate` as the same problem as `into` ("Das ist dasselbe").

    The duplicate gets status DUPLICATE and points to `into`; both histories say so. Refused
    for the same report, another category, a target that is itself a duplicate and reports
    that are already merged.
    """
    check_merge(duplicate, into)
    with transaction.atomic():
        record_status(
            report=duplicate,
            status=ReportStatus.DUPLICATE,
            actor=actor,
            note=f"Doppelt zu Meldung #{into.pk}",
            settles=True,
            audit_action="report.merge",
            duplicate_of=into,
        )
        ReportStatusChange.objects.create(
            report=into,
            status=into.status,
            actor=actor,
            note=f"Meldung #{duplicate.pk} als doppelt zugeordnet",
        )
        audit(actor, "report.merge_target", into)
    return into


def check_merge(duplicate: Report, into: Report) -> None:
    """Raise ReportError if `duplicate` cannot be merged into `into` (asked before confirming)."""
    if duplicate.pk == into.pk:
        raise ReportError("Eine Meldung kann nicht mit sich selbst zusammengeführt werden.")
    if duplicate.category_id != into.category_id:
        raise ReportError(
            "Nur Meldungen derselben Kategorie können zusammengeführt werden. "
            "Ändern Sie zuerst die Kategorie."
        )
    if into.status == ReportStatus.DUPLICATE:
        raise ReportError(
            f"Meldung #{into.pk} ist selbst als doppelt markiert; "
            f"wählen Sie die ursprüngliche Meldung #{into.duplicate_of_id}."
        )
    if duplicate.status == ReportStatus.DUPLICATE:
        raise ReportError("Diese Meldung ist bereits als doppelt markiert.")


def close_report(*, report: Report, reason: str, actor) -> ReportStatusChange:
    """Close a report (open or resolved); a reason is required, kept on the report and in the
    history. Closed and duplicate reports cannot be closed again."""
    reason = (reason or "").strip()
    if not reason:
        raise ReportError("Bitte geben Sie einen Grund für den Abschluss an.")
    if report.status in {ReportStatus.CLOSED, ReportStatus.DUPLICATE}:
        raise ReportError("Die Meldung ist bereits abgeschlossen.")

    with transaction.atomic():
        change = record_status(
            report=report,
            status=ReportStatus.CLOSED,
            actor=actor,
            note=reason,
            settles=True,
            close_reason=reason[:300],
        )
    return change


def _attach_photos(*, report: Report, photos: Sequence[CleanPhoto], uploaded_by) -> None:
    for photo in photos:
        item = ReportPhoto(report=report, uploaded_by=uploaded_by)
        item.image.save("photo.jpg", ContentFile(photo.image), save=False)
        item.thumbnail.save("thumb.jpg", ContentFile(photo.thumbnail), save=False)
        item.save()


def confirm_report(
    *,
    report: Report,
    actor,
    client_id: uuid.UUID | None = None,
    note: str = "",
    photos: Sequence[CleanPhoto] = (),
) -> tuple[ReportConfirmation, bool]:
    """ "Das ist dasselbe": add a confirmation (and photos) to an existing report.

    Returns (confirmation, created); idempotent on `client_id` like submit_report. A report
    that was already resolved or closed is reopened: the problem is there again.
    """
    if client_id is not None:
        existing = ReportConfirmation.objects.filter(client_id=client_id).first()
        if existing is not None:
            return existing, False
    if report.duplicate_of is not None:
        report = report.duplicate_of
    try:
        with files_kept_only_on_success(), transaction.atomic():
            confirmation = ReportConfirmation.objects.create(
                report=report,
                confirmed_by=actor,
                client_id=client_id or uuid.uuid4(),
                note=note,
            )
            _attach_photos(report=report, photos=photos, uploaded_by=actor)
            if not report.is_open and report.status != ReportStatus.DUPLICATE:
                record_status(
                    report=report,
                    status=ReportStatus.REOPENED,
                    actor=actor,
                    note="Vor Ort erneut festgestellt",
                )
            audit(actor, "report.confirm", report)
    except IntegrityError:
        if client_id is None:
            raise
        return ReportConfirmation.objects.get(client_id=client_id), False
    return confirmation, True


# --- Back office: internal notes, assignment, several reports at once -------------------------


def add_internal_note(*, report: Report, text: str, actor) -> ReportNote:
    """An internal note of the coordination (never shown to partners or helpers)."""
    text = (text or "").strip()
    if not text:
        raise ReportError("Bitte schreiben Sie eine Notiz.")
    with transaction.atomic():
        note = ReportNote.objects.create(report=report, author=actor, text=text[:2000])
        audit(actor, "report.note", report)
    return note


def assign_report(*, report: Report, assignee, actor, note: str = "") -> Report:
    """Give a report to a colleague, or to a helper for the "Nachkontrolle" on site.

    `assignee=None` takes the assignment back. The history says who has it now.
    """
    if assignee is not None and not assignee.is_active:
        raise ReportError("Dieses Konto ist nicht aktiv.")
    if assignee is not None and assignee.pk == report.assigned_to_id:
        raise ReportError("Die Meldung ist bereits so zugewiesen.")
    with transaction.atomic():
        report.assigned_to = assignee
        report.save(update_fields=["assigned_to", "updated_at"])
        who = (assignee.get_full_name() or assignee.get_username()) if assignee else ""
        text = f"Zugewiesen an {who}" if assignee else "Zuweisung aufgehoben"
        ReportStatusChange.objects.create(
            report=report,
            status=report.status,
            actor=actor,
            note=f"{text}: {note.strip()}" if note.strip() else text,
        )
        audit(actor, "report.assign", report)
    return report


def close_reports(*, reports: Sequence[Report], reason: str, actor) -> list[int]:
    """Close several reports with one reason; returns the numbers closed (all or none)."""
    with transaction.atomic():
        for report in reports:
            try:
                close_report(report=report, reason=reason, actor=actor)
            except ReportError as exc:
                raise ReportError(f"Meldung #{report.pk}: {exc}") from exc
    return [report.pk for report in reports]


def merge_many(*, duplicates: Sequence[Report], into: Report, actor) -> list[int]:
    """Mark several reports as the same as `into` (all or none)."""
    with transaction.atomic():
        for report in duplicates:
            try:
                merge_reports(duplicate=report, into=into, actor=actor)
            except ReportError as exc:
                raise ReportError(f"Meldung #{report.pk}: {exc}") from exc
    return [report.pk for report in duplicates]


# --- Administration: categories ---------------------------------------------------------------


def save_category(*, actor, category: ReportCategory) -> ReportCategory:
    """Create or change a category (two levels at most: a parent has no parent)."""
    if category.parent is not None and category.parent.parent_id:
        raise ReportError("Unterkategorien können keine weiteren Unterkategorien haben.")
    if category.pk and category.parent_id and category.children.exists():
        raise ReportError(
            "Eine Kategorie mit Unterkategorien kann selbst keine Unterkategorie sein."
        )
    created = category.pk is None
    with transaction.atomic():
        category.save()
        audit(actor, "category.create" if created else "category.update", category)
    return category


def fill_nearest_addresses(*, actor, batch_size: int = 1000) -> int:
    """Give reports without a nearest address one from the address register (after the
    register was first loaded or replaced). Returns how many reports got one."""
    filled = 0
    with transaction.atomic():
        pending = Report.objects.filter(nearest_address="").only("id", "latitude", "longitude")
        batch = []
        for report in pending.iterator(chunk_size=batch_size):
            near = nearest(report.latitude, report.longitude)
            if near is None:
                continue
            report.nearest_address = near.label
            report.nearest_address_m = round(near.distance_m)
            batch.append(report)
        for start in range(0, len(batch), batch_size):
            chunk = batch[start : start + batch_size]
            Report.objects.bulk_update(chunk, ["nearest_address", "nearest_address_m"])
            filled += len(chunk)
        audit(actor, "reports.fill_nearest_addresses", object_type="reports.report")
    return filled
