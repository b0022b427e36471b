"""A small process supervisor for `manage.py serve`: start programs, restart any that dies.

Restarts back off (1 s, 2 s, 4 s … at most 30 s) so a program that cannot start does not spin;
a program that ran for a minute starts again from the shortest pause. On a server, systemd
supervises the same processes (deploy/systemd/); this is for one command on one machine.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_PAUSE = 30.0
STABLE_AFTER = 60.0


@dataclass
class Program:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    pause: float = 1.0
    restart_at: float | None = None
    restarts: int = field(default=0)


class Supervisor:
    def __init__(self, programs: list[Program], log: Callable[[str], object] = print):
        self.programs = programs
        self.log = log

    def start(self) -> None:
        for program in self.programs:
            self._spawn(program)

    def _spawn(self, program: Program) -> None:
        program.process = subprocess.Popen(program.argv)  # noqa: S603 - our own argv
        program.started_at = time.monotonic()
        program.restart_at = None

    def check(self, now: float | None = None) -> None:
        """One round: note programs that exited, restart those whose pause is over."""
        now = time.monotonic() if now is None else now
        for program in self.programs:
            if program.restart_at is not None:
                if now >= program.restart_at:
                    program.restarts += 1
                    self.log(f"{program.name}: wird neu gestartet ({program.restarts}.)")
                    self._spawn(program)
                continue
            code = program.process.poll() if program.process else None
            if code is None:
                continue
            if now - program.started_at >= STABLE_AFTER:
                program.pause = 1.0
            self.log(f"{program.name}: beendet mit Code {code}, Neustart in {program.pause:.0f} s")
            program.restart_at = now + program.pause
            program.pause = min(program.pause * 2, MAX_PAUSE)

    def watch(self, interval: float = 0.5) -> None:
        while True:
            self.check()
            time.sleep(interval)

    def stop(self, timeout: float = 25.0) -> None:
        running = [p.process for p in self.programs if p.process and p.process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
