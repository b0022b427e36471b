"""Benchmark of the offline geocoder with 100,000 address points.

Run:  .venv/bin/python bench/geocoder_bench.py [--points 100000] [--lookups 2000]

Generates a synthetic register the size of a city (2,500 streets × 40 houses, coordinates in
EPSG:25832 as NRW ships them), imports it through the real path (CSV reader, UTM → WGS84,
one transaction), then times with a throw-away SQLite database:

- resolving messy typed addresses (typos, "str.", no house number, postcode, case);
- the nearest address to random points in the city;
- suggestions while typing, as a function and through the JSON endpoint (whole Django stack).

Lookups include the check whether a newer register was loaded (one indexed query, at most
once a second per process).
Prints Markdown tables for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="geocoder-bench-")
os.environ["QUARTIER_VAR_DIR"] = TMP
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from pyproj import Transformer  # noqa: E402

RESOLVE_BUDGET_MS = 20
NEAREST_BUDGET_MS = 10
FIRST = [
    "Linden",
    "Eichen",
    "Buchen",
    "Birken",
    "Ahorn",
    "Kastanien",
    "Ulmen",
    "Erlen",
    "Tannen",
    "Rosen",
    "Tulpen",
    "Nelken",
    "Veilchen",
    "Mühlen",
    "Kirch",
    "Schul",
    "Markt",
    "Garten",
    "Wiesen",
    "Feld",
    "Wald",
    "Berg",
    "Tal",
    "Bach",
    "Brunnen",
    "Brücken",
    "Hafen",
    "Rhein",
    "Weber",
    "Färber",
    "Schmiede",
    "Bäcker",
    "Fischer",
    "Jäger",
    "Sonnen",
    "Mond",
    "Stern",
    "Bismarck",
    "Goethe",
    "Schiller",
    "Lessing",
    "Beethoven",
    "Mozart",
    "Dürer",
    "Luther",
    "Kolping",
    "Hardenberg",
    "Stein",
    "Humboldt",
    "Blücher",
]
MIDDLE = ["", "hof", "heide", "busch", "kamp", "dorf", "feld", "rath", "berg", "bruch"]
KINDS = ["straße", "weg", "allee", "platz", "ring", "gasse", "wall", " Straße"]
POSTCODES = ["47798", "47799", "47800", "47802", "47803", "47804", "47805", "47807", "47809"]
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)


def street_names(count: int, rng: random.Random) -> list[str]:
    """Distinct streets: "Linden Straße" and "Lindenstraße" are one name, as in a real city."""
    from quartier.areas.addresses import street_key

    by_key = {}
    for a in FIRST:
        for b in MIDDLE:
            for k in KINDS:
                name = f"{a}{b}{k}"
                by_key.setdefault(street_key(name), name)
    return rng.sample(sorted(by_key.values()), count)


def register_csv(points: int, rng: random.Random) -> tuple[str, list[tuple[str, int]]]:
    """A CSV with NRW's column names; returns it and the (street, highest number) list."""
    per_street = 40
    streets = street_names(points // per_street, rng)
    lines = ["STN;HNR;ADZ;PLZ;EAST;NORTH"]
    for street in streets:
        lat, lon = rng.uniform(51.28, 51.40), rng.uniform(6.49, 6.68)
        dlat, dlon = rng.uniform(-1, 1) * 0.00012, rng.uniform(-1, 1) * 0.00018
        postcode = rng.choice(POSTCODES)
        for number in range(1, per_street + 1):
            east, north = TO_UTM.transform(lon + dlon * number, lat + dlat * number)
            suffix = "a" if number % 13 == 0 else ""
            lines.append(f"{street};{number};{suffix};{postcode};{east:.2f};{north:.2f}")
    return "\n".join(lines) + "\n", [(s, per_street) for s in streets]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]


