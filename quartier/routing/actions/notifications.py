"""In-app notifications for staff.

Every write: keyword-only arguments, one transaction, an audit entry.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from quartier.core.audit import audit
from quartier.routing.models import (
    Notification,
)


def notify(*, users, text: str, link: str = "") -> int:
    notifications = [Notification(user=user, text=text[:300], link=link) for user in users]
    Notification.objects.bulk_create(notifications)
    return len(notifications)


def mark_notifications_read(*, user, notification_ids=None) -> int:
    with transaction.atomic():
        qs = Notification.objects.filter(user=user).unread()
        if notification_ids is not None:
            qs = qs.filter(pk__in=notification_ids)
        count = qs.update(read_at=timezone.now())
        audit(user, "routing.notifications.read", object_type="routing.notification")
    return count
