"""Inbox search over real HTTP against the production server (gunicorn), SQLite or PostgreSQL.

    .venv/bin/python bench/search_bench.py --var-dir /tmp/search-bench/sqlite1m --reports 1000000
    .venv/bin/python bench/search_bench.py --var-dir /tmp/search-bench/pgvar1m \\
        --database-url postgresql://postgres@127.0.0.1:55440/bench1m --reports 1000000

Migrates the installation (the full-text migration indexes every existing report; its time is
printed), runs `seed_bench` for whatever is missing, logs a coordinator in by a session in the
database and starts gunicorn with deploy/gunicorn.conf.py (2 processes × 4 threads) on a
loopback port. Each scenario: one cold request, 3 warm-up requests, then --requests timed
requests, one at a time. Prints p50/p95/p99 wall time, the server's CPU time per request (user
+ system time of the gunicorn processes, from /proc), the number of hits and the load average.

With --users N (e.g. 50), afterwards N coordinators at once (own sessions, keep-alive
connections) each search in a loop, a random scenario and a random pause (mean --think s),
for --duration s: p50/p95/p99, req/s, errors, server CPU per request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import coordinator_pages  # noqa: E402
import loadlib  # noqa: E402

LOGIN = """
from django.contrib.sessions.backends.db import SessionStore
from quartier.accounts.models import User
keys = []
for n in range({count}):
    user, _ = User.objects.get_or_create(username=f"lasttest-koordination-{{n}}",
                                         defaults={{"role": "coordinator"}})
    s = SessionStore(); s["_auth_user_id"] = str(user.pk)
    s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    s["_auth_user_hash"] = user.get_session_auth_hash(); s.create(); keys.append(s.session_key)
print(" ".join(keys))
"""
FACTS = """
from quartier.reports.models import Report, ReportCategory
from quartier.areas.models import Quarter
category = ReportCategory.objects.get(code="abfall-wilder-muell")
print(Report.objects.count(), category.pk, Quarter.objects.order_by("pk").first().pk,
      Report.objects.order_by("-pk").values_list("pk", flat=True)[100])
