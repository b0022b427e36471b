"""`manage.py serve` keeps its processes running: one that dies is restarted after a pause,
the others are not touched."""

import sys
import time

from quartier.core.supervisor import Program, Supervisor


def test_a_crashed_worker_is_restarted_and_the_web_server_keeps_running():
    web = Program("web", [sys.executable, "-c", "import time; time.sleep(60)"])
    worker = Program("worker-1", [sys.executable, "-c", "raise SystemExit(3)"])
    supervisor = Supervisor([web, worker], log=lambda line: None)
    supervisor.start()
    try:
        web_pid = web.process.pid
        worker.process.wait(timeout=30)
        now = time.monotonic()
        supervisor.check(now)
        assert worker.restart_at == now + 1.0  # first pause: one second
        supervisor.check(now + 1.0)
        assert worker.restarts == 1
        assert web.process.pid == web_pid and web.process.poll() is None
        worker.process.wait(timeout=30)
        supervisor.check(now + 2.0)
        assert worker.restart_at == now + 2.0 + 2.0  # the pause doubles
    finally:
        supervisor.stop(timeout=5)
    assert web.process.poll() is not None
