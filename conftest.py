"""Persona fixtures shared by every test: one user per role, with the demo quarters; the test
database as a copy of the once-migrated template (testkit/databases.py)."""

import os
import uuid

import pytest
from django.test import Client

from quartier.accounts.models import Role
from testkit.factories import load_needs_taxonomy
from testkit.personas import make_user, totp_code  # noqa: F401  (tests import them here)


def _run_directory(tmp_path_factory):
    """The temporary directory all processes of this test run share (pytest-xdist workers)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def _test_database(request, django_db_modify_db_settings, django_db_blocker, tmp_path_factory):
    """This process's test database: a copy of the run's migrated template, or (the first
    process) migrated by Django and then the template (pytest-django's --reuse-db, --create-db
    and --nomigrations keep their own meaning)."""
    from testkit import databases

    option = request.config.getvalue
    if option("reuse_db") or option("create_db") or option("nomigrations"):
        yield None
        return
    with django_db_blocker.unblock():
        # pytest-xdist gives all workers of a run the same id.
        run = getattr(request.config, "workerinput", {}).get("testrunuid") or uuid.uuid4().hex
        database = databases.prepare(_run_directory(tmp_path_factory), run[:12])
    yield database
    if database is not None:
        with django_db_blocker.unblock():
            database.close()


@pytest.fixture(scope="session")
def django_db_keepdb(request, _test_database):
    # A copy is used as it is: Django finds every migration applied (removed at the end).
    copied = _test_database is not None and _test_database.copied
    return bool(request.config.getvalue("reuse_db")) or copied


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, _test_database, django_db_blocker):
    if _test_database is not None:
        with django_db_blocker.unblock():
            _test_database.publish()


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory):
    """A SQLite database file with every migration applied (copy it, do not write to it)."""
    from testkit import databases

    return databases.migrated_sqlite(_run_directory(tmp_path_factory))


def _worksteal_parts(count: int, workers: int) -> list[int]:
    """How many tests pytest-xdist's worksteal hands each worker at the start (then it
    balances by stealing from the longest queue)."""
    sizes = []
    for k in range(workers):
        sizes.append(count // (workers - k))
        count -= sizes[-1]
    return sizes


def _database_group(item) -> int:
    """pytest-django's order (as Django's): database tests in a transaction first, then those
    that commit and empty the tables afterwards, then the rest."""
    marker = item.get_closest_marker("django_db")
    commits = bool(marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))
    commits = commits or bool(marker and marker.kwargs.get("reset_sequences"))
    fixtures = getattr(item, "fixturenames", ())
    if commits or "transactional_db" in fixtures or "live_server" in fixtures:
        return 1
    return 0 if marker or "db" in fixtures else 2


def _slow_seconds(item) -> float:
    marker = item.get_closest_marker("slow")
    return marker.kwargs.get("seconds", 3) if marker else 0


@pytest.hookimpl(trylast=True)  # after `-m`/`-k` deselected: the parts xdist really hands out
def pytest_collection_modifyitems(config, items):
    """Tests marked `slow` start first, spread over the workers (heaviest first, each to the
    worker with the least so far; those that share a fixture together), so that no long test
    is left running alone at the end.
    Within a worker's part pytest-django's order stays: tests that empty the tables come after
    those that need the migrations' rows (slow tests without database go first of all)."""
    slow = [item for item in items if _slow_seconds(item)]
    if not slow:
        return
    workers = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    parts = _worksteal_parts(len(items), workers)
    heads: list[list] = [[] for _ in parts]
    load = [0.0] * workers
    for unit in _slow_units(slow):
        worker = min(range(workers), key=lambda k: (load[k], len(heads[k])))
        heads[worker] += unit
        load[worker] += sum(_slow_seconds(item) for item in unit)
    others = iter([item for item in items if not _slow_seconds(item)])
    ordered = []
    for head, size in zip(heads, parts, strict=True):
        part = head + [item for _, item in zip(range(size - len(head)), others, strict=False)]
        ordered += sorted(part, key=_run_order)
    items[:] = ordered + list(others)


def _slow_units(slow: list) -> list[list]:
    """The slow tests in units that go to one worker, heaviest first: tests marked
    `slow(shares=name)` share what a process-wide fixture built once (one unit per name),
    every other slow test is a unit of its own."""
    units: dict[str, list] = {}
    for item in slow:
        name = item.get_closest_marker("slow").kwargs.get("shares", item.nodeid)
        units.setdefault(name, []).append(item)
    weight = {name: sum(_slow_seconds(item) for item in unit) for name, unit in units.items()}
    return [units[name] for name in sorted(units, key=weight.__getitem__, reverse=True)]


