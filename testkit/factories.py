"""Categories, reports and reference data for tests, made through the real actions."""

from __future__ import annotations

import importlib

from django.apps import apps

# Points inside demo quarters (see areas/demo.py).
HARDENBERG = (51.3180, 6.5680)
SAMTWEBER = (51.3320, 6.5470)
INNENSTADT = (51.3330, 6.5620)


def load_default_categories():
    """The data migration's categories again (tests with a live server empty the tables)."""
    module = importlib.import_module("quartier.reports.migrations.0003_default_categories")
    module.load(apps, None)
    english = importlib.import_module("quartier.reports.migrations.0008_category_english_name")
    english.add_english_names(apps, None)


def load_needs_taxonomy():
    """The needs taxonomy of the data migration, when a live-server test flushed it."""
    from quartier.taxonomy import needs
    from quartier.taxonomy.models import Topic

    if not Topic.objects.exists():
        needs.load()


def categories() -> dict:
    """A few categories by code; created if missing (works with or without a default set)."""
    from quartier.reports.models import ReportCategory

    waste, _ = ReportCategory.objects.get_or_create(code="abfall", defaults={"name": "Abfall"})
    spec = [
        ("abfall-wilder-muell", "Wilder Müll", waste, True),
        ("muelleimer-voll", "Überfüllter Mülleimer", waste, True),
        ("problemimmobilie", "Problemimmobilie", None, False),
    ]
    result = {"abfall": waste}
    for code, name, parent, public in spec:
        category, _ = ReportCategory.objects.get_or_create(
            code=code, defaults={"name": name, "parent": parent, "is_public": public}
        )
        result[code] = category
    return result


def make_report(reporter, category, *, where=HARDENBERG, description="", **extra):
    """A report submitted through `submit_report`, as a helper's phone would."""
    from quartier.reports.actions import submit_report

    report, _ = submit_report(
        reporter=reporter,
        category=category,
        latitude=where[0],
        longitude=where[1],
        description=description,
        **extra,
    )
    return report


def add_photo(report):
    """A small photo and thumbnail attached to a report, bypassing the upload checks."""
    from django.core.files.base import ContentFile

    from quartier.reports.models import ReportPhoto
    from testkit.images import small_jpeg

    return ReportPhoto.objects.create(
        report=report,
        image=ContentFile(small_jpeg(), name="foto.jpg"),
        thumbnail=ContentFile(small_jpeg(), name="foto_t.jpg"),
    )


# The demo quarters as `areas.demo.load()` leaves them, remembered per test process.
_DEMO_AREAS: dict = {}


def _field_values(obj, skip=()) -> dict:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.attname not in skip
    }


def load_demo_quarters() -> dict:
    """The eight demo quarters, their bases and audit entries, keyed by slug: what
    `areas.demo.load()` makes. After its first run in a test process the same rows are
    inserted at once (most tests start with them; the real load costs ~60 queries)."""
    from quartier.areas import demo
    from quartier.areas.models import Base, Quarter
    from quartier.core.models import AuditEntry

    if not _DEMO_AREAS or Quarter.objects.exists() or Base.objects.exists():
        demo.load()
        if not _DEMO_AREAS:
            _DEMO_AREAS["quarters"] = [
                _field_values(q, skip={"created_at", "updated_at"})
                for q in Quarter.objects.order_by("pk")
            ]
            _DEMO_AREAS["bases"] = [
                (b.quarter.slug, _field_values(b, skip={"quarter_id"}))
                for b in Base.objects.select_related("quarter").order_by("pk")
            ]
        return {q.slug: q for q in Quarter.objects.all()}
    quarters = Quarter.objects.bulk_create([Quarter(**v) for v in _DEMO_AREAS["quarters"]])
    by_slug = {q.slug: q for q in quarters}
    Base.objects.bulk_create(
        [Base(quarter=by_slug[slug], **values) for slug, values in _DEMO_AREAS["bases"]]
    )
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(action="quarter.import", object_type="areas.quarter", object_id=str(q.pk))
            for q in quarters
        ]
    )
    return {q.slug: q for q in Quarter.objects.all()}
