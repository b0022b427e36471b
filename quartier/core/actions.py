"""Writes of the core app."""

from django.db import transaction

from quartier.core.audit import audit
from quartier.core.models import AccessibilityFeedback
from quartier.core.queue import enqueue_with_transaction
from quartier.core.tasks import notify_accessibility_feedback


def submit_accessibility_feedback(
    *, page_url: str, message: str, contact: str, actor=None
) -> AccessibilityFeedback:
    """Store feedback from the accessibility statement and tell the responsible office."""
    with transaction.atomic():
        feedback = AccessibilityFeedback.objects.create(
            page_url=page_url, message=message, contact=contact
        )
        audit(actor, "accessibility_feedback.submit", feedback)
        enqueue_with_transaction(notify_accessibility_feedback, feedback.pk)
    return feedback


def audit_log_viewed(*, actor) -> None:
    """Reading the audit log is itself logged (security log)."""
    audit(actor, "audit_log.view", object_type="core.auditentry")


def audit_log_exported(*, actor, count: int) -> None:
    """Exporting the audit log is logged too (security log of exports)."""
    audit(actor, "audit_log.export", object_type="core.auditentry", object_id=count)
