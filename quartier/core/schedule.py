"""Periodic jobs: the task worker puts them on the queue when they are due.

Apps register their jobs in `AppConfig.ready()`::

    schedule.register("nightly", "quartier.<app>.tasks.clean_up", at=time(3, 0))

`every` runs a job at a fixed interval; `at` runs it daily at a local time, and with `weekday`
(0 = Monday) weekly. A job due while no worker ran is enqueued once when a worker starts again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str
    every: dt.timedelta | None = None
    at: dt.time | None = None
    weekday: int | None = None

    def last_slot(self, now: dt.datetime) -> dt.datetime:
        """The most recent moment at or before `now` when an `at` job was meant to run."""
        local = timezone.localtime(now)
        slot = local.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        if slot > local:
            slot -= dt.timedelta(days=1)
        if self.weekday is not None:
            slot -= dt.timedelta(days=(slot.weekday() - self.weekday) % 7)
        return slot

    def is_due(self, last: dt.datetime | None, now: dt.datetime) -> bool:
        if self.every is not None:
            return last is None or now - last >= self.every
        if last is None:
            # A fresh installation waits for the next slot instead of running at once.
            return False
        return last < self.last_slot(now)


_JOBS: dict[str, PeriodicJob] = {}


def register(name: str, task_path: str, **when) -> PeriodicJob:
    if not (("every" in when) ^ ("at" in when)):
        raise ValueError("a periodic job needs either every= or at=")
    job = PeriodicJob(name=name, task_path=task_path, **when)
    _JOBS[name] = job
    return job


def jobs() -> list[PeriodicJob]:
    return list(_JOBS.values())


def enqueue_due_jobs(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job that is due; returns their names. Safe with several workers."""
    from quartier.core.models import ScheduledJobRun

    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        with transaction.atomic():
            run = ScheduledJobRun.objects.select_for_update().filter(name=job.name).first()
            if run is None:
                try:
                    with transaction.atomic():
                        ScheduledJobRun.objects.create(name=job.name, last_enqueued_at=now)
                except IntegrityError:
                    # Another worker, started at the same moment on a new installation,
                    # created the row first: it enqueues the job.
                    continue
                if job.every is None:
                    continue
            elif not job.is_due(run.last_enqueued_at, now):
                continue
            else:
                run.last_enqueued_at = now
                run.save(update_fields=["last_enqueued_at"])
            import_string(job.task_path).enqueue()
            enqueued.append(job.name)
    return enqueued
