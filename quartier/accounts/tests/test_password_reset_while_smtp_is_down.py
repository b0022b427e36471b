"""A password reset while the mail server is down: the page answers normally, the e-mail is
queued and tried again later, and it goes out once the server is back."""

import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2


@pytest.mark.django_db(transaction=True)
def test_password_reset_with_smtp_down_is_queued_and_retried(client, helper, smtp_down, settings):
    response = client.post("/accounts/password/reset/", {"email": "helferin@example.org"})
    assert response.status_code == 302

    call_command("run_worker", "--batch", "--interval", "0")
    tasks = DBTaskResult.objects.filter(task_path="quartier.core.tasks.deliver_email")
    first = tasks.order_by("enqueued_at").first()
    assert first.status == TaskResultStatus.SUCCESSFUL and first.return_value == "retry"
    retry = tasks.exclude(pk=first.pk).get()
    assert retry.status == TaskResultStatus.READY and retry.args_kwargs["args"][1] == 2

    # The mail server is back; the retry is due.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=first.finished_at)
    call_command("run_worker", "--batch", "--interval", "0")
    retry.refresh_from_db()
    assert retry.return_value == "sent"
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    # The Message-ID was fixed when the e-mail was queued: every attempt carries the same one.
    queued_id = first.args_kwargs["args"][0]["headers"]["Message-ID"]
    assert queued_id == retry.args_kwargs["args"][0]["headers"]["Message-ID"]
    assert mail.outbox[0].message()["Message-ID"] == queued_id
