"""Wegweiser search benchmark: p50/p95 of the search page with a few thousand entries.

Run:  .venv/bin/python bench/directory_bench.py [--entries 5000] [--requests 400]

Uses a fresh SQLite database in a temporary directory (never var/db.sqlite3), seeds the demo
quarters, the needs taxonomy (migrations) and N generated entries, then requests the search
page as a logged-in helper through Django's test client (URL routing, permission check, form,
queries and template rendering; no network). Budget: p95 <= 100 ms.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
os.environ["QUARTIER_VAR_DIR"] = tempfile.mkdtemp(prefix="directory-bench-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

BUDGET_MS = 100
WORDS = ["Beratung", "Treff", "Hilfe", "Club", "Café", "Dienst", "Sprechstunde", "Büro"]
LANGS = ["de", "tr", "pl", "ar", "ru", "uk", "bg", "ro", "en"]


def seed(count: int, rng: random.Random):
    from quartier.accounts.models import Role, User
    from quartier.areas import demo as areas_demo
    from quartier.areas.models import Quarter
    from quartier.directory.models import DirectoryEntry
    from quartier.taxonomy.models import Topic

    areas_demo.load()
    quarters = list(Quarter.objects.all())
    topics = list(Topic.objects.all())
    # Bulk insert: the benchmark measures reading, not the audited write path.
    entries = [
        DirectoryEntry(
            name=f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}",
            provider=f"Träger {i % 150}",
            description=" ".join(rng.choices(WORDS, k=12)),
            address=f"Beispielstraße {i}, 47798 Krefeld",
            quarter=rng.choice(quarters) if rng.random() < 0.7 else None,
            phone=f"02151 {i:06d}",
            languages=",".join(["de", *rng.sample(LANGS[1:], rng.randint(0, 3))]),
            is_active=rng.random() > 0.05,
        )
        for i in range(count)
    ]
    DirectoryEntry.objects.bulk_create(entries, batch_size=500)
    through = DirectoryEntry.topics.through
    links = [
        through(directoryentry_id=entry.pk, topic_id=topic.pk)
        for entry in DirectoryEntry.objects.only("pk")
        for topic in rng.sample(topics, rng.randint(1, 3))
    ]
    through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    helper = User.objects.create_user("bench", password="bench-bench-1", role=Role.HELPER)
    helper.quarters.set(quarters[:1])
    return helper, quarters, topics


def queries(rng: random.Random, quarters, topics, n: int) -> list[dict]:
    top = [t for t in topics if t.parent_id is None]
    kinds = {
        "own quarter (start)": lambda: {},
        "text": lambda: {"q": rng.choice(WORDS)},
        "top-level topic, all quarters": lambda: {"thema": rng.choice(top).code, "quartier": ""},
        "topic + quarter": lambda: {
            "thema": rng.choice(topics).code,
            "quartier": rng.choice(quarters).slug,
        },
        "city-wide + language": lambda: {"quartier": "stadtweit", "sprache": rng.choice(LANGS)},
        "text + topic + quarter + language": lambda: {
            "q": rng.choice(WORDS).lower(),
            "thema": rng.choice(top).code,
            "quartier": rng.choice(quarters).slug,
            "sprache": rng.choice(LANGS[1:]),
        },
        "all, page 2-20": lambda: {"quartier": "", "seite": str(rng.randint(2, 20))},
    }
    names = list(kinds)
    return [(name, kinds[name]()) for name in (rng.choice(names) for _ in range(n))]


def percentile(values, pct):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(42)
    call_command("migrate", verbosity=0)
    settings.DEBUG = False  # no query logging overhead, as in production
    helper, quarters, topics = seed(args.entries, rng)
    client = Client(HTTP_HOST="localhost")
    client.force_login(helper)
    url = "/wegweiser/"
    for _kind, params in queries(rng, quarters, topics, 20):  # warm-up
        client.get(url, params)
    timings, by_kind = [], {}
    for kind, params in queries(rng, quarters, topics, args.requests):
        start = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        timings.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
    p50, p95 = percentile(timings, 50), percentile(timings, 95)
    print(f"entries: {args.entries}, requests: {args.requests}")
    print("| metric | ms |\n|---|---|")
    print(f"| p50 | {p50:.1f} |\n| p95 | {p95:.1f} |\n| max | {max(timings):.1f} |")
    print(f"| mean | {statistics.mean(timings):.1f} |")
    print("\n| search | requests | p50 ms | p95 ms |\n|---|---|---|---|")
    for kind, values in by_kind.items():
        print(
            f"| {kind} | {len(values)} | {percentile(values, 50):.1f} "
            f"| {percentile(values, 95):.1f} |"
        )
    print(f"budget p95 <= {BUDGET_MS} ms: {'met' if p95 <= BUDGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
