"""Seed many realistic reports for benchmarks: `manage.py seed_bench --reports 100000`.

Needs only quarters and categories and creates them if missing (demo quarters; a default
category set unless categories exist). Reports are spread over the quarters (some outside)
and over the last two years; older reports are mostly resolved or closed. Each run adds
reports; use a separate database (QUARTIER_VAR_DIR or DATABASE_URL) for benchmarks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import uuid

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from shapely import prepare
from shapely.geometry import Point, shape

from quartier.accounts.models import Role, User
from quartier.areas.geo import KREFELD_CENTRE
from quartier.areas.models import Quarter
from quartier.reports.models import (
    Report,
    ReportCategory,
    ReportSource,
    ReportStatus,
    ReportStatusChange,
)

BATCH = 5000
DAYS = 730
# (parent code, parent name, code, name, public, weight)
CATEGORIES = [
    ("abfall", "Abfall", "abfall-wilder-muell", "Wilder Müll", True, 35),
    ("abfall", "Abfall", "abfall-papierkorb-voll", "Papierkorb voll", True, 15),
    ("abfall", "Abfall", "glascontainer", "Verschmutzter Containerstandort", True, 5),
    (
        "strasse",
        "Straße und Gehweg",
        "strasse-stolperfalle",
        "Stolperfalle auf dem Gehweg",
        True,
        10,
    ),
    ("strasse", "Straße und Gehweg", "strasse-schlagloch", "Schlagloch", True, 6),
    ("beleuchtung", "Beleuchtung", "beleuchtung-laterne-defekt", "Straßenlaterne defekt", True, 8),
    ("stadtbild", "Stadtbild", "graffiti", "Graffiti", True, 10),
    ("stadtbild", "Stadtbild", "gruenflaeche", "Ungepflegte Grünfläche", True, 7),
    ("sicherheit", "Sicherheit", "spritzenfund", "Spritzenfund", False, 2),
    ("gebaeude", "Gebäude", "problemimmobilie", "Problemimmobilie", False, 2),
]
STREETS = [
    "Lewerentzstraße", "Dionysiusstraße", "Ostwall", "Westwall", "Südwall", "Nordwall",
    "Rheinstraße", "Hochstraße", "Josefstraße", "Stephanstraße", "Bleichpfad", "Schinkenplatz",
    "Philadelphiastraße", "Marktstraße", "Lindenstraße", "Mariannenstraße", "Luisenstraße",
    "Hubertusstraße", "Neue Linner Straße", "Blumentalstraße",
]  # fmt: skip
WHAT = [
    "Sperrmüll (Matratze, Sofa)", "mehrere Müllsäcke", "Bauschutt", "Elektroschrott",
    "Altreifen", "ein Einkaufswagen", "Glasscherben", "Kartons und Verpackungen",
    "gehobene Gehwegplatte", "Laterne flackert", "Graffiti an der Hauswand", "Hundekot",
    "überquellender Papierkorb", "umgekippter Container", "zugewucherter Gehweg",
]  # fmt: skip
WHERE = [
    "vor Hausnummer", "neben dem Container bei", "an der Bushaltestelle bei",
    "im Hinterhof von", "an der Ecke bei", "gegenüber von",
]  # fmt: skip
# (max age in days, [(status, weight), ...]): young reports are mostly open.
STATUS_BY_AGE = [
    (14, [("new", 35), ("forwarded", 25), ("acknowledged", 15), ("resolved", 10),
          ("resolved_by_helper", 10), ("not_responsible", 2), ("duplicate", 3)]),
    (90, [("new", 3), ("forwarded", 10), ("acknowledged", 12), ("resolved", 50),
          ("resolved_by_helper", 12), ("closed", 8), ("duplicate", 3), ("not_responsible", 2)]),
    (DAYS + 1, [("new", 0.5), ("forwarded", 1.5), ("acknowledged", 2), ("reopened", 0.5),
                ("resolved", 55), ("resolved_by_helper", 15), ("closed", 21.5), ("duplicate", 3),
                ("not_responsible", 1)]),
]  # fmt: skip
SOURCES = [
    (ReportSource.FIELD, 80),
    (ReportSource.ON_BEHALF, 12),
    (ReportSource.PHONE, 6),
    (ReportSource.OPEN311, 2),
]


class Command(BaseCommand):
    help = (
        "Legt viele realistische Daten für Lasttests an (nur für Test-Datenbanken): "
        "--reports N Meldungen; --contacts N --residents N [--referrals N] Gespräche und "
        "Personen (über seed_bench_residents)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=0)
        parser.add_argument("--contacts", type=int, default=0)
        parser.add_argument("--residents", type=int, default=0)
        parser.add_argument("--referrals", type=int, default=None)
        parser.add_argument("--seed", type=int, default=311)

    def handle(self, *args, reports, contacts, residents, referrals, seed, **options):
        if not (reports or contacts or residents or referrals):
            raise CommandError("Nichts zu tun: --reports, --contacts oder --residents angeben.")
        if reports:
            self.seed_reports(reports, seed)
        if contacts or residents or referrals:
            call_command(
                "seed_bench_residents",
                contacts=contacts,
                residents=residents,
                referrals=referrals,
                seed=seed,
                stdout=self.stdout,
            )
        if apps.is_installed("quartier.stats"):
            # The rows went in with bulk inserts: the statistics' monthly counts are rebuilt.
            call_command("rebuild_statistics", stdout=self.stdout)

    def seed_reports(self, reports: int, seed: int) -> None:
        rng = random.Random(seed)
        quarters = ensure_quarters()
        categories = ensure_categories()
        helpers = ensure_helpers(quarters)
        shapes = QuarterShapes(quarters)
        now = timezone.now()
        # Oldest first, as in real life: ids grow with the time of reporting.
        ages = sorted((rng.uniform(0, DAYS * 86400) for _ in range(reports)), reverse=True)
        made = 0
        # No query log while inserting (DEBUG=True keeps the SQL of every batch in memory).
        with keep_given_timestamps(), override_settings(DEBUG=False):
            while made < reports:
                size = min(BATCH, reports - made)
                batch = [
                    make_report(rng, now - dt.timedelta(seconds=age), shapes, categories, helpers)
                    for age in ages[made : made + size]
                ]
                with transaction.atomic():
                    created = Report.objects.bulk_create(batch, batch_size=1000)
                    ReportStatusChange.objects.bulk_create(history_for(created), batch_size=2000)
                made += size
                self.stdout.write(f"{made} Meldungen angelegt", ending="\r")
        self.stdout.write(self.style.SUCCESS(f"\n{made} Meldungen angelegt."))


def ensure_quarters() -> list[Quarter]:
    if not Quarter.objects.exists():
        from quartier.areas import demo

        demo.load()
    return list(Quarter.objects.all())


def ensure_categories() -> list[tuple[ReportCategory, float]]:
    """Leaf categories with a weight; the default set is created only if there are none."""
    existing = list(ReportCategory.objects.filter(is_active=True, children__isnull=True))
    if existing:
        weights = {code: weight for *_, code, _name, _public, weight in CATEGORIES}
        return [(c, weights.get(c.code, 5)) for c in existing]
    result = []
    for order, (pcode, pname, code, name, public, weight) in enumerate(CATEGORIES):
        parent, _ = ReportCategory.objects.get_or_create(
            code=pcode, defaults={"name": pname, "order": order}
        )
        category, _ = ReportCategory.objects.get_or_create(
            code=code,
            defaults={"name": name, "parent": parent, "is_public": public, "order": order},
        )
        result.append((category, weight))
    return result


def ensure_helpers(quarters) -> list[User]:
    helpers = []
    for number in range(1, 12):
        user, created = User.objects.get_or_create(
            username=f"lasttest-helfer-{number:02d}", defaults={"role": Role.HELPER}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.quarters.set([quarters[number % len(quarters)]])
        helpers.append(user)
    return helpers


def pick(rng, weighted):
    return rng.choices([item for item, _ in weighted], [w for _, w in weighted])[0]


class QuarterShapes:
    """Point-in-quarter without a query per point (geo.locate() checks for changes each call)."""

    def __init__(self, quarters):
        self.quarters = quarters
        self.shapes = []
        for quarter in quarters:
            geom = shape(quarter.geometry)
            prepare(geom)
            self.shapes.append((quarter.pk, geom))

    def locate(self, lat, lon):
        point = Point(lon, lat)
        return next((pk for pk, geom in self.shapes if geom.covers(point)), None)


def place(rng, shapes: QuarterShapes):
    """A point in a random quarter's bounding box (10 %: anywhere around the centre)."""
    if rng.random() < 0.1:
        lat = KREFELD_CENTRE[0] + rng.uniform(-0.04, 0.04)
        lon = KREFELD_CENTRE[1] + rng.uniform(-0.06, 0.06)
    else:
        ring = rng.choice(shapes.quarters).geometry["coordinates"][0]
        if isinstance(ring[0][0], list):  # MultiPolygon: first polygon's outer ring
            ring = ring[0]
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        lat, lon = rng.uniform(min(lats), max(lats)), rng.uniform(min(lons), max(lons))
    return lat, lon, shapes.locate(lat, lon)


