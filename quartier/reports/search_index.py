"""The full-text index of reports (description and address) in the database.

SQLite: an FTS5 table `reports_report_fts` (one column, the folded text; no copy of the text)
kept in step by triggers; queries look for prefixes of the words' stems
(`textsearch.fts5_words_query`). PostgreSQL: a stored generated column `search_document`,
`to_tsvector('german', quartier_fold(description || ' ' || address))`, with a GIN index; queries
go through `to_tsquery('german', …)` (the Snowball German stemmer on both sides). The column is
not a model field (no other code reads or writes it; PostgreSQL keeps it in step). Because the
row holds its tsvector, a search with many hits can walk the reports newest first and test each
row cheaply (`row_matches`) instead of collecting every hit (`matching_ids`). See ADR 0016.

Category names are not in the index: they are few and change; `ReportQuerySet.search` matches
them in Python and looks for their ids.
"""

# ruff: noqa: S608 - SQL from this module's constants only; what users type is a parameter

from __future__ import annotations

from django.db import connections, models, transaction
from django.db.models import F

from quartier.core import textsearch

FTS_TABLE = "reports_report_fts"
TRIGGERS = ("reports_report_fts_insert", "reports_report_fts_delete", "reports_report_fts_update")
PG_COLUMN = "search_document"
PG_INDEX = "report_search_document_idx"
# Before the stored column: a GIN index on the tsvector expression (dropped by `install`).
PG_EXPRESSION_INDEX = "report_text_search_idx"


def _document(row: str) -> str:
    return textsearch.sqlite_fold(f"{row}.description || ' ' || {row}.address")


def _sqlite_statements() -> list[str]:
    new, old = _document("new"), _document("old")
    delete = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, doc) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {FTS_TABLE}(rowid, doc) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(doc, content='', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[0]} AFTER INSERT ON reports_report "
        f"BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[1]} AFTER DELETE ON reports_report "
        f"BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[2]} AFTER UPDATE OF description, address "
        f"ON reports_report BEGIN {delete} {insert} END",
    ]


PG_DOCUMENT = "to_tsvector('german'::regconfig, quartier_fold(description || ' ' || address))"
PG_QUERY = "to_tsquery('german'::regconfig, %s)"


def _pg_statements() -> list[str]:
    """Install the stored column and its index (idempotent). Adding the column rewrites the
    table once: about a minute at 1 000 000 reports (docs/benchmarks.md)."""
    return [
        textsearch.postgresql_fold_function(),
        f"ALTER TABLE reports_report ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED",
        f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON reports_report USING gin ({PG_COLUMN})",
        f"DROP INDEX IF EXISTS {PG_EXPRESSION_INDEX}",
        "ANALYZE reports_report",  # the planner's word frequencies for the new column
    ]


def install(connection) -> None:
    """Create the index (and, on SQLite, fill it from the existing reports)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in _sqlite_statements():
                cursor.execute(statement)
            rebuild(connection)
        elif connection.vendor == "postgresql":
            for statement in _pg_statements():
                cursor.execute(statement)


def uninstall(connection) -> None:
    textsearch.drop_text_index(
        connection, triggers=TRIGGERS, fts_table=FTS_TABLE, pg_index=PG_INDEX
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE reports_report DROP COLUMN IF EXISTS {PG_COLUMN}")


def rebuild(connection) -> None:
    """SQLite: index every report again (after the table was rebuilt by a migration)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, doc) SELECT id, {_document('reports_report')} "
            "FROM reports_report"
        )


def ensure(using: str = "default", **kwargs) -> None:
    """After `migrate` (post_migrate): on SQLite, a migration that rebuilds the reports table
    drops its triggers; put them back and re-index, so the index never goes stale."""
    connection = connections[using]
    if textsearch.sqlite_triggers_lost(connection, triggers=TRIGGERS, fts_table=FTS_TABLE):
        install(connection)