"""
HITS = re.compile(r"(\d[\d.]*) (?:Meldung|Meldungen)\b")


def scenarios(category: int, quarter: int, number: int) -> list[tuple[str, str]]:
    since = (dt.date.today() - dt.timedelta(days=90)).isoformat()
    return [
        ("Eingang, Neu, ohne Suche", "status=new"),
        ("Suche „Matratze“, alle Status", "status=&suche=Matratze"),
        ("Suche „Matratzen“, offen", "status=open&suche=Matratzen"),
        ("Suche „Müll“ (Text + Kategorien), alle", "status=&suche=M%C3%BCll"),
        ("Suche „ÖLSPUR“ (kein Treffer), alle", "status=&suche=%C3%96LSPUR"),
        ("Suche „Glasscherben Bushaltestelle“, alle", "status=&suche=Glasscherben+Bushaltestelle"),
        (
            "Suche + Kategorie + Quartier + seit 90 Tagen",
            f"status=&suche=Matratze&kategorie={category}&quartier={quarter}&von={since}",
        ),  # fmt: skip
        ('Suche mit FTS-Zeichen „"Matratze* NEAR(-“', "status=&suche=%22Matratze*+NEAR(-"),
        ("Suche nach Nummer „#N“", f"status=&suche=%23{number}"),
    ]


def shell(env, code: str) -> str:
    """The last line `manage.py shell -c code` printed."""
    return loadlib.manage(env, "shell", "-v0", "-c", code).strip().splitlines()[-1]


def timed(session: requests.Session, url: str) -> tuple[float, str]:
    start = time.perf_counter()
    response = session.get(url, timeout=300)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    return elapsed, response.text


def run(args, session, base, process, facts) -> None:
    print(f"Last (1/5/15 min) vorher: {loadlib.load_average()}")
    print("| Szenario | kalt ms | p50 ms | p95 ms | p99 ms | Server-CPU ms/Anfrage "
          "| DB-CPU ms/Anfrage | Treffer |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, query in scenarios(*facts):
        url = f"{base}/meldungen/eingang/?{query}"
        cold, page = timed(session, url)
        for _ in range(3):
            timed(session, url)
        cpu_before = loadlib.tree_cpu_seconds(process.pid)
        db_before = loadlib.postgres_cpu_seconds(args.postgres_data)
        times = [timed(session, url)[0] for _ in range(args.requests)]
        cpu = (loadlib.tree_cpu_seconds(process.pid) - cpu_before) * 1000 / args.requests
        db = (loadlib.postgres_cpu_seconds(args.postgres_data) - db_before) * 1000 / args.requests
        hits = HITS.search(page)
        p50, p95 = statistics.median(times), loadlib.percentile(times, 95)
        print(f"| {name} | {cold:.0f} | {p50:.1f} | {p95:.1f} | "
              f"{loadlib.percentile(times, 99):.1f} | {cpu:.1f} | {db:.1f} | "
              f"{hits.group(1) if hits else 0} |", flush=True)  # fmt: skip
    print(f"Last (1/5/15 min) nachher: {loadlib.load_average()}")


def concurrent(args, process, facts, cookies: list[str]) -> None:
    """--users coordinators at once, each searching in a loop (random scenario and pause);
    a kept-alive connection the server closed meanwhile is retried once, like a browser."""
    paths = [f"/meldungen/eingang/?{query}" for _, query in scenarios(*facts)[1:]]
    results: list[tuple[float, float, int]] = []
    lock = threading.Lock()
    start_at = time.monotonic() + 2
    end_at = start_at + args.duration

    def coordinator(cookie: str, seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - pauses and choices, not secrets
        client = coordinator_pages.Client(args.port, cookie)
        time.sleep(max(0.0, start_at - time.monotonic()) * rng.random())
        while time.monotonic() < end_at:
            elapsed, status, _ = client.get(rng.choice(paths))
            with lock:
                results.append((time.monotonic(), elapsed, status))
            time.sleep(rng.uniform(0, 2 * args.think))

    threads = [threading.Thread(target=coordinator, args=(c, n), daemon=True)
               for n, c in enumerate(cookies)]  # fmt: skip
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, start_at - time.monotonic()))
    cpu_before = loadlib.tree_cpu_seconds(process.pid)
    db_before = loadlib.postgres_cpu_seconds(args.postgres_data)
    for thread in threads:
        thread.join()
    db = (loadlib.postgres_cpu_seconds(args.postgres_data) - db_before) * 1000
    measured = [r for r in results if r[0] >= start_at]
    times, n = [r[1] for r in measured], max(1, len(measured))
    cpu = (loadlib.tree_cpu_seconds(process.pid) - cpu_before) * 1000 / n
    db /= n
    p50, p95, p99 = (loadlib.percentile(times, pct) for pct in (50, 95, 99))
    errors = sum(1 for r in measured if r[2] != 200)
    print(f"\n{len(threads)} Koordinator*innen suchen gleichzeitig (Pause im Mittel "
          f"{args.think} s, {args.duration:.0f} s): {len(measured)} Anfragen, {errors} Fehler, "
          f"{len(measured) / args.duration:.1f} req/s, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
          f"p99 {p99:.0f} ms, max {max(times):.0f} ms, Server-CPU {cpu:.1f} ms und DB-CPU "
          f"{db:.1f} ms je Anfrage; "
          f"Last nachher: {loadlib.load_average()}", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--port", type=int, default=9010)
    parser.add_argument("--users", type=int, default=0, help="then N coordinators at once")
    parser.add_argument("--think", type=float, default=1.0, help="their mean pause in s")
    parser.add_argument("--duration", type=float, default=30.0, help="their run in s")
    parser.add_argument("--postgres-data", default="", help="the cluster's directory: its CPU")
    parser.add_argument("--skip-single", action="store_true", help="only the concurrent run")
    args = parser.parse_args()
    var_dir = Path(args.var_dir).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    env = loadlib.installation_env(var_dir, args.database_url, QUARTIER_ACCESS_LOG="/dev/null")
    started = time.perf_counter()
    loadlib.manage(env, "migrate", "--no-input", timeout=7200)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    if not (var_dir / "static" / "staticfiles.json").exists():  # the server runs without DEBUG
        loadlib.manage(env, "collectstatic", "--no-input", "-v0")
    have = int(shell(env, FACTS).split()[0])
    if have < args.reports:
        loadlib.manage(env, "seed_bench", "--reports", str(args.reports - have),
                       "--seed", str(have + 1), timeout=7200)  # fmt: skip
    total, *facts = (int(v) for v in shell(env, FACTS).split())
    print(f"Meldungen: {total:,}".replace(",", "."))
    cookies = shell(env, LOGIN.format(count=max(1, args.users))).split()
    base = f"http://127.0.0.1:{args.port}"
    command = [loadlib.PYTHON, "-m", "gunicorn",
               f"--config={loadlib.ROOT / 'deploy' / 'gunicorn.conf.py'}",
               f"--bind=127.0.0.1:{args.port}", "quartier.wsgi:application"]  # fmt: skip
    process = loadlib.start(command, env, var_dir / "server.log")
    try:
        loadlib.wait_until_up(base)
        session = requests.Session()
        session.trust_env = False
        session.cookies.set("sessionid", cookies[0], domain="127.0.0.1")
        if not args.skip_single:
            run(args, session, base, process, facts)
        if args.users:
            concurrent(args, process, facts, cookies)
    finally:
        loadlib.stop(process)


if __name__ == "__main__":
    main()
