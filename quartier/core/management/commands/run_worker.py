"""The task worker: django-tasks-db's worker plus a heartbeat and the periodic-job scheduler."""

import logging
import os
import socket
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from quartier.core import schedule, sweeper
from quartier.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def beat(worker_id: str, started_at) -> None:
    close_old_connections()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"started_at": started_at, "last_seen": timezone.now()}
    )
    schedule.enqueue_due_jobs()
    # Tasks and deliveries of workers that died are queued again (core/sweeper.py).
    sweeper.sweep()


class Command(BaseCommand):
    help = "Run the background task worker (e-mails, reminders, retention)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument(
            "--beat", dest="beat_seconds", type=float, default=10.0, help="seconds between beats"
        )
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")

    def handle(self, *args, interval, beat_seconds, batch, **options):
        worker_id = f"{socket.gethostname()}-{os.getpid()}"[:64]
        sweeper.set_current_worker_id(worker_id)
        started_at = timezone.now()
        stop = threading.Event()

        def heartbeat_loop():
            while not stop.wait(beat_seconds):
                try:
                    beat(worker_id, started_at)
                except Exception:  # keep beating; the next round may succeed
                    logger.exception("worker heartbeat failed")
            connection.close()

        # The first beat happens before any task runs, so /healthz sees the worker at once.
        beat(worker_id, started_at)

        thread = threading.Thread(target=heartbeat_loop, name="heartbeat", daemon=True)
        thread.start()
        self.stdout.write(f"Task worker {worker_id} läuft.")
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
            thread.join(timeout=5)
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
