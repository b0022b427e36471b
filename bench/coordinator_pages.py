"""Coordinator pages over real HTTP against the production server, one user and 50 at once.

    # SQLite (its own directory, never var/db.sqlite3)
    .venv/bin/python bench/coordinator_pages.py --var-dir /tmp/pages-bench/sqlite-1m \\
        --reports 1000000 --contacts 1000000 --out /tmp/pages-bench/sqlite-1m.json
    # PostgreSQL (a throwaway cluster, see .ci/run)
    DATABASE_URL=postgresql://postgres@127.0.0.1:55441/bench_1m .venv/bin/python \\
        bench/coordinator_pages.py --var-dir /tmp/pages-bench/pg-1m --reports 1000000 ...
    # growth between two runs
    .venv/bin/python bench/coordinator_pages.py --growth a.json b.json

Seeds what is missing with `seed_bench` (reports, then contacts), adds a report with a 4 MB
photo (through `clean_photo` and `submit_report`, like the phone) and a hotspot rule, logs
coordinators in by sessions in the database, runs the map's warm-up job once (the worker
does it every two minutes) and starts `manage.py serve --production --no-worker` (gunicorn,
deploy/gunicorn.conf.py: 2 processes × 4 threads, DEBUG off). Then:

1. one coordinator, each page: 3 warm-up requests, then N timed requests one after another;
   p50/p95/p99, requests per second, the server's CPU time per request (user + system time
   of the gunicorn processes from /proc, divided by the requests), PostgreSQL's with
   `--postgres-data` (the cluster's data directory) and the answer's size;
2. 50 coordinators at once (own sessions, keep-alive connections), each requesting inbox
   pages in a loop with a random pause (`--think`, mean seconds; 0 = no pause), for
   `--duration` seconds: p50/p95/p99, req/s, errors, server CPU per request.
"""

# ruff: noqa: S311, S603 - a benchmark: random pauses, our own server started on loopback

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadlib import (  # noqa: E402
    load_average,
    percentile,
    postgres_cpu_seconds,
    stop,
    tree_cpu_seconds,
    wait_until_up,
)

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")

SETUP = """
import io, json
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Max
from quartier.accounts.models import User
from quartier.areas.models import Quarter
from quartier.reports.models import Report, ReportCategory, ReportPhoto
users = []
for n in range({users}):
    user, _ = User.objects.get_or_create(username=f"lasttest-koordination-{{n}}",
                                         defaults={{"role": "coordinator"}})
    users.append(user)
keys = []
for user in users:
    s = SessionStore(); s["_auth_user_id"] = str(user.pk)
    s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    s["_auth_user_hash"] = user.get_session_auth_hash(); s.create(); keys.append(s.session_key)
category = ReportCategory.objects.filter(children__isnull=True).order_by("pk").first()
photo = ReportPhoto.objects.filter(report__description="Lasttest: Foto 4 MB").first()
if photo is None:
    from PIL import Image
    from quartier.core.photos import clean_photo
    from quartier.reports.actions import submit_report
    image = Image.effect_noise((4000, 3000), 60).convert("RGB")
    buffer = io.BytesIO(); image.save(buffer, "JPEG", quality=92)
    report, _ = submit_report(reporter=users[0], category=category, latitude=51.318,
                              longitude=6.568, description="Lasttest: Foto 4 MB",
                              photos=[clean_photo(buffer.getvalue())])
    photo = report.photos.get()
from quartier.operations.models import HotspotRule, Hotspot
from quartier.operations.actions.hotspots import set_hotspot_rule, detect_hotspots
if not HotspotRule.objects.exists():
    graffiti = ReportCategory.objects.filter(name="Graffiti").first() or category
    set_hotspot_rule(actor=users[0], category=graffiti, min_reports=3, radius_m=30, window_days=3)
    detect_hotspots()
hotspot = Hotspot.objects.order_by("-pk").values_list("pk", flat=True).first()
top = Report.objects.aggregate(m=Max("pk"))["m"]
leaf = ReportCategory.objects.filter(children__isnull=True, parent__isnull=False).order_by("pk")
print(json.dumps({{"sessions": keys, "photo": photo.pk, "photo_report": photo.report_id,
    "report": top - 100, "category": leaf.first().pk, "parent": leaf.first().parent_id,
    "quarter": Quarter.objects.order_by("pk").first().pk, "hotspot": hotspot,
    "reports": Report.objects.count()}}))
"""


