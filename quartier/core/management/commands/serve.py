"""`make run`: start the web server and the task worker together; Ctrl-C stops both."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from quartier.core import registry


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Run web server and task worker for local use (prints URL and demo logins)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        procs = [
            subprocess.Popen([*manage, "runserver", f"{host}:{port}", "--noreload"]),  # noqa: S603
            subprocess.Popen([*manage, "run_worker"]),  # noqa: S603
        ]
        self.print_banner(host, port)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop(procs)
        self.stdout.write("Webserver und Task-Worker sind beendet.")

    def stop(self, procs):
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()

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
