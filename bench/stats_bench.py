"""Statistics and transparency over real HTTP against gunicorn (or `manage.py serve`).

    # SQLite (its own directory, never var/db.sqlite3)
    .venv/bin/python bench/stats_bench.py --var-dir /tmp/stats-bench/sqlite \\
        --reports 1000000 --contacts 1000000
    # PostgreSQL
    DATABASE_URL=postgres://postgres@127.0.0.1:55434/bench .venv/bin/python bench/stats_bench.py ...

Seeds what is missing with `seed_bench` (which rebuilds the statistics' monthly aggregates),
adds forwardings and partner answers for the forwarded reports of the last year (SQL, then
`rebuild_statistics --subject forwardings`), logs a coordinator in by a session in the
database, starts the web server on a loopback port and requests each page N times after one
cold request. Prints p50/p95/p99 per page, the cold time, and the server's peak memory.
`--cold` empties the cache table before every request: nothing is computed ahead.
"""

# ruff: noqa: S603, S607, S310 - a benchmark that starts our own server and requests loopback URLs

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")

SCENARIOS = [
    ("Dashboard, ein Jahr, alle Quartiere", "/statistik/?zeitraum={year}", "budget ≤ 500 ms p95"),
    ("Dashboard, ein Quartal", "/statistik/?zeitraum={year}-Q2", ""),
    ("Öffentliche Seite mit Karte", "/transparenz/", "budget ≤ 200 ms p95"),
    ("Quartiersseite (öffentlich)", "/transparenz/quartier/hardenbergviertel/", ""),
    ("Sachbericht PDF, ein Jahr", "/statistik/sachbericht.pdf?zeitraum={year}", "budget ≤ 10 s"),
    ("XLSX aller Tabellen, ein Jahr", "/statistik/alle.xlsx?zeitraum={year}", "budget ≤ 15 s"),
]


def manage(env, *args, check=True):
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=check,
                          capture_output=True, text=True)  # fmt: skip


def django_shell(env, code: str) -> str:
    return manage(env, "shell", "-c", code).stdout.strip()


def seed(env, reports: int, contacts: int) -> None:
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")  # the server runs with DEBUG off
    counts = django_shell(env, "from quartier.reports.models import Report as R; "
                               "from quartier.residents.models import Contact as C; "
                               "print(R.objects.count(), C.objects.count())")  # fmt: skip
    have = counts.splitlines()[-1].split()
    missing_r, missing_c = max(reports - int(have[0]), 0), max(contacts - int(have[1]), 0)
    if missing_r:
        manage(env, "seed_bench", "--reports", str(missing_r), "--seed", str(int(have[0]) + 1))
    if missing_c:
        # A new random seed when topping up: the synthetic ids must not repeat.
        seed_value = str(int(have[1]) + 1)
        manage(env, "seed_bench", "--contacts", str(missing_c), "--residents", "20000",
               "--seed", seed_value)  # fmt: skip
    added = django_shell(env, FORWARDINGS)
    print(added)
    if "(neu)" in added:  # forwardings and answers went in by SQL: count the months again
        print(manage(env, "rebuild_statistics", "--subject", "forwardings").stdout.strip())


# Forwardings for last year's forwarded reports: created 1 h after the report, a first answer
# after 4–100 h, resolution after 1–20 days for resolved ones (deterministic by report id).
FORWARDINGS = """
import datetime as dt
from django.db import connection
from django.utils import timezone
from quartier.routing.models import Authority, Forwarding
added = not Forwarding.objects.exists()
if added:
    names = ["GSAK", "KBK", "KOD", "NGN", "Polizei"]
    auths = [Authority.objects.get_or_create(name=f"Lasttest {n}", defaults={"short_name": n})[0]
             for n in names]
    since = timezone.now() - dt.timedelta(days=400)
    pg = connection.vendor == "postgresql"
    plus = (lambda col, hours: f"{col} + ({hours}) * interval '1 hour'") if pg else (
        lambda col, hours: f"datetime({col}, '+' || ({hours}) || ' hours')")
    day = (lambda e: f"({e})::date") if pg else (lambda e: f"date({e})")
    pick = " ".join(f"WHEN {i} THEN {a.pk}" for i, a in enumerate(auths))
    with connection.cursor() as c:
        c.execute(f'''INSERT INTO routing_forwarding (is_automatic, created_at, sent_at, due_date,
            status, message, external_id, attempts, last_error, token_nonce, link_expires_at,
            answered_at, delivering_worker, authority_id, report_id)
          SELECT {'true' if pg else 1}, {plus('r.created_at', 1)}, {plus('r.created_at', 1)},
            {day(plus('r.created_at', 24 * 7))},
            CASE WHEN r.status IN ('resolved', 'closed') THEN 'resolved'
                 WHEN r.status = 'forwarded' THEN 'sent' ELSE 'acknowledged' END,
            '', '', 1, '', 'bench' || r.id, {plus('r.created_at', 24 * 90)}, NULL, '',
            CASE r.id %% 5 {pick} END, r.id
          FROM reports_report r
          WHERE r.created_at >= %s AND r.status IN
            ('forwarded', 'acknowledged', 'resolved', 'closed', 'not_responsible')''', [since])
        c.execute(f'''INSERT INTO routing_partneranswer (created_at, kind, channel, comment,
            suggested_authority, photo, external_id, forwarding_id)
          SELECT {plus('f.created_at', '4 + f.report_id % 97')}, 'acknowledged', 'link', '', '',
            '', '', f.id FROM routing_forwarding f WHERE f.status <> 'sent' ''')
        c.execute(f'''INSERT INTO routing_partneranswer (created_at, kind, channel, comment,
            suggested_authority, photo, external_id, forwarding_id)
          SELECT {plus('f.created_at', '24 + 24 * (f.report_id % 19)')}, 'resolved', 'link', '',
            '', '', '', f.id FROM routing_forwarding f WHERE f.status = 'resolved' ''')
print("Weiterleitungen:", Forwarding.objects.count(), "(neu)" if added else "")
"""


