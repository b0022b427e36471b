"""The database's data version: equal versions mean nothing was committed in between.

Used to keep answers and page parts while the data is unchanged (Open311 answers, ADR 0017;
the reports inbox's listing, ADR 0023):

- SQLite: `PRAGMA data_version` (changes when another connection commits) plus the
  connection's `total_changes` (its own writes); as these only compare within a connection,
  a process-wide generation moves on whenever a thread's connection shows a change.
- PostgreSQL: the text of `pg_current_snapshot()` (xmin, xmax, transactions in progress):
  equal texts mean no transaction has committed or started writing in between.
- Any other database, or inside a transaction (whose writes may still be rolled back): None.

Read the version *before* building what is kept: the kept thing is then at most as old as
its version says.
"""

from __future__ import annotations

import threading

from django.db import connection

_lock = threading.Lock()
_seen = threading.local()  # per thread, as Django's connections are
_generation = [0]


def _sqlite_version():
    """A process-wide generation, moved on whenever any thread's connection sees a change.

    `data_version` only compares within one connection, so each thread remembers what its
    connection showed last; a new connection counts as a change (its history is unknown).
    """
    raw = connection.connection
    (data_version,) = raw.execute("PRAGMA data_version").fetchone()
    now_seen = (data_version, raw.total_changes)
    if getattr(_seen, "raw", None) is not raw or _seen.state != now_seen:
        with _lock:
            _generation[0] += 1
        _seen.raw, _seen.state = raw, now_seen
    return _generation[0]


def _postgresql_version():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_snapshot()::text")
        return cursor.fetchone()[0]


_VERSIONS = {"sqlite": _sqlite_version, "postgresql": _postgresql_version}


def current():
    """The data version now, None when nothing may be kept (transaction, other database)."""
    if connection.in_atomic_block:
        return None
    read = _VERSIONS.get(connection.vendor)
    if read is None:
        return None
    connection.ensure_connection()
    return read()
