"""The Wegweiser's text index in the database: finds the candidates of a search, which
`core.textsearch` then ranks (name before topics before description, own word before synonym).

Word parts matter here ("Treff" finds "Seniorentreff"), so the index looks for substrings:
SQLite an FTS5 table with the trigram tokenizer (`directory_entry_fts`, kept in step by
triggers), PostgreSQL a pg_trgm GIN index on `quartier_fold(name || provider || description)`.
Topics are matched in Python (a few hundred names) and looked up by id. See ADR 0016.
"""

# ruff: noqa: S608 - SQL from this module's constants only; what users type is a parameter

from __future__ import annotations

from django.db import connections

from quartier.core import textsearch

FTS_TABLE = "directory_entry_fts"
TABLE = "directory_directoryentry"
TRIGGERS = (
    "directory_entry_fts_insert",
    "directory_entry_fts_delete",
    "directory_entry_fts_update",
)
PG_INDEX = "directory_entry_text_trgm_idx"
PG_DOCUMENT = "quartier_fold({t}name || ' ' || {t}provider || ' ' || {t}description)"


def _document(row: str) -> str:
    return textsearch.sqlite_fold(
        f"{row}.name || ' ' || {row}.provider || ' ' || {row}.description"
    )


def _sqlite_statements() -> list[str]:
    new, old = _document("new"), _document("old")
    delete = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, doc) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {FTS_TABLE}(rowid, doc) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(doc, content='', "
        "tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[0]} AFTER INSERT ON {TABLE} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[1]} AFTER DELETE ON {TABLE} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[2]} AFTER UPDATE OF name, provider, description "
        f"ON {TABLE} BEGIN {delete} {insert} END",
    ]


def install(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in _sqlite_statements():
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, doc) SELECT id, {_document(TABLE)} FROM {TABLE}"
            )
        elif connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(textsearch.postgresql_fold_function())
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {TABLE} USING gin "
                f"({PG_DOCUMENT.format(t='')} gin_trgm_ops)"
            )


def uninstall(connection) -> None:
    textsearch.drop_text_index(
        connection, triggers=TRIGGERS, fts_table=FTS_TABLE, pg_index=PG_INDEX
    )


def ensure(using: str = "default", **kwargs) -> None:
    """After `migrate`: put back triggers that a table rebuild on SQLite dropped."""
    connection = connections[using]
    if textsearch.sqlite_triggers_lost(connection, triggers=TRIGGERS, fts_table=FTS_TABLE):
        install(connection)


def matching_ids(vendor: str, word: str) -> tuple[str, list[str]] | None:
    """A subquery (SQL and parameters) of the ids of entries whose text holds one of the
    word's stems (each at least three letters); None if the word is too short for the
    index. Self-contained, so it can be used under any table alias."""
    if vendor == "postgresql":
        terms = sorted(textsearch.alternatives(word))
        if not terms or any(len(t) < 3 for t in terms):
            return None
        document = PG_DOCUMENT.format(t="")
        sql = " OR ".join(f"{document} LIKE %s" for _ in terms)
        return f"SELECT id FROM {TABLE} WHERE {sql}", [f"%{term}%" for term in terms]
    query = textsearch.fts5_substring_query(word)
    if not query:
        return None
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query]
