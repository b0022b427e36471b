"""Periodic polling of partners that speak Open311 (registered in apps.py, every 15 minutes)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from quartier.accounts.models import Role, User
from quartier.core.audit import audit
from quartier.open311.client import PartnerUnavailable, poll_updates
from quartier.routing.actions import notify
from quartier.routing.channels import ChannelNotAvailable
from quartier.routing.models import Authority, Channel, Notification

log = logging.getLogger(__name__)


def open311_partners():
    return Authority.objects.filter(is_active=True, channel=Channel.OPEN311).exclude(
        open311_endpoint=""
    )


def report_poll_failure(authority: Authority, error: str) -> None:
    """Make a failed poll visible: audit entry always, a notice to coordinators once a day."""
    audit(None, "open311.poll.failed", authority)
    prefix = f"Open311-Abruf bei {authority} fehlgeschlagen"
    today = timezone.localdate()
    if Notification.objects.filter(text__startswith=prefix, created_at__date=today).exists():
        return
    coordinators = User.objects.filter(role=Role.COORDINATOR, is_active=True)
    notify(users=coordinators, text=f"{prefix}: {error}"[:300])


@task()
def poll_partners() -> dict:
    """Poll every active Open311 partner; one partner being down never stops the others."""
    result = {}
    for authority in open311_partners():
        try:
            result[authority.short_name or authority.name] = poll_updates(authority)
        except (PartnerUnavailable, ChannelNotAvailable) as exc:
            log.warning("open311 poll %s failed: %s", authority.pk, exc)
            report_poll_failure(authority, str(exc))
            result[authority.short_name or authority.name] = {"error": str(exc)}
    return result
