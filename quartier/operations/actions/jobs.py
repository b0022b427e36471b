"""Small jobs (Pflege und Müllbeseitigung): logged when done, or planned by coordinators."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.core.photos import CleanPhoto
from quartier.operations.actions.errors import OperationsError
from quartier.operations.models import JobKind, SmallJob, SmallJobPhoto

# Plausibility limits: more than this in one job is a typo, not a day's work.
MAX_BAGS = 100
MAX_AREA_M2 = 5000
MAX_RESIDENTS = 300


def check_amounts(*, bags: int | None, area_m2: int | None, residents_joined: int) -> None:
    """Refuse amounts no one job can have, with the field the message belongs to."""
    if bags is not None and bags > MAX_BAGS:
        raise OperationsError(
            _("%(n)s Säcke bei einem Einsatz? Bitte prüfen (höchstens %(max)s).")
            % {"n": bags, "max": MAX_BAGS},
            "bags",
        )
    if area_m2 is not None and area_m2 > MAX_AREA_M2:
        raise OperationsError(
            _("%(n)s m² bei einem Einsatz? Bitte prüfen (höchstens %(max)s m²).")
            % {"n": area_m2, "max": MAX_AREA_M2},
            "area_m2",
        )
    if residents_joined > MAX_RESIDENTS:
        raise OperationsError(
            _("Mehr als %(max)s Bewohner*innen? Bitte prüfen.") % {"max": MAX_RESIDENTS},
            "residents_joined",
        )


def _check_kind(kind: str) -> None:
    if kind not in JobKind.values:
        raise OperationsError(_("Bitte eine Art wählen."), "kind")


def _attach(job: SmallJob, photos: Sequence[tuple[str, CleanPhoto]]) -> None:
    for stage, photo in photos:
        name = uuid.uuid4().hex
        row = SmallJobPhoto(job=job, stage=stage)
        row.image.save(f"{name}.jpg", ContentFile(photo.image), save=False)
        row.thumbnail.save(f"{name}_t.jpg", ContentFile(photo.thumbnail), save=False)
        row.save()


def log_small_job(
    *,
    helper,
    kind: str,
    quarter,
    place: str,
    bags: int | None = None,
    area_m2: int | None = None,
    residents_joined: int = 0,
    note: str = "",
    photos: Sequence[tuple[str, CleanPhoto]] = (),
    now=None,
) -> SmallJob:
    """A job done just now ("Erledigt"). `photos` are (stage, cleaned photo) pairs."""
    _check_kind(kind)
    check_amounts(bags=bags, area_m2=area_m2, residents_joined=residents_joined)
    now = now or timezone.now()
    with transaction.atomic():
        job = SmallJob.objects.create(
            kind=kind,
            quarter=quarter,
            place=place,
            bags=bags,
            area_m2=area_m2,
            residents_joined=residents_joined,
            note=note,
            done_at=now,
            done_on=timezone.localdate(now),
            done_by=helper,
            created_by=helper,
        )
        _attach(job, photos)
        audit(helper, "small_job.log", job)
    return job


def plan_small_job(
    *,
    actor,
    kind: str,
    quarter,
    place: str,
    planned_for: dt.date,
    planned_time: dt.time | None = None,
    assignees=(),
    note: str = "",
) -> SmallJob:
    """A coordinator plans a job (e.g. a clean-up with residents); it shows in the helpers' day."""
    _check_kind(kind)
    assignees = list(assignees)
    if not assignees:
        raise OperationsError(_("Bitte mindestens eine Person einplanen."), "assignees")
    inactive = [u for u in assignees if not u.is_active]
    if inactive:
        raise OperationsError(_("Deaktivierte Konten können nicht eingeplant werden."), "assignees")
    with transaction.atomic():
        job = SmallJob.objects.create(
            kind=kind,
            quarter=quarter,
            place=place,
            planned_for=planned_for,
            planned_time=planned_time,
            note=note,
            created_by=actor,
        )
        job.assignees.set(assignees)
        audit(actor, "small_job.plan", job)
    return job


def complete_small_job(
    *,
    helper,
    job: SmallJob,
    bags: int | None = None,
    area_m2: int | None = None,
    residents_joined: int = 0,
    note: str = "",
    photos: Sequence[tuple[str, CleanPhoto]] = (),
    now=None,
) -> SmallJob:
    """Report a planned job as done, with its amounts."""
    check_amounts(bags=bags, area_m2=area_m2, residents_joined=residents_joined)
    now = now or timezone.now()
    with transaction.atomic():
        job = SmallJob.objects.select_for_update().get(pk=job.pk)
        if job.is_done:
            raise OperationsError(_("Dieser Einsatz ist schon als erledigt eingetragen."))
        job.bags, job.area_m2, job.residents_joined = bags, area_m2, residents_joined
        job.note = note or job.note
        job.done_at, job.done_on, job.done_by = now, timezone.localdate(now), helper
        job.save()
        _attach(job, photos)
        audit(helper, "small_job.complete", job)
    return job
