"""Tasks of the core app."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task


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
