"""Exports while reports and contacts are being written, against a real server.

An installation in a temporary directory (SQLite in WAL mode, as in production), gunicorn on
a loopback port and a second process that keeps writing reports, status changes and
contacts through the models. Meanwhile CSV, XLSX and the Sachbericht PDF are requested again
and again, each time with an empty cache (so each one reads the aggregates anew): no error,
every table adds up (one snapshot), no count from 1 to 4 about residents is shown. When the
writer has stopped, the export's figures equal the rows in the database.
"""

# ruff: noqa: S603, S310 - starts our own server and writer and requests loopback URLs

from __future__ import annotations

import contextlib
import io
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook

from testkit.databases import copy_sqlite

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
YEAR = time.localtime().tm_year

SETUP = """
from django.contrib.sessions.backends.db import SessionStore
from quartier.accounts.models import User
from quartier.areas import demo
demo.load()  # the quarters; categories and topics come with the migrations
user = User.objects.create(username="koordination", role="coordinator")
s = SessionStore(); s["_auth_user_id"] = str(user.pk)
s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
s["_auth_user_hash"] = user.get_session_auth_hash(); s.create(); print(s.session_key)
"""

WRITER = """
import random
from pathlib import Path
from django.utils import timezone
from quartier.areas.models import Quarter
from quartier.reports.models import Report, ReportCategory, ReportStatus
from quartier.residents.models import Contact
from quartier.taxonomy.models import Topic
rng = random.Random(7)
quarters = list(Quarter.objects.all())
cats = list(ReportCategory.objects.filter(parent__isnull=False))
topics = list(Topic.objects.filter(parent__isnull=True))
stop, n = Path({stop!r}), 0
while n <= 20 or not stop.exists():  # at least 21 rows, then until the test has seen enough
    r = Report.objects.create(category=rng.choice(cats), quarter=rng.choice(quarters),
                              latitude=51.33, longitude=6.56, description="Testmeldung")
    c = Contact.objects.create(quarter=rng.choice(quarters), created_at=timezone.now(),
                               place="street", age_band=rng.choice(["under_65", "80_plus"]),
                               language=rng.choice(["de", "tr"]))
    c.topics.add(rng.choice(topics))
    if n % 3 == 0:
        r.status = ReportStatus.RESOLVED
        r.save(update_fields=["status", "updated_at"])
    if n == 0:
        Path({writing!r}).touch()
    n += 1
# Stopped writing: the rows of this year in the database (every write above is committed).
start = timezone.make_aware(timezone.datetime({year}, 1, 1))
print(n, Report.objects.filter(created_at__gte=start).count(),
      Contact.objects.filter(created_at__gte=start).count())
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


@pytest.fixture
def installation(tmp_path, migrated_sqlite_file):
    env = {**os.environ, "QUARTIER_VAR_DIR": str(tmp_path), "QUARTIER_DEMO_MODE": "1"}
    env.pop("DATABASE_URL", None)  # this test is about SQLite's single writer
    with contextlib.closing(sqlite3.connect(tmp_path / "db.sqlite3")) as database:
        copy_sqlite(migrated_sqlite_file, database)  # the run's migrated database
    # No `collectstatic`: the exports and the PDF (its stylesheets come through the finders)
    # use no static file name from the manifest; the production smoke test collects them.
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "quartier.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--timeout", "120"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        cookie = manage(env, "shell", "-c", SETUP)  # while the server starts
        started = time.monotonic()
        while True:  # until the server answers (or has ended, or a minute has passed)
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                assert server.poll() is None, "gunicorn ended at start-up"
                assert time.monotonic() - started < 60, "gunicorn did not answer in a minute"
                time.sleep(0.1)
    except BaseException:
        server.terminate()
        server.wait(timeout=30)
        raise
    cache = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None, timeout=30)
    try:
        yield env, base, cookie, lambda: cache.execute("DELETE FROM quartier_cache")
    finally:
        server.terminate()
        server.wait(timeout=30)
        cache.close()


def get(base, path, cookie) -> bytes:
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={cookie}"})
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
        return response.read()


def sheet(book, name) -> tuple[list, list, list]:
    rows = [r for r in book[name].iter_rows(values_only=True) if r and r[0] is not None]
    header = next(i for i, r in enumerate(rows) if len(r) > 1 and r[1] is not None)
    body = [r for r in rows[header + 1 :] if any(v is not None for v in r[1:])]
    if not body:  # no rows yet: no table body and no total
        return list(rows[header]), [], None
    return list(rows[header]), body[:-1], list(body[-1])


def check_tables(book) -> dict:
    """Every table adds up and no resident count from 1 to 4 is shown; returns the totals."""
    totals = {}
    for name in ["meldungen-kategorien", "gespraeche-alter", "gespraeche-sprache"]:
        header, rows, total = sheet(book, name)
        change = header.index("Veränderung")
        if total is None:
            totals[name] = 0
            continue
        for col in range(1, change):
            values = [r[col] for r in rows]
            if all(isinstance(v, int) for v in [*values, total[col]]):
                assert sum(values) == total[col], (name, header[col])
            if name != "meldungen-kategorien":
                assert all(not (isinstance(v, int) and 0 < v < 5) for v in values), name
        totals[name] = total[change - 2]  # the period's own figure (before the comparison)
    return totals


@pytest.mark.slow(seconds=20)
def test_exports_while_reports_and_contacts_are_written(installation):
    env, base, cookie, empty_cache = installation
    query = f"?zeitraum={YEAR}"
    # The writer runs until it has written 21 rows and four rounds of exports began after its
    # first row: it writes, and the exports read, for as long as both need, not a fixed time.
    writing, stop = (Path(env["QUARTIER_VAR_DIR"]) / name for name in ("writing", "stop"))
    script = WRITER.format(writing=str(writing), stop=str(stop), year=YEAR)
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    exports = during = 0
    try:
        while writer.poll() is None:
            if during >= 4:
                stop.touch()
            while_writing = writing.exists()
            empty_cache()
            book = load_workbook(io.BytesIO(get(base, "/statistik/alle.xlsx" + query, cookie)))
            check_tables(book)
            empty_cache()
            csv = get(base, "/statistik/tabelle/meldungen-kategorien.csv" + query, cookie)
            assert "\r\nKategorie;01/" in csv.decode("utf-8-sig")
            if exports % 4 == 0:
                empty_cache()
                assert get(base, "/statistik/sachbericht.pdf" + query, cookie).startswith(b"%PDF")
            exports += 1
            during += while_writing
    finally:
        stop.touch()  # the writer ends by itself, also when a check above failed
    out, err = writer.communicate()
    assert writer.returncode == 0, err
    written, reports, contacts = map(int, out.strip().splitlines()[-1].split())
    assert written > 20 and exports >= 3 and during >= 4
    # Nothing written meanwhile was lost: the figures equal the rows.
    empty_cache()
    book = load_workbook(io.BytesIO(get(base, "/statistik/alle.xlsx" + query, cookie)))
    totals = check_tables(book)
    assert totals["meldungen-kategorien"] == reports
    assert totals["gespraeche-alter"] == totals["gespraeche-sprache"] == contacts
