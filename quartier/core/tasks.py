"""Tasks of the core app."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def ping(label: str = "ping") -> str:
    """A trivial task to show that the worker runs tasks end to end (used by tests and ops)."""
    return f"{label} {timezone.now().isoformat()}"


@task()
def notify_accessibility_feedback(feedback_id: int) -> None:
    from quartier.core.models import AccessibilityFeedback

    feedback = AccessibilityFeedback.objects.get(pk=feedback_id)
    body = (
        "Über die Erklärung zur Barrierefreiheit ist eine Rückmeldung eingegangen.\n\n"
        f"Seite: {feedback.page_url or '–'}\n"
        f"Kontakt: {feedback.contact or '–'}\n\n"
        f"{feedback.message}\n"
    )
    send_mail(
        "Rückmeldung zur Barrierefreiheit",
        body,
        None,
        [settings.ACCESSIBILITY_FEEDBACK_EMAIL],
    )


# Pause before the next try of a queued e-mail (SMTP down): 1 min, 5 min, 30 min, then 2 h.
EMAIL_BACKOFF_SECONDS = (60, 300, 1800, 7200)
EMAIL_MAX_ATTEMPTS = 8


@task()
def deliver_email(message: dict, attempt: int = 1) -> str:
    """Send one queued e-mail (see core/mail.py); on failure try again later, never drop it
    silently: after EMAIL_MAX_ATTEMPTS the failure is logged as an error."""
    from quartier.core.mail import message_from_dict

    try:
        message_from_dict(message).send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - SMTP down: retry later
        if attempt >= EMAIL_MAX_ATTEMPTS:
            log.error("e-mail to %s failed for good: %s", message.get("to"), type(exc).__name__)
            raise
        log.warning("e-mail attempt %s failed: %s", attempt, type(exc).__name__)
        pause = EMAIL_BACKOFF_SECONDS[min(attempt, len(EMAIL_BACKOFF_SECONDS)) - 1]
        task_obj = deliver_email
        if task_obj.get_backend().supports_defer:
            task_obj = task_obj.using(run_after=timezone.now() + timedelta(seconds=pause))
        task_obj.enqueue(message, attempt + 1)
        return "retry"
    return "sent"
