"""Benchmark of the capture flow: report submission with a 4 MB JPEG, capture page weight.

Run:  .venv/bin/python bench/capture_bench.py [--runs 40]

Uses a throw-away SQLite database and media folder in a temporary directory (your var/ is not
touched), the Django test client (no network) and the demo quarters. Prints a Markdown table
for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="capture-bench-")
os.environ["QUARTIER_VAR_DIR"] = TMP
os.environ["MEDIA_ROOT"] = str(Path(TMP) / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

TARGET_BYTES = 4 * 1024 * 1024
LAT, LON = 51.318, 6.568  # Hardenbergviertel
PAGE_BUDGET = 150 * 1024
SUBMIT_BUDGET_MS = 400


def four_mb_jpeg() -> bytes:
    """A 4000×3000 phone-like photo (gradients, texture, noise) of about 4 MB."""
    base = Image.linear_gradient("L").resize((4000, 3000))
    noise = Image.effect_noise((4000, 3000), 40)
    image = Image.merge("RGB", (base, Image.blend(base, noise, 0.5), noise))
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    best = b""
    for quality in range(80, 97):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        best = buffer.getvalue()
        if len(best) >= TARGET_BYTES:
            break
    return best


def setup():
    call_command("migrate", verbosity=0)
    from quartier.accounts.models import Role, User
    from quartier.areas import demo
    from quartier.reports.models import ReportCategory

    demo.load()
    user = User.objects.create_user("bench-helferin", password="x" * 12, role=Role.HELPER)
    user.quarters.set(demo_quarters())
    return user, ReportCategory.objects.get(code="abfall-wilder-muell")


def demo_quarters():
    from quartier.areas.models import Quarter

    return Quarter.objects.filter(slug="hardenbergviertel")


def bench_submission(client, category, photo: bytes, runs: int) -> list[float]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    timings = []
    for i in range(runs + 3):
        data = {
            "client_id": str(uuid.uuid4()),
            "category": category.pk,
            "latitude": LAT + i * 0.00001,
            "longitude": LON,
            "accuracy": 9,
            "photos": SimpleUploadedFile("foto.jpg", photo, content_type="image/jpeg"),
        }
        start = time.perf_counter()
        response = client.post("/meldungen/neu/senden/", data)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 201, response.content[:300]
        if i >= 3:  # warm-up: imports, first database pages
            timings.append(elapsed)
    return timings


def bench_cleaning(photo: bytes, runs: int) -> list[float]:
    from quartier.core.photos import clean_photo

    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        clean_photo(photo)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def page_weight(client) -> list[tuple[str, int, int]]:
    """(url, raw bytes, gzip bytes) for the capture page and everything it loads."""
    html = client.get("/meldungen/neu/").content
    rows = [("/meldungen/neu/ (HTML)", len(html), len(gzip.compress(html, 6)))]
    urls = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    urls += [b"/manifest.webmanifest", b"/sw.js"]
    for url in dict.fromkeys(u.decode() for u in urls):
        if url.startswith("/static/"):
            path = finders.find(url.removeprefix("/static/"))
            body = Path(path).read_bytes()
        else:
            body = client.get(url).content
        rows.append((url, len(body), len(gzip.compress(body, 6))))
    return rows


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    load_before = os.getloadavg()
    user, category = setup()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    photo = four_mb_jpeg()
    timings = bench_submission(client, category, photo, args.runs)
    rows = page_weight(client)
    cleaning = bench_cleaning(photo, args.runs)
    p50, p95 = percentile(timings, 50), percentile(timings, 95)
    total_raw = sum(r[1] for r in rows)
    total_gz = sum(r[2] for r in rows)
    load = os.getloadavg()
    print(f"Photo: {len(photo) / 1024 / 1024:.2f} MB JPEG, 4000×3000; {args.runs} submissions")
    print(
        f"Machine: {os.cpu_count()} cores, 1-min load average {load_before[0]:.1f} before, "
        f"{load[0]:.1f} after"
    )
    print()
    print("| Measure | Result | Budget | |")
    print("|---|---|---|---|")
    ok = "met" if p95 <= SUBMIT_BUDGET_MS else "MISSED"
    print(f"| Submission with 4 MB JPEG, p50 | {p50:.0f} ms | | |")
    print(f"| Submission with 4 MB JPEG, p95 | {p95:.0f} ms | ≤ {SUBMIT_BUDGET_MS} ms | {ok} |")
    print(f"| Submission, max | {max(timings):.0f} ms | | |")
    print(f"| Photo cleaning alone (clean_photo), p95 | {percentile(cleaning, 95):.0f} ms | | |")
    ok = "met" if total_gz <= PAGE_BUDGET else "MISSED"
    print(
        f"| Capture page first load, gzip | {total_gz / 1024:.1f} KB "
        f"({total_raw / 1024:.1f} KB raw) | ≤ 150 KB | {ok} |"
    )
    print()
    print("| Resource | raw bytes | gzip bytes |")
    print("|---|---|---|")
    for url, raw, gz in rows:
        print(f"| {url} | {raw} | {gz} |")


if __name__ == "__main__":
    main()