def make_report(rng, created, shapes, categories, helpers) -> Report:
    age = (timezone.now() - created).days
    status = pick(rng, next(table for limit, table in STATUS_BY_AGE if age < limit))
    source = pick(rng, SOURCES)
    lat, lon, quarter_id = place(rng, shapes)
    street = rng.choice(STREETS)
    number = rng.randint(1, 180)
    rbh = status == ReportStatus.RESOLVED_BY_HELPER
    return Report(
        category=pick(rng, categories),
        status=status,
        latitude=lat,
        longitude=lon,
        accuracy_m=rng.choice([5, 8, 12, 20, 35]),
        address=f"{street} {number}, Krefeld",
        quarter_id=quarter_id,
        description=f"{rng.choice(WHAT)} {rng.choice(WHERE)} {street} {number}.",
        source=source,
        reporter=None if source == ReportSource.OPEN311 else rng.choice(helpers),
        client_id=uuid.uuid4(),
        created_at=created,
        updated_at=created,
        resolved_by_helper=rbh,
        bags_count=rng.randint(1, 6) if rbh else None,
        close_reason="Erledigt laut Partner" if status == ReportStatus.CLOSED else "",
    )


def history_for(reports) -> list[ReportStatusChange]:
    rows = []
    for report in reports:
        first = ReportStatus.RESOLVED_BY_HELPER if report.resolved_by_helper else ReportStatus.NEW
        rows.append(
            ReportStatusChange(
                report=report, status=first, actor=report.reporter, created_at=report.created_at
            )
        )
        if report.status != first:
            rows.append(
                ReportStatusChange(
                    report=report,
                    status=report.status,
                    actor_label="Testdaten",
                    created_at=report.created_at + dt.timedelta(days=2),
                )
            )
    return rows


@contextlib.contextmanager
def keep_given_timestamps():
    """Let bulk_create keep the historic created_at/updated_at values of the seed data."""
    fields = [
        Report._meta.get_field("created_at"),
        Report._meta.get_field("updated_at"),
        ReportStatusChange._meta.get_field("created_at"),
    ]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
