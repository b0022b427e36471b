"""Benchmark of the coordinator's report pages on a seeded SQLite database.

    .venv/bin/python bench/reports_bench.py --reports 100000 --requests 60

Uses its own database under var/bench/ (QUARTIER_VAR_DIR, unless set), never var/db.sqlite3.
Migrates and runs `seed_bench` when the database holds fewer reports than --reports. Each
scenario gets 3 warm-up requests, then --requests timed requests through Django's test client
(full middleware stack, session login of a coordinator); the table shows p50/p95/max wall
time in ms, p50/p95 of the CPU time of this process (SQLite runs in-process, so this is the
request's own work without waiting for a core the other processes hold), the number of SQL
queries of one request and the response size (gzip where the view compresses). Results are
printed as a Markdown table with the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QUARTIER_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402


def prepare(reports: int):
    from quartier.reports.models import Report

    Path(os.environ["QUARTIER_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    missing = reports - Report.objects.count()
    if missing > 0:
        started = time.perf_counter()
        call_command("seed_bench", reports=missing)
        print(f"seed_bench --reports {missing}: {time.perf_counter() - started:.1f} s")


def coordinator_client() -> Client:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from quartier.accounts.models import Role, User

    user, created = User.objects.get_or_create(
        username="lasttest-koordination", defaults={"role": Role.COORDINATOR}
    )
    if created:
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    return client


def scenarios() -> list[tuple[str, str, str]]:
    from quartier.areas.models import Quarter
    from quartier.reports.models import Report, ReportCategory

    inbox, listing, map_data = reverse("reports:inbox"), reverse("reports:list"), "reports:map_data"
    category = ReportCategory.objects.filter(children__isnull=True).first()
    quarter = Quarter.objects.first()
    report = Report.objects.order_by("-pk")[100]
    return [
        ("Eingang, erste Seite (Neu)", inbox, ""),
        ("Eingang, Offen", inbox, "status=open"),
        ("Eingang, Alle", inbox, "status="),
        ("Eingang, Alle, Seite 500", inbox, "status=&seite=500"),
        ("Eingang, Suche „Matratze“ in allen", inbox, "status=&suche=Matratze"),
        ("Eingang, Suche ohne Treffer", inbox, "status=&suche=Kühlschrank"),
        (
            "Eingang, Kategorie + Quartier + Zeitraum",
            inbox,
            f"status=&kategorie={category.pk}&quartier={quarter.pk}&von=2025-01-01",
        ),
        ("Liste (Offen)", listing, ""),
        ("Karte, Seite", reverse("reports:map"), ""),
        ("Kartendaten ganze Stadt (Offen)", reverse(map_data), ""),
        ("Kartendaten, letzte 90 Tage alle Status", reverse(map_data), "status=&von=" + _ago(90)),
        ("Kartendaten ganze Stadt, alle Status (Obergrenze)", reverse(map_data), "status="),
        ("Detailseite", reverse("reports:detail", args=[report.pk]), ""),
    ]


def _ago(days: int) -> str:
    import datetime as dt

    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def measure(client, url, query, requests):
    full = f"{url}?{query}" if query else url
    headers = {"HTTP_ACCEPT_ENCODING": "gzip"}
    for _ in range(3):
        response = client.get(full, **headers)
        assert response.status_code == 200, (full, response.status_code)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Counted per execute: the test client resets connection.queries at each request start.
    with connection.execute_wrapper(count):
        response = client.get(full, **headers)
    size = len(response.content)
    times, cpu = [], []
    for _ in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(full, **headers)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": _p95(times),
        "max": times[-1],
        "cpu50": statistics.median(cpu),
        "cpu95": _p95(sorted(cpu)),
        "queries": len(queries),
        "kb": size / 1024,
        "gzip": response.get("Content-Encoding") == "gzip",
    }


def _p95(values: list[float]) -> float:
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    setup_test_environment()
    prepare(args.reports)
    settings.DEBUG = False  # as in production: no query log, no debug templates
    from quartier.reports.models import Report

    client = coordinator_client()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\n{Report.objects.count()} Meldungen, davon {Report.objects.open().count()} offen; "
        f"{args.requests} Anfragen je Zeile; {os.cpu_count()} Kerne, Last vorher {load}; "
        f"Datenbank {settings.DATABASES['default']['NAME']}\n"
    )
    print("| Szenario | p50 ms | p95 ms | max ms | CPU p50 / p95 ms | Abfragen | Antwort KB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, url, query in scenarios():
        r = measure(client, url, query, args.requests)
        size = f"{r['kb']:.1f}" + (" (gzip)" if r["gzip"] else "")
        print(
            f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | "
            f"{r['cpu50']:.1f} / {r['cpu95']:.1f} | "
            f"{r['queries']} | {size} |"
        )


if __name__ == "__main__":
    main()
    print(f"\nLast nachher {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
