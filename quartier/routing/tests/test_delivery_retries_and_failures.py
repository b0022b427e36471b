"""E-mails go through the task queue with retries; a failed delivery is visible, never lost."""

import datetime as dt
import email
import email.policy
import socket
from pathlib import Path

import pytest
from django.core import mail

from quartier.routing.models import (
    DeliveryStatus,
    Forwarding,
    ForwardingStatus,
    MailDelivery,
    Notification,
)
from quartier.routing.tasks import backoff


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
    settings.ROUTING_MAX_DELIVERY_ATTEMPTS = 3
    return settings


def test_backoff_grows_and_is_capped():
    assert backoff(1) == dt.timedelta(minutes=1)
    assert backoff(2) == dt.timedelta(minutes=5)
    assert backoff(3) == dt.timedelta(minutes=30)
    assert backoff(9) == dt.timedelta(hours=2)


def test_smtp_down_is_retried_then_shown_as_failed(
    smtp_down, make_report, coordinator, client_for, django_capture_on_commit_callbacks
):
    report = make_report("abfall-wilder-muell")
    forwarding = Forwarding.objects.get()
    assert forwarding.status == ForwardingStatus.FAILED
    assert forwarding.attempts == 3
    assert "ConnectionRefusedError" in forwarding.last_error
    assert forwarding.sent_at is None
    assert Notification.objects.filter(user=coordinator, text__contains="fehlgeschlagen")

    client = client_for(coordinator)
    listing = client.get("/weiterleitung/fehlgeschlagen/").content.decode()
    assert f"Meldung {report.pk}" in listing and "ConnectionRefusedError" in listing
    panel = client.get(f"/weiterleitung/meldung/{report.pk}/").content.decode()
    assert "Zustellung fehlgeschlagen" in panel

    # The mail server is back; the coordinator sends it again.
    smtp_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/weiterleitung/fehlgeschlagen/weiterleitung/{forwarding.pk}/erneut/"
        )
    assert response.status_code == 302
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.SENT
    assert forwarding.attempts == 1
    assert len(mail.outbox) == 1
    assert (
        "Keine fehlgeschlagenen Weiterleitungen"
        in client.get("/weiterleitung/fehlgeschlagen/").content.decode()
    )


def test_a_reminder_that_cannot_be_sent_is_listed_too(
    smtp_down, make_report, coordinator, client_for, settings, django_capture_on_commit_callbacks
):
    from quartier.routing.tasks import send_reminders

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_report("abfall-wilder-muell")
    forwarding = Forwarding.objects.get()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders.call(next_working_day_after(forwarding.due_date)) == 1
    delivery = MailDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    listing = client_for(coordinator).get("/weiterleitung/fehlgeschlagen/").content.decode()
    assert "Erinnerung nach Fristablauf" in listing


def next_working_day_after(day):
    from quartier.routing.deadlines import next_working_day

    return next_working_day(day).isoformat()


def test_the_file_backend_writes_the_email_into_the_mail_folder(settings, tmp_path, make_report):
    settings.EMAIL_BACKEND = "quartier.core.mailfolder.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    report = make_report("abfall-wilder-muell")
    files = list(Path(settings.EMAIL_FILE_PATH).iterdir())
    assert len(files) == 1
    raw = files[0].read_text().split("\n" + "-" * 79)[0]
    message = email.message_from_string(raw, policy=email.policy.default)
    assert message["Subject"].strip().startswith(f"Meldung {report.pk}: Wilder Müll")
    assert message["To"] == "meldungen@gsak.example.org"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "/weiterleitung/antwort/" in text


def test_open311_partner_failures_are_visible_too(smtp_down, make_report, routing_demo):
    kbk = routing_demo["KBK"]
    kbk.channel = "open311"
    kbk.open311_endpoint = f"http://127.0.0.1:{closed_port()}/georeport/v2/"
    kbk.save()
    make_report("strasse-schlagloch")
    forwarding = Forwarding.objects.get()
    assert forwarding.status == ForwardingStatus.FAILED
    assert forwarding.last_error
    assert mail.outbox == []
    assert not Forwarding.objects.open311_waiting().exists()


def test_with_the_database_queue_a_failed_attempt_waits_for_its_back_off(smtp_down, make_report):
    """The real database backend: the retry is stored with run_after, not run at once."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from quartier.routing.tasks import deliver_forwarding

    smtp_down.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    make_report("abfall-wilder-muell")
    forwarding = Forwarding.objects.get()
    assert forwarding.status == ForwardingStatus.PENDING
    assert forwarding.attempts == 0
    first = DBTaskResult.objects.get()
    assert first.args_kwargs["args"] == [forwarding.pk]

    # What the worker does with the queued task: run it once.
    assert deliver_forwarding.call(forwarding.pk) == "retry"
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.PENDING
    assert forwarding.attempts == 1
    assert "ConnectionRefusedError" in forwarding.last_error
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.run_after > timezone.now() + dt.timedelta(seconds=50)
    assert retry.args_kwargs["args"] == [forwarding.pk]
    assert not DBTaskResult.objects.ready().filter(pk=retry.pk).exists()
