"""Rota writes: weekly patterns, exceptions, opening hours, the helper's calendar link."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import Role
from quartier.core.audit import audit
from quartier.operations.actions.errors import OperationsError
from quartier.operations.models import (
    ABSENCE_KINDS,
    CalendarFeed,
    ExceptionKind,
    OpeningHours,
    ShiftException,
    ShiftPattern,
    new_nonce,
)


def _check_helper(helper) -> None:
    if helper is None or helper.role != Role.HELPER:
        raise OperationsError(
            _("Bitte eine Quartiershelferin oder einen Quartiershelfer wählen."), "helper"
        )
    if not helper.is_active:
        raise OperationsError(
            _("%(name)s ist deaktiviert und kann nicht eingeplant werden.")
            % {"name": helper.get_full_name() or helper.get_username()},
            "helper",
        )


def _check_times(starts_at, ends_at) -> None:
    if starts_at is None or ends_at is None:
        raise OperationsError(_("Bitte Beginn und Ende angeben."), "ends_at")
    if starts_at >= ends_at:
        raise OperationsError(_("Das Ende muss nach dem Beginn liegen."), "ends_at")


def _check_base(base, quarter) -> None:
    if base is not None and base.quarter_id != quarter.pk:
        raise OperationsError(_("Der Stützpunkt liegt nicht in diesem Quartier."), "base")


def add_shift_pattern(
    *,
    actor,
    helper,
    weekday: int,
    quarter,
    base,
    starts_at: dt.time,
    ends_at: dt.time,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
) -> ShiftPattern:
    """Add a weekly shift. Refuses deactivated helpers and overlaps with her other shifts."""
    _check_helper(helper)
    _check_times(starts_at, ends_at)
    _check_base(base, quarter)
    if valid_until is not None and valid_until < valid_from:
        raise OperationsError(_("„gültig bis“ liegt vor „gültig ab“."), "valid_until")
    with transaction.atomic():
        others = ShiftPattern.objects.select_for_update().filter(helper=helper, weekday=weekday)
        others = others.valid_between(valid_from, valid_until or dt.date.max)
        clash = others.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
        if clash is not None:
            raise OperationsError(
                _("Überschneidet sich mit einem Dienst %(start)s–%(end)s in %(quarter)s.")
                % {
                    "start": f"{clash.starts_at:%H:%M}",
                    "end": f"{clash.ends_at:%H:%M}",
                    "quarter": clash.quarter.name,
                },
                "starts_at",
            )
        pattern = ShiftPattern.objects.create(
            helper=helper,
            weekday=weekday,
            quarter=quarter,
            base=base,
            starts_at=starts_at,
            ends_at=ends_at,
            valid_from=valid_from,
            valid_until=valid_until,
            created_by=actor,
        )
        audit(actor, "shift_pattern.add", pattern)
    return pattern


def end_shift_pattern(*, actor, pattern: ShiftPattern, last_day: dt.date) -> ShiftPattern:
    """Stop a weekly shift after `last_day` (kept for the history of earlier weeks)."""
    with transaction.atomic():
        if last_day < pattern.valid_from:
            audit(actor, "shift_pattern.delete", pattern)
            pattern.delete()
            return pattern
        pattern.valid_until = last_day
        pattern.save(update_fields=["valid_until"])
        audit(actor, "shift_pattern.end", pattern)
    return pattern


def add_shift_exception(
    *,
    actor,
    helper,
    day: dt.date,
    kind: str,
    quarter=None,
    base=None,
    starts_at: dt.time | None = None,
    ends_at: dt.time | None = None,
    note: str = "",
) -> ShiftException:
    """An absence (holiday, sick, training, day off) or a one-off shift on one day."""
    if kind not in ExceptionKind.values:
        raise OperationsError(_("Bitte eine Art wählen."), "kind")
    if kind == ExceptionKind.EXTRA:
        _check_helper(helper)
        if quarter is None:
            raise OperationsError(_("Bitte ein Quartier wählen."), "quarter")
        _check_times(starts_at, ends_at)
        _check_base(base, quarter)
    else:
        quarter = base = starts_at = ends_at = None
    with transaction.atomic():
        if (
            kind in ABSENCE_KINDS
            and ShiftException.objects.filter(
                helper=helper, day=day, kind__in=ABSENCE_KINDS
            ).exists()
        ):
            raise OperationsError(
                _("Für diesen Tag ist schon eine Abwesenheit eingetragen."), "day"
            )
        exception = ShiftException.objects.create(
            helper=helper,
            day=day,
            kind=kind,
            quarter=quarter,
            base=base,
            starts_at=starts_at,
            ends_at=ends_at,
            note=note,
            created_by=actor,
        )
        audit(actor, f"shift_exception.add.{kind}", exception)
    return exception


def remove_shift_exception(*, actor, exception: ShiftException) -> None:
    with transaction.atomic():
        audit(actor, "shift_exception.remove", exception)
        exception.delete()


def set_opening_hours(*, actor, base, weekday: int, opens: dt.time | None, closes: dt.time | None):
    """Set (or with opens=None clear) a base's opening hours on one weekday."""
    with transaction.atomic():
        if opens is None:
            OpeningHours.objects.filter(base=base, weekday=weekday).delete()
            audit(actor, "opening_hours.clear", base)
            return None
        if closes is None or opens >= closes:
            raise OperationsError(_("Das Ende muss nach dem Beginn liegen."), "closes")
        row, _created = OpeningHours.objects.update_or_create(
            base=base, weekday=weekday, defaults={"opens": opens, "closes": closes}
        )
        audit(actor, "opening_hours.set", base)
    return row


def renew_calendar_feed(*, actor, helper) -> CalendarFeed:
    """A new secret calendar link for `helper`; every older link stops working at once."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(helper=helper)
        if not created:
            feed.nonce = new_nonce()
            feed.revoked_at = None
            feed.save(update_fields=["nonce", "revoked_at"])
        audit(actor, "calendar_feed.renew", feed)
    return feed


def revoke_calendar_feed(*, actor, helper) -> None:
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(helper=helper).first()
        if feed is None:
            return
        feed.nonce = new_nonce()
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["nonce", "revoked_at"])
        audit(actor, "calendar_feed.revoke", feed)
