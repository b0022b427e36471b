"""Small helpers to create categories and reports for the coordinator-side tests."""

from __future__ import annotations

from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory

# Inside the demo quarter Hardenbergviertel and Samtweberviertel (see areas/demo.py).
HARDENBERG = (51.3180, 6.5680)
SAMTWEBER = (51.3320, 6.5470)


def categories() -> dict[str, ReportCategory]:
    """A few categories by code; created if missing (works with or without a default set)."""
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
    report, _ = submit_report(
        reporter=reporter,
        category=category,
        latitude=where[0],
        longitude=where[1],
        description=description,
        **extra,
    )
    return report
