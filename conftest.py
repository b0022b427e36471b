"""Persona fixtures shared by every test: one user per role, with the demo quarters."""

import pytest
from django.test import Client

from quartier.accounts.models import Role
from testkit.factories import load_needs_taxonomy
from testkit.personas import make_user, totp_code  # noqa: F401  (tests import them here)


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
    # The geocoder's index lives in the process; every test starts from its own database.
    from quartier.areas.addresses import forget

    forget()


@pytest.fixture
def quarters(db):
    """The eight demo quarters and their bases, keyed by slug."""
    from quartier.areas import demo
    from quartier.areas.models import Quarter

    demo.load()
    return {q.slug: q for q in Quarter.objects.all()}


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
def wegweiser(quarters):
    """The demo Wegweiser (about twenty Krefeld senior services), keyed by name."""
    from quartier.directory import demo
    from quartier.directory.models import DirectoryEntry

    # Live-server tests flush the database after each test, and with it the needs taxonomy
    # that a data migration loaded: put it back the same way.
    load_needs_taxonomy()
    demo.load()
    return {entry.name: entry for entry in DirectoryEntry.objects.all()}
