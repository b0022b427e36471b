"""The migrated test database: migrated once per test run, then copied.

Running every migration costs seconds, and each pytest-xdist worker (and each test that starts
an installation of its own in a temporary directory) would otherwise run them again. The first
process that needs a test database takes a file lock in the run's shared temporary directory,
lets Django migrate its own database and publishes it as the template; every other process
waits for the lock and copies it:

- SQLite: the in-memory test database written to `migrated.sqlite3` (SQLite's backup API),
  copied into each worker's in-memory database or into an installation's file;
  `migrated_sqlite()` builds the file with `manage.py migrate` where no process published it
  (a run on PostgreSQL);
- PostgreSQL: a template database `test_<name>_template_<run>`; each worker's test database is
  `CREATE DATABASE … TEMPLATE …`.

Django then finds every migration applied (`keepdb`) and only checks. See docs/architecture.md.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import subprocess  # noqa: S404  (our own manage.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def _locked(path: Path):
    """One process at a time across the test run (pytest-xdist workers share `path`)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate(env: dict) -> None:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--run-syncdb", "--no-input", "-v0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"migrating the template database failed:\n{done.stderr[-3000:]}")


def migrated_sqlite(shared: Path) -> Path:
    """A SQLite database file with every migration applied, built once per test run."""
    target = shared / "migrated.sqlite3"
    with _locked(shared / "migrated.sqlite3.lock"):
        if target.exists():
            return target
        workdir = shared / "migrating"
        workdir.mkdir(exist_ok=True)
        env = {**os.environ, "QUARTIER_VAR_DIR": str(workdir)}
        env.pop("DATABASE_URL", None)
        _migrate(env)
        # Everything into the main file (no write-ahead log beside it), then publish it.
        with contextlib.closing(sqlite3.connect(workdir / "db.sqlite3")) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("PRAGMA journal_mode=DELETE")
        os.replace(workdir / "db.sqlite3", target)
    return target


def copy_sqlite(template: Path, target: sqlite3.Connection) -> None:
    """Copy the template's pages into `target` (a file or an in-memory database)."""
    with contextlib.closing(sqlite3.connect(template)) as source:
        source.backup(target)


class _Lock:
    """An exclusive lock on a file shared by the run's processes, held until `release()`."""

    def __init__(self, path: Path):
        self.handle = path.open("a")
        fcntl.flock(self.handle, fcntl.LOCK_EX)

    def release(self) -> None:
        if not self.handle.closed:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()


class TestDatabase:
    """This process's test database. `copied`: made from the template (Django only checks its
    migrations); otherwise Django migrates it and `publish()` makes it the template, while the
    other processes wait for the lock."""

    def __init__(self, connection, shared: Path, run: str):
        self.connection = connection
        self.shared = shared
        self.run = run
        self.name = connection.creation._get_test_db_name()
        self.lock = _Lock(self._lock_path())
        self.copied = self._template_exists()
        if self.copied:
            try:
                self._copy()
            finally:
                self.lock.release()

    def publish(self) -> None:
        """After Django migrated this database: the template for the other processes."""
        if not self.copied:
            try:
                self._save_template()
            finally:
                self.lock.release()

    def close(self) -> None:
        self.lock.release()


class _SQLiteDatabase(TestDatabase):
    """An in-memory test database, kept alive by `holder` from the copy until the end."""

    holder: sqlite3.Connection | None = None

    def _lock_path(self) -> Path:
        return self.shared / "migrated.sqlite3.lock"

    def _template_exists(self) -> bool:
        return (self.shared / "migrated.sqlite3").exists()

    def _copy(self) -> None:
        self.holder = sqlite3.connect(self.name, uri=True)
        copy_sqlite(self.shared / "migrated.sqlite3", self.holder)

    def _save_template(self) -> None:
        partial = self.shared / "migrated.sqlite3.partial"
        with contextlib.closing(sqlite3.connect(partial)) as target:
            self.connection.ensure_connection()
            self.connection.connection.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        os.replace(partial, self.shared / "migrated.sqlite3")

    def close(self) -> None:
        super().close()
        if self.holder is not None:
            self.holder.close()


class _PostgreSQLDatabase(TestDatabase):
    """Test databases `CREATE DATABASE … TEMPLATE test_<name>_template`."""

    def _lock_path(self) -> Path:
        # Named after the run: a template left behind by an interrupted run is never used.
        self.template = f"test_{self.connection.settings_dict['NAME']}_template_{self.run}"
        return self.shared / f"{self.template}.lock"

    def _execute(self, sql: str, params=None):
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() if cursor.description else None

    def _template_exists(self) -> bool:
        found = self._execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.template])
        return bool(found)

    def _copy(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"')

    def _save_template(self) -> None:
        from django.db import connections

        connections.close_all()  # a template database must have no open connection
        self._execute(f'CREATE DATABASE "{self.template}" TEMPLATE "{self.name}"')

    def close(self) -> None:
        from django.db import connections

        super().close()
        connections.close_all()
        with _locked(self._lock_path()):
            # Nothing stays behind; a process that starts later migrates and publishes anew.
            if self.copied:
                self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')


def prepare(shared: Path, run: str) -> TestDatabase | None:
    """This process's test database, copied from the run's template where there is one; None
    where Django should simply migrate (other databases than the default SQLite in memory or
    PostgreSQL)."""
    from django.db import connections

    if len(connections.settings) != 1:
        return None
    connection = connections["default"]
    if connection.vendor == "sqlite":
        name = connection.creation._get_test_db_name()
        if not connection.creation.is_in_memory_db(name):
            return None
        return _SQLiteDatabase(connection, shared, run)
    if connection.vendor == "postgresql":
        return _PostgreSQLDatabase(connection, shared, run)
    return None