def matching_ids(vendor: str, text: str) -> tuple[str, list[str]] | None:
    """A subquery (SQL and parameters) of the ids of reports whose text matches every word
    of `text`; None if the text holds no word. Self-contained, so it can be used under any
    table alias (`pk__in=RawSQL(...)`)."""
    if vendor == "postgresql":
        query = textsearch.tsquery(text)
        if not query:
            return None
        return f"SELECT id FROM reports_report WHERE {PG_COLUMN} @@ {PG_QUERY}", [query]
    query = textsearch.fts5_words_query(text)
    if not query:
        return None
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query]


class DocumentMatches(models.Func):
    """PostgreSQL: `<reports table>.search_document @@ to_tsquery('german', …)`, under whatever
    alias the query gives the reports table (its primary key column is carried along, so a
    subquery's relabelled alias is followed). A cheap test of one row, for walks over an index
    in date order."""

    output_field = models.BooleanField()

    def __init__(self, query: str):
        super().__init__(F("pk"))
        self.query = query

    def as_sql(self, compiler, connection, **extra_context):
        alias = compiler.quote_name_unless_alias(self.get_source_expressions()[0].alias)
        return f"{alias}.{PG_COLUMN} @@ {PG_QUERY}", [self.query]


def row_matches(vendor: str, text: str) -> DocumentMatches | None:
    """PostgreSQL: a condition on a report that holds if it matches every word of `text`;
    None if the text holds no word or the database keeps no document per row (SQLite: use
    `matching_ids`)."""
    if vendor != "postgresql":
        return None
    query = textsearch.tsquery(text)
    return DocumentMatches(query) if query else None


# PostgreSQL: a search is "many hits" when the newest RECENT_ROWS reports hold at least
# RECENT_HITS of them (a bounded walk, newest first: 1 in 400 or more).
RECENT_ROWS = 10_000
RECENT_HITS = 25
PLANS_OTHER_THAN_A_BITMAP = ("enable_seqscan", "enable_indexscan")


def few_matching_ids(connection, text: str, limit: int) -> list[int] | None:
    """The ids of the reports that match `text` if there are fewer than `limit`, else None:
    too many to list, test each row while walking the reports newest first instead.

    PostgreSQL first walks the newest reports a bounded way (`RECENT_ROWS`): a word found
    often there is "many" without asking the index for all its hits; otherwise the ids come
    from the GIN index (the planner is not left to guess how rare the word is). SQLite reads
    at most `limit` entries of the FTS5 index."""
    found = matching_ids(connection.vendor, text)
    if found is None:
        return []
    sql, params = found
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if _many_recent_hits(cursor, params[0]):
                return None
            ids = _ids_from_the_gin_index(cursor, sql, params, limit)
        else:
            cursor.execute(f"{sql} LIMIT {int(limit)}", params)
            ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) < limit else None


def _many_recent_hits(cursor, query: str) -> bool:
    cursor.execute(
        "SELECT count(*) FROM (SELECT 1 FROM (SELECT search_document FROM reports_report "
        f"ORDER BY created_at DESC LIMIT {RECENT_ROWS}) AS recent "
        f"WHERE search_document @@ {PG_QUERY} LIMIT {RECENT_HITS}) AS hits",
        [query],
    )
    return cursor.fetchone()[0] >= RECENT_HITS


def _ids_from_the_gin_index(cursor, sql: str, params: list[str], limit: int) -> list[int]:
    """At most `limit` ids read through the GIN index (a bitmap scan: for this one statement
    no other plan is allowed; the settings are put back after it)."""
    with transaction.atomic(using=cursor.db.alias):
        for setting in PLANS_OTHER_THAN_A_BITMAP:
            cursor.execute(f"SET LOCAL {setting} = off")
        try:
            cursor.execute(f"{sql} LIMIT {int(limit)}", params)
            return [row[0] for row in cursor.fetchall()]
        finally:
            for setting in PLANS_OTHER_THAN_A_BITMAP:
                cursor.execute(f"SET LOCAL {setting} = on")