LOGIN = """
from django.contrib.sessions.backends.db import SessionStore
from quartier.accounts.models import User
user, _ = User.objects.get_or_create(username="lasttest-koordination",
                                     defaults={"role": "coordinator"})
s = SessionStore(); s["_auth_user_id"] = str(user.pk)
s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
s["_auth_user_hash"] = user.get_session_auth_hash(); s.create(); print(s.session_key)
"""


def start_server(env, port: int) -> subprocess.Popen:
    env = {**env, "QUARTIER_DEMO_MODE": "1"}  # no TOTP step for the bench coordinator
    if shutil.which("gunicorn", path=str(ROOT / ".venv" / "bin")):
        cmd = [str(ROOT / ".venv" / "bin" / "gunicorn"), "quartier.wsgi", "-b",
               f"127.0.0.1:{port}", "-w", "2", "--timeout", "120"]  # fmt: skip
    else:
        cmd = [PY, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


def fetch(url: str, cookie: str) -> tuple[float, int]:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        size = len(response.read())
    return (time.perf_counter() - start) * 1000, size


def peak_rss_mb(proc: subprocess.Popen) -> float:
    """Largest peak RSS (VmHWM) of the server and its workers."""
    pids = [proc.pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)],
                         capture_output=True, text=True).stdout.split()]  # fmt: skip
    peak = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM"):
                peak = max(peak, int(line.split()[1]))
    return peak / 1024


def cache_clearer(env):
    """Empties the shared cache table (DatabaseCache) of the benchmark's database."""
    if env.get("DATABASE_URL"):
        import psycopg

        conn = psycopg.connect(env["DATABASE_URL"], autocommit=True)
    else:
        import sqlite3

        db = Path(env["QUARTIER_VAR_DIR"]) / "db.sqlite3"
        conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    return lambda: conn.execute("DELETE FROM quartier_cache")


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--var-dir", default="var/bench-stats")
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--heavy-requests", type=int, default=3)
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--year", type=int, default=time.localtime().tm_year)
    parser.add_argument("--warm", action="store_true", help="run the warm-up job first")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the cache before every request (nothing computed ahead)",
    )
    parser.add_argument("--skip-seed", action="store_true", help="use the database as it is")
    args = parser.parse_args()
    env = {**os.environ, "QUARTIER_VAR_DIR": str(Path(args.var_dir).resolve())}
    Path(args.var_dir).mkdir(parents=True, exist_ok=True)
    if not args.skip_seed:
        seed(env, args.reports, args.contacts)
    else:
        manage(env, "collectstatic", "--noinput", "-v0")
    args.clear = cache_clearer(env) if args.cold else (lambda: None)
    cookie = django_shell(env, LOGIN).splitlines()[-1]
    if args.warm:  # what the worker does every ten minutes (stats.tasks.warm_statistics)
        django_shell(env, "from quartier.stats.tasks import warm_statistics as w; "
                          "from quartier.public.tasks import warm_figures as f; "
                          "w.call(); f.call()")  # fmt: skip
    proc = start_server(env, args.port)
    try:
        run(args, cookie, proc)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def run(args, cookie, proc):
    print("| Seite | kalt ms | p50 ms | p95 ms | p99 ms | n | KB | Budget |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, path, budget in SCENARIOS:
        url = f"http://127.0.0.1:{args.port}" + path.format(year=args.year)
        args.clear()
        cold, size = fetch(url, cookie)
        count = args.heavy_requests if ("PDF" in name or "XLSX" in name) else args.requests
        times = []
        for _ in range(count):
            args.clear()
            times.append(fetch(url, cookie)[0])
        print(f"| {name} | {cold:.0f} | {statistics.median(times):.0f} | {pct(times, 95):.0f} | "
              f"{pct(times, 99):.0f} | {count} | {size / 1024:.1f} | {budget} |")  # fmt: skip
        sys.stdout.flush()
    print(f"\nSpitzenspeicher des Servers (größter Prozess): {peak_rss_mb(proc):.0f} MB")


if __name__ == "__main__":
    main()
