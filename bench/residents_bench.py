"""Benchmark for residents' data: contact logging latency and the retention run.

    .venv/bin/python bench/residents_bench.py [--contacts 500000] [--residents 20000]

Uses its own SQLite database under var/bench-residents/ (deleted and re-created each run),
seeds it with `seed_bench --contacts N --residents N`, then measures
  1. POST /bewohner/kontakt/neu/ (JSON answer, as the offline outbox sends it): 300 requests,
     p50/p95/max in ms; budget p95 <= 150 ms;
  2. apply_retention() over the seeded data; budget <= 60 s.
"""

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(var_dir: Path):
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    os.environ["QUARTIER_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    # Production-like: no debug query log. The key is only for this throw-away database.
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "bench-only-" + "x" * 40
    os.environ["ALLOWED_HOSTS"] = "localhost"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure_contacts(requests: int) -> dict:
    from django.test import Client

    from quartier.accounts.models import User
    from quartier.taxonomy.models import Topic

    helper = User.objects.get(username="bench-helper")
    client = Client(HTTP_HOST="localhost")
    client.force_login(helper)
    quarter = helper.quarters.first()
    topics = list(Topic.objects.values_list("pk", flat=True)[:6])
    timings = []
    for index in range(requests):
        data = {
            "quarter": quarter.pk,
            "place": "street",
            "age_band": "80_plus",
            "language": "de",
            "is_repeat": "0",
            "topics": [topics[index % 6]],
            "outcomes": ["information"],
        }
        start = time.perf_counter()
        response = client.post("/bewohner/kontakt/neu/", data, HTTP_ACCEPT="application/json")
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 201, response.status_code
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "max": timings[-1],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=500_000)
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    setup(ROOT / "var" / "bench-residents")
    from django.core.management import call_command

    from quartier.residents.actions import apply_retention

    start = time.perf_counter()
    call_command("seed_bench", contacts=args.contacts, residents=args.residents)
    seeded = time.perf_counter() - start
    print(f"seeded in {seeded:.1f} s")
    contact = measure_contacts(args.requests)
    print(
        f"log contact: p50 {contact['p50']:.1f} ms, p95 {contact['p95']:.1f} ms, "
        f"max {contact['max']:.1f} ms (budget p95 <= 150 ms)"
    )
    start = time.perf_counter()
    result = apply_retention()
    took = time.perf_counter() - start
    print(f"retention: {result} in {took:.1f} s (budget <= 60 s)")


if __name__ == "__main__":
    main()
