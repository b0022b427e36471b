"""Which application server: gunicorn vs granian, measured on this machine.

    .venv/bin/python bench/app_server_bench.py --clients 50 --seconds 20 --rounds 2

A throwaway SQLite installation with the demo data (or DATABASE_URL=... for PostgreSQL), the
web server only, 2 processes x 4 threads each. `--clients` threads, each with a coordinator's
session, load the inbox (and every 5th request /healthz) for `--seconds`; the servers take
turns (A B A B ...) so that other load on the machine hits both alike. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadlib  # noqa: E402
import requests  # noqa: E402

PORT = 8210


def installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def servers(port: int) -> dict[str, list[str]]:
    """granian is not a dependency: `pip install granian` to compare against it."""
    app = "quartier.wsgi:application"
    candidates = {
        "gunicorn gthread 2x4": [
            loadlib.PYTHON, "-m", "gunicorn", app, f"--bind=127.0.0.1:{port}",
            "--workers=2", "--threads=4", "--worker-class=gthread", "--timeout=60",
        ],
        "granian wsgi 2x4": [
            loadlib.PYTHON, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
            "--port", str(port), "--workers", "2", "--blocking-threads", "4", "--no-log", app,
        ],
    }  # fmt: skip
    return {name: argv for name, argv in candidates.items() if installed(argv[2])}


def hammer(base_url, cookies, seconds, timings, errors):
    session = requests.Session()
    session.cookies.update(cookies)
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        url = f"{base_url}/healthz" if n % 5 == 4 else f"{base_url}/meldungen/eingang/"
        n += 1
        start = time.perf_counter()
        try:
            ok = session.get(url, timeout=30).status_code == 200
        except requests.RequestException:
            ok = False
        timings.append(time.perf_counter() - start)
        if not ok:
            errors.append(url)


def run_round(name, argv, env, var_dir, clients, seconds):
    base_url = f"http://127.0.0.1:{PORT}"
    process = loadlib.start(argv, env, var_dir / f"{name.split()[0]}.log")
    try:
        loadlib.wait_until_up(base_url)
        cookies = [loadlib.logged_in(base_url, "koordination").cookies for _ in range(3)]
        timings: list[float] = []
        errors: list[str] = []
        threads = [
            threading.Thread(
                target=hammer, args=(base_url, cookies[i % 3], seconds, timings, errors)
            )
            for i in range(clients)
        ]
        load_before = loadlib.load_average()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return {
            "server": name,
            "requests": len(timings),
            "rps": len(timings) / seconds,
            "errors": len(errors),
            "p50": loadlib.percentile(timings, 50) * 1000,
            "p95": loadlib.percentile(timings, 95) * 1000,
            "max": max(timings) * 1000,
            "load": f"{load_before} → {loadlib.load_average()}",
        }
    finally:
        loadlib.stop(process)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    var_dir = loadlib.temp_var_dir("quartier-appserver-")
    env = loadlib.installation_env(var_dir, os.environ.get("DATABASE_URL", ""))
    loadlib.prepare(env)
    rows = []
    for _ in range(args.rounds):
        for name, argv in servers(PORT).items():
            rows.append(run_round(name, argv, env, var_dir, args.clients, args.seconds))
            print(rows[-1], file=sys.stderr)
    shutil.rmtree(var_dir, ignore_errors=True)
    print(f"\n{args.clients} clients, {args.seconds:.0f} s per round, {os.cpu_count()} cores\n")
    print("| server | requests | req/s | errors | p50 ms | p95 ms | max ms | load avg |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['server']} | {r['requests']} | {r['rps']:.1f} | {r['errors']} "
            f"| {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} | {r['load']} |"
        )


if __name__ == "__main__":
    main()