def _run_order(item) -> tuple[int, bool]:
    group, slow = _database_group(item), bool(_slow_seconds(item))
    return (-1 if group == 2 and slow else group, not slow)


def _in_a_rolled_back_transaction(request) -> bool:
    """The test uses the database inside a transaction that is rolled back (pytest-django's
    `db`), not one that commits and empties the tables afterwards."""
    marker = request.node.get_closest_marker("django_db")
    if not marker and "_django_db_helper" not in request.fixturenames:
        return False
    commits = {"transactional_db", "live_server", "django_db_reset_sequences"}
    if commits & set(request.fixturenames):
        return False
    kwargs = marker.kwargs if marker else {}
    return not (kwargs.get("transaction") or kwargs.get("reset_sequences"))


@pytest.fixture(autouse=True)
def _rows_of_the_data_migrations(request):
    """Every test in a rolled-back transaction starts from what the migrations left: the
    default categories and the needs taxonomy. A test that commits empties the tables after
    itself, and pytest-xdist's worksteal may hand a later test to that process; the rows are
    then put back inside the test's transaction (and rolled back with it)."""
    if not _in_a_rolled_back_transaction(request):
        return
    request.getfixturevalue("_django_db_helper")
    from quartier.reports.models import ReportCategory
    from testkit.factories import load_default_categories

    if not ReportCategory.objects.exists():
        load_default_categories()
    load_needs_taxonomy()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Tasks run in-process in tests; test_worker.py uses the real database worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMO_MODE = False
    settings.MAP_TILE_URL = ""
    # Production hashes static file names after `collectstatic`; tests find them unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Persona passwords are hashed hundreds of times per run: PBKDF2 would dominate the suite.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The geocoder's index and large counts live in the process; every test starts from its
    # own database.
    from quartier.areas.addresses import forget
    from quartier.core import counting

    forget()
    counting.forget()


@pytest.fixture(scope="session")
def rendered_page_store() -> dict:
    """The pages `rendered_pages` (quartier/tests/test_permission_matrix.py) requested, kept
    for the process: the tests that read every page (the matrix, the placeholder check, the
    page titles) render them once; `slow(shares="rendered_pages")` keeps them on one worker."""
    return {}


@pytest.fixture
def migrations(transactional_db):
    """Moves the test database between migrations (`migrations.to(targets)`, returns the
    historic apps; testkit/migrations.py) and back to the latest ones after the test."""
    from testkit.migrations import Migrations

    moves = Migrations()
    yield moves
    moves.to_latest()


@pytest.fixture
def quarters(db):
    """The eight demo quarters and their bases, keyed by slug."""
    from testkit.factories import load_demo_quarters

    return load_demo_quarters()


@pytest.fixture
def quarter(quarters):
    return quarters["hardenbergviertel"]


@pytest.fixture
def other_quarter(quarters):
    return quarters["samtweberviertel"]


@pytest.fixture
def helper(quarter):
    return make_user("helferin", Role.HELPER, [quarter], first_name="Hanna")


@pytest.fixture
def other_helper(other_quarter):
    return make_user("helfer2", Role.HELPER, [other_quarter], first_name="Peter")


@pytest.fixture
def coordinator(quarters):
    return make_user("koordination", Role.COORDINATOR)


@pytest.fixture
def privacy_officer(quarters):
    return make_user("datenschutz", Role.PRIVACY_OFFICER)


@pytest.fixture
def admin_user(quarters):
    return make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    """An account with no role-specific rights: deactivated, as after leaving the programme."""
    return make_user("ehemalig", Role.HELPER, is_active=False)


@pytest.fixture
def client_for(db):
    """client_for(user) -> a Django test client logged in as that user (None: anonymous)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def short_demo_history(monkeypatch):
    """`load_demo` with eight weeks of lived-in history instead of a year: every kind of record,
    a sixth of the rows. For tests about loading the demo, not about its year of figures."""
    monkeypatch.setattr("quartier.routing.demo_lived_in.HISTORY_DAYS", 56)
    monkeypatch.setattr("quartier.residents.demo_lived_in.DAYS", 56)


@pytest.fixture
def wegweiser(quarters):
    """The demo Wegweiser (about twenty Krefeld senior services), keyed by name."""
    from quartier.directory import demo
    from quartier.directory.models import DirectoryEntry

    # Live-server tests flush the database after each test, and with it the needs taxonomy
    # that a data migration loaded: put it back the same way.
    load_needs_taxonomy()
    demo.load()
    return {entry.name: entry for entry in DirectoryEntry.objects.all()}
