"""The helper's day: start and end of duty, result checks, flagging a report for the meeting."""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.audit import audit
from quartier.core.photos import CleanPhoto
from quartier.operations.actions.errors import OperationsError
from quartier.operations.models import DutyDay, ReportMeetingFlag, ResultCheck
from quartier.reports.actions import record_status
from quartier.reports.models import ReportStatus
from quartier.reports.transitions import TransitionError


def start_duty(*, helper, now=None) -> DutyDay:
    """Start of duty today (a second tap the same day changes nothing)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    try:
        with transaction.atomic():
            duty, created = DutyDay.objects.get_or_create(
                helper=helper, day=day, defaults={"started_at": now}
            )
            if created:
                audit(helper, "duty.start", duty)
    except IntegrityError:  # two taps raced
        duty = DutyDay.objects.get(helper=helper, day=day)
    return duty


def end_duty(*, helper, now=None) -> DutyDay:
    now = now or timezone.now()
    with transaction.atomic():
        duty = (
            DutyDay.objects.select_for_update()
            .filter(helper=helper, day=timezone.localdate(now))
            .first()
        )
        if duty is None:
            raise OperationsError(_("Der Dienst wurde heute noch nicht begonnen."))
        if duty.ended_at is None:
            duty.ended_at = now
            duty.save(update_fields=["ended_at"])
            audit(helper, "duty.end", duty)
    return duty


def check_result(
    *, actor, report, is_done: bool, note: str = "", photo: CleanPhoto | None = None
) -> ResultCheck:
    """Record whether a report the partner called done is really done; if not, reopen it."""
    if report.status != ReportStatus.RESOLVED:
        raise OperationsError(_("Diese Meldung wartet nicht auf eine Nachkontrolle."))
    with transaction.atomic():
        check = ResultCheck(report=report, is_done=is_done, note=note, checked_by=actor)
        if photo is not None:
            check.image.save(f"{uuid.uuid4().hex}.jpg", ContentFile(photo.image), save=False)
        check.save()
        audit(actor, "report.result_check", report)
        if not is_done:
            try:
                record_status(
                    report=report,
                    status=ReportStatus.REOPENED,
                    actor=actor,
                    note=_("Nachkontrolle: nicht erledigt. %(note)s") % {"note": note},
                )
            except TransitionError as exc:  # the coordinators merged it meanwhile
                raise OperationsError(str(exc)) from exc
    return check


def flag_report_for_meeting(*, actor, report) -> ReportMeetingFlag:
    """Mark a report "für den Fachaustausch" (the next agenda picks it up)."""
    with transaction.atomic():
        flag, created = ReportMeetingFlag.objects.get_or_create(
            report=report, defaults={"flagged_by": actor}
        )
        if created:
            audit(actor, "report.flag_for_meeting", report)
    return flag