SEARCH = ("Eingang, Suche „Matratze“", "/meldungen/eingang/?status=&suche=Matratze")


def scenarios(ids: dict, today: str, search: bool = False) -> list[tuple[str, str]]:
    since = f"{int(today[:4]) - 1}{today[4:]}"
    hotspot = ids["hotspot"]
    hotspot = [("Hotspot, Detail", f"/einsatz/hotspots/{hotspot}/")] if hotspot else []
    return [
        ("Startseite (Heute zu tun)", "/"),
        ("Eingang, erste Seite (Neu)", "/meldungen/eingang/"),
        ("Eingang, Offen", "/meldungen/eingang/?status=open"),
        ("Eingang, Alle", "/meldungen/eingang/?status="),
        ("Eingang, Alle, Seite 500", "/meldungen/eingang/?status=&seite=500"),
        ("Eingang, Status Weitergeleitet", "/meldungen/eingang/?status=forwarded"),
        (
            "Eingang, Kategorie + Quartier + seit Datum",
            f"/meldungen/eingang/?status=&kategorie={ids['parent']}&quartier={ids['quarter']}"
            f"&von={since}",
        ),
        ("Eingang, Quelle Open311 (Partner)", "/meldungen/eingang/?status=&quelle=open311"),
        *([SEARCH] if search else []),
        ("Liste (Offen)", "/meldungen/liste/"),
        ("Meldung, Detail", f"/meldungen/{ids['report']}/"),
        ("Meldung mit 4-MB-Foto, Detail", f"/meldungen/{ids['photo_report']}/"),
        ("Foto (verkleinert ausgeliefert)", f"/meldungen/foto/{ids['photo']}/"),
        ("Karte, Seite", "/meldungen/karte/"),
        ("Kartendaten ganze Stadt (Offen), Zoom 12", "/meldungen/karte/daten.json?zoom=12"),
        (
            "Kartendaten Ausschnitt Zoom 16",
            "/meldungen/karte/daten.json?zoom=16&bbox=6.5620,51.3290,6.5760,51.3350",
        ),
        ("Kartendaten ganze Stadt, alle Status", "/meldungen/karte/daten.json?status=&zoom=12"),
        ("Überfällige Weiterleitungen", "/weiterleitung/ueberfaellig/"),
        ("Hotspots", "/einsatz/hotspots/"),
        *hotspot,
        ("Einsatzplan Woche", "/einsatz/plan/"),
        ("Fachaustausch", "/einsatz/fachaustausch/"),
        ("Bewohner: Personen", "/bewohner/personen/"),
        ("Bewohner: Statistik", "/bewohner/statistik/"),
    ]


CONCURRENT_PAGES = [
    "/meldungen/eingang/",
    "/meldungen/eingang/?status=open",
    "/meldungen/eingang/?status=",
    "/meldungen/eingang/?status=&seite=3",
]


def manage(env, *args) -> str:
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True)  # fmt: skip
    if result.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def counts(env) -> tuple[int, int]:
    out = manage(env, "shell", "-c", "from quartier.reports.models import Report as R; "
                 "from quartier.residents.models import Contact as C; "
                 "print(R.objects.count(), C.objects.count())")  # fmt: skip
    reports, contacts = out.split()[-2:]
    return int(reports), int(contacts)


def prepare(env, args) -> dict:
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    have_r, have_c = counts(env)
    if args.reports > have_r:  # a new seed when topping up: synthetic ids must not repeat
        missing = str(args.reports - have_r)
        manage(env, "seed_bench", "--reports", missing, "--seed", str(have_r + 1))
    if args.contacts > have_c:
        manage(env, "seed_bench", "--contacts", str(args.contacts - have_c),
               "--residents", "20000", "--seed", str(have_c + 2))  # fmt: skip
    ids = json.loads(manage(env, "shell", "-c", SETUP.format(users=args.users)).splitlines()[-1])
    # What the worker does every two minutes (reports.tasks.warm_map_grids).
    manage(env, "shell", "-c", "from quartier.reports.tasks import warm_map_grids; "
                               "warm_map_grids.call()")  # fmt: skip
    return ids


