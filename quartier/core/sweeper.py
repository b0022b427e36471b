"""Nothing stays stuck when a worker dies.

A task worker that is killed (power cut, OOM, deploy) leaves its task RUNNING for ever and the
thing it was doing half done. Every running worker sweeps regularly (run_worker's heartbeat):
tasks RUNNING on a worker whose heartbeat is older than WORKER_HEARTBEAT_TIMEOUT are queued
again, and apps registered under SWEEPERS (routing: deliveries claimed by a dead worker, pending
forwardings without a task) clean up their own state. Running twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from quartier.core import registry

log = logging.getLogger(__name__)

# registry kind: callables(dead_worker_ids: set[str], now) -> int (things repaired).
SWEEPERS = "sweeper"

_current_worker_id = ""


def set_current_worker_id(worker_id: str) -> None:
    global _current_worker_id
    _current_worker_id = worker_id


def current_worker_id() -> str:
    """The id of the task worker running this code ("" outside a worker, e.g. in tests)."""
    return _current_worker_id or f"{socket.gethostname()}-{os.getpid()}"[:64]


def dead_worker_ids(now: dt.datetime) -> set[str]:
    from quartier.core.models import WorkerHeartbeat

    cutoff = now - dt.timedelta(seconds=settings.WORKER_HEARTBEAT_TIMEOUT)
    return set(
        WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).values_list("worker_id", flat=True)
    )


def requeue_orphaned_tasks(dead: set[str], live: set[str]) -> int:
    """RUNNING tasks whose worker is dead (or unknown) go back to READY."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    count = 0
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        for task in running:
            owner = task.worker_ids[-1] if task.worker_ids else ""
            if owner in live:
                continue
            task.status = TaskResultStatus.READY
            task.save(update_fields=["status"])
            log.warning("task %s of dead worker %s queued again", task.task_path, owner)
            count += 1
    return count


def sweep(now: dt.datetime | None = None) -> int:
    """One round; returns how many things were repaired."""
    from quartier.core.models import WorkerHeartbeat

    now = now or timezone.now()
    dead = dead_worker_ids(now)
    live = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) - dead
    repaired = requeue_orphaned_tasks(dead, live)
    for sweeper in registry.contributions(SWEEPERS):
        repaired += sweeper(dead_workers=dead, live_workers=live, now=now)
    if dead:
        WorkerHeartbeat.objects.filter(worker_id__in=dead, last_seen__lt=now).delete()
    return repaired
