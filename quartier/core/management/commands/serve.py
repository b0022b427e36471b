"""Start the web server and the task worker(s) together, supervised.

`make run` uses Django's simple server for the demo; `serve --production` starts the
application server (gunicorn, see docs/adr/0012-application-server.md) the way a server runs
it. Either way a process that dies is started again after a short pause, so a crashed task
worker never takes the web server down. SIGTERM or Ctrl-C stops everything.
"""

import os
import signal
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from quartier.core import registry
from quartier.core.supervisor import Program, Supervisor


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def app_server_command(host: str, port: str) -> list[str]:
    """gunicorn with deploy/gunicorn.conf.py (processes, threads, timeouts from the environment)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        f"--config={settings.BASE_DIR / 'deploy' / 'gunicorn.conf.py'}",
        f"--bind={host}:{port}",
        "quartier.wsgi:application",
    ]


class Command(BaseCommand):
    help = "Run web server and task worker(s), restarting any that dies."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--production",
            action="store_true",
            help="application server instead of Django's development server",
        )
        parser.add_argument(
            "--task-workers", type=int, default=settings.TASK_WORKERS, help="worker processes"
        )
        parser.add_argument("--no-worker", action="store_true", help="web server only")

    def handle(self, *args, port, host, production, task_workers, no_worker, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        if production:
            web = app_server_command(host, port)
        else:
            web = [*manage, "runserver", f"{host}:{port}", "--noreload"]
        programs = [Program("web", web)]
        if not no_worker:
            programs += [
                Program(f"worker-{n}", [*manage, "run_worker"]) for n in range(1, task_workers + 1)
            ]
        supervisor = Supervisor(programs, log=self.stderr.write)
        signal.signal(signal.SIGTERM, _interrupt)
        supervisor.start()
        if not production:
            self.print_banner(host, port)
        else:
            self.stdout.write(f"Quartiershelfer läuft auf http://{host}:{port}")
        try:
            supervisor.watch()
        except KeyboardInterrupt:
            pass
        finally:
            supervisor.stop()
        self.stdout.write("Webserver und Task-Worker sind beendet.")

    def print_banner(self, host, port):
        # Apps add lines through registry.add("serve_banner", callable returning lines).
        extra = [line for lines in registry.contributions("serve_banner") for line in lines()]
        lines = [
            "",
            "Quartiershelfer Krefeld läuft (Webserver und Task-Worker).",
            f"  Adresse:  http://{host}:{port}",
            f"  E-Mails:  {settings.EMAIL_FILE_PATH}/",
            "",
            *extra,
            "",
            "Beenden mit Strg-C.",
            "",
        ]
        self.stdout.write("\n".join(lines))
