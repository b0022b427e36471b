"""A forwarding and its delivery task are stored together; a worker that dies leaves nothing
stuck (the sweeper queues its task again and frees its claim); a delivery is claimed before it
is sent, so a second task for the same forwarding sends nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from quartier.core import sweeper
from quartier.core.models import WorkerHeartbeat
from quartier.reports.actions import submit_report
from quartier.routing.models import Forwarding, ForwardingStatus
from quartier.routing.tasks import deliver_forwarding
from quartier.routing.tests.conftest import HARDENBERG

DELIVER = "quartier.routing.tasks.deliver_forwarding"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    settings.WORKER_HEARTBEAT_TIMEOUT = 60


def submit(helper, category):
    report, _created = submit_report(
        reporter=helper,
        category=category("abfall-wilder-muell"),
        latitude=HARDENBERG[0],
        longitude=HARDENBERG[1],
        address="Hardenbergstraße 10",
    )
    return report


def heartbeat(worker_id, seconds_ago):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, started_at=now, last_seen=now - dt.timedelta(seconds=seconds_ago)
    )


@pytest.mark.django_db(transaction=True)
def test_report_forwarding_and_task_are_committed_together(helper, category, database_tasks):
    report = submit(helper, category)
    forwarding = Forwarding.objects.get(report=report)
    task = DBTaskResult.objects.get(task_path=DELIVER)
    assert task.args_kwargs["args"] == [forwarding.pk]

    # A failure after the forwarding was written rolls back report, forwarding and task alike.
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(helper, category)
        raise RuntimeError("database is locked")
    assert Forwarding.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=DELIVER).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_nothing_stuck(helper, category, database_tasks):
    forwarding = Forwarding.objects.get(report=submit(helper, category))
    task = DBTaskResult.objects.get(task_path=DELIVER)
    # The worker claimed task and delivery, then was killed (no outcome was recorded).
    heartbeat("dead-worker", seconds_ago=300)
    task.claim("dead-worker")
    Forwarding.objects.filter(pk=forwarding.pk).update(
        delivering_worker="dead-worker", delivering_since=timezone.now()
    )

    assert sweeper.sweep() == 2
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert not WorkerHeartbeat.objects.filter(worker_id="dead-worker").exists()

    call_command("run_worker", "--batch", "--interval", "0")
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.SENT
    assert forwarding.delivering_worker == ""
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_tasks_of_a_live_worker_are_left_alone(helper, category, database_tasks):
    submit(helper, category)
    task = DBTaskResult.objects.get(task_path=DELIVER)
    heartbeat("busy-worker", seconds_ago=5)
    task.claim("busy-worker")
    assert sweeper.sweep() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_pending_forwarding_without_a_task_gets_one(helper, category, database_tasks):
    forwarding = Forwarding.objects.get(report=submit(helper, category))
    DBTaskResult.objects.filter(task_path=DELIVER).delete()
    Forwarding.objects.filter(pk=forwarding.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=10)
    )
    assert sweeper.sweep() == 1
    call_command("run_worker", "--batch", "--interval", "0")
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_second_task_for_the_same_forwarding_sends_nothing(helper, category, database_tasks):
    forwarding = Forwarding.objects.get(report=submit(helper, category))
    deliver_forwarding.enqueue(forwarding.pk)  # e.g. re-queued while the first one still ran
    Forwarding.objects.filter(pk=forwarding.pk).update(delivering_worker="other-worker")
    call_command("run_worker", "--batch", "--interval", "0")
    assert len(mail.outbox) == 0
    results = DBTaskResult.objects.filter(task_path=DELIVER).values_list("return_value", flat=True)
    assert sorted(results) == ["skipped", "skipped"]

    Forwarding.objects.filter(pk=forwarding.pk).update(delivering_worker="")
    deliver_forwarding.enqueue(forwarding.pk)
    deliver_forwarding.enqueue(forwarding.pk)
    call_command("run_worker", "--batch", "--interval", "0")
    assert len(mail.outbox) == 1
    message_id = mail.outbox[0].extra_headers["Message-ID"]
    assert message_id.startswith(f"<quartier.forwarding.{forwarding.pk}.1@")


@pytest.mark.django_db(transaction=True)
def test_a_database_restart_after_sending_does_not_send_twice(
    helper, category, database_tasks, monkeypatch
):
    from django.db import OperationalError

    from quartier.routing import actions, tasks

    forwarding = Forwarding.objects.get(report=submit(helper, category))
    real, calls = actions.record_delivery_success, []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return real(**kwargs)

    monkeypatch.setattr(actions, "record_delivery_success", flaky)
    monkeypatch.setattr(tasks, "RECORD_RETRY_SECONDS", (0,))
    call_command("run_worker", "--batch", "--interval", "0")
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.SENT
    assert len(calls) == 2 and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_between_sending_and_recording_leaves_one_email(
    helper, category, database_tasks, settings, tmp_path
):
    """The e-mail went out, then the worker died before recording it: the sweeper frees the
    claim, the task sends again with the same Message-ID, and the mail folder keeps one copy."""
    from quartier.routing import tasks

    settings.EMAIL_BACKEND = "quartier.core.mailfolder.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    forwarding = Forwarding.objects.get(report=submit(helper, category))
    # What the dead worker did: claim, send, and nothing more.
    Forwarding.objects.filter(pk=forwarding.pk).update(
        delivering_worker="worker-killed", delivering_since=timezone.now()
    )
    tasks.send_forwarding_email(Forwarding.objects.get(pk=forwarding.pk))
    heartbeat("worker-killed", seconds_ago=600)
    DBTaskResult.objects.filter(task_path=DELIVER).update(status=TaskResultStatus.READY)

    sweeper.sweep()
    call_command("run_worker", "--batch", "--interval", "0")
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.SENT
    assert forwarding.attempts == 1
    files = list((tmp_path / "mail").iterdir())
    assert len(files) == 1
    assert f"quartier.forwarding.{forwarding.pk}.1@" in files[0].read_text()
