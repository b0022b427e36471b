"""The real database backend and the real worker command run a task end to end."""

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from quartier.core.models import WorkerHeartbeat
from quartier.core.tasks import ping


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_queued_task_and_stores_the_result(database_tasks):
    result = ping.enqueue("hallo")
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY

    call_command("run_worker", "--batch", "--interval", "0")

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value.startswith("hallo ")
    # The worker removes its heartbeat when it stops cleanly.
    assert not WorkerHeartbeat.objects.exists()
