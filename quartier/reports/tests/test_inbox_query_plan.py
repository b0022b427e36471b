"""The inbox's category + quarter + date filter is read from an index (EXPLAIN QUERY PLAN)."""

import pytest
from django.db import connection

from quartier.reports.inbox_forms import ReportFilterForm
from quartier.reports.models import Report


def _filtered(quarter, category, **extra):
    form = ReportFilterForm(
        data={"kategorie": category.pk, "quartier": quarter.pk, "von": "2026-01-01", **extra}
    )
    assert form.is_valid(), form.errors
    return form.filter(Report.objects.all())


def test_a_top_level_category_is_resolved_to_ids_first(litter, quarter):
    parent = litter.parent
    sql = str(_filtered(quarter, parent).query)
    assert "parent_id" not in sql
    assert f'"category_id" IN ({parent.pk}, ' in sql
    assert str(litter.pk) in sql


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN text")
@pytest.mark.parametrize("status", ["", "open"])
def test_category_quarter_and_date_use_the_composite_index(litter, quarter, status):
    """The count behind the inbox's pager (unordered) is read from (quarter, category,
    created_at); the page itself, newest first with a LIMIT, may walk (quarter, created_at)."""
    reports = _filtered(quarter, litter.parent, status=status)
    plan = reports.order_by().explain()
    assert "report_quarter_category_idx" in plan, plan
    assert "SCAN" not in plan, plan
    assert "SCAN" not in reports.explain(), reports.explain()
    assert reports.count() == 0
