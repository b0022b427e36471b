"""How the inbox search reaches its hits (ADR 0016): few hits are listed from the text index
first; many hits are tested row by row while the reports are walked newest first (PostgreSQL:
the stored `search_document` of each row, never `id IN (all hits)`). Both paths give the same
reports in the same order; the query plans are checked on PostgreSQL with EXPLAIN."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.reports import search_index
from quartier.reports.inbox_forms import ReportFilterForm
from quartier.reports.models import Report
from testkit.factories import categories, make_report

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's stored tsvector column"
)


@pytest.fixture
def cats(quarters):
    return categories()


@pytest.fixture
def mattresses(helper, cats):
    made = [
        make_report(helper, cats["muelleimer-voll"], description=f"Matratze am Zaun, Nr. {n}")
        for n in range(4)
    ]
    make_report(helper, cats["muelleimer-voll"], description="Korb voll")
    return made[::-1]  # newest first


def _page_sql(text: str, **filters) -> str:
    reports = Report.objects.filter(**filters).search(text).values_list("pk", flat=True)[:50]
    return str(reports.query)


def test_few_hits_are_listed_from_the_index_before_the_page(mattresses):
    """The (few) ids are read from the index first; the page is then `id IN (those ids)`."""
    with CaptureQueriesContext(connection) as queries:
        found = list(Report.objects.search("Zaun"))
    assert found == mattresses
    page = queries.captured_queries[-1]["sql"]
    assert "search_document" not in page and "MATCH" not in page, page
    assert '"reports_report"."id" IN (' in page, page
    assert all(str(report.pk) in page for report in found)


def test_many_hits_are_tested_row_by_row(mattresses, monkeypatch):
    monkeypatch.setattr("quartier.reports.models.DENSE_HITS", 2)
    sql = _page_sql("Zaun")
    if connection.vendor == "postgresql":
        assert '"reports_report".search_document @@ to_tsquery(' in sql, sql
        assert "IN (SELECT" not in sql, sql
    else:
        assert '+"reports_report"."id" IN (SELECT rowid FROM reports_report_fts' in sql, sql
    assert list(Report.objects.search("Zaun")) == mattresses


@pytest.mark.parametrize("dense_hits", [1, 2000])
def test_both_paths_follow_a_subquery_alias(mattresses, monkeypatch, dense_hits):
    monkeypatch.setattr("quartier.reports.models.DENSE_HITS", dense_hits)
    inner = Report.objects.search("Zaun").values("pk")
    assert list(Report.objects.filter(pk__in=inner)) == mattresses
    if connection.vendor == "postgresql" and dense_hits == 1:
        assert "U0.search_document @@" in str(Report.objects.filter(pk__in=inner).query)


def test_a_search_without_hits_reads_no_page(mattresses):
    """Nothing found in the index: the page and its count are not even asked for."""
    with CaptureQueriesContext(connection) as queries:
        assert list(Report.objects.search("Ölspur")) == []
        assert Report.objects.search("Ölspur").count() == 0
    sqls = [q["sql"] for q in queries.captured_queries]
    assert not any('ORDER BY "reports_report"."created_at"' in sql for sql in sqls), sqls
    assert not any("COUNT(" in sql.upper() and "reports_report_fts" not in sql
                   and "search_document" not in sql for sql in sqls), sqls  # fmt: skip


@postgresql_only
def test_words_frequent_among_the_newest_reports_skip_the_index(mattresses, monkeypatch):
    """The bounded walk over the newest reports decides "many" without the GIN index."""
    monkeypatch.setattr(search_index, "RECENT_HITS", 3)
    with CaptureQueriesContext(connection) as queries:
        assert list(Report.objects.search("Zaun")) == mattresses
    sqls = [q["sql"] for q in queries.captured_queries]
    assert not any("enable_seqscan" in sql for sql in sqls), sqls
    assert any(".search_document @@" in sql and "ORDER BY" in sql for sql in sqls), sqls


@postgresql_only
def test_the_index_lookup_puts_the_planner_settings_back(mattresses):
    assert list(Report.objects.search("Korb")) != []
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        seqscan = cursor.fetchone()[0]
        cursor.execute("SHOW enable_indexscan")
        assert (seqscan, cursor.fetchone()[0]) == ("on", "on")


@postgresql_only
def test_the_ids_come_from_a_bitmap_scan_of_the_gin_index(mattresses):
    sql, params = search_index.matching_ids("postgresql", "Matratze")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql} LIMIT 2000", params)  # noqa: S608 - module constants
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
        cursor.execute("SET LOCAL enable_indexscan = on")
    assert f"Bitmap Index Scan on {search_index.PG_INDEX}" in plan, plan


@postgresql_only
def test_many_hits_walk_the_date_index_newest_first(mattresses, monkeypatch):
    """The page is a walk over a date index with a per-row test, never a collection of every
    hit first (SubPlan, Hash). Sequential and bitmap scans are ruled out for the EXPLAIN: this
    table is tiny and would be read whole, a large one is walked (docs/benchmarks.md)."""
    monkeypatch.setattr("quartier.reports.models.DENSE_HITS", 2)
    reports = Report.objects.filter(status="new").search("Zaun")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plan = reports.values_list("pk", flat=True)[:50].explain()
        cursor.execute("SET LOCAL enable_seqscan = on")
        cursor.execute("SET LOCAL enable_bitmapscan = on")
    assert "Index" in plan and "created" in plan, plan
    assert "SubPlan" not in plan and "Hash" not in plan, plan


def test_open_reports_searched_are_tested_row_by_row_on_sqlite(mattresses):
    """SQLite would read every open report from the status index and sort them; while
    searching it walks the date index and tests the status per row. Same reports."""
    form = ReportFilterForm(data={"status": "open", "suche": "Zaun"})
    assert form.is_valid(), form.errors
    searched = form.filter(Report.objects.all())
    sql = str(searched.query)
    if connection.vendor == "sqlite":
        assert '+"reports_report"."status" IN' in sql, sql
    else:
        assert '"reports_report"."status" IN' in sql and '+"reports_report"."status"' not in sql
    assert list(searched) == list(Report.objects.open().search("Zaun")) == mattresses
