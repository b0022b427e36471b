"""What may be published about reports: one rule for the Open311 API and the public pages.

- only reports of public categories (and not under a non-public parent);
- "Menschen in Not" (reports about people rather than places) never, whatever its settings;
- coordinates rounded to 4 decimals (about 10 m), to 3 (about 100 m) for reports filed on
  behalf of a resident, which may lie at that person's door;
- never a reporter, a resident, a photo or an internal note (callers pick fields, this module
  says which reports and how precisely).
"""

from __future__ import annotations

from django.db.models import Q

from quartier.reports.models import Report, ReportCategory, ReportSource

# Categories about people rather than places; never shown, whatever their settings.
NEVER_EXPOSED_CODES = frozenset({"menschen-in-not"})
COORDINATE_DECIMALS = 4
RESIDENT_COORDINATE_DECIMALS = 3


def public_report_filter(prefix: str = "") -> Q:
    """The filter for published reports; `prefix` for a related model ("report__")."""
    return (
        Q(**{f"{prefix}category__is_public": True})
        & ~Q(**{f"{prefix}category__code__in": NEVER_EXPOSED_CODES})
        & ~Q(**{f"{prefix}category__parent__is_public": False})
        & ~Q(**{f"{prefix}category__parent__code__in": NEVER_EXPOSED_CODES})
    )


def published_categories():
    """The categories whose reports are published (the same rule, read on the categories)."""
    return (
        ReportCategory.objects.filter(is_public=True)
        .exclude(code__in=NEVER_EXPOSED_CODES)
        .exclude(parent__is_public=False)
        .exclude(parent__code__in=NEVER_EXPOSED_CODES)
    )


def published_reports():
    """Reports of public categories, whatever their category's active flag."""
    return Report.objects.filter(public_report_filter())


def is_for_resident(source: str) -> bool:
    return source == ReportSource.ON_BEHALF


def rounded(latitude: float, longitude: float, source: str) -> tuple[float, float]:
    """The location as published (see the module docstring)."""
    decimals = RESIDENT_COORDINATE_DECIMALS if is_for_resident(source) else COORDINATE_DECIMALS
    return round(latitude, decimals), round(longitude, decimals)