class Client:
    """One coordinator: a keep-alive connection with her session cookie."""

    def __init__(self, port: int, session: str):
        self.port, self.cookie = port, f"sessionid={session}"
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> tuple[float, int, int]:
        """(ms, HTTP status or 0 for a failed connection, body bytes). Like a browser, a
        request on a kept-alive connection the server has closed meanwhile is sent again
        once on a new connection (timed from the first attempt)."""
        started = time.perf_counter()
        for _attempt in (1, 2):
            try:
                self.conn.request("GET", path, headers={"Cookie": self.cookie,
                                                        "Accept-Encoding": "gzip"})  # fmt: skip
                response = self.conn.getresponse()
                body = response.read()
                return (time.perf_counter() - started) * 1000, response.status, len(body)
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return (time.perf_counter() - started) * 1000, 0, 0


def single_user(args, ids, server) -> list[dict]:
    client = Client(args.port, ids["sessions"][0])
    rows = []
    for name, path in scenarios(ids, time.strftime("%Y-%m-%d"), args.with_search):
        cold, status, size = client.get(path)
        for _ in range(2):
            client.get(path)
        cpu, db_cpu = tree_cpu_seconds(server.pid), postgres_cpu_seconds(args.postgres_data)
        started, times = time.perf_counter(), []
        for _ in range(args.requests):
            elapsed, status, size = client.get(path)
            times.append(elapsed)
        wall = time.perf_counter() - started
        cpu = (tree_cpu_seconds(server.pid) - cpu) * 1000 / args.requests
        db_cpu = (postgres_cpu_seconds(args.postgres_data) - db_cpu) * 1000 / args.requests
        rows.append({"name": name, "path": path, "status": status, "cold": cold,
                     "p50": percentile(times, 50), "p95": percentile(times, 95),
                     "p99": percentile(times, 99), "rps": args.requests / wall, "cpu": cpu,
                     "db_cpu": db_cpu if args.postgres_data else None,
                     "kb": size / 1024})  # fmt: skip
        print_row(rows[-1])
    return rows


def print_row(r: dict) -> None:
    note = "" if r["status"] == 200 else f" (HTTP {r['status']})"
    db_cpu = "–" if r.get("db_cpu") is None else f"{r['db_cpu']:.1f}"
    print(f"| {r['name']}{note} | {r['cold']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | "
          f"{r['p99']:.1f} | {r['rps']:.0f} | {r['cpu']:.1f} | {db_cpu} | "
          f"{r['kb']:.1f} |")  # fmt: skip
    sys.stdout.flush()


def concurrent(args, ids, server) -> dict:
    results: list[tuple[float, float, int]] = []
    lock = threading.Lock()
    start_at = time.monotonic() + 1
    end_at = start_at + args.ramp + args.duration

    def coordinator(session: str, seed: int):
        rng, client = random.Random(seed), Client(args.port, session)
        time.sleep(max(0.0, start_at - time.monotonic()) + rng.uniform(0, args.ramp))
        while time.monotonic() < end_at:
            elapsed, status, _ = client.get(rng.choice(CONCURRENT_PAGES))
            with lock:
                results.append((time.monotonic(), elapsed, status))
            if args.think:
                time.sleep(rng.uniform(0, 2 * args.think))

    threads = [threading.Thread(target=coordinator, args=(s, n), daemon=True)
               for n, s in enumerate(ids["sessions"][: args.users])]  # fmt: skip
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, start_at + args.ramp - time.monotonic()))
    cpu_before, client_before = tree_cpu_seconds(server.pid), time.process_time()
    db_before = postgres_cpu_seconds(args.postgres_data)
    for thread in threads:
        thread.join()
    measured = [r for r in results if r[0] >= start_at + args.ramp]
    times = [r[1] for r in measured]
    errors = sum(1 for r in measured if r[2] != 200)
    server_cpu = tree_cpu_seconds(server.pid) - cpu_before
    db_cpu = postgres_cpu_seconds(args.postgres_data) - db_before
    client_cpu = time.process_time() - client_before
    n = max(1, len(measured))
    return {"users": len(threads), "think": args.think, "requests": len(measured),
            "errors": errors, "rps": len(measured) / args.duration,
            "p50": percentile(times, 50), "p95": percentile(times, 95),
            "p99": percentile(times, 99), "max": max(times, default=0),
            "cpu": server_cpu * 1000 / n, "client_cpu": client_cpu * 1000 / n,
            "db_cpu": db_cpu * 1000 / n if args.postgres_data else None}  # fmt: skip