def messy(street: str, highest: int, rng: random.Random) -> str:
    name = street.replace("straße", rng.choice(["str.", "str", "strasse", "straße"]))
    if rng.random() < 0.3:
        name = _typo(name, rng)
    if rng.random() < 0.3:
        name = name.lower()
    number = "" if rng.random() < 0.2 else f" {rng.randint(1, highest + 5)}"
    tail = rng.choice(["", ", Krefeld", ", 47798 Krefeld", " krefeld"])
    return f"{name}{number}{tail}"


def percentile(values, pct):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(function, inputs) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call (CPU time does not depend on the load)."""
    wall, cpu = [], []
    for item in inputs:
        start, start_cpu = time.perf_counter(), time.thread_time()
        function(item)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    return wall, cpu


def row(name, timings, budget=None) -> str:
    wall, cpu = timings
    p95 = percentile(wall, 95)
    verdict = "" if budget is None else ("met" if p95 <= budget else "MISSED")
    return (
        f"| {name} | {len(wall)} | {percentile(wall, 50):.2f} | {p95:.2f} "
        f"| {percentile(cpu, 95):.2f} | {max(wall):.2f} | {budget or ''} | {verdict} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    call_command("migrate", verbosity=0)
    settings.DEBUG = False

    from quartier.accounts.models import Role, User
    from quartier.areas import addresses
    from quartier.areas.actions import import_address_points
    from quartier.areas.address_files import read_csv

    text, streets = register_csv(args.points, rng)
    start = time.perf_counter()
    rows = read_csv(text)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    import_address_points(actor=None, rows=rows, source="bench")
    import_s = time.perf_counter() - start
    addresses.forget()
    start = time.perf_counter()
    addresses.current_index()
    build_s = time.perf_counter() - start
    addresses.forget()
    tracemalloc.start()
    addresses.current_index()
    index_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()

    chosen = [rng.choice(streets) for _ in range(args.lookups)]
    typed = [messy(*street, rng) for street in chosen]
    found = [addresses.resolve(t) for t in typed]
    right = sum(1 for f, (s, _n) in zip(found, chosen, strict=True) if f and f.street == s)
    points = [(rng.uniform(51.28, 51.40), rng.uniform(6.49, 6.68)) for _ in range(args.lookups)]
    prefixes = [rng.choice(streets)[0][: rng.randint(3, 9)] for _ in range(args.lookups // 4)]
    helper = User.objects.create_user("bench", password="bench-bench-1", role=Role.HELPER)
    client = Client(HTTP_HOST="localhost")
    client.force_login(helper)
    client.get("/meldungen/adressen/", {"q": "Lind"})  # warm-up

    print(f"address points: {len(rows)}, streets: {len(streets)}, lookups: {args.lookups}")
    print(
        f"read + transform CSV: {read_s:.1f} s, import (one transaction): {import_s:.1f} s, "
        f"index build: {build_s:.2f} s, index memory peak: {index_mb:.0f} MB"
    )
    print(
        f"resolved: {sum(1 for f in found if f) / len(found):.1%} of messy inputs, "
        f"to the intended street: {right / len(found):.1%}"
    )
    print(
        "\n| operation | n | p50 ms | p95 ms | p95 CPU ms | max ms | budget p95 ms | |"
        "\n|---|---|---|---|---|---|---|---|"
    )
    print(row("resolve a typed address", timed(addresses.resolve, typed), RESOLVE_BUDGET_MS))
    print(row("nearest address", timed(lambda p: addresses.nearest(*p), points), NEAREST_BUDGET_MS))
    print(row("suggestions (function)", timed(addresses.suggest, prefixes)))
    http = timed(lambda q: client.get("/meldungen/adressen/", {"q": q}), prefixes)
    print(row("suggestions (HTTP, whole stack)", http))
    print(f"\nmean resolve: {statistics.mean(timed(addresses.resolve, typed[:200])[0]):.2f} ms")


if __name__ == "__main__":
    main()
