"""Shared pieces of the HTTP load benchmarks: a throwaway installation, servers on loopback,
logged-in clients and percentiles. Everything runs on 127.0.0.1; nothing leaves the machine."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def installation_env(
    var_dir: Path, database_url: str = "", *, demo: bool = True, **extra
) -> dict[str, str]:
    """Environment of a local, non-debug installation in `var_dir` (demo logins work, unless
    `demo` is off: then it runs as in production)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    if demo:
        env["QUARTIER_DEMO_MODE"] = "1"
    env.update(
        QUARTIER_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        EMAIL_BACKEND="quartier.core.mailfolder.EmailBackend",
        EMAIL_FILE_PATH=str(var_dir / "mail"),
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    result = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict[str, str]) -> None:
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input")


def temp_var_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("ab")
    return subprocess.Popen(  # noqa: S603
        argv, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_up(base_url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/healthz", timeout=2).status_code in {200, 503}:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{base_url} did not come up in {timeout} s")


def logged_in(base_url: str, username: str, password: str = "quartier-demo") -> requests.Session:  # noqa: S107
    """A session logged in through the real login form (CSRF token included)."""
    session = requests.Session()
    session.trust_env = False  # loopback: never through a proxy from the environment
    page = session.get(f"{base_url}/accounts/login/", timeout=30)
    token = CSRF_INPUT.search(page.text).group(1)
    response = session.post(
        f"{base_url}/accounts/login/",
        data={"login": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base_url}/accounts/login/"},
        timeout=30,
    )
    if "sessionid" not in session.cookies:
        raise RuntimeError(f"login of {username} failed: {response.status_code}")
    return session


def csrf_token(session: requests.Session) -> str:
    return session.cookies.get("csrftoken", "")


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def load_average() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def tree_cpu_seconds(root_pid: int) -> float:
    """User + system CPU time of a process tree (a server's supervisor and its workers, or
    PostgreSQL's postmaster and its backends).

    Includes the CPU time of children that ended and were waited for (gunicorn replaces a
    worker after `max_requests`, PostgreSQL ends a backend with its connection): it moves to
    the parent's cutime/cstime, so the total never goes back.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0.0, [root_pid]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15]) / ticks
    return total


def postgres_cpu_seconds(data_dir: str) -> float:
    """PostgreSQL's CPU time so far (postmaster and backends), read from the cluster's data
    directory; 0 without one (SQLite runs inside the server's processes)."""
    if not data_dir:
        return 0.0
    postmaster = int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
    return tree_cpu_seconds(postmaster)