def start_server(env, args) -> subprocess.Popen:
    log = Path(args.var_dir) / "server.log"
    server = subprocess.Popen(
        [PY, "manage.py", "serve", "--production", "--no-worker", "--port", str(args.port)],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    wait_until_up(f"http://127.0.0.1:{args.port}", timeout=120)
    return server


def growth(first: str, second: str) -> None:
    a, b = (json.loads(Path(p).read_text()) for p in (first, second))
    print(f"| Seite | {a['label']} p95 ms | {b['label']} p95 ms | Wachstum | "
          f"CPU ms/Anfrage {a['label']} → {b['label']} |")  # fmt: skip
    print("|---|---:|---:|---:|---:|")
    before = {row["name"]: row for row in a["pages"]}
    for row in b["pages"]:
        old = before.get(row["name"])
        if old:
            ratio = row["p95"] / old["p95"]
            print(f"| {row['name']} | {old['p95']:.1f} | {row['p95']:.1f} | {ratio:.2f}× | "
                  f"{old['cpu']:.1f} → {row['cpu']:.1f} |")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", default="var/bench-pages")
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause in s (0: none)")
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--ramp", type=float, default=5)
    parser.add_argument("--port", type=int, default=9101)
    parser.add_argument("--label", default="")
    parser.add_argument("--out", default="")
    parser.add_argument("--skip-pages", action="store_true", help="only the concurrent run")
    parser.add_argument("--with-search", action="store_true", help="add the inbox search")
    parser.add_argument("--postgres-data", default="", help="the cluster's directory: its CPU")
    parser.add_argument("--growth", nargs=2, metavar="JSON", help="compare two --out files")
    args = parser.parse_args()
    if args.growth:
        return growth(*args.growth)
    Path(args.var_dir).mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QUARTIER_VAR_DIR": str(Path(args.var_dir).resolve()), "DEBUG": "0",
           "QUARTIER_DEMO_MODE": "1", "LOG_LEVEL": "WARNING"}  # fmt: skip
    ids = prepare(env, args)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    label = args.label or f"{database} {ids['reports']}"
    server = start_server(env, args)
    report = {"label": label, "database": database, "reports": ids["reports"],
              "load_before": load_average()}  # fmt: skip
    try:
        print(f"\n{label}: {ids['reports']} Meldungen, {args.contacts} Kontakte; "
              f"{os.cpu_count()} Kerne, Last vorher {report['load_before']}\n")  # fmt: skip
        if not args.skip_pages:
            print("| Seite | kalt ms | p50 ms | p95 ms | p99 ms | req/s | CPU ms/Anfrage "
                  "| DB-CPU ms/Anfrage | KB |")  # fmt: skip
            print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
            report["pages"] = single_user(args, ids, server)
        c = report["concurrent"] = concurrent(args, ids, server)
        print(f"\n{c['users']} Koordinator*innen gleichzeitig, Pause im Mittel {c['think']} s, "
              f"{args.duration:.0f} s: {c['requests']} Anfragen, {c['errors']} Fehler, "
              f"{c['rps']:.1f} req/s, p50 {c['p50']:.0f} ms, p95 {c['p95']:.0f} ms, "
              f"p99 {c['p99']:.0f} ms, max {c['max']:.0f} ms, Server-CPU {c['cpu']:.1f} ms "
              + ("" if c["db_cpu"] is None else f"und DB-CPU {c['db_cpu']:.1f} ms ")
              + f"je Anfrage (Lastgenerator {c['client_cpu']:.1f} ms)")  # fmt: skip
    finally:
        stop(server)
    report["load_after"] = load_average()
    print(f"\nLast nachher {report['load_after']}")
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
